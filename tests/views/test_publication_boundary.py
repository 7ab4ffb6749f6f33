"""Nothing unpublished, scheduled for later or withdrawn appears on any public
surface: pages, search, suggestions, feeds, sitemap, related, previous/next, counts.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from columns import links
from columns.models import Answer
from tests.factories import make_column, make_published_answer, make_question

HIDDEN_STATES = [
    "draft",
    "in_review",
    "changes_requested",
    "approved",
    "withdrawn",
    "scheduled",
]


@pytest.fixture(params=HIDDEN_STATES)
def answers(request, db):
    """A public answer and a hidden one (in the parametrized state) sharing column,
    topic, month and words; the hidden one is the newer."""
    column = make_column(slug="sheets")
    now = timezone.now()
    visible = make_published_answer(
        column=column, title="Visible quokka answer", topics=("quokkas",),
        publish_at=now - timedelta(minutes=20),
    )  # fmt: skip
    letter = make_question(column=column, public_text="Hidden quokka letter text.")
    hidden = make_published_answer(
        questions=[letter], title="Hidden quokka answer", topics=("quokkas",),
        publish_at=now - timedelta(minutes=10),
    )  # fmt: skip
    if request.param == "scheduled":
        Answer.objects.filter(pk=hidden.pk).update(publish_at=now + timedelta(hours=1))
    else:
        Answer.objects.filter(pk=hidden.pk).update(state=request.param)
    # What the task that follows such a change does: relink the answers around it.
    links.refresh(hidden, now)
    return visible, hidden


def month_url(answer: Answer) -> str:
    local = timezone.localtime(answer.publish_at)
    return reverse("columns:archive_month", args=[f"{local:%Y}", f"{local:%m}"])


SURFACES = {
    "home": lambda client, visible: client.get(reverse("columns:home")),
    "column": lambda client, visible: client.get(
        reverse("columns:column_detail", args=["sheets"])
    ),
    "topic": lambda client, visible: client.get(
        reverse("columns:topic_detail", args=["quokkas"])
    ),
    "month": lambda client, visible: client.get(month_url(visible)),
    "search": lambda client, visible: client.get(
        reverse("columns:search") + "?q=quokka"
    ),
    "suggestions": lambda client, visible: client.post(
        reverse("columns:suggestions", args=["sheets"]),
        {"text": "quokka answer quokka letter text"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    ),
    "answer page (related, previous/next)": lambda client, visible: client.get(
        visible.get_absolute_url()
    ),
    "rss": lambda client, visible: client.get(reverse("columns:feed")),
    "atom": lambda client, visible: client.get(reverse("columns:feed_atom")),
    "column feed": lambda client, visible: client.get(
        reverse("columns:column_feed", args=["sheets"])
    ),
    "topic feed": lambda client, visible: client.get(
        reverse("columns:topic_feed_atom", args=["quokkas"])
    ),
    "sitemap": lambda client, visible: client.get(
        reverse(
            "columns:sitemap_section",
            args=[timezone.localtime(visible.publish_at).strftime("answers-%Y-%m")],
        )
    ),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_hidden_answers_appear_on_no_public_surface(client, answers, surface):
    visible, hidden = answers
    response = SURFACES[surface](client, visible)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Hidden quokka" not in text
    assert hidden.slug not in text
    if surface != "answer page (related, previous/next)":
        assert "Visible quokka answer" in text or visible.slug in text


def test_a_hidden_answer_is_not_counted_in_the_date_archive(client, answers):
    visible, _ = answers
    year = timezone.localtime(visible.publish_at).year
    page = client.get(reverse("columns:archive_year", args=[year])).content.decode()
    assert "(1 answer)" in page


def test_a_hidden_answer_has_no_public_url(client, answers):
    _, hidden = answers
    hidden.refresh_from_db()
    expected = 410 if hidden.state == Answer.State.WITHDRAWN else 404
    assert client.get(hidden.get_absolute_url()).status_code == expected
    url = hidden.get_absolute_url() + "?show=1"
    assert client.get(url).status_code == expected
