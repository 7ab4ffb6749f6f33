"""Builders for test data: ``make_<thing>(**overrides)`` returns a saved object."""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from columns import links, pageparts
from columns.models import (
    Answer,
    AnswerLetter,
    Column,
    ContentWarning,
    HelpResource,
    Question,
    User,
)

_sequence = itertools.count(1)


def make_user(*, role: str | None = None, **overrides) -> User:
    """A staff user; ``role`` is "Editor" or "Columnist" (the groups of the roles
    migration)."""
    number = next(_sequence)
    fields = {"username": f"user{number}", "public_name": f"Staff Member {number}"}
    fields.update(overrides)
    user = User.objects.create_user(password="correct horse battery", **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_column(**overrides) -> Column:
    number = next(_sequence)
    fields = {"name": f"Column {number}", "slug": f"column-{number}"}
    fields.update(overrides)
    return Column.objects.create(**fields)


def make_question(**overrides) -> Question:
    fields = {
        "original_text": "My partner and I want to talk about something awkward.",
        "public_text": "My partner and I want to talk about something awkward.",
        "headline": "Something awkward",
    }
    fields.update(overrides)
    if "column" not in fields:
        fields["column"] = make_column()
    return Question.objects.create(**fields)


def make_answer(*, questions: list[Question] | None = None, **overrides) -> Answer:
    """A draft answer printing ``questions`` (one new letter by default)."""
    column = overrides.pop("column", None) or (
        questions[0].column if questions else make_column()
    )
    number = next(_sequence)
    fields = {"title": f"Answer {number}", "slug": f"answer-{number}", "body": "Hi."}
    fields.update(overrides)
    answer = Answer.objects.create(column=column, **fields)
    for position, question in enumerate(questions or [make_question(column=column)], 1):
        AnswerLetter.objects.create(answer=answer, question=question, position=position)
    return answer


def make_help_resource(**overrides) -> HelpResource:
    """An active general help line for everywhere unless ``overrides`` say not."""
    number = next(_sequence)
    fields = {
        "name": f"Helpline {number}",
        "category": HelpResource.Category.GENERAL,
        "phone": f"0800 000 {number:03d}",
    }
    fields.update(overrides)
    return HelpResource.objects.create(**fields)


def make_content_warning(**overrides) -> ContentWarning:
    number = next(_sequence)
    fields = {"label": f"Warning {number}", "slug": f"warning-{number}"}
    fields.update(overrides)
    return ContentWarning.objects.create(**fields)


def make_published_answer(
    *,
    publish_at=None,
    topics: tuple[str, ...] = (),
    warnings: tuple[ContentWarning, ...] = (),
    authors: tuple[User, ...] = (),
    **overrides,
) -> Answer:
    """A published answer (public since an hour ago unless ``publish_at`` says
    otherwise), put in that state directly: workflow tests use the verbs."""
    answer = make_answer(**overrides)
    when = publish_at or timezone.now() - timedelta(hours=1)
    Answer.objects.filter(pk=answer.pk).update(
        state=Answer.State.PUBLISHED,
        publish_at=when,
        first_published_at=when,
        last_published_at=when,
    )
    answer.refresh_from_db()
    if topics:
        answer.topics.add(*topics)
    answer.content_warnings.add(*warnings)
    answer.authors.add(*authors)
    # What the task after a publication does: its parts, its links, and its
    # neighbours' links.
    pageparts.store([answer.pk])
    links.refresh(answer, timezone.now())
    answer.refresh_from_db()
    return answer


def make_draft(*, author: User, **overrides) -> Answer:
    """A draft answer written by ``author``, with its first revision (as assignment
    makes it)."""
    answer = make_answer(**overrides)
    answer.authors.add(author)
    answer.record_revision(by=author, note="First draft.")
    return answer


def make_questions(count: int, **overrides) -> list[Question]:
    """``count`` new letters in one INSERT (one column unless ``column`` is given):
    for queue and bulk tests that need hundreds."""
    column = overrides.pop("column", None) or make_column()
    fields = {
        "original_text": "We want to try something new and don't know how to start.",
        "public_text": "We want to try something new and don't know how to start.",
    }
    fields.update(overrides)
    return Question.objects.bulk_create(
        Question(column=column, headline=f"Letter {number}", **fields)
        for number in range(1, count + 1)
    )


def make_roles() -> None:
    """The Editor and Columnist groups of the roles migration, again: the flush after
    a transactional (browser) test deletes rows that migrations made."""
    # Imported here: this builder was added below the others, without touching them.
    import importlib

    from django.contrib.auth.models import Permission

    migration = importlib.import_module("columns.migrations.0002_roles")
    for name, codenames in migration.ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="columns", codename__in=codenames
            )
        )
