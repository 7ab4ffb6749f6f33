"""``manage.py purge_letters``: delete old declined and spam letters for good."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from columns import workflow
from columns.models import Question

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Delete declined and spam letters older than the retention period "
        "(ADVICE_RETENTION_DAYS, default 90 days), with their topics and audit "
        "entries, so readers' words are not kept longer than needed. Letters that "
        "an answer prints or that others were merged into are kept. Run it daily, "
        "e.g. from cron; --dry-run only counts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.ADVICE_RETENTION_DAYS,
            help="Keep letters younger than this many days "
            f"(default {settings.ADVICE_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would go; delete nothing.",
        )

    def handle(self, *args, days: int, dry_run: bool, **options) -> None:
        if days < 1:
            raise CommandError("--days must be at least 1.")
        before = timezone.now() - timedelta(days=days)
        doomed = Question.objects.purgeable(before)
        total = doomed.count()
        if dry_run:
            self.stdout.write(
                f"{total} letters older than {days} days would be purged."
            )
            return
        purged = 0
        while batch := workflow.purge_batch(before, BATCH):
            purged += batch
            self.stdout.write(f"  purged {purged}/{total}")
        self.stdout.write(
            self.style.SUCCESS(f"Purged {purged} letters older than {days} days.")
        )
