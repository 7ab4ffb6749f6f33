"""List pages numbered from the oldest: publishing never moves an answer to another
page; a withdrawal or a backdated answer changes only the page that holds it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from columns import archivepages
from columns.archivepages import PER_PAGE
from columns.models import Answer, ArchivePage
from tests.factories import make_column, make_published_answer


@pytest.fixture
def column(db):
    return make_column(slug="busy")


def fill(column, count: int, *, start_days: int = 100) -> list[Answer]:
    now = timezone.now()
    return [
        make_published_answer(
            column=column,
            title=f"Day {number}",
            publish_at=now - timedelta(days=start_days - number),
        )
        for number in range(count)
    ]


def titles(page) -> list[str]:
    return [answer.title for answer in page.items]


def test_pages_close_when_the_open_end_holds_two_pages_worth(column):
    answers = archivepages.column_list(column)
    fill(column, 2 * PER_PAGE - 1)
    assert answers.close_pages(timezone.now()) == []
    make_published_answer(column=column, title="Fortieth")
    assert answers.close_pages(timezone.now()) == [1]
    assert answers.close_pages(timezone.now()) == []  # closing twice changes nothing
    first = answers.page(1, timezone.now())
    assert titles(first) == [f"Day {n}" for n in reversed(range(PER_PAGE))]
    assert first.older_url is None and first.newer_url == answers.url()
    latest = answers.page(None, timezone.now())
    assert len(latest.items) == PER_PAGE and latest.older_url == answers.url(1)


def test_publishing_never_moves_an_answer_to_another_page(column):
    answers = archivepages.column_list(column)
    fill(column, 3 * PER_PAGE)
    answers.close_pages(timezone.now())
    before = titles(answers.page(1, timezone.now()))
    for number in range(2 * PER_PAGE):
        make_published_answer(column=column, title=f"New {number}")
        answers.close_pages(timezone.now())
    assert titles(answers.page(1, timezone.now())) == before
    assert ArchivePage.objects.filter(kind="column").count() == 4


def test_a_withdrawn_answer_leaves_its_page_one_shorter(column):
    answers = archivepages.column_list(column)
    old = fill(column, 3 * PER_PAGE)
    answers.close_pages(timezone.now())
    Answer.objects.filter(pk=old[3].pk).update(state=Answer.State.WITHDRAWN)
    assert len(answers.page(1, timezone.now()).items) == PER_PAGE - 1
    assert len(answers.page(2, timezone.now()).items) == PER_PAGE  # untouched


def test_an_answer_dated_into_the_past_joins_the_page_spanning_its_date(column):
    answers = archivepages.column_list(column)
    old = fill(column, 3 * PER_PAGE)
    answers.close_pages(timezone.now())
    backdated = make_published_answer(
        column=column,
        title="Backdated",
        publish_at=old[5].publish_at + timedelta(hours=1),
    )
    assert answers.page_holding(backdated) == 1
    assert "Backdated" in titles(answers.page(1, timezone.now()))
    assert len(answers.page(2, timezone.now()).items) == PER_PAGE
    assert answers.page_holding(old[-1]) is None  # on the open end


def test_a_page_that_is_not_closed_is_404(column):
    from django.http import Http404

    answers = archivepages.column_list(column)
    fill(column, 5)
    with pytest.raises(Http404):
        answers.page(1, timezone.now())


def test_topic_and_month_lists_close_their_own_pages(column):
    now = timezone.now()
    for number in range(2 * PER_PAGE):
        make_published_answer(
            column=column,
            title=f"Tagged {number}",
            topics=("desire",),
            publish_at=now - timedelta(minutes=number + 1),
        )
    lists = list(archivepages.every_list(now))
    kinds = {answers.kind for answers in lists}
    assert kinds == {"column", "topic", "month"}
    for answers in lists:
        answers.close_pages(now)
    topic = next(answers for answers in lists if answers.kind == "topic")
    assert titles(topic.page(1, now))[0] == f"Tagged {PER_PAGE}"
