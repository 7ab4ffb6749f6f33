"""What public pages show of an answer from other tables, kept on its row.

An answer's page and its list items show its printed letters, its bylines, its
content-warning labels and its topics. Loading those through four related tables
costs more than the rest of an uncached answer page, so they are written down on
the answer's row (``Answer.page_parts``): the letters as printed, their excerpt,
and the ids of the answer's authors, warnings and topics in page order.

- A change to what the public sees of an answer clears its parts in the change's
  transaction (``baking.public_change`` calls ``clear``), and the task that follows
  stores them again (``store``, with the row locked so that an older task cannot
  write over a newer change). Until then, and for an answer whose parts were never
  stored, ``of`` works them out from the related tables: a page is never staler
  than the tables.
- Names (bylines, labels, topic names) are read from a copy of those small tables
  kept in each process and renewed whenever the page-cache generation moves:
  renaming a topic, a warning or a byline bumps it (``columns.baking.sitewide``).
  An id the copy does not know yet (a topic created by an edit) is looked up once.
"""

import threading
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects

from columns import caching
from columns.listings import authors_in_order, excerpt, printed_letters
from columns.models import Answer, ContentWarning, Topic, User

EXCERPT_CHARS = 180
STORED_AT_ONCE = 500


@dataclass(frozen=True)
class PrintedLetter:
    """A letter as an answer prints it: public text only, never the original."""

    headline: str
    public_text: str
    sign_off: str


@dataclass(frozen=True)
class Parts:
    letters: list[PrintedLetter]
    excerpt: str
    authors: list[User]
    warnings: list[ContentWarning]
    topics: list[Topic]
    # The warnings that put the answer behind a click-through notice.
    nsfw_warnings: list[ContentWarning] = field(init=False)

    def __post_init__(self) -> None:
        nsfw = [warning for warning in self.warnings if warning.is_nsfw]
        object.__setattr__(self, "nsfw_warnings", nsfw)


def of(answer: Answer) -> Parts:
    """What pages show of ``answer``: its stored parts, or, when none are stored
    (a draft in the editor's preview, a change not yet followed by its task),
    the parts worked out from the related tables."""
    if answer.page_parts is None:
        return computed(answer)
    return _resolved(answer.page_parts)


def computed(answer: Answer) -> Parts:
    """The parts of ``answer`` as its related tables hold them now."""
    prefetch_related_objects([answer], *_related_lookups())
    return _resolved(_parts_json(answer), known=_related_objects(answer))


def named_warnings(ids: list[int]) -> list[ContentWarning]:
    """The content warnings with these ids, as they are called now, in page order
    (the labels of a link to another answer, ``columns.links.Card``)."""
    return _in_label_order(_names.lookup(ContentWarning, ids), ids)


def clear(answer: Answer) -> None:
    """Forget the stored parts (in the transaction of a change that alters them)."""
    Answer.objects.filter(pk=answer.pk).update(page_parts=None)
    answer.page_parts = None
    answer.__dict__.pop("parts", None)


def store(answer_ids: list[int], progress=lambda done, total: None) -> None:
    """Write down the parts of these answers as they are now. Each row is locked
    while its parts are read and written, so a change committed meanwhile is
    either seen or clears them after."""
    for start in range(0, len(answer_ids), STORED_AT_ONCE):
        chunk = answer_ids[start : start + STORED_AT_ONCE]
        with transaction.atomic():
            answers = (
                Answer.objects.select_for_update()
                .filter(pk__in=chunk)
                .order_by("pk")
                .prefetch_related(*_related_lookups())
            )
            rows = [(answer.pk, _parts_json(answer)) for answer in answers]
            for pk, parts in rows:
                Answer.objects.filter(pk=pk).update(page_parts=parts)
        progress(start + len(chunk), len(answer_ids))


def store_all(progress=lambda done, total: None) -> int:
    """Store the parts of every public answer (after a bulk import, or once after
    the migration that added them); the number stored."""
    ids = list(Answer.objects.published().order_by("pk").values_list("pk", flat=True))
    store(ids, progress)
    return len(ids)


# Working them out -----------------------------------------------------------------


def _related_lookups() -> list:
    return [
        Prefetch("letters", queryset=printed_letters()),
        authors_in_order(),
        "content_warnings",
        "topics",
    ]


def _parts_json(answer: Answer) -> dict:
    letters = [letter.question for letter in answer.letters.all()]
    return {
        "letters": [
            {
                "headline": letter.headline,
                "public_text": letter.public_text,
                "sign_off": letter.sign_off,
            }
            for letter in letters
        ],
        "excerpt": excerpt(letters[0].public_text, EXCERPT_CHARS) if letters else "",
        "authors": [author.pk for author in answer.authors.all()],
        "warnings": sorted(warning.pk for warning in answer.content_warnings.all()),
        "topics": sorted(topic.pk for topic in answer.topics.all()),
    }


def _related_objects(answer: Answer) -> dict[type, dict[int, object]]:
    return {
        User: {author.pk: author for author in answer.authors.all()},
        ContentWarning: {w.pk: w for w in answer.content_warnings.all()},
        Topic: {topic.pk: topic for topic in answer.topics.all()},
    }


def _resolved(parts: dict, known: dict[type, dict[int, object]] | None = None) -> Parts:
    lookup = _names.lookup if known is None else (lambda model, ids: known[model])
    authors = lookup(User, parts["authors"])
    warnings = lookup(ContentWarning, parts["warnings"])
    topics = lookup(Topic, parts["topics"])
    return Parts(
        letters=[PrintedLetter(**letter) for letter in parts["letters"]],
        excerpt=parts["excerpt"],
        authors=[authors[pk] for pk in parts["authors"] if pk in authors],
        # By name as they are called now (a page must read the same however
        # often it is drawn; the prefetches keep no order).
        warnings=_in_label_order(warnings, parts["warnings"]),
        topics=_by("name", [topics[pk] for pk in parts["topics"] if pk in topics]),
    )


def _in_label_order(warnings: dict[int, ContentWarning], ids: list[int]) -> list:
    return _by("label", [warnings[pk] for pk in ids if pk in warnings])


def _by(name: str, rows: list) -> list:
    return sorted(rows, key=lambda row: (getattr(row, name), row.pk))


# The names, per process --------------------------------------------------------------


class _Names:
    """The process's copy of the rows that parts name, for one page-cache
    generation: each table is read whole (they are small: the desk's staff, the
    warnings, the topics), once, and again only when an id turns up that the copy
    does not hold (a topic created by an edit, a first-time author)."""

    FIELDS = {
        User: ("public_name", "first_name", "last_name", "username", "bio"),
        ContentWarning: ("label", "slug", "description", "is_nsfw", "help_category"),
        Topic: ("name", "slug"),
    }

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = None
        self._rows: dict[type, dict[int, object]] = {}
        # Ids that were not found (a row deleted since): not read again for them.
        self._absent: dict[type, set[int]] = {}

    def lookup(self, model: type, ids: list[int]) -> dict[int, object]:
        if not ids:
            return {}
        generation = caching.rendering_generation()
        with self._lock:
            if generation != self._generation:
                self._generation, self._rows, self._absent = generation, {}, {}
            rows = self._rows.get(model)
            absent = self._absent.setdefault(model, set())
            if rows is not None and all(pk in rows or pk in absent for pk in ids):
                return rows
        rows = self._read(model)
        with self._lock:
            if generation == self._generation:
                self._rows[model] = rows
                absent.update(pk for pk in ids if pk not in rows)
        return rows

    def _read(self, model: type) -> dict[int, object]:
        rows = model.objects.only(*self.FIELDS[model])
        if model is User:  # only those who wrote an answer are named on pages
            rows = rows.filter(pk__in=Answer.authors.through.objects.values("user_id"))
        return {row.pk: row for row in rows}


_names = _Names()


def forget_names() -> None:
    """Drop this process's copy of the names (the database was replaced: its
    generation number says nothing about the rows any more)."""
    global _names
    _names = _Names()
