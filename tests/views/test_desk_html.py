"""The desk's pages are valid HTML (the Nu checker), in every state that renders
something different."""

import pytest
from django.test import Client
from django.urls import reverse

from columns import workflow
from columns.models import Topic
from tests.factories import make_column, make_content_warning, make_question
from tests.htmlcheck import nu_errors

pytestmark = pytest.mark.django_db


def test_the_desk_pages_are_valid_html(client, editor, columnist):
    column = make_column()
    Topic.objects.create(name="Trust", slug="trust")
    make_content_warning(label="Infidelity")
    letter = make_question(
        column=column,
        public_text="He snores every night; mail me at jo@example.com.",
        safety_flag=True,
    )
    make_question(column=column, public_text="He snores every night, what to do?")
    assigned = make_question(column=column)
    workflow.assign(assigned, to=columnist, by=editor)
    declined = make_question(column=column)
    workflow.decline(declined, by=editor)
    client.force_login(editor)
    pages = {
        name: client.get(url).content.decode()
        for name, url in {
            "dashboard": reverse("desk:dashboard"),
            "queue": reverse("desk:queue") + "?status=all",
            "triage": reverse("desk:letter", args=[letter.pk]) + "?find=snores",
            "triage, assigned": reverse("desk:letter", args=[assigned.pk]),
        }.items()
    }
    pages["bulk confirmation"] = client.post(
        reverse("desk:bulk"),
        {"letters": [letter.pk, declined.pk], "action": "assign"},
    ).content.decode()
    pages["triage, stale edit"] = client.post(
        reverse("desk:letter_edit", args=[letter.pk]),
        {"version": 0, "public_text": "x", "sign_off": "y"},
    ).content.decode()
    columnist_client = Client()
    columnist_client.force_login(columnist)
    pages["columnist dashboard"] = columnist_client.get(
        reverse("desk:dashboard")
    ).content.decode()
    pages["columnist letter"] = columnist_client.get(
        reverse("desk:letter", args=[assigned.pk])
    ).content.decode()
    pages["queue, bad filters"] = client.get(
        reverse("desk:queue") + "?after=x&age=2"
    ).content.decode()
    pages["login"] = Client().get(reverse("desk:login")).content.decode()
    pages["login, refused"] = (
        Client()
        .post(reverse("desk:login"), {"username": "editor", "password": "wrong"})
        .content.decode()
    )

    assert nu_errors(pages) == {}
