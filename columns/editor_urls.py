"""Staff routes under /desk/answers/: the answer editor, revisions, review."""

app_name = "editor"

urlpatterns: list = []
