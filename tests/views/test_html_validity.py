"""Every public page type is valid HTML (the Nu checker), on the demo content: the
pages tests/views/test_archive.py checks on small data, and the rest."""

import io

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from columns import intake
from columns.models import Answer, Column, Question
from tests.htmlcheck import nu_errors

pytestmark = pytest.mark.django_db

LETTER = (
    "My boyfriend and I have been together a year and I still feel shy about "
    "asking for what I like. How do I start that conversation?"
)


def page(response, status: int = 200) -> str:
    assert response.status_code == status, response.request["PATH_INFO"]
    return response.content.decode()


def test_every_public_page_type_is_valid_html(client):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    answer = Answer.objects.get(slug="what-actually-happens-at-an-sti-test")
    nsfw = Answer.objects.get(slug="how-to-ask-your-partner-to-try-something-new")
    withdrawn = Answer.objects.filter(state=Answer.State.WITHDRAWN).first()
    column = answer.column
    closed = Column.objects.filter(is_open=False).first()
    published = timezone.localtime(answer.publish_at)
    year, month = f"{published:%Y}", f"{published:%m}"
    printed = answer.letters.first().question
    token = intake.new_form_token()
    received, code = intake.receive_letter(
        column, text=LETTER, sign_off="Shy", topic=None, form_token=token
    )
    answer.letters.create(question=received, position=2)
    ask = reverse("columns:ask", args=[column.slug])
    status = reverse("columns:letter_status")
    search = reverse("columns:search")

    pages = {
        "home": page(client.get(reverse("columns:home"))),
        "column": page(
            client.get(reverse("columns:column_detail", args=[column.slug]))
        ),
        "topic": page(client.get(reverse("columns:topic_detail", args=["pain"]))),
        "archive index": page(client.get(reverse("columns:archive_index"))),
        "columns index": page(client.get(reverse("columns:columns_index"))),
        "topics index": page(client.get(reverse("columns:topics_index"))),
        "back soon": render_to_string("503.html"),
        "archive year": page(client.get(reverse("columns:archive_year", args=[year]))),
        "archive month": page(
            client.get(reverse("columns:archive_month", args=[year, month]))
        ),
        "answer page": page(client.get(answer.get_absolute_url())),
        "content notice": page(client.get(nsfw.get_absolute_url())),
        "answer behind a notice": page(client.get(nsfw.get_absolute_url() + "read/")),
        "withdrawn answer": page(client.get(withdrawn.get_absolute_url()), 410),
        "search form": page(client.get(search)),
        "search results": page(client.get(search, {"q": "partner"})),
        "search, past the last page": page(
            client.get(search, {"q": "sex", "page": "2"}), 404
        ),
        "search without results": page(client.get(search, {"q": "zeppelin"})),
        "search, unknown topic": page(
            client.get(search, {"q": "sex", "topic": "nope"}), 400
        ),
        "ask index": page(client.get(reverse("columns:ask_index"))),
        "ask form": page(client.get(ask)),
        "ask form, closed column": page(
            client.get(reverse("columns:ask", args=[closed.slug]))
        ),
        "ask form with errors": page(
            client.post(ask, {"text": "Too short", "form_token": "x"}), 400
        ),
        "ask form with suggestions": page(
            client.post(
                reverse("columns:suggestions", args=[column.slug]),
                {"text": "What happens at an STI test?", "form_token": token},
            )
        ),
        "thank-you page": page(
            client.post(
                ask,
                {
                    "text": LETTER + " Thank you.",
                    "sign_off": "Shy again",
                    "form_token": intake.new_form_token(),
                },
            )
        ),
        "thank-you page with help": page(
            client.post(
                ask,
                {
                    "text": LETTER + " Some nights I think about suicide.",
                    "form_token": intake.new_form_token(),
                },
            )
        ),
        "about": page(client.get(reverse("columns:about"))),
        "privacy": page(client.get(reverse("columns:privacy"))),
        "status form": page(client.get(status)),
        "status: answered": page(client.post(status, {"code": code})),
        "status: unknown code": page(client.post(status, {"code": "A" * 28}), 404),
        "not found": page(client.get("/no-such-page/"), 404),
    }

    assert Question.objects.filter(sign_off="Shy again").exists()
    assert printed.headline in pages["answer page"]
    assert "tel:116123" in pages["thank-you page with help"]
    assert nu_errors(pages) == {}
