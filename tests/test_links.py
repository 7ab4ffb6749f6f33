"""Stored links: previous/next and related answers, kept with the answer and
brought up to date when the answers around it change."""

import importlib
import io
import json
from datetime import timedelta

from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from columns import links, pageparts
from columns.listings import answer_page_context, for_answer_page
from columns.models import Answer
from tests.factories import (
    make_column,
    make_content_warning,
    make_published_answer,
)


def stored_of(answer: Answer) -> links.Links:
    answer.refresh_from_db()
    return links.stored(answer)


def test_publishing_between_two_answers_relinks_both(db):
    column = make_column()
    now = timezone.now()
    older = make_published_answer(column=column, publish_at=now - timedelta(days=3))
    newer = make_published_answer(column=column, publish_at=now - timedelta(days=1))
    assert stored_of(older).newer.url == newer.get_absolute_url()
    middle = make_published_answer(
        column=column, title="Middle", publish_at=now - timedelta(days=2)
    )
    assert stored_of(older).newer.title == "Middle"
    assert stored_of(newer).older.title == "Middle"
    assert stored_of(middle).older.url == older.get_absolute_url()


def test_an_answer_that_stops_being_public_is_unlinked_everywhere(db):
    column = make_column()
    now = timezone.now()
    first, second, third = (
        make_published_answer(
            column=column,
            title=f"Lubricant guide {days}",
            topics=("lubricant",),
            publish_at=now - timedelta(days=days),
        )
        for days in (3, 2, 1)
    )
    assert "Lubricant guide 3" in [card.title for card in stored_of(third).related]
    Answer.objects.filter(pk=second.pk).update(state=Answer.State.WITHDRAWN)
    changed = links.refresh(second, timezone.now())
    assert {first.pk, third.pk} <= changed
    assert stored_of(first).newer.url == third.get_absolute_url()
    assert stored_of(third).older.url == first.get_absolute_url()
    assert second.get_absolute_url() not in [c.url for c in stored_of(third).related]
    assert stored_of(second) == links.Links(None, None, [])


def test_a_title_change_reaches_the_cards_of_the_answers_linking_to_it(db):
    column = make_column()
    now = timezone.now()
    older = make_published_answer(column=column, publish_at=now - timedelta(days=2))
    newer = make_published_answer(column=column, publish_at=now - timedelta(days=1))
    Answer.objects.filter(pk=older.pk).update(title="Renamed")
    older.refresh_from_db()
    links.refresh(older, timezone.now())
    assert stored_of(newer).older.title == "Renamed"


def test_the_answer_page_reads_its_links_with_the_answer(db, client):
    column = make_column()
    now = timezone.now()
    for days in (3, 2, 1):
        make_published_answer(column=column, publish_at=now - timedelta(days=days))
    middle = Answer.objects.order_by("publish_at")[1]
    with CaptureQueriesContext(connection) as queries:
        answer = for_answer_page(Answer.objects.filter(pk=middle.pk)).get()
        context = answer_page_context(answer)
    assert context["previous"] and context["next"]
    # The answer with its column; its letters, authors, warnings and topics are
    # parts of its row, their names known from the first page.
    assert len(queries) == 1


def test_relinking_everything_stores_what_publishing_works_out(db):
    columns = [make_column(), make_column()]
    now = timezone.now()
    for number in range(12):
        make_published_answer(
            column=columns[number % 2],
            title=f"Lubricant question {number}",
            topics=("lubricant",) if number % 3 else ("consent",),
            publish_at=now - timedelta(days=number + 1),
        )
    Answer.objects.update(older=None, newer=None, link_cards=None, page_parts=None)
    out = io.StringIO()
    call_command("relink", "--processes", "1", stdout=out)
    assert "Stored the links and page parts of 12 answers" in out.getvalue()
    for answer in Answer.objects.select_related("column"):
        assert stored_of(answer) == links.computed(answer, timezone.now())
        assert answer.page_parts is not None
        assert pageparts.of(answer) == pageparts.computed(answer)


def test_cards_carry_the_warnings_of_the_answers_they_link_to(db):
    column = make_column()
    now = timezone.now()
    older = make_published_answer(column=column, publish_at=now - timedelta(days=2))
    newer = make_published_answer(column=column, publish_at=now - timedelta(days=1))
    assert stored_of(newer).older.warnings == []
    warning = make_content_warning(label="Explicit", is_nsfw=True)
    older.content_warnings.add(warning)
    pageparts.store([older.pk])
    links.refresh(older, timezone.now())
    card = stored_of(newer).older
    assert card.warning_ids == (warning.pk,)
    assert [(w.label, w.is_nsfw) for w in card.warnings] == [("Explicit", True)]
    assert stored_of(newer) == links.computed(newer, timezone.now())


def test_the_migration_gives_cards_stored_before_it_their_warnings(db):
    column = make_column()
    now = timezone.now()
    warnings = [make_content_warning(), make_content_warning()]
    for days in (3, 2, 1):
        make_published_answer(
            column=column,
            topics=("lubricant",),
            warnings=tuple(warnings[: days - 1]),
            publish_at=now - timedelta(days=days),
        )
    expected = dict(Answer.objects.values_list("pk", "link_cards"))
    assert any(card["warnings"] for card in cards_in(expected))
    stripped = json.loads(json.dumps(expected))
    for card in cards_in(stripped):
        del card["warnings"]
    for pk, link_cards in stripped.items():
        Answer.objects.filter(pk=int(pk)).update(link_cards=link_cards)
    migration = importlib.import_module("columns.migrations.0012_link_card_warnings")
    migration.add_warning_ids(django_apps, None)
    assert dict(Answer.objects.values_list("pk", "link_cards")) == expected


def cards_in(link_cards: dict) -> list[dict]:
    """Every card of these answers' stored links."""
    return [
        card
        for cards in link_cards.values()
        for card in [cards["older"], cards["newer"], *cards["related"]]
        if card
    ]
