"""What public lists load, and how a topic's answers are found at any popularity."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from columns.listings import excerpt, topic_answers
from columns.models import Answer, Topic
from tests.factories import make_answer, make_published_answer


@pytest.fixture
def archive(db):
    """Twelve public answers, one a day: every one about "sleep", every third
    about "dreams"; a draft and a scheduled answer about both."""
    now = timezone.now()
    answers = []
    for day in range(12):
        topics = ("sleep", "dreams") if day % 3 == 0 else ("sleep",)
        answers.append(
            make_published_answer(
                title=f"Day {day}", publish_at=now - timedelta(days=day), topics=topics
            )
        )
    make_answer(title="Draft").topics.add("sleep", "dreams")
    make_published_answer(
        title="Tomorrow", publish_at=now + timedelta(days=1), topics=("sleep", "dreams")
    )
    return answers


def titles(queryset) -> list[str]:
    return [answer.title for answer in queryset]


def plan_of(topic: Topic, rows_needed: int) -> str:
    with CaptureQueriesContext(connection) as queries:
        list(topic_answers(topic, rows_needed)[:rows_needed])
    newest_first = '"columns_answer"."publish_at" DESC'
    listing = next(
        q["sql"] for q in queries.captured_queries if newest_first in q["sql"]
    )
    return "walk" if "EXISTS" in listing else "tag index"


def test_a_common_topic_walks_the_newest_answers(archive):
    # 12 of 14 answers carry "sleep": walking finds a page at once.
    sleep = Topic.objects.get(slug="sleep")
    assert plan_of(sleep, rows_needed=3) == "walk"
    expected = [f"Day {day}" for day in range(3)]
    assert titles(topic_answers(sleep, rows_needed=3)[:3]) == expected


def test_a_rare_topic_is_read_through_its_tag(archive):
    # 400 drafts more: "dreams" now tags 6 of 414 answers.
    Answer.objects.bulk_create(
        Answer(column_id=archive[0].column_id, title=f"Filler {n}", slug=f"filler-{n}")
        for n in range(400)
    )
    dreams = Topic.objects.get(slug="dreams")
    assert plan_of(dreams, rows_needed=3) == "tag index"
    assert titles(topic_answers(dreams, rows_needed=3)[:3]) == [
        "Day 0",
        "Day 3",
        "Day 6",
    ]


@pytest.mark.parametrize("rows_needed, plan", [(1, "walk"), (50, "tag index")])
def test_both_plans_list_the_same_public_answers_newest_first(
    archive, rows_needed, plan
):
    dreams = Topic.objects.get(slug="dreams")
    assert plan_of(dreams, rows_needed) == plan
    listed = titles(topic_answers(dreams, rows_needed))
    assert listed == ["Day 0", "Day 3", "Day 6", "Day 9"]
    assert listed == titles(
        Answer.objects.published()
        .filter(topic_items__tag=dreams)
        .order_by("-publish_at", "-id")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short.", "Short."),
        ("  Two\n\n lines  ", "Two lines"),
        ("abcdefghij", "abcdefghij"),
        ("abcdefghijk", "abcdefghi…"),
        ("abcd efghijk", "abcd efgh…"),
        ("abcdefgh ijk", "abcdefgh …"),
        ("cafe\u0301 au lait!", "caf\u00e9 au l…"),
    ],
)
def test_an_excerpt_is_one_line_cut_to_its_length_with_an_ellipsis(text, expected):
    assert excerpt(text, 10) == expected
