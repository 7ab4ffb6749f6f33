"""Workflow verbs that change an answer's text and its review: conflict-safe saves,
revisions, restores and comments, each audited.

Every save is conditional on the version the writer loaded: the UPDATE that claims
the next version matches no row when someone saved in between, and the save is
refused with ``EditConflict`` (the view shows the writer their own text again, with
a diff against the newer version). A conditional UPDATE works the same on SQLite
and PostgreSQL, where ``select_for_update`` would do nothing on SQLite.

Every save records a revision (number, author, time, optional note); a restore is
a save of an old revision's text, so it becomes a new revision and loses nothing.
Editing a published answer moves its "updated" date and makes cached public
pages stale.

While a writer types, the editor page autosaves title, summary and body to the
answer's row (``autosave_answer``): it claims the version like a save, so the same
conflict rules hold, but records no revision; ``autosaved_at``/``autosaved_by``
mark the row's text as not yet a revision. The writer's next Save records it;
before anyone else's save, and before any workflow step, ``keep_autosaved``
records it as a revision of its own, so the history never loses it. Published
answers are never autosaved: their row is the public page.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator

from columns import baking, passages
from columns.diff import word_diff
from columns.models import (
    Answer,
    AuditEntry,
    ContentWarning,
    ReviewComment,
    Revision,
    User,
)
from columns.workflow.core import audit, may, require

State = Answer.State
# How much of a review comment the answer's history quotes.
COMMENT_QUOTED = 120

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
        if current.autosaved_at is not None:
            # The newer version is text saved automatically, not yet a revision.
            who = current.autosaved_by or "someone else"
            how = " (saved automatically)"
        else:
            who = latest.author if latest and latest.author else "someone else"
            how = ""
        super().__init__(
            f"Not saved: {who} saved version {current.version} of this answer{how} "
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
    # For a live answer: None for a small fix (a typo), which readers are not told
    # of; otherwise an update, dated on the page with this note.
    update_note: str | None = None


@dataclass(frozen=True)
class DraftText:
    """What the editor page autosaves while its writer types."""

    title: str
    summary: str
    body: str


def visible_answers(user: User):
    """The answers ``user`` may open in the editor: all for editors, their own
    for columnists."""
    answers = Answer.objects.all()
    return answers if may(user, "triage_question") else answers.written_by(user)


def edit_refusal(answer: Answer, user: User) -> str:
    """Why ``user`` may not change the answer's text now, or "" if they may."""
    if not user.is_active:
        return "Your account is inactive."
    if may(user, "review_answer"):
        if answer.state in EDITOR_EDITS:
            return ""
        return "A withdrawn answer must be put back to draft before it is edited."
    is_author = answer.authors.filter(pk=user.pk).exists()
    if not (is_author and may(user, "draft_answer")):
        return "Only the answer's authors or an editor can edit it."
    if answer.state in COLUMNIST_EDITS:
        return ""
    if answer.is_published():
        return (
            "This answer is live: only an editor can correct it. Use “Ask to "
            "reopen” to tell the editors what should change."
        )
    if answer.is_scheduled():
        return (
            "This answer is scheduled: until it goes out, only an editor can change "
            "it (or take it off the schedule and request changes)."
        )
    return (
        f"This answer is {answer.get_state_display().lower()}: you can edit it "
        "again if an editor requests changes."
    )


def save_answer(
    answer: Answer, *, by: User, seen_version: int, text: AnswerText, note: str = ""
) -> Revision:
    """Save ``text`` over the version the writer loaded, as a new revision.

    Raises ``EditConflict`` if a newer version was saved meanwhile and
    ``EditRefused`` if the writer may not edit now; either way nothing changes.
    """
    return _save(answer, "save", by=by, seen_version=seen_version, text=text, note=note)


def autosave_answer(
    answer: Answer, *, by: User, seen_version: int, text: DraftText
) -> Answer:
    """Write ``text`` to the answer's row over the version the writer loaded,
    without a revision: the row is marked autosaved by ``by`` until the next save.

    The version is claimed exactly as ``save_answer`` claims it, so a stale
    autosave raises ``EditConflict``; a writer who may not edit, or a published
    answer (its row is the public page), raises ``EditRefused``. Either way nothing
    changes. Someone else's autosaved text is first kept as a revision.
    """
    try:
        with transaction.atomic():
            _claim(answer, by, seen_version, autosave=True)
            answer.title = text.title
            answer.summary = text.summary
            answer.body = text.body
            answer.autosaved_at = timezone.now()
            answer.autosaved_by = by
            answer.save(
                update_fields=[
                    "title",
                    "summary",
                    "body",
                    "autosaved_at",
                    "autosaved_by",
                    "updated_at",
                ]
            )
            return answer
    except EditRefused:
        answer.refresh_from_db()  # forget the version claimed and rolled back
        raise


def keep_autosaved(answer: Answer) -> Revision | None:
    """Record the answer's autosaved text, if any, as a revision of its writer
    ("Autosaved text of ..."), before a workflow step changes the answer. Runs
    inside the step's transaction: a refused step keeps nothing."""
    with transaction.atomic():
        answer.refresh_from_db()
        if answer.autosaved_at is None:
            return None
        return _keep_autosaved(answer)


def _keep_autosaved(answer: Answer) -> Revision | None:
    """The row's autosaved text as a revision; the row is no longer autosaved."""
    # Conditional, so that two steps at once record it once.
    cleared = Answer.objects.filter(
        pk=answer.pk, autosaved_at=answer.autosaved_at
    ).update(autosaved_at=None, autosaved_by=None)
    if not cleared:
        return None
    writer = answer.autosaved_by
    note = Truncator(f"Autosaved text of {writer or 'someone'}").chars(200)
    revision = answer.record_revision(by=writer, note=note)
    audit(
        answer,
        "save",
        answer.state,
        answer.state,
        writer,
        f"Revision {revision.number}: {note[0].lower()}{note[1:]}.",
    )
    answer.autosaved_at = answer.autosaved_by = None
    return revision


def _claim(answer: Answer, by: User, seen_version: int, autosave: bool = False) -> None:
    """Take the next version of the answer's row if it is still ``seen_version``,
    inside the caller's transaction; raise ``EditRefused`` or ``EditConflict``."""
    claimed = Answer.objects.filter(pk=answer.pk, version=seen_version).update(
        version=seen_version + 1
    )
    # Once claimed, the row stays locked until we commit, so the state read here
    # cannot change under us.
    answer.refresh_from_db()
    refusal = edit_refusal(answer, by)
    if not refusal and autosave and answer.state == State.PUBLISHED:
        refusal = (
            "Autosave is off for published answers: their saved text is the "
            "public page. Save corrections with the Save button."
        )
    if refusal:
        raise EditRefused(refusal)
    if not claimed:
        raise EditConflict(answer, _latest_revision(answer))
    if answer.autosaved_by_id not in (None, by.pk):
        # Someone else's autosaved text becomes a revision before this text
        # replaces it; the writer's own is covered by what they write now.
        _keep_autosaved(answer)


def _latest_revision(answer: Answer) -> Revision | None:
    return answer.revisions.select_related("author").order_by("-number").first()


def _save(
    answer: Answer,
    action: str,
    *,
    by: User,
    seen_version: int,
    text: AnswerText,
    note: str,
) -> Revision:
    try:
        with transaction.atomic():
            _claim(answer, by, seen_version)
            if answer.state == State.PUBLISHED:
                # Before the edit: the answer may leave some pages (a topic taken off).
                baking.public_change(answer, at=answer.publish_at)
            changed = _apply(answer, text)
            answer.save(update_fields=changed)  # body_html is derived in save()
            answer.topics.set(text.topics)
            answer.content_warnings.set(text.content_warnings)
            revision = answer.record_revision(by=by, note=note)
            audit(
                answer,
                action,
                answer.state,
                answer.state,
                by,
                note or f"Revision {revision.number}.",
            )
            return revision
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
    return _save(
        answer,
        "restore",
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
    # A save records a revision of the text: nothing is left only autosaved.
    answer.autosaved_at = answer.autosaved_by = None
    fields = ["title", "summary", "body", "video_url", "video_start_seconds"]
    fields += ["autosaved_at", "autosaved_by"]
    # Once published, the address is fixed so that links to it keep working.
    if answer.first_published_at is None:
        answer.slug = text.slug
        fields.append("slug")
    # An update of a live answer shows as its "updated" date with its note; a small
    # fix does not, and a scheduled answer keeps the dates it will go live with.
    if answer.is_published() and text.update_note is not None:
        answer.last_published_at = timezone.now()
        answer.update_note = text.update_note
        fields += ["last_published_at", "update_note"]
    return [*fields, "updated_at"]


def compare_revisions(old: Revision | Answer, new: Revision | Answer) -> dict:
    """Word diffs of title, summary and body between two versions of an answer."""
    return {
        name: word_diff(getattr(old, name), getattr(new, name))
        for name in ("title", "summary", "body")
    }


def open_change_request(answer: Answer) -> AuditEntry | None:
    """The latest "request changes" step (who, when, the note) while it is open:
    until the answer is submitted for review again."""
    latest = (
        AuditEntry.objects.for_object(answer)
        .filter(action__in=["request_changes", "submit_for_review"])
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    if latest is None or latest.action != "request_changes":
        return None
    return latest


# Review comments ----------------------------------------------------------------------


@transaction.atomic
def add_comment(
    answer: Answer,
    *,
    by: User,
    body: str,
    passage: str = "",
    before: str = "",
    after: str = "",
) -> ReviewComment:
    """A comment on the answer as it reads now (its latest revision).

    ``passage`` quotes the words of the body it is on (blank: the whole answer);
    ``before`` and ``after``, the text either side the writer saw, pick among
    repeated words. The context kept is read from the body itself; a quote not in
    the body is kept as given, and the editor page reports it as changed.
    """
    require(by, "comment")
    if passage:
        before, after = passages.context(answer.body, passage, before, after)
    comment = ReviewComment.objects.create(
        answer=answer,
        author=by,
        body=body,
        passage=passage,
        passage_before=before if passage else "",
        passage_after=after if passage else "",
        revision=answer.revisions.order_by("-number").first(),
    )
    audit(answer, "comment", answer.state, answer.state, by, _quoted(body))
    return comment


@transaction.atomic
def resolve_comment(comment: ReviewComment, *, by: User) -> ReviewComment:
    """Mark a comment dealt with; resolving twice keeps the first resolution."""
    require(by, "resolve_comment")
    resolved = ReviewComment.objects.filter(
        pk=comment.pk, resolved_at__isnull=True
    ).update(resolved_at=timezone.now(), resolved_by=by)
    comment.refresh_from_db()
    if resolved:
        answer = comment.answer
        audit(
            answer,
            "resolve_comment",
            answer.state,
            answer.state,
            by,
            _quoted(comment.body),
        )
    return comment


def _quoted(comment: str) -> str:
    return f"“{Truncator(comment).chars(COMMENT_QUOTED)}”"
