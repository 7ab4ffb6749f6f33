"""Changing an answer's text: conflict-safe saves, revisions, diffs and comments.

Every save is conditional on the version the writer loaded: the UPDATE that claims
the next version matches no row when someone saved in between, and the save is
refused with ``EditConflict`` (the view shows the writer their own text again, with
a diff against the newer version). A conditional UPDATE works the same on SQLite
and PostgreSQL, where ``select_for_update`` would do nothing on SQLite.

Every save records a revision (number, author, time, optional note); a restore is
a save of an old revision's text, so it becomes a new revision and loses nothing.
Editing a published answer moves its "updated" date and makes cached public
pages stale.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from columns.access import is_editor
from columns.caching import invalidate_public_pages
from columns.models import Answer, ContentWarning, ReviewComment, Revision, User

State = Answer.State

# Columnists write until they hand the answer in; editors may fix any answer that
# is not withdrawn (a withdrawn answer goes back to draft first).
COLUMNIST_EDITS = frozenset({State.DRAFT, State.CHANGES_REQUESTED})
EDITOR_EDITS = frozenset(State.values) - {State.WITHDRAWN}


class EditRefused(Exception):
    """The save was refused and nothing was changed; ``str()`` is for the user."""


class EditConflict(EditRefused):
    """Someone saved a newer version since the writer loaded the answer."""

    def __init__(self, current: Answer, latest: Revision | None) -> None:
        self.current = current
        self.latest = latest
        who = latest.author if latest and latest.author else "someone else"
        super().__init__(
            f"Not saved: {who} saved version {current.version} of this answer "
            "while you were editing."
        )


@dataclass(frozen=True)
class AnswerText:
    """Everything the editor page writes in one save."""

    title: str
    slug: str
    summary: str
    body: str
    topics: list[str] = field(default_factory=list)
    content_warnings: list[ContentWarning] = field(default_factory=list)
    video_url: str = ""
    video_start_seconds: int | None = None


def visible_answers(user: User):
    """The answers ``user`` may open in the editor: all for editors, their own
    for columnists."""
    answers = Answer.objects.all()
    return answers if is_editor(user) else answers.written_by(user)


def edit_refusal(answer: Answer, user: User) -> str:
    """Why ``user`` may not change the answer's text now, or "" if they may."""
    if not user.is_active:
        return "Your account is inactive."
    if user.has_perm("columns.review_answer"):
        if answer.state in EDITOR_EDITS:
            return ""
        return "A withdrawn answer must be put back to draft before it is edited."
    is_author = answer.authors.filter(pk=user.pk).exists()
    if not (is_author and user.has_perm("columns.draft_answer")):
        return "Only the answer's authors or an editor can edit it."
    if answer.state not in COLUMNIST_EDITS:
        return (
            f"This answer is {answer.get_state_display().lower()}: you can edit it "
            "again if an editor requests changes."
        )
    return ""


def save_answer(
    answer: Answer, *, by: User, seen_version: int, text: AnswerText, note: str = ""
) -> Revision:
    """Save ``text`` over the version the writer loaded, as a new revision.

    Raises ``EditConflict`` if a newer version was saved meanwhile and
    ``EditRefused`` if the writer may not edit now; either way nothing changes.
    """
    try:
        with transaction.atomic():
            claimed = Answer.objects.filter(pk=answer.pk, version=seen_version).update(
                version=seen_version + 1
            )
            # Once claimed, the row stays locked until we commit, so the state read
            # here cannot change under us.
            answer.refresh_from_db()
            refusal = edit_refusal(answer, by)
            if refusal:
                raise EditRefused(refusal)
            if not claimed:
                latest = (
                    answer.revisions.select_related("author")
                    .order_by("-number")
                    .first()
                )
                raise EditConflict(answer, latest)
            changed = _apply(answer, text)
            answer.save(update_fields=changed)  # body_html is derived in save()
            answer.topics.set(text.topics)
            answer.content_warnings.set(text.content_warnings)
            return answer.record_revision(by=by, note=note)
    except EditRefused:
        answer.refresh_from_db()  # forget the version claimed and rolled back
        raise
    except IntegrityError as error:
        answer.refresh_from_db()
        slug_taken = (
            Answer.objects.filter(column_id=answer.column_id, slug=text.slug)
            .exclude(pk=answer.pk)
            .exists()
        )
        raise EditRefused(
            "Not saved: another answer in this column took that slug a moment ago. "
            "Choose another slug."
            if slug_taken
            else "Not saved: the answer was changed elsewhere at the same moment. "
            "Save again."
        ) from error


def restore_revision(
    answer: Answer, revision: Revision, *, by: User, seen_version: int
) -> Revision:
    """Bring back ``revision``'s title, summary and body as a new revision."""
    text = AnswerText(
        title=revision.title,
        slug=answer.slug,
        summary=revision.summary,
        body=revision.body,
        topics=list(answer.topics.names()),
        content_warnings=list(answer.content_warnings.all()),
        video_url=answer.video_url,
        video_start_seconds=answer.video_start_seconds,
    )
    return save_answer(
        answer,
        by=by,
        seen_version=seen_version,
        text=text,
        note=f"Restored revision {revision.number}.",
    )


def _apply(answer: Answer, text: AnswerText) -> list[str]:
    """Put ``text`` on ``answer``; the names of the fields to write."""
    answer.title = text.title
    answer.summary = text.summary
    answer.body = text.body
    answer.video_url = text.video_url
    answer.video_start_seconds = text.video_start_seconds
    fields = ["title", "summary", "body", "video_url", "video_start_seconds"]
    # Once published, the address is fixed so that links to it keep working.
    if answer.first_published_at is None:
        answer.slug = text.slug
        fields.append("slug")
    if answer.state == State.PUBLISHED:
        invalidate_public_pages()
        # A correction to a live answer shows as its "updated" date; a scheduled
        # one keeps the dates it will go live with.
        if answer.is_published():
            answer.last_published_at = timezone.now()
            fields.append("last_published_at")
    return [*fields, "updated_at"]


# Comparing texts --------------------------------------------------------------------

# A word (or a run of punctuation) with the whitespace before it: a change shows
# as whole words, and the commonest token, a single space, never stands alone.
_TOKENS = re.compile(r"\s*\w+|\s*[^\w\s]+|\s+")
# Word-level matching costs up to the product of the two stretches' lengths:
# longer stretches are first split further (into sentences), and what is still
# longer than this is shown as removed and added whole.
WORD_DIFF_MAX_CHARS = 10_000


@dataclass(frozen=True)
class WordDiff:
    """A readable comparison: escaped text with ``<del>``/``<ins>`` around changes."""

    html: SafeString
    removed: int
    added: int

    @property
    def changed(self) -> bool:
        return bool(self.removed or self.added)


def word_diff(old: str, new: str) -> WordDiff:
    """Compare two texts word by word, HTML-escaped.

    Lines (paragraphs, in Markdown) are matched first, then sentences within the
    lines that differ, and only then words, so a long answer with a few edits
    compares in milliseconds.
    """
    html, removed, added = _compare(old, new, level=0)
    return WordDiff(mark_safe(html), removed, added)


def _split_lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)\s*")


def _split_sentences(text: str) -> list[str]:
    return [sentence for sentence in _SENTENCE.findall(text) if sentence]


_SPLITTERS = [_split_lines, _split_sentences]


def _compare(old: str, new: str, level: int) -> tuple[str, int, int]:
    if level == len(_SPLITTERS):
        return _word_changes(old, new)
    split = _SPLITTERS[level]
    old_units, new_units = split(old), split(new)
    parts: list[str] = []
    removed = added = 0
    matcher = difflib.SequenceMatcher(None, old_units, new_units)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_units[i1:i2]), "".join(new_units[j1:j2])
        if op == "equal":
            parts.append(escape(before))
            continue
        small = len(before) + len(after) <= WORD_DIFF_MAX_CHARS
        html, minus, plus = (
            _word_changes(before, after)
            if small
            else _compare(before, after, level + 1)
        )
        parts.append(html)
        removed, added = removed + minus, added + plus
    return "".join(parts), removed, added


def _word_changes(old: str, new: str) -> tuple[str, int, int]:
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    if len(old) + len(new) > WORD_DIFF_MAX_CHARS:
        opcodes = [("replace", 0, len(before), 0, len(after))]
    else:
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        opcodes = matcher.get_opcodes()
    parts: list[str] = []
    removed = added = 0
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
            removed += _count_words(before[i1:i2])
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
            added += _count_words(after[j1:j2])
    return "".join(parts), removed, added


def _count_words(tokens: list[str]) -> int:
    return sum(1 for token in tokens if not token.isspace())


def compare_revisions(old: Revision | Answer, new: Revision | Answer) -> dict:
    """Word diffs of title, summary and body between two versions of an answer."""
    return {
        name: word_diff(getattr(old, name), getattr(new, name))
        for name in ("title", "summary", "body")
    }


# Review comments ----------------------------------------------------------------------


def add_comment(answer: Answer, *, by: User, body: str) -> ReviewComment:
    """A comment on the answer as it reads now (its latest revision)."""
    return ReviewComment.objects.create(
        answer=answer,
        author=by,
        body=body,
        revision=answer.revisions.order_by("-number").first(),
    )


def resolve_comment(comment: ReviewComment, *, by: User) -> ReviewComment:
    """Mark a comment dealt with; resolving twice keeps the first resolution."""
    ReviewComment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by
    )
    comment.refresh_from_db()
    return comment
