"""``manage.py seed_demo``: load the demo columns, letters, answers and staff users.

The content lives in ``columns.demo``; this command walks it and moves every
letter and answer to its place through the workflow verbs, acting as the demo
editor and columnists, so the demo has a real audit trail, revisions and review
comments. Existing objects are found by natural key and left alone.
"""

import time
from collections import Counter
from dataclasses import asdict
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from columns import demo, workflow
from columns.baking import sitewide
from columns.models import (
    Answer,
    Column,
    ContentWarning,
    HelpResource,
    Question,
    SitePage,
    Topic,
    User,
)
from columns.workflow import editing

State = Answer.State
TRIAGE = {
    "shortlisted": workflow.shortlist,
    "declined": workflow.decline,
    "spam": workflow.mark_spam,
}
KINDS = [
    "users",
    "topics",
    "content warnings",
    "columns",
    "letters",
    "answers",
    "help resources",
    "site pages",
]


class Command(BaseCommand):
    help = (
        "Load demo content for trying the site out: three advice columns (one "
        "closed for questions) with topics and content warnings, help resources "
        "(crisis lines in several countries), About and Privacy pages, readers' "
        "letters in every triage status, and answers in every workflow state, from "
        "draft to published, scheduled and withdrawn, made through the real "
        "workflow so they have revisions, review comments and audit entries. Also "
        "creates the demo staff users admin (superuser), editor, sam and priya "
        "(columnists). Idempotent: anything already there (matched by username, "
        "slug, name or the letter's text) is skipped, so running it twice changes "
        "nothing. DEMO ONLY: the passwords are fixed and printed at the end, and it "
        "refuses to run with DEBUG off unless given --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off, e.g. on a demo server. Never on a "
            "real site: it creates a superuser whose password is printed.",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off. seed_demo creates staff users with published "
                "passwords; use --force only on a demo server."
            )
        started = time.monotonic()
        self.now = timezone.now()
        self.tally = {kind: Counter() for kind in KINDS}
        self.stdout.write("Loading the demo content…")
        # One full bake for the whole demo, not one per column, topic or warning.
        with transaction.atomic(), sitewide.changes_together():
            self.users = self.seed_users()
            self.editor = self.users["editor"]
            self.topics = self.seed_by_slug("topics", Topic, demo.TOPICS)
            self.warnings = self.seed_by_slug(
                "content warnings", ContentWarning, demo.WARNINGS
            )
            self.columns = self.seed_columns()
            self.letters, self.new_letters = self.seed_letters()
            self.merged: set[str] = set()
            self.stdout.write("Answers:")
            for spec in demo.ANSWERS:
                self.seed_answer(spec)
            self.merge_duplicates()
            self.seed_help_resources()
            self.seed_site_pages()
        self.report(time.monotonic() - started)

    def count(self, kind: str, created: bool) -> None:
        self.tally[kind]["created" if created else "present"] += 1

    def progress(self, kind: str) -> None:
        tally = self.tally[kind]
        self.stdout.write(
            f"  {kind.capitalize()}: {tally['created']} created, "
            f"{tally['present']} already present"
        )

    def seed_users(self) -> dict[str, User]:
        users = {}
        for spec in demo.USERS:
            user = User.objects.filter(username=spec.username).first()
            created = user is None
            if created:
                user = User.objects.create_user(
                    username=spec.username,
                    password=spec.password,
                    public_name=spec.public_name,
                    bio=spec.bio,
                    is_staff=spec.is_staff,
                    is_superuser=spec.is_superuser,
                )
                if spec.role:
                    user.groups.add(Group.objects.get(name=spec.role))
            elif spec.role and not user.groups.filter(name=spec.role).exists():
                raise CommandError(
                    f"A user “{spec.username}” exists but is not in the "
                    f"{spec.role} group, so the demo can't act as them."
                )
            self.count("users", created)
            users[spec.username] = user
        self.progress("users")
        return users

    def seed_by_slug(self, kind: str, model, specs) -> dict:
        """Topics and content warnings: every field but the slug is a default."""
        found = {}
        for spec in specs:
            fields = asdict(spec)
            del fields["slug"]
            found[spec.slug], created = model.objects.get_or_create(
                slug=spec.slug, defaults=fields
            )
            self.count(kind, created)
        self.progress(kind)
        return found

    def seed_columns(self) -> dict[str, Column]:
        columns = {}
        for spec in demo.COLUMNS:
            fields = asdict(spec)
            hosts, topics = fields.pop("hosts"), fields.pop("topics")
            column, created = Column.objects.get_or_create(
                slug=fields.pop("slug"), defaults=fields
            )
            if created:
                column.hosts.set([self.users[name] for name in hosts])
                column.topics.set([self.topics[slug] for slug in topics])
            self.count("columns", created)
            columns[spec.slug] = column
        self.progress("columns")
        return columns

    def seed_help_resources(self) -> None:
        """Found by name and country, created in one query. ``bulk_create`` sends
        no signals, so the site-wide change they make is told here."""
        present = set(HelpResource.objects.values_list("name", "country"))
        missing = [
            HelpResource(**asdict(spec))
            for spec in demo.HELP_RESOURCES
            if (spec.name, spec.country) not in present
        ]
        if missing:
            HelpResource.objects.bulk_create(missing)
            sitewide.site_changed()
        for spec in demo.HELP_RESOURCES:
            self.count("help resources", (spec.name, spec.country) not in present)
        self.progress("help resources")

    def seed_site_pages(self) -> None:
        for spec in demo.PAGES:
            _, created = SitePage.objects.get_or_create(
                slug=spec.slug, defaults={"title": spec.title, "body": spec.body}
            )
            self.count("site pages", created)
        self.progress("site pages")

    def seed_letters(self) -> tuple[dict[str, Question], set[str]]:
        letters, created = {}, set()
        for spec in demo.LETTERS:
            column = self.columns[spec.column]
            letter = Question.objects.filter(
                column=column, original_text=spec.original
            ).first()
            if letter is None:
                letter = Question.objects.create(
                    column=column,
                    original_text=spec.original,
                    public_text=spec.original if spec.public is None else spec.public,
                    headline=spec.headline,
                    sign_off=spec.sign_off,
                    safety_flag=spec.safety_flag,
                    internal_notes=spec.internal_notes,
                    submitted_at=self.day(-spec.days_ago),
                )
                letter.topics.set([self.topics[slug] for slug in spec.topics])
                letter.content_warnings.set([self.warnings[s] for s in spec.warnings])
                if spec.triage in TRIAGE:
                    TRIAGE[spec.triage](letter, by=self.editor, note=spec.triage_note)
                created.add(spec.key)
            self.count("letters", spec.key in created)
            letters[spec.key] = letter
        self.progress("letters")
        return letters, created

    def seed_answer(self, spec: demo.DemoAnswer) -> None:
        column = self.columns[spec.column]
        if Answer.objects.filter(column=column, slug=spec.slug).exists():
            self.count("answers", created=False)
            self.stdout.write(f"  = {column}: “{spec.title}” already present")
            return
        letters = [self.letters[key] for key in spec.letters]
        if any(letter.status not in Question.WAITING for letter in letters):
            self.stderr.write(
                f"  ! {column}: “{spec.title}” skipped: its letters are no longer "
                "waiting (was the answer renamed or deleted?)"
            )
            return
        author = self.users[spec.authors[0]]
        answer = None
        for letter in letters:
            if letter.status == Question.Status.NEW:
                workflow.shortlist(letter, by=self.editor)
            answer = workflow.assign(letter, to=author, by=self.editor, answer=answer)
        answer.authors.add(*(self.users[name] for name in spec.authors[1:]))
        for letter_spec in demo.LETTERS:
            if (
                letter_spec.merge_while_drafting
                and letter_spec.duplicate_of in spec.letters
            ):
                self.merge(letter_spec)

        drafts = first_drafts(spec)
        self.edit(answer, spec, drafts[0], by=author, note="First draft.")
        self.walk(answer, spec, author, drafts[1:])
        if spec.reviewed_days_ago is not None:
            reviewed_on = self.day(-spec.reviewed_days_ago).date()
            workflow.mark_reviewed(answer, by=self.editor, on=reviewed_on)
        answer.refresh_from_db()
        if answer.state != spec.state:
            raise CommandError(f"“{spec.title}” ended {answer.state}, not {spec.state}")
        self.count("answers", created=True)
        self.stdout.write(f"  + {column}: “{answer.title}”: {self.describe(answer)}")

    def describe(self, answer: Answer) -> str:
        if answer.is_scheduled(self.now):
            return f"scheduled for {answer.publish_at:%Y-%m-%d}"
        if answer.is_published(self.now):
            return f"published {answer.publish_at:%Y-%m-%d}"
        if answer.state == State.DRAFT and answer.first_published_at:
            return "withdrawn, back to draft"
        return answer.get_state_display().lower()

    def walk(self, answer: Answer, spec, author: User, revised: list[str]) -> None:
        """Move the answer to ``spec.state`` the way the desk would."""
        if spec.state == State.DRAFT and not spec.withdrawn_because:
            return
        workflow.submit_for_review(answer, by=author)
        for review in spec.reviews:
            workflow.request_changes(answer, by=self.editor, note=review.comment)
            comment = editing.add_comment(answer, by=self.editor, body=review.comment)
            if not review.after:
                return  # still open: the answer waits for its author
            self.edit(answer, spec, revised.pop(0), by=author, note=review.note)
            editing.resolve_comment(comment, by=author)
            workflow.submit_for_review(answer, by=author, note=review.note)
        if spec.state == State.IN_REVIEW:
            return
        workflow.approve(answer, by=self.editor)
        if spec.state == State.APPROVED:
            return
        at = self.day(spec.publish_in_days).replace(hour=7)
        workflow.publish(answer, by=self.editor, at=at, now=min(at, self.now))
        if spec.withdrawn_because:
            workflow.withdraw(answer, by=self.editor, note=spec.withdrawn_because)
            if spec.state == State.DRAFT:
                workflow.redraft(
                    answer, by=author, note="Reworking it after the withdrawal."
                )

    def edit(self, answer: Answer, spec, body: str, *, by: User, note: str) -> None:
        """What the answer editor does: save the text as a new revision."""
        answer.refresh_from_db()
        text = editing.AnswerText(
            title=spec.title,
            slug=spec.slug,
            summary=spec.summary,
            body=body,
            topics=[self.topics[slug] for slug in spec.topics],
            content_warnings=[self.warnings[slug] for slug in spec.warnings],
            video_url=spec.video_url,
            video_start_seconds=spec.video_start_seconds,
        )
        editing.save_answer(
            answer, by=by, seen_version=answer.version, text=text, note=note
        )

    def merge(self, spec: demo.DemoLetter) -> None:
        if spec.key in self.new_letters and spec.key not in self.merged:
            original = self.letters[spec.duplicate_of]
            original.refresh_from_db()
            workflow.mark_duplicate(
                self.letters[spec.key],
                of=original,
                by=self.editor,
                note=spec.triage_note,
            )
            self.merged.add(spec.key)

    def merge_duplicates(self) -> None:
        """Letters merged after their original was answered (or still waits)."""
        for spec in demo.LETTERS:
            if spec.duplicate_of:
                self.merge(spec)

    def day(self, days_from_now: int) -> datetime:
        """A time ``days_from_now`` (negative: ago), on the hour like letters."""
        moment = self.now + timedelta(days=days_from_now)
        return moment.replace(minute=0, second=0, microsecond=0)

    def report(self, seconds: float) -> None:
        self.stdout.write("\nSummary:")
        self.stdout.write(f"  {'':<18}{'created':>9}{'already present':>17}")
        for kind, tally in self.tally.items():
            self.stdout.write(
                f"  {kind:<18}{tally['created']:>9}{tally['present']:>17}"
            )
        self.stdout.write(
            "\nDemo staff (DEMO ONLY; an existing user's password is not changed):"
        )
        for spec in demo.USERS:
            role = "superuser" if spec.is_superuser else spec.role
            self.stdout.write(f"  {spec.username:<8} {spec.password:<18} {role}")
        self.stdout.write(self.style.SUCCESS(f"\nDone in {seconds:.1f} s."))


def first_drafts(spec: demo.DemoAnswer) -> list[str]:
    """The body as first drafted, then after each review round that was fixed."""
    bodies = [spec.body]
    for review in reversed(spec.reviews):
        if review.after:
            if review.after not in bodies[0]:
                raise CommandError(f"“{spec.title}”: revised text not in the body.")
            bodies.insert(0, bodies[0].replace(review.after, review.before, 1))
    return bodies
