"""Bulk verbs of the review queue: one decision on hundreds of letters at once.

Set-based, so the number of queries does not grow with the number of letters: the
letters are read once (locked, where the database can), each is checked against the
transition table, and only when none is refused does one conditional UPDATE
(``... WHERE status IN (the transition's sources)``) move them all and one bulk
INSERT write their audit entries. All or nothing: any refusal raises
``BulkRefused`` naming every refused letter and why, and nothing changes.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Max
from django.utils.text import Truncator

from columns import anonymity, notifications
from columns.models import (
    Answer,
    AnswerLetter,
    Column,
    Question,
    Revision,
    TaggedQuestion,
    Topic,
    User,
)
from columns.workflow.checks import DRAFTING, check_assignable, check_printable
from columns.workflow.core import (
    QUESTION_TRANSITIONS,
    BulkRefused,
    InvalidTransition,
    NotAllowed,
    WorkflowError,
    audit_all,
    check_allowed,
    require,
)

__all__ = [
    "BULK_MOVES",
    "bulk_assign",
    "bulk_move",
    "bulk_refusals",
    "bulk_tag",
    "suggested_title",
]

# Transitions the queue applies to a selection as they are (assign and tag take
# more arguments and have their own verbs).
BULK_MOVES = ("shortlist", "decline", "mark_spam")
# Every status: tagging changes no state.
ANY_STATUS = frozenset(Question.Status.values)

Refusals = list[tuple[Question, WorkflowError]]


def bulk_refusals(
    action: str,
    letters: Iterable[Question],
    *,
    by: User,
    answer: Answer | None = None,
    together: bool = False,
) -> Refusals:
    """Which ``letters`` ``action`` would refuse and why; an empty list if none.

    ``action`` is one of ``BULK_MOVES``, "assign" or "tag". A dry run (no writes),
    for showing the editor what a bulk action will meet before they confirm it.
    """
    letters = list(letters)
    refusals = []
    for letter in letters:
        try:
            _check(letter, action, by)
        except WorkflowError as error:
            refusals.append((letter, error))
    if action == "assign":
        refusals += _roundup_refusals(letters, answer, together)
    return refusals


@transaction.atomic
def bulk_move(
    action: str, letters: Iterable[Question], *, by: User, note: str = ""
) -> int:
    """Shortlist, decline or mark as spam every letter, or none; return how many."""
    if action not in BULK_MOVES:
        raise InvalidTransition(f"“{action}” is not a bulk action.")
    letters = _lock(letters, action, by)
    transition = QUESTION_TRANSITIONS[action]
    return _commit(
        letters,
        action,
        by=by,
        note=note,
        sources=transition.sources,
        target=transition.target,
    )


@transaction.atomic
def bulk_tag(
    letters: Iterable[Question], *, topics: list[str], by: User, note: str = ""
) -> int:
    """Add the topics named ``topics`` (created when new) to every letter."""
    if not topics:
        raise InvalidTransition("Name at least one topic to add.")
    letters = _lock(letters, "tag", by)
    tags = [_topic_named(name) for name in topics]
    TaggedQuestion.objects.bulk_create(
        [
            TaggedQuestion(content_object=letter, tag=tag)
            for letter in letters
            for tag in tags
        ],
        ignore_conflicts=True,
    )
    names = ", ".join(tag.name for tag in tags)
    return _commit(
        letters,
        "tag",
        by=by,
        note=note or f"Topics added: {names}.",
        sources=ANY_STATUS,
    )


@transaction.atomic
def bulk_assign(
    letters: Iterable[Question],
    *,
    to: User,
    by: User,
    answer: Answer | None = None,
    together: bool = False,
    note: str = "",
) -> list[Answer]:
    """Assign every letter to columnist ``to``; return the answers printing them.

    Each letter gets its own new draft answer, unless ``together`` (one new roundup
    answer printing them all, in order) or ``answer`` is given (appended to that
    draft, in order). Letters whose public text still holds possible identifiers are
    refused: confirming those is done one letter at a time, on its own page.
    """
    check_assignable(to)
    if answer is not None:
        answer = Answer.objects.select_for_update(of=("self",)).get(pk=answer.pk)
    letters = _lock(letters, "assign", by, answer=answer, together=together)
    columns = Column.objects.in_bulk({letter.column_id for letter in letters})
    if answer is None and not together:
        answers = new_answers(letters, columns, by=by)
    else:
        rest = letters
        if answer is None:
            answer, rest = new_answers(letters[:1], columns, by=by)[0], letters[1:]
        last = answer.letters.aggregate(last=Max("position"))["last"] or 0
        AnswerLetter.objects.bulk_create(
            AnswerLetter(answer=answer, question=letter, position=position)
            for position, letter in enumerate(rest, last + 1)
        )
        answers = [answer] * len(letters)
    Answer.authors.through.objects.bulk_create(
        [Answer.authors.through(answer_id=a.pk, user_id=to.pk) for a in set(answers)],
        ignore_conflicts=True,
    )
    transition = QUESTION_TRANSITIONS["assign"]
    _commit(
        letters,
        "assign",
        by=by,
        note=note or f"Assigned to {to}.",
        sources=transition.sources,
        target=transition.target,
        assignee=to,
    )
    for letter, printed_in in zip(letters, answers, strict=True):
        notifications.letter_assigned(letter, printed_in, to)
    return answers


# Checking -------------------------------------------------------------------------


def _check(letter: Question, action: str, by: User) -> None:
    """Raise if ``by`` may not apply ``action`` to ``letter`` in bulk."""
    if action == "tag":
        require(by, "tag")
        return
    check_allowed(letter, action, by)
    if action != "assign":
        return
    check_printable(letter)
    parts = anonymity.check_letter(
        headline=letter.headline,
        public_text=letter.public_text,
        sign_off=letter.sign_off,
    )
    if hits := [hit for part in parts for hit in part.hits]:
        raise InvalidTransition(
            f"It contains {anonymity.summarise(hits)} ({anonymity.where(parts)}): "
            "edit it, or assign it on its own page where you can confirm they may "
            "stay."
        )


def _roundup_refusals(
    letters: list[Question], answer: Answer | None, together: bool
) -> Refusals:
    """Letters that can't share one answer: another column, or a finished draft."""
    if answer is None and not together:
        return []
    if answer is not None and answer.state not in DRAFTING:
        error = InvalidTransition("The answer is no longer being drafted.")
        return [(letter, error) for letter in letters]
    column_id = answer.column_id if answer is not None else letters[0].column_id
    error = InvalidTransition(
        "It belongs to another column; one answer prints letters of one column."
    )
    return [(letter, error) for letter in letters if letter.column_id != column_id]


def _lock(
    letters: Iterable[Question], action: str, by: User, **options
) -> list[Question]:
    """The letters re-read inside the transaction (locked on PostgreSQL; SQLite's
    IMMEDIATE transactions already hold the write lock), checked, in order.

    Raises ``NotAllowed`` once when the role is missing, else ``BulkRefused``.
    """
    wanted = list(letters)
    if not wanted:
        raise InvalidTransition("Select at least one letter.")
    fresh = Question.objects.select_for_update(of=("self",)).in_bulk(
        [letter.pk for letter in wanted]
    )
    gone = [
        (letter, InvalidTransition("It no longer exists."))
        for letter in wanted
        if letter.pk not in fresh
    ]
    current = [fresh[letter.pk] for letter in wanted if letter.pk in fresh]
    refusals = gone + bulk_refusals(action, current, by=by, **options)
    if refusals:
        first = refusals[0][1]
        if isinstance(first, NotAllowed):
            raise first
        raise BulkRefused(refusals)
    return current


# Writing --------------------------------------------------------------------------


def _commit(
    letters: list[Question],
    action: str,
    *,
    by: User,
    note: str,
    sources: frozenset[str],
    target: str = "",
    **changes,
) -> int:
    """Update every letter in one conditional UPDATE and audit each; return how many.

    Fewer rows updated than letters means one changed after it was checked: the
    exception rolls the whole transaction back.
    """
    values = {"version": F("version") + 1, **changes}
    if target:
        values["status"] = target
    updated = Question.objects.filter(
        pk__in=[letter.pk for letter in letters], status__in=sources
    ).update(**values)
    if updated != len(letters):
        raise InvalidTransition(
            "Some of these letters were changed by someone else meanwhile, so "
            "nothing was changed. Reload the queue and try again."
        )
    audit_all([(letter, letter.status) for letter in letters], action, target, by, note)
    return updated


def _topic_named(name: str) -> Topic:
    """The topic called ``name`` (any case), created if there is none."""
    return Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(
        name=name
    )


# How many of the letter's first words make a title when it has no headline.
TITLE_WORDS = 8
TITLE_MAX_CHARS = 200  # Answer.title


def suggested_title(letter: Question) -> str:
    """A new answer's title: the letter's headline, else its first words, never
    its number (readers must not see "Letter #39")."""
    text = " ".join((letter.headline or letter.public_text).split())
    if not text:
        return "A reader's letter"
    return Truncator(text).words(TITLE_WORDS, truncate="…")[:TITLE_MAX_CHARS]


def new_answers(
    letters: list[Question], columns: dict[int, Column], *, by: User
) -> list[Answer]:
    """One new draft answer per letter, printing it, each with a first revision."""
    titles = [suggested_title(letter) for letter in letters]
    slugs = Answer.objects.unique_slugs(
        [letter.column_id for letter in letters], titles
    )
    answers = Answer.objects.bulk_create(
        Answer(column=columns[letter.column_id], title=title, slug=slug)
        for letter, title, slug in zip(letters, titles, slugs, strict=True)
    )
    AnswerLetter.objects.bulk_create(
        AnswerLetter(answer=answer, question=letter, position=1)
        for answer, letter in zip(answers, letters, strict=True)
    )
    Revision.objects.bulk_create(
        Revision(
            answer=answer,
            number=1,
            title=answer.title,
            author=by,
            note="Created on assignment.",
        )
        for answer in answers
    )
    return answers
