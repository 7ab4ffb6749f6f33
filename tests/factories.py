"""Builders for test data: ``make_<thing>(**overrides)`` returns a saved object."""

import itertools

from django.contrib.auth.models import Group

from columns.models import Answer, AnswerLetter, Column, ContentWarning, Question, User

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


def make_content_warning(**overrides) -> ContentWarning:
    number = next(_sequence)
    fields = {"label": f"Warning {number}", "slug": f"warning-{number}"}
    fields.update(overrides)
    return ContentWarning.objects.create(**fields)
