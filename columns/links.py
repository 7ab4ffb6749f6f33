"""An answer's links to other answers: the previous and next public answers of its
column, and its related answers.

They are worked out when the answer goes public or changes (``refresh``, called by
the task that follows each change, ``columns.baking.rebake_answer``, which for a
scheduled answer runs when its time comes) and stored on the answer, with the
cards its page shows of them, so that the page reads them with the answer's own
row instead of searching on every request; ``relink_all`` stores everyone's at once
(``manage.py relink``, after a bulk import). An answer's related answers are chosen
when it is published or edited, and chosen again when one of them stops being
public; publishing a new answer does not reshuffle older answers' lists (that would
rewrite their pages on every publication).

A card holds the linked answer's content warnings by id, and its labels are named
as the page is drawn, from the process's copy of the warnings
(``columns.pageparts``): a page of links reads no more rows for its labels.
"""

import functools
import multiprocessing
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from django.db import connections
from django.db.models import Q

from columns import pageparts
from columns.listings import adjacent_answers
from columns.models import Answer, ContentWarning, RelatedAnswer

# How many related answers a page lists.
RELATED = 4


@dataclass(frozen=True)
class Card:
    """What a page shows of a link to another answer."""

    title: str
    url: str
    column_name: str
    first_published_at: datetime | None
    # The linked answer's content warnings, by id: their labels are named as the
    # page is drawn, so renaming a warning rewrites no card.
    warning_ids: tuple[int, ...]

    @classmethod
    def of(cls, answer: Answer, warning_ids: dict[int, tuple[int, ...]]) -> "Card":
        """The card of ``answer``, whose warnings are among ``warning_ids`` (read
        for all the cards at once with ``warning_ids_of``)."""
        return cls(
            answer.title,
            answer.get_absolute_url(),
            answer.column.name,
            answer.first_published_at,
            warning_ids.get(answer.pk, ()),
        )

    @property
    def warnings(self) -> list[ContentWarning]:
        """The linked answer's content warnings, for its labels."""
        return pageparts.named_warnings(list(self.warning_ids))

    def as_json(self) -> dict:
        published = self.first_published_at
        return {
            "title": self.title,
            "url": self.url,
            "column_name": self.column_name,
            "first_published_at": published.isoformat() if published else None,
            "warnings": list(self.warning_ids),
        }

    @classmethod
    def from_json(cls, data: dict | None) -> "Card | None":
        if not data:
            return None
        published = data["first_published_at"]
        return cls(
            data["title"],
            data["url"],
            data["column_name"],
            datetime.fromisoformat(published) if published else None,
            tuple(data["warnings"]),
        )


@dataclass(frozen=True)
class Links:
    older: Card | None
    newer: Card | None
    related: list[Card]

    def as_json(self) -> dict:
        return {
            "older": self.older.as_json() if self.older else None,
            "newer": self.newer.as_json() if self.newer else None,
            "related": [card.as_json() for card in self.related],
        }


def computed(answer: Answer, now: datetime) -> Links:
    """The links ``answer`` would get if it were public at ``now`` (the editor's
    preview shows them for an answer not yet published)."""
    # Imported here: columns.search imports columns.listings, which this module
    # imports.
    from columns import search

    older, newer = adjacent_answers(answer, now)
    related = search.related_answers(answer, limit=RELATED)
    warning_ids = warning_ids_of(
        {other.pk for other in (older, newer, *related) if other}
    )
    return Links(
        Card.of(older, warning_ids) if older else None,
        Card.of(newer, warning_ids) if newer else None,
        [Card.of(other, warning_ids) for other in related],
    )


def stored(answer: Answer) -> Links:
    """The links kept on a public answer's row."""
    cards = answer.link_cards or {}
    return Links(
        Card.from_json(cards.get("older")),
        Card.from_json(cards.get("newer")),
        [Card.from_json(card) for card in cards.get("related", [])],
    )


def store_cards(answer_ids: set[int]) -> None:
    """Write down, on each of these answers, what its page shows of its links as
    they are now (after they changed, or a linked answer's title or warnings
    did)."""
    answers = list(
        Answer.objects.filter(pk__in=answer_ids).select_related(
            "older__column", "newer__column"
        )
    )
    related_links = list(
        RelatedAnswer.objects.filter(answer_id__in=answer_ids)
        .select_related("related__column")
        .order_by("answer_id", "position")
    )
    linked = {link.related_id for link in related_links}
    linked.update(pk for answer in answers for pk in (answer.older_id, answer.newer_id))
    warning_ids = warning_ids_of(linked - {None})
    related = {}
    for link in related_links:
        related.setdefault(link.answer_id, []).append(
            Card.of(link.related, warning_ids)
        )
    for answer in answers:
        links = Links(
            Card.of(answer.older, warning_ids) if answer.older else None,
            Card.of(answer.newer, warning_ids) if answer.newer else None,
            related.get(answer.pk, []),
        )
        Answer.objects.filter(pk=answer.pk).update(link_cards=links.as_json())


def warning_ids_of(answer_ids: Collection[int]) -> dict[int, tuple[int, ...]]:
    """The ids of these answers' content warnings (in id order, as their parts keep
    them), in one query."""
    found: dict[int, tuple[int, ...]] = {}
    for answer_id, warning_id in (
        Answer.content_warnings.through.objects.filter(answer_id__in=answer_ids)
        .order_by("answer_id", "contentwarning_id")
        .values_list("answer_id", "contentwarning_id")
    ):
        found[answer_id] = (*found.get(answer_id, ()), warning_id)
    return found


def linking_to(answer: Answer) -> set[int]:
    """The answers whose pages link to ``answer`` (as previous, next or related)."""
    return set(
        Answer.objects.filter(
            Q(older=answer)
            | Q(newer=answer)
            | Q(pk__in=RelatedAnswer.objects.filter(related=answer).values("answer_id"))
        ).values_list("pk", flat=True)
    )


def refresh(answer: Answer, now: datetime) -> set[int]:
    """Bring the stored links around ``answer`` up to date after it went public,
    changed or stopped being public; the ids of the answers whose stored links
    changed (their pages show them)."""
    changed = set()
    public = Answer.objects.published(now).filter(pk=answer.pk).exists()
    # Who may have to link differently: the answer, the neighbours it had and
    # those it has now, and whoever linked to it.
    around = {answer.pk, answer.older_id, answer.newer_id}
    if public:
        around.update(other.pk for other in adjacent_answers(answer, now) if other)
    around.update(linking_to(answer))
    around.discard(None)
    for other in Answer.objects.filter(pk__in=around).select_related("column"):
        if _relink_neighbours(other, now):
            changed.add(other.pk)
    relist = {answer.pk}
    if not public:
        relist.update(
            RelatedAnswer.objects.filter(related=answer).values_list(
                "answer_id", flat=True
            )
        )
    for other in Answer.objects.filter(pk__in=relist):
        if _relist_related(other, now):
            changed.add(other.pk)
    # The cards of everyone linking to the answer too: its title may have changed.
    store_cards({answer.pk, *changed, *linking_to(answer)})
    return changed


def _relink_neighbours(answer: Answer, now: datetime) -> bool:
    """Store the answer's previous and next public answers; whether they changed."""
    if Answer.objects.published(now).filter(pk=answer.pk).exists():
        older, newer = adjacent_answers(answer, now)
    else:
        older = newer = None
    ids = (older.pk if older else None, newer.pk if newer else None)
    if (answer.older_id, answer.newer_id) == ids:
        return False
    Answer.objects.filter(pk=answer.pk).update(older_id=ids[0], newer_id=ids[1])
    answer.older_id, answer.newer_id = ids
    return True


def _relist_related(answer: Answer, now: datetime) -> bool:
    """Store the answer's related answers; whether the list changed."""
    from columns import search

    public = Answer.objects.published(now).filter(pk=answer.pk).exists()
    chosen = search.related_answer_ids(answer, limit=RELATED, now=now) if public else []
    kept = list(
        RelatedAnswer.objects.filter(answer=answer)
        .order_by("position")
        .values_list("related_id", flat=True)
    )
    if kept == chosen:
        return False
    RelatedAnswer.objects.filter(answer=answer).delete()
    RelatedAnswer.objects.bulk_create(
        RelatedAnswer(answer=answer, related_id=pk, position=position)
        for position, pk in enumerate(chosen)
    )
    return True


# Storing every answer's links at once --------------------------------------------


def relink_all(
    now: datetime,
    *,
    processes: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Store the links of every public answer at once, as publishing them one by
    one would have (after a bulk import, or for the benchmark's generated data):
    neighbours in one ordered pass per column, related answers by the same search
    as publishing (shared out among forked processes; the parent writes), then the
    cards. How many answers."""
    public = Answer.objects.published(now)
    Answer.objects.exclude(older=None, newer=None).update(older=None, newer=None)
    for column_id in public.values_list("column_id", flat=True).distinct().order_by():
        ids = list(
            public.filter(column_id=column_id)
            .order_by("publish_at", "pk")
            .values_list("pk", flat=True)
        )
        sides = zip([None, *ids[:-1]], ids, [*ids[1:], None], strict=True)
        Answer.objects.bulk_update(
            [
                Answer(pk=pk, older_id=older, newer_id=newer)
                for older, pk, newer in sides
            ],
            ["older", "newer"],
            batch_size=BATCH,
        )
    ids = list(public.order_by("pk").values_list("pk", flat=True))
    RelatedAnswer.objects.all().delete()
    chunks = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
    done = 0
    with _RelatedFinder(processes, now) as find:
        for chosen in find(chunks):
            RelatedAnswer.objects.bulk_create(
                RelatedAnswer(answer_id=pk, related_id=other, position=position)
                for pk, others in chosen.items()
                for position, other in enumerate(others)
            )
            done += len(chosen)
            if progress:
                progress(done, len(ids))
    _store_all_cards(ids)
    return len(ids)


BATCH = 500


class _RelatedFinder:
    """Finds related answers for chunks of ids, in this process or in a pool."""

    def __init__(self, processes: int, now: datetime) -> None:
        self.processes, self.now, self.pool = processes, now, None

    def __enter__(self):
        if self.processes > 1:
            connections.close_all()
            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(self.processes, initializer=connections.close_all)
            return lambda chunks: self.pool.imap(
                functools.partial(_related_of, now=self.now), chunks
            )
        return lambda chunks: (_related_of(chunk, now=self.now) for chunk in chunks)

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


def _related_of(ids: list[int], *, now: datetime) -> dict[int, list[int]]:
    from columns import search

    answers = Answer.objects.filter(pk__in=ids).prefetch_related("topics")
    return {
        answer.pk: search.related_answer_ids(answer, limit=RELATED, now=now)
        for answer in answers
    }


def _store_all_cards(ids: list[int]) -> None:
    """Write every answer's cards from one read of what a card shows."""
    warning_ids = warning_ids_of(ids)
    cards = {
        row.pk: Card.of(row, warning_ids)
        for row in Answer.objects.filter(pk__in=ids)
        .select_related("column")
        .only("title", "slug", "first_published_at", "column__slug", "column__name")
        .iterator(chunk_size=2000)
    }
    related: dict[int, list[Card]] = {}
    for answer_id, other in (
        RelatedAnswer.objects.order_by("answer_id", "position")
        .values_list("answer_id", "related_id")
        .iterator(chunk_size=5000)
    ):
        if other in cards:
            related.setdefault(answer_id, []).append(cards[other])
    rows = Answer.objects.filter(pk__in=ids).values_list("pk", "older_id", "newer_id")
    updates = [
        Answer(
            pk=pk,
            link_cards=Links(
                cards.get(older), cards.get(newer), related.get(pk, [])
            ).as_json(),
        )
        for pk, older, newer in rows.iterator(chunk_size=5000)
    ]
    Answer.objects.bulk_update(updates, ["link_cards"], batch_size=BATCH)
