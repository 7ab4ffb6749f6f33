"""Old declined and spam letters are purged; everything else stays."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from columns import workflow
from columns.models import AuditEntry, Question
from tests.factories import make_question


def old_letter(days: int = 200, **fields) -> Question:
    question = make_question(**fields)
    Question.objects.filter(pk=question.pk).update(
        submitted_at=timezone.now() - timedelta(days=days)
    )
    return question


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_letters", *args, stdout=out)
    return out.getvalue()


def test_old_declined_and_spam_letters_are_purged_with_their_history(editor):
    declined, spam = old_letter(), old_letter()
    workflow.decline(declined, by=editor, note="Off topic.")
    workflow.mark_spam(spam, by=editor)
    declined.topics.add("consent")

    assert "Purged 2 letters" in purge()
    assert not Question.objects.exists()
    assert not AuditEntry.objects.exists()


def test_recent_and_undecided_letters_are_kept(editor):
    recent = make_question()
    workflow.decline(recent, by=editor)
    waiting = old_letter()
    purge()
    assert set(Question.objects.all()) == {recent, waiting}


def test_a_declined_letter_that_others_were_merged_into_is_kept(editor):
    original, duplicate = old_letter(), old_letter()
    workflow.mark_duplicate(duplicate, of=original, by=editor)
    workflow.decline(original, by=editor)
    purge()
    assert Question.objects.filter(pk=original.pk).exists()


def test_a_dry_run_only_counts(editor):
    workflow.mark_spam(old_letter(), by=editor)
    assert "1 letters older than 90 days would be purged" in purge("--dry-run")
    assert Question.objects.count() == 1


def test_the_retention_period_can_be_shortened(editor):
    spam = old_letter(days=10)
    workflow.mark_spam(spam, by=editor)
    purge()
    assert Question.objects.count() == 1
    purge("--days", "7")
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_retention_of_zero_days_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        purge("--days", "0")
