"""What happened to a letter or an answer, as people read it: the audit entries
with their actions and states labelled. The desk's letter page, the answer editor
and the back office all show it through ``desk/_history.html``."""

from typing import NamedTuple

from django.db import models

from columns.models import AuditEntry
from columns.workflow.core import ACTION_LABELS, STATE_LABELS


class HistoryRow(NamedTuple):
    entry: AuditEntry
    action: str
    from_label: str
    to_label: str


def state_label(state: str) -> str:
    """The label of a letter status or answer state ("—" for none)."""
    return STATE_LABELS.get(state, state) or "—"


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action.replace("_", " ").capitalize())


def history(obj: models.Model, limit: int | None = None) -> list[HistoryRow]:
    """The object's audit entries, newest first (the latest ``limit`` of them)."""
    entries = AuditEntry.objects.for_object(obj).select_related("actor")[:limit]
    return [
        HistoryRow(
            entry,
            action_label(entry.action),
            state_label(entry.from_state),
            state_label(entry.to_state),
        )
        for entry in entries
    ]
