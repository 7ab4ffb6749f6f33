"""Staff routes under /desk/answers/: the answer editor, revisions, review, and the
endpoints of markdownx's live preview and image upload (behind staff login and
CSRF; ``MARKDOWNX_URLS_PATH`` and ``MARKDOWNX_UPLOAD_URLS_PATH`` point here)."""

from django.urls import path

from columns.views.editor import history, live, pages, review
from columns.views.editor.steps import STEPS

app_name = "editor"

urlpatterns = [
    path("", pages.answer_list, name="answer_list"),
    path("markdownx/markdownify/", live.markdownify, name="markdownify"),
    path("markdownx/upload/", live.upload, name="upload"),
    path("<int:pk>/", pages.answer_edit, name="answer_edit"),
    path("<int:pk>/preview/", pages.answer_preview, name="answer_preview"),
    path("<int:pk>/presence/", live.heartbeat, name="presence"),
    path("<int:pk>/autosave/", live.autosave, name="autosave"),
    path("<int:pk>/revisions/", history.revision_list, name="revision_list"),
    path("<int:pk>/revisions/compare/", history.revision_diff, name="revision_diff"),
    path(
        "<int:pk>/revisions/<int:number>/",
        history.revision_detail,
        name="revision_detail",
    ),
    path(
        "<int:pk>/revisions/<int:number>/restore/",
        history.revision_restore,
        name="revision_restore",
    ),
    path("<int:pk>/comments/", review.comment_add, name="comment_add"),
    path(
        "<int:pk>/comments/<int:comment_pk>/resolve/",
        review.comment_resolve,
        name="comment_resolve",
    ),
    path("<int:pk>/reviewed/", review.mark_reviewed, name="mark_reviewed"),
    path("<int:pk>/letters/move/", review.letter_move, name="letter_move"),
    *(
        path(
            f"<int:pk>/{name.replace('_', '-')}/",
            review.take_step,
            {"step": name},
            name=name,
        )
        for name in STEPS
    ),
]
