"""manage.py seed_demo: demo content in every state, made through the workflow, once."""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from columns import demo
from columns.models import (
    Answer,
    AuditEntry,
    Column,
    Question,
    ReviewComment,
    User,
)

pytestmark = pytest.mark.django_db

Status = Question.Status
State = Answer.State

# Contact details a reader might put in a letter, which staff edit out.
CONTACT_DETAILS = re.compile(
    r"[\w.+-]+@[\w-]+\.\w+"  # email address
    r"|(?<![\w.])@[\w.]{3,}"  # social media handle
    r"|\b0\d{4} ?\d{6}\b"  # UK phone number
    r"|\b\d+ \w+ (?:Avenue|Road|Street|Lane|Close)\b"  # street address
)

# A list inside a list item: Markdown nested by a two-space indent.
NESTED_LIST = re.compile(r"<li>(?:(?!</li>).)*?<ul>", re.DOTALL)


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


DEMO_SETTINGS = {
    "DEBUG": True,  # the command refuses to run with DEBUG off
    # The real hasher on four passwords would be half of each run.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}


@pytest.fixture(scope="module")
def output(django_db_setup, django_db_blocker):
    """Seed once for the module, in a transaction rolled back at its end.

    Like ``TestCase.setUpTestData``: each test still runs in a savepoint of its
    own (the ``django_db`` mark), so what one test changes the next won't see.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(**DEMO_SETTINGS),
        transaction.atomic(),
    ):
        yield seed()
        transaction.set_rollback(True)


def row_counts() -> dict[str, int]:
    models = [*apps.get_app_config("columns").get_models(), Group]
    return {model._meta.label: model.objects.count() for model in models}


def audit_count(obj) -> int:
    return AuditEntry.objects.for_object(obj).count()


def test_running_it_twice_changes_no_row_count(output):
    first = row_counts()

    seed()

    assert row_counts() == first
    assert first["columns.User"] == len(demo.USERS)
    assert first["columns.TaggedAnswer"] > 0 and first["columns.TaggedQuestion"] > 0


def test_the_second_run_reports_everything_as_already_present(output):
    again = seed()

    assert re.search(rf"letters\s+0\s+{len(demo.LETTERS)}\n", again)
    assert re.search(rf"answers\s+0\s+{len(demo.ANSWERS)}\n", again)
    assert re.search(rf"letters\s+{len(demo.LETTERS)}\s+0\n", output)


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        seed()


def test_it_creates_nothing_when_refused(settings):
    settings.DEBUG = False
    Question.objects.filter(status=Status.SPAM).delete()  # only in this savepoint
    before = row_counts()

    with pytest.raises(CommandError):
        seed()

    assert row_counts() == before


def test_every_letter_status_is_present(output):
    statuses = set(Question.objects.values_list("status", flat=True))

    assert statuses == set(Status.values)


def test_there_are_at_least_thirty_letters(output):
    assert Question.objects.count() >= 30


def test_every_answer_state_is_present(output):
    states = set(Answer.objects.values_list("state", flat=True))

    assert states == set(State.values)


def test_one_answer_is_scheduled_and_others_are_already_public(output):
    now = timezone.now()

    assert Answer.objects.scheduled(now).exists()
    assert Answer.objects.published(now).count() >= 5


def test_published_answers_span_more_than_one_year_and_many_months(output):
    dates = Answer.objects.published().values_list("publish_at", flat=True)

    assert len({date.year for date in dates}) >= 2
    assert len({(date.year, date.month) for date in dates}) >= 6


def test_a_roundup_prints_three_letters_in_the_order_of_the_data(output):
    spec = next(spec for spec in demo.ANSWERS if len(spec.letters) >= 3)
    originals = {letter.key: letter.original for letter in demo.LETTERS}
    answer = Answer.objects.get(slug=spec.slug)

    printed = answer.letters.order_by("position")

    assert [letter.position for letter in printed] == [1, 2, 3]
    assert [letter.question.original_text for letter in printed] == [
        originals[key] for key in spec.letters
    ]


def test_every_published_answer_has_headings_and_one_has_a_checklist(output):
    published = Answer.objects.filter(state=State.PUBLISHED)

    assert all("<h2" in answer.body_html for answer in published)
    assert any("task-list-item-checkbox" in answer.body_html for answer in published)


def test_at_least_four_long_answers_run_800_to_2000_words(output):
    lengths = [len(answer.body.split()) for answer in Answer.objects.all()]

    assert sum(800 <= length <= 2000 for length in lengths) >= 4


def test_long_answers_use_the_whole_markdown_toolkit(output):
    long_answers = [a for a in Answer.objects.all() if len(a.body.split()) >= 800]

    for answer in long_answers:
        html = answer.body_html
        assert '<blockquote class="expert-quote">' in html, answer.slug
        assert '<p class="attribution">— ' in html, answer.slug
        assert "<table>" in html and 'class="footnotes"' in html, answer.slug
        assert NESTED_LIST.search(html), answer.slug
        assert 'id="further-reading"' in html, answer.slug
        assert answer.content_warnings.exists(), answer.slug


def test_an_answer_has_a_youtube_video_with_a_start_time(output):
    answer = Answer.objects.filter(video_url__contains="youtu").first()

    assert answer is not None and answer.video_start_seconds


def test_demo_users_are_in_their_groups_and_printed(output):
    for spec in demo.USERS:
        user = User.objects.get(username=spec.username)
        assert spec.username in output and spec.password in output
        assert user.check_password(spec.password)
        assert user.is_staff == spec.is_staff
        assert user.is_superuser == spec.is_superuser
        groups = set(user.groups.values_list("name", flat=True))
        assert groups == ({spec.role} if spec.role else set())
    assert User.objects.get(username="editor").is_staff
    assert User.objects.get(username="sam").public_name


def test_a_safety_flagged_letter_waits_in_the_queue(output):
    flagged = Question.objects.flagged().waiting()

    assert flagged.filter(status=Status.NEW).exists()


def test_duplicates_point_at_their_originals_one_at_a_published_answer(output):
    duplicates = Question.objects.filter(status=Status.DUPLICATE)
    merged = Question.objects.filter(duplicate_of__isnull=False)

    assert duplicates.exists()
    assert not duplicates.filter(duplicate_of__isnull=True).exists()
    assert merged.filter(
        duplicate_of__printed_in__answer__state=State.PUBLISHED,
        status__in=[Status.ANSWERED, Status.DUPLICATE],
    ).exists()


def test_a_letter_merged_while_drafting_is_answered_with_its_original(output):
    merged = Question.objects.filter(
        duplicate_of__printed_in__answer__state=State.PUBLISHED,
        status=Status.ANSWERED,
    )

    assert merged.exists()


def test_every_letter_that_left_new_has_audit_entries(output):
    moved = Question.objects.exclude(status=Status.NEW)

    assert moved.exists()
    assert all(audit_count(letter) >= 1 for letter in moved)


def test_every_answer_past_draft_has_an_audit_entry_per_transition(output):
    answers = Answer.objects.exclude(state=State.DRAFT)
    minimum = {
        State.IN_REVIEW: 1,
        State.CHANGES_REQUESTED: 2,
        State.APPROVED: 2,
        State.PUBLISHED: 3,
        State.WITHDRAWN: 4,
    }

    assert all(audit_count(a) >= minimum[a.state] for a in answers)
    answer_type = ContentType.objects.get_for_model(Answer)
    assert AuditEntry.objects.filter(content_type=answer_type).count() > 0


def test_reviewed_answers_have_revisions_and_comments_some_resolved(output):
    revised = Answer.objects.annotate(n=Count("revisions")).filter(n__gte=3)
    comments = ReviewComment.objects.all()

    assert revised.count() >= 3
    assert comments.unresolved().exists()
    assert comments.filter(resolved_by__isnull=False, revision__isnull=False).exists()


def test_staff_edits_remove_readers_contact_details(output):
    letters = Question.objects.all()

    assert sum(bool(CONTACT_DETAILS.search(q.original_text)) for q in letters) >= 4
    assert not any(CONTACT_DETAILS.search(q.public_text) for q in letters)
    assert not any(CONTACT_DETAILS.search(a.body) for a in Answer.objects.all())


def test_letters_arrive_before_their_answers_are_published(output):
    for answer in Answer.objects.exclude(publish_at=None):
        for letter in answer.questions.all():
            assert letter.submitted_at < answer.publish_at, answer.slug


def test_published_health_answers_record_their_last_medical_review(output):
    published = Answer.objects.filter(column__slug="body-check", state=State.PUBLISHED)

    assert published.exists()
    assert not published.filter(last_reviewed_on=None).exists()


def test_one_column_is_closed_for_questions(output):
    assert Column.objects.filter(is_open=False).exists()
    assert Column.objects.filter(is_open=True).count() >= 2


def test_it_refuses_to_act_as_an_existing_user_who_lacks_the_role(output):
    User.objects.get(username="editor").groups.clear()

    with pytest.raises(CommandError, match="not in the Editor group"):
        seed()
