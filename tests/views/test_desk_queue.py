"""The review queue over HTTP: filters, search, sort and keyset paging."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from columns import workflow
from columns.models import Question, Topic
from columns.views.desk.queue import waited
from tests.factories import make_column, make_question, make_questions

pytestmark = pytest.mark.django_db


def queue_ids(client, query: str = "") -> list[int]:
    response = client.get(reverse("desk:queue") + query)
    assert response.status_code == 200
    return [row.letter.pk for row in response.context["rows"]]


def test_the_queue_shows_waiting_letters_oldest_first_by_default(client, editor):
    letters = make_questions(3)
    workflow.decline(letters[1], by=editor)
    client.force_login(editor)
    assert queue_ids(client) == [letters[0].pk, letters[2].pk]
    assert queue_ids(client, "?sort=newest") == [letters[2].pk, letters[0].pk]


def test_each_queue_row_shows_excerpt_column_sign_off_age_topics_and_flags(
    client, editor
):
    column = make_column(name="Body Check")
    letter = make_question(
        column=column,
        public_text="Is it normal? Mail me at jo@example.com",
        sign_off="Worried in Wales",
        safety_flag=True,
    )
    letter.topics.add("Anatomy")
    client.force_login(editor)
    page = client.get(reverse("desk:queue")).content.decode()
    for expected in [
        "Is it normal? Mail me at jo@example.com",
        "Body Check",
        "Worried in Wales",
        "Anatomy",
        "Safety flag",
        "1 possible identifier",
        "New",
    ]:
        assert expected in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=declined", ["declined"]),
        # By arrival: "old" came ten days before the others.
        ("?status=all", ["old", "new", "declined", "flagged", "topical", "assigned"]),
        ("?flagged=yes", ["flagged"]),
        ("?flagged=no&status=new", ["old", "new", "topical"]),
        ("?topic=trust", ["topical"]),
        ("?age=7", ["old"]),
        ("?status=assigned&assignee={columnist}", ["assigned"]),
        ("?column={elsewhere}&status=all", ["elsewhere"]),
    ],
)
def test_the_queue_filters(client, editor, columnist, query, expected):
    column = make_column(slug="main")
    letters = {
        name: make_question(column=column, headline=name)
        for name in ["new", "declined", "flagged", "topical", "old", "assigned"]
    }
    letters["elsewhere"] = make_question(
        column=make_column(slug="elsewhere"), headline="elsewhere"
    )
    workflow.decline(letters["declined"], by=editor)
    Question.objects.filter(pk=letters["flagged"].pk).update(safety_flag=True)
    letters["topical"].topics.add(Topic.objects.create(name="Trust", slug="trust"))
    Question.objects.filter(pk=letters["old"].pk).update(
        submitted_at=timezone.now() - timedelta(days=10)
    )
    workflow.assign(letters["assigned"], to=columnist, by=editor)
    client.force_login(editor)
    query = query.format(
        columnist=columnist.pk, elsewhere=letters["elsewhere"].column_id
    )
    if "column=" not in query:
        query += f"&column={column.pk}"
    assert queue_ids(client, query) == [letters[name].pk for name in expected]


def test_the_queue_searches_letters_through_the_search_backend(client, editor):
    hit = make_question(original_text="My boyfriend snores like a walrus every night.")
    make_question(original_text="We argue about money.")
    client.force_login(editor)
    assert queue_ids(client, "?q=walrus") == [hit.pk]


def test_the_queue_pages_by_keyset_forwards_and_back(client, editor):
    letters = make_questions(7)
    ids = [letter.pk for letter in letters]
    client.force_login(editor)

    first = client.get(reverse("desk:queue") + "?size=25")
    assert first.context["page"].next_after is None
    response = client.get(reverse("desk:queue"), {"size": 25, "after": ids[1]})
    assert [row.letter.pk for row in response.context["rows"]] == ids[2:]
    back = client.get(reverse("desk:queue"), {"size": 25, "before": ids[3]})
    assert [row.letter.pk for row in back.context["rows"]] == ids[:3]


@pytest.mark.parametrize("sort", ["oldest", "newest"])
def test_walking_every_page_visits_each_letter_once(client, editor, sort):
    ids = sorted(letter.pk for letter in make_questions(60))
    if sort == "newest":
        ids.reverse()
    client.force_login(editor)
    seen, url = [], reverse("desk:queue") + f"?sort={sort}&size=25"
    pages = []
    while url:
        response = client.get(url)
        pages.append([row.letter.pk for row in response.context["rows"]])
        seen += pages[-1]
        url = response.context["next_url"]
    assert seen == ids
    assert [len(page) for page in pages] == [25, 25, 10]
    # And back from the last page.
    back = client.get(response.context["previous_url"])
    assert [row.letter.pk for row in back.context["rows"]] == pages[1]


@pytest.mark.parametrize(
    "query",
    ["?status=bogus", "?column=nope", "?column=99999", "?age=2", "?after=x", "?size=7"],
)
def test_bad_queue_filters_are_a_400_with_the_form(client, editor, query):
    client.force_login(editor)
    response = client.get(reverse("desk:queue") + query)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize(
    ("hours", "shown"),
    [
        (0, "under an hour"),
        (1, "1 hour"),
        (47, "47 hours"),
        (48, "2 days"),
        (13 * 24, "13 days"),
        (14 * 24, "2 weeks"),
        (59 * 24, "8 weeks"),
        (60 * 24, "2 months"),
        (400 * 24, "13 months"),
    ],
)
def test_the_queue_tells_how_long_a_letter_has_waited(hours, shown):
    now = timezone.now()
    assert waited(now - timedelta(hours=hours), now) == shown


def test_the_filters_show_what_the_page_lists(client, editor):
    Topic.objects.create(name="Trust", slug="trust")
    client.force_login(editor)
    page = client.get(
        reverse("desk:queue") + "?sort=newest&topic=trust"
    ).content.decode()
    assert '<option value="waiting" selected>' in page  # the default
    assert '<option value="newest" selected>' in page
    assert '<option value="trust" selected>Trust</option>' in page
    assert '<option value="50" selected>' in page


# Order by arrival --------------------------------------------------------------------


def _arrived(letters: list[Question], hours_ago: list[int]) -> None:
    """Give each letter its arrival time, ``hours_ago`` whole hours before now."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for letter, hours in zip(letters, hours_ago, strict=True):
        Question.objects.filter(pk=letter.pk).update(
            submitted_at=now - timedelta(hours=hours)
        )


def test_oldest_first_is_by_arrival_time_then_by_id(client, editor):
    letters = make_questions(4)
    # Ids ascending, arrivals not: the last letter came first, two share an hour.
    _arrived(letters, [5, 9, 5, 30])
    client.force_login(editor)
    by_arrival = [letters[3].pk, letters[1].pk, letters[0].pk, letters[2].pk]
    assert queue_ids(client) == by_arrival
    assert queue_ids(client, "?sort=newest") == by_arrival[::-1]


def _arrival_order(letters: list[Question]) -> list[int]:
    rows = Question.objects.filter(pk__in=[letter.pk for letter in letters])
    return list(rows.order_by("submitted_at", "pk").values_list("pk", flat=True))


@pytest.mark.parametrize("sort", ["oldest", "newest"])
@pytest.mark.parametrize("query", ["", "&status=all", "&topic=trust"])
def test_paging_by_arrival_visits_each_letter_once_both_ways(
    client, editor, sort, query
):
    letters = make_questions(60)
    # Arrivals out of id order, ten letters to each hour: ties across page ends.
    _arrived(letters, [(number * 7) % 6 for number in range(60)])
    for letter in letters[::3]:
        workflow.decline(letter, by=editor)
    topic = Topic.objects.create(name="Trust", slug="trust")
    for letter in letters:
        letter.topics.add(topic)
    listed = [letter for letter in letters if letter.status != "declined"]
    expected = _arrival_order(letters if "status=all" in query else listed)
    if sort == "newest":
        expected.reverse()
    client.force_login(editor)
    seen, pages = [], []
    url = reverse("desk:queue") + f"?sort={sort}&size=25{query}"
    while url:
        response = client.get(url)
        pages.append([row.letter.pk for row in response.context["rows"]])
        seen += pages[-1]
        url = response.context["next_url"]
    assert seen == expected
    # And back, page by page, from the last one.
    for page in reversed(pages[:-1]):
        response = client.get(response.context["previous_url"])
        assert [row.letter.pk for row in response.context["rows"]] == page


def test_a_queue_row_counts_identifiers_in_the_sign_off_and_headline(client, editor):
    make_question(headline="Snap: dan.r", sign_off="Dan, dan.smith@example.com")
    client.force_login(editor)
    response = client.get(reverse("desk:queue"))
    [row] = response.context["rows"]
    assert [hit.kind for hit in row.hits] == ["handle", "email"]
    assert "2 possible identifiers" in response.content.decode()
