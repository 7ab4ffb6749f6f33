"""Only ``columns.workflow`` sets a letter's status or an answer's state and writes
the audit log: a check over the source, so that a new shortcut fails here."""

import ast
import re
from pathlib import Path

import pytest

COLUMNS = Path(__file__).resolve().parent.parent / "columns"
STATE_FIELDS = {"status", "state"}
# A value of a letter's status or an answer's state (other models have states too:
# the task queue's results, for one).
OUR_STATE = re.compile(r"^((Question\.)?Status|(Answer\.)?State)\.|^['\"]")
WRITES = {"update", "create", "bulk_create", "get_or_create", "update_or_create"}


def modules_outside_the_workflow() -> list[Path]:
    return sorted(
        path
        for path in COLUMNS.rglob("*.py")
        if not {"workflow", "migrations"} & set(path.relative_to(COLUMNS).parts)
    )


def offences(tree: ast.AST) -> list[str]:
    """Lines that assign a state field or create audit entries."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr in STATE_FIELDS:
                    found.append(f"line {node.lineno}: assigns .{target.attr}")
        if isinstance(node, ast.Call):
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            keywords = {
                keyword.arg
                for keyword in node.keywords
                if OUR_STATE.match(ast.unparse(keyword.value))
            }
            if name in WRITES and keywords & STATE_FIELDS:
                found.append(f"line {node.lineno}: {name}() with a state field")
            if name == "AuditEntry" or (
                name in WRITES and "AuditEntry" in ast.unparse(node.func)
            ):
                found.append(f"line {node.lineno}: writes an AuditEntry")
    return found


@pytest.mark.parametrize(
    "path", modules_outside_the_workflow(), ids=lambda p: str(p.relative_to(COLUMNS))
)
def test_no_module_outside_the_workflow_changes_states_or_audits(path):
    assert offences(ast.parse(path.read_text())) == []


def test_the_check_finds_each_kind_of_shortcut():
    source = """
letter.status = "declined"
Question.objects.filter(pk=1).update(status="spam")
Answer.objects.create(title="x", state="published")
AuditEntry.objects.create(action="x")
AuditEntry(action="x").save()
Question.objects.filter(status="new").count()
Answer.objects.filter(pk=1).update(state=Answer.State.DRAFT)
tasks.update(status=TaskResultStatus.READY)
"""
    assert sorted(line.split(":")[0] for line in offences(ast.parse(source))) == [
        "line 2",
        "line 3",
        "line 4",
        "line 5",
        "line 6",
        "line 8",
    ]
