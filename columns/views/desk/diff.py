"""A word-level diff of the reader's original and the editor's public text."""

import difflib
import re
from dataclasses import dataclass

# Words, runs of whitespace and single punctuation marks: small enough that a
# changed name shows as that name, not as the whole sentence.
TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    """A stretch of text that both versions share ("equal"), or that the edit
    removed ("delete") or added ("insert")."""

    op: str
    text: str


def word_diff(before: str, after: str) -> list[Segment]:
    """The edits that turn ``before`` into ``after``, word by word.

    A space shared between two replacements joins them, so a rewritten phrase
    reads as one deletion and one insertion rather than alternating single words.
    """
    old, new = TOKEN.findall(before), TOKEN.findall(after)
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    segments: list[Segment] = []
    deleted, inserted = [], []

    def flush() -> None:
        if deleted:
            segments.append(Segment("delete", "".join(deleted)))
        if inserted:
            segments.append(Segment("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        shared = "".join(old[i1:i2])
        is_gap = (
            op == "equal"
            and deleted
            and inserted
            and index + 1 < len(opcodes)
            and not shared.strip()
        )
        if is_gap:
            deleted.append(shared)
            inserted.append(shared)
        elif op == "equal":
            flush()
            segments.append(Segment("equal", shared))
        else:
            deleted.extend(old[i1:i2])
            inserted.extend(new[j1:j2])
    flush()
    return segments


def is_unchanged(segments: list[Segment]) -> bool:
    return all(segment.op == "equal" for segment in segments)
