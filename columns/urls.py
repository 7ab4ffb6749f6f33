from django.urls import path

from columns.views import archive, intake

app_name = "columns"

urlpatterns = [
    path("", archive.home, name="home"),
    path("ask/", intake.ask_index, name="ask_index"),
    path("ask/status/", intake.letter_status, name="letter_status"),
    path("columns/<slug:slug>/ask/", intake.ask, name="ask"),
    path(
        "columns/<slug:column_slug>/<slug:slug>/",
        archive.answer_detail,
        name="answer_detail",
    ),
]
