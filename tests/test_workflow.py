"""The workflow: every transition allowed and refused per role and state."""

from datetime import timedelta

import pytest
from django.utils import timezone

from columns import caching, workflow
from columns.models import Answer, AuditEntry, Question
from tests.factories import make_answer, make_column, make_question, make_user

Status = Question.Status
State = Answer.State

# The agreed workflow (DESIGN.md), written out independently of the code's table:
# action -> (states it may start from, state it ends in).
QUESTION_MOVES = {
    "shortlist": ({"new"}, "shortlisted"),
    "decline": ({"new", "shortlisted"}, "declined"),
    "mark_spam": ({"new", "shortlisted"}, "spam"),
    "mark_duplicate": ({"new", "shortlisted"}, "duplicate"),
    "reopen": ({"declined", "spam", "duplicate"}, "new"),
    "assign": ({"new", "shortlisted"}, "assigned"),
}
ANSWER_MOVES = {
    "submit_for_review": ({"draft", "changes_requested"}, "in_review"),
    "request_changes": ({"in_review"}, "changes_requested"),
    "approve": ({"in_review"}, "approved"),
    "publish": ({"approved"}, "published"),
    "withdraw": ({"published"}, "withdrawn"),
    "redraft": ({"withdrawn"}, "draft"),
}
# Which role may start which action (the author columnist only on their own answer).
PERMITTED = {
    "editor": set(QUESTION_MOVES) | set(ANSWER_MOVES),
    "superuser": set(QUESTION_MOVES) | set(ANSWER_MOVES),
    "author": {"submit_for_review", "redraft"},
    "other_columnist": set(),
    "no_role": set(),
}


@pytest.fixture
def actors(editor, columnist, other_columnist, reader_account, superuser):
    return {
        "editor": editor,
        "superuser": superuser,
        "author": columnist,
        "other_columnist": other_columnist,
        "no_role": reader_account,
    }


def put_question_in(status: str, columnist) -> Question:
    """A letter in ``status``, set up directly (test arrangement, not workflow)."""
    question = make_question()
    extra = {}
    if status == Status.ASSIGNED or status == Status.ANSWERED:
        extra["assignee"] = columnist
    if status == Status.DUPLICATE:
        extra["duplicate_of"] = make_question(column=question.column)
    Question.objects.filter(pk=question.pk).update(status=status, **extra)
    question.refresh_from_db()
    return question


def put_answer_in(state: str, author) -> Answer:
    answer = make_answer()
    answer.authors.add(author)
    extra = {}
    if state == State.PUBLISHED:
        now = timezone.now()
        extra = {"publish_at": now, "first_published_at": now, "last_published_at": now}
    Answer.objects.filter(pk=answer.pk).update(state=state, **extra)
    answer.refresh_from_db()
    return answer


def run_question_action(action: str, question: Question, by, columnist):
    verb = getattr(workflow, action)
    if action == "mark_duplicate":
        return verb(question, of=make_question(column=question.column), by=by)
    if action == "assign":
        return verb(question, to=columnist, by=by)
    return verb(question, by=by, note="Because.")


def snapshot(obj) -> dict:
    obj.refresh_from_db()
    fields = ["status", "assignee_id", "duplicate_of_id", "version"]
    if isinstance(obj, Answer):
        fields = ["state", "publish_at", "first_published_at", "version"]
    return {name: getattr(obj, name) for name in fields}


def assert_follows_the_table(obj, moves, action, actor, role, run) -> None:
    """``run()`` moves ``obj`` as the table says and audits it, or is refused with
    the right error and changes nothing."""
    field = "status" if isinstance(obj, Question) else "state"
    start, (sources, target) = getattr(obj, field), moves[action]
    before = snapshot(obj)
    if action in PERMITTED[role] and start in sources:
        run()
        obj.refresh_from_db()
        assert getattr(obj, field) == target
        entry = AuditEntry.objects.for_object(obj).get()
        assert (entry.action, entry.from_state, entry.to_state, entry.actor) == (
            action,
            start,
            target,
            actor,
        )
    else:
        allowed = action in PERMITTED[role]
        with pytest.raises(
            workflow.InvalidTransition if allowed else workflow.NotAllowed
        ):
            run()
        assert snapshot(obj) == before
        assert not AuditEntry.objects.for_object(obj).exists()


@pytest.mark.parametrize("role", PERMITTED)
@pytest.mark.parametrize("action", QUESTION_MOVES)
@pytest.mark.parametrize("status", Status.values)
def test_question_transitions_follow_the_table_for_each_role(
    actors, columnist, role, action, status
):
    question = put_question_in(status, columnist)
    actor = actors[role]
    assert_follows_the_table(
        question,
        QUESTION_MOVES,
        action,
        actor,
        role,
        lambda: run_question_action(action, question, actor, columnist),
    )


@pytest.mark.parametrize("role", PERMITTED)
@pytest.mark.parametrize("action", ANSWER_MOVES)
@pytest.mark.parametrize("state", State.values)
def test_answer_transitions_follow_the_table_for_each_role(
    actors, columnist, role, action, state
):
    answer = put_answer_in(state, author=columnist)
    actor = actors[role]
    verb = getattr(workflow, action)
    assert_follows_the_table(
        answer,
        ANSWER_MOVES,
        action,
        actor,
        role,
        lambda: verb(answer, by=actor, note="Because."),
    )


def test_refusal_messages_say_what_and_why(editor, columnist):
    question = put_question_in(Status.SPAM, columnist)
    with pytest.raises(workflow.InvalidTransition) as refused:
        workflow.shortlist(question, by=editor)
    assert str(refused.value) == (
        "Can't shortlist this letter: it is spam (only possible when new)."
    )
    with pytest.raises(workflow.NotAllowed) as refused:
        workflow.decline(make_question(), by=columnist)
    assert "permission to decline letters" in str(refused.value)


def test_a_change_made_meanwhile_refuses_the_stale_transition(editor):
    question = make_question()
    stale = Question.objects.get(pk=question.pk)
    workflow.decline(question, by=editor)

    with pytest.raises(workflow.InvalidTransition, match="changed by someone else"):
        workflow.shortlist(stale, by=editor)
    question.refresh_from_db()
    assert question.status == Status.DECLINED
    assert AuditEntry.objects.for_object(question).count() == 1


def test_every_letter_transition_bumps_its_version(editor):
    question = make_question()
    workflow.shortlist(question, by=editor)
    workflow.decline(question, by=editor)
    assert question.version == 3


def test_answer_transitions_leave_the_text_version_alone(editor, columnist):
    answer = put_answer_in(State.DRAFT, author=columnist)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    assert answer.version == 1


def test_available_transitions_list_what_the_user_may_do_now(editor, columnist):
    question = make_question()
    assert [t.action for t in workflow.available_transitions(question, editor)] == [
        "shortlist",
        "decline",
        "mark_spam",
        "mark_duplicate",
        "assign",
    ]
    assert workflow.available_transitions(question, columnist) == []


def test_an_inactive_editor_may_do_nothing(editor):
    editor.is_active = False
    editor.save()
    with pytest.raises(workflow.NotAllowed):
        workflow.shortlist(make_question(), by=editor)


# Assignment --------------------------------------------------------------------


def test_assigning_creates_a_draft_answer_with_a_first_revision(editor, columnist):
    question = make_question(headline="Talking about condoms")
    answer = workflow.assign(question, to=columnist, by=editor)

    assert answer.state == State.DRAFT
    assert answer.slug == "talking-about-condoms"
    assert list(answer.authors.all()) == [columnist]
    assert list(answer.questions.all()) == [question]
    assert answer.revisions.get().number == 1
    question.refresh_from_db()
    assert (question.status, question.assignee) == (Status.ASSIGNED, columnist)


def test_slugs_stay_unique_within_a_column(editor, columnist):
    column = make_column()
    first = workflow.assign(
        make_question(column=column, headline="Same"), to=columnist, by=editor
    )
    second = workflow.assign(
        make_question(column=column, headline="Same"), to=columnist, by=editor
    )
    assert (first.slug, second.slug) == ("same", "same-2")


def test_a_roundup_prints_letters_in_the_order_they_were_added(editor, columnist):
    column = make_column()
    letters = [make_question(column=column) for _ in range(3)]
    answer = workflow.assign(letters[0], to=columnist, by=editor)
    for letter in letters[1:]:
        workflow.assign(letter, to=columnist, by=editor, answer=answer)

    assert [(lt.question, lt.position) for lt in answer.letters.all()] == [
        (letters[0], 1),
        (letters[1], 2),
        (letters[2], 3),
    ]


def test_a_letter_cannot_join_another_columns_answer(editor, columnist):
    answer = workflow.assign(make_question(), to=columnist, by=editor)
    stranger = make_question()
    with pytest.raises(workflow.InvalidTransition, match="its own column"):
        workflow.assign(stranger, to=columnist, by=editor, answer=answer)
    stranger.refresh_from_db()
    assert stranger.status == Status.NEW
    assert answer.letters.count() == 1


def test_a_letter_cannot_join_an_answer_past_drafting(editor, columnist):
    answer = workflow.assign(make_question(), to=columnist, by=editor)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    late = make_question(column=answer.column)
    with pytest.raises(workflow.InvalidTransition, match="still being drafted"):
        workflow.assign(late, to=columnist, by=editor, answer=answer)
    assert answer.letters.count() == 1


def test_letters_can_only_be_assigned_to_columnists(editor, reader_account):
    question = make_question()
    with pytest.raises(workflow.InvalidTransition, match="not a columnist"):
        workflow.assign(question, to=reader_account, by=editor)
    question.refresh_from_db()
    assert question.status == Status.NEW
    assert not Answer.objects.exists()


# Duplicates --------------------------------------------------------------------


def test_merging_into_a_duplicate_points_at_the_original(editor):
    original, first, second = (make_question() for _ in range(3))
    workflow.mark_duplicate(first, of=original, by=editor)
    workflow.mark_duplicate(second, of=first, by=editor)
    second.refresh_from_db()
    assert second.duplicate_of == original


def test_letters_merged_into_a_letter_follow_it_when_it_is_merged(editor):
    original, middle, follower = (make_question() for _ in range(3))
    workflow.mark_duplicate(follower, of=middle, by=editor)
    workflow.mark_duplicate(middle, of=original, by=editor)
    follower.refresh_from_db()
    assert follower.duplicate_of == original
    assert AuditEntry.objects.for_object(follower).count() == 2


def test_a_letter_cannot_be_its_own_duplicate(editor):
    question = make_question()
    with pytest.raises(workflow.InvalidTransition, match="itself"):
        workflow.mark_duplicate(question, of=question, by=editor)


def test_a_letter_cannot_be_merged_into_spam(editor):
    spam, question = make_question(), make_question()
    workflow.mark_spam(spam, by=editor)
    with pytest.raises(workflow.InvalidTransition, match="spam"):
        workflow.mark_duplicate(question, of=spam, by=editor)
    question.refresh_from_db()
    assert question.status == Status.NEW


def test_reopening_a_duplicate_unlinks_it(editor):
    original, question = make_question(), make_question()
    workflow.mark_duplicate(question, of=original, by=editor)
    workflow.reopen(question, by=editor)
    question.refresh_from_db()
    assert (question.status, question.duplicate_of) == (Status.NEW, None)


# Publication -------------------------------------------------------------------


def approved_answer(editor, columnist) -> tuple[Answer, Question]:
    question = make_question()
    answer = workflow.assign(question, to=columnist, by=editor)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    return answer, question


def test_publishing_marks_the_letters_and_their_duplicates_answered(editor, columnist):
    answer, question = approved_answer(editor, columnist)
    duplicate = make_question(column=question.column)
    workflow.mark_duplicate(duplicate, of=question, by=editor)

    workflow.publish(answer, by=editor)

    question.refresh_from_db()
    duplicate.refresh_from_db()
    assert question.status == Status.ANSWERED
    assert duplicate.status == Status.ANSWERED
    assert duplicate.duplicate_of == question
    assert AuditEntry.objects.for_object(duplicate).first().to_state == "answered"
    assert Answer.objects.published().get() == answer
    assert answer.first_published_at == answer.last_published_at == answer.publish_at


def test_a_scheduled_answer_becomes_public_when_its_time_comes(editor, columnist):
    answer, _ = approved_answer(editor, columnist)
    now = timezone.now()
    at = now + timedelta(days=2)

    workflow.publish(answer, by=editor, at=at, now=now)

    assert answer.state == State.PUBLISHED
    assert not Answer.objects.published(now=at - timedelta(seconds=1)).exists()
    assert Answer.objects.scheduled(now=at - timedelta(seconds=1)).get() == answer
    assert Answer.objects.published(now=at + timedelta(seconds=1)).get() == answer
    assert answer.is_scheduled(now=now) and answer.is_published(now=at)


@pytest.mark.parametrize(
    ("offset", "message"),
    [(timedelta(hours=-1), "in the past"), (timedelta(days=-400), "in the past")],
)
def test_publishing_in_the_past_is_refused(editor, columnist, offset, message):
    answer, question = approved_answer(editor, columnist)
    with pytest.raises(workflow.InvalidTransition, match=message):
        workflow.publish(answer, by=editor, at=timezone.now() + offset)
    answer.refresh_from_db()
    question.refresh_from_db()
    assert (answer.state, answer.publish_at) == (State.APPROVED, None)
    assert question.status == Status.ASSIGNED


def test_publishing_at_a_naive_time_is_refused(editor, columnist):
    answer, _ = approved_answer(editor, columnist)
    naive = timezone.now().replace(tzinfo=None) + timedelta(days=1)
    with pytest.raises(workflow.InvalidTransition, match="time zone"):
        workflow.publish(answer, by=editor, at=naive)


def test_withdrawing_needs_a_reason_and_returns_the_letters(editor, columnist):
    answer, question = approved_answer(editor, columnist)
    workflow.publish(answer, by=editor)

    with pytest.raises(workflow.InvalidTransition, match="why"):
        workflow.withdraw(answer, by=editor, note="  ")
    workflow.withdraw(answer, by=editor, note="Legal asked us to.")

    question.refresh_from_db()
    assert answer.state == State.WITHDRAWN
    assert question.status == Status.ASSIGNED
    assert not Answer.objects.published().exists()
    assert AuditEntry.objects.for_object(answer).first().note == "Legal asked us to."


def test_republishing_keeps_the_first_publication_date(editor, columnist):
    answer, _ = approved_answer(editor, columnist)
    first = timezone.now()
    workflow.publish(answer, by=editor, now=first)
    workflow.withdraw(answer, by=editor, note="Fixing a fact.")
    workflow.redraft(answer, by=columnist)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    later = first + timedelta(days=3)
    workflow.publish(answer, by=editor, at=later, now=later)

    assert answer.first_published_at == first
    assert answer.last_published_at == later


# Bulk --------------------------------------------------------------------------


def test_a_bulk_action_applies_to_all(editor):
    letters = [make_question() for _ in range(3)]
    assert workflow.apply_to_all(workflow.shortlist, letters, by=editor) == 3
    assert set(Question.objects.values_list("status", flat=True)) == {"shortlisted"}


def test_a_bulk_action_with_one_refusal_changes_nothing(editor):
    letters = [make_question() for _ in range(3)]
    workflow.decline(letters[1], by=editor)

    with pytest.raises(workflow.BulkRefused) as refused:
        workflow.apply_to_all(workflow.shortlist, letters, by=editor)

    assert [obj for obj, _ in refused.value.refusals] == [letters[1]]
    assert "Nothing was changed" in str(refused.value)
    statuses = [q.status for q in Question.objects.order_by("id")]
    assert statuses == ["new", "declined", "new"]
    assert AuditEntry.objects.count() == 1


def test_users_without_a_role_cannot_use_a_bulk_action(db):
    nobody = make_user()
    letters = [make_question() for _ in range(2)]
    with pytest.raises(workflow.BulkRefused):
        workflow.apply_to_all(workflow.mark_spam, letters, by=nobody)
    assert not Question.objects.exclude(status="new").exists()


def test_publishing_and_withdrawing_make_cached_public_pages_stale(
    editor, columnist, django_capture_on_commit_callbacks
):
    answer, _ = approved_answer(editor, columnist)
    start = caching.current().changes
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(answer, by=editor)
    assert caching.current().changes == start + 1
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(answer, by=editor, note="Outdated.")
    assert caching.current().changes == start + 2


def test_a_refused_publication_leaves_the_cache_alone(
    editor, columnist, django_capture_on_commit_callbacks
):
    answer, _ = approved_answer(editor, columnist)
    start = caching.current().changes
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(workflow.InvalidTransition):
            workflow.publish(answer, by=editor, at=timezone.now() - timedelta(days=1))
    assert callbacks == []
    assert caching.current().changes == start
