"""List pages numbered from the oldest: publishing never moves an answer to another
page; a withdrawal or a backdated answer changes only the page that holds it. The
date archive: a year's months with their newest titles, and the months around a
month that have answers."""

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


# The date archive's year and month pages -------------------------------------------


def on(year: int, month: int, day: int = 10):
    return timezone.make_aware(timezone.datetime(year, month, day, 12))


def test_a_year_lists_its_months_newest_first_with_their_newest_titles(column):
    for day in range(1, 4):
        make_published_answer(
            column=column, title=f"March {day}", publish_at=on(2025, 3, day)
        )
    make_published_answer(column=column, title="May", publish_at=on(2025, 5))
    make_published_answer(column=column, title="Next year", publish_at=on(2026, 1))
    months = archivepages.year_months(2025, timezone.now())
    assert [(row.month.month, row.count) for row in months] == [(5, 1), (3, 3)]
    assert [a.title for a in months[1].answers] == ["March 3", "March 2", "March 1"]
    assert months[1].url == "/archive/2025/03/" and months[1].more == 0
    assert archivepages.year_months(2024, timezone.now()) == []


def test_a_busy_month_shows_its_newest_few_and_counts_the_rest(column):
    shown = archivepages.TITLES_PER_MONTH
    for day in range(1, shown + 4):
        make_published_answer(
            column=column, title=f"Day {day}", publish_at=on(2025, 3, day)
        )
    (march,) = archivepages.year_months(2025, timezone.now())
    assert march.count == shown + 3 and march.more == 3
    assert [a.title for a in march.answers][:2] == [
        f"Day {shown + 3}",
        f"Day {shown + 2}",
    ]
    assert len(march.answers) == shown


def test_the_months_around_a_month_skip_months_without_answers(column):
    make_published_answer(column=column, publish_at=on(2024, 11))
    make_published_answer(column=column, publish_at=on(2025, 3))
    make_published_answer(column=column, publish_at=on(2025, 7))
    withdrawn = make_published_answer(column=column, publish_at=on(2025, 5))
    Answer.objects.filter(pk=withdrawn.pk).update(state=Answer.State.WITHDRAWN)
    now = timezone.now()
    november, march, july = on(2024, 11, 1), on(2025, 3, 1), on(2025, 7, 1)
    first_days = [moment.replace(hour=0) for moment in (november, march, july)]
    assert archivepages.months_around(2025, 3, now) == (first_days[0], first_days[2])
    assert archivepages.months_around(2024, 11, now)[0] is None
    assert archivepages.months_around(2025, 7, now)[1] is None
    # A month without answers has neighbours too (the bake asks, to rewrite them).
    assert archivepages.months_around(2025, 5, now) == (first_days[1], first_days[2])
