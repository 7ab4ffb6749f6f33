"""A search of answers as both backends take it, with the SQL that keeps it to
public answers: each backend adds only its own full-text syntax."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from columns.models import Answer
from columns.search.parsing import Term


@dataclass(frozen=True)
class AnswerQuery:
    """Public answers matching ``terms`` (all of them, or ``any_of``), ranked among
    the ``candidates`` newest matches: ``limit`` ids from ``offset``, best first.
    Optionally of one column, carrying one topic, or other than one answer."""

    terms: Sequence[Term]
    any_of: bool
    now: datetime
    candidates: int
    column_id: int | None = None
    topic_id: int | None = None
    exclude_id: int | None = None
    offset: int = 0
    limit: int = 10

    def public_sql(self) -> tuple[str, list]:
        """The conditions on ``columns_answer a`` besides the full-text match, and
        their parameters.

        The rule of ``Answer.objects.published()``. The state is a literal, not a
        parameter, so that PostgreSQL matches its partial full-text index.
        """
        conditions = [
            f"a.state = '{Answer.State.PUBLISHED.value}'",
            "a.publish_at <= %s",
        ]
        params: list = [connection.ops.adapt_datetimefield_value(self.now)]
        if self.column_id is not None:
            conditions.append("a.column_id = %s")
            params.append(self.column_id)
        if self.topic_id is not None:
            conditions.append(
                "EXISTS (SELECT 1 FROM columns_taggedanswer t"
                " WHERE t.content_object_id = a.id AND t.tag_id = %s)"
            )
            params.append(self.topic_id)
        if self.exclude_id is not None:
            conditions.append("a.id <> %s")
            params.append(self.exclude_id)
        return " AND ".join(conditions), params
