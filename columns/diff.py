"""Word-level comparison of two texts: on the desk, the reader's original against
the public text; in the answer editor, one revision against another.

Lines (paragraphs, in Markdown) are matched first, then sentences within the lines
that differ, and only then words, so a long answer with a few edits compares in
milliseconds. A change shows as whole words, with the whitespace before each.
"""

import difflib
import re
from dataclasses import dataclass
from functools import cached_property

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A word (or a run of punctuation) with the whitespace before it: a change shows
# as whole words, and the commonest token, a single space, never stands alone.
TOKEN = re.compile(r"\s*\w+|\s*[^\w\s]+|\s+")
# Word-level matching costs up to the product of the two stretches' lengths:
# longer stretches are first split further (into sentences), and what is still
# longer than this is shown as removed and added whole.
WORD_DIFF_MAX_CHARS = 10_000
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)\s*")


@dataclass(frozen=True)
class Segment:
    """A stretch of text both versions share ("equal"), or that the edit removed
    ("delete") or added ("insert")."""

    op: str
    text: str


@dataclass(frozen=True)
class WordDiff:
    """The segments that turn one text into the other, in order."""

    segments: tuple[Segment, ...]

    @cached_property
    def removed(self) -> int:
        return _count_words(self.segments, "delete")

    @cached_property
    def added(self) -> int:
        return _count_words(self.segments, "insert")

    @property
    def changed(self) -> bool:
        return any(segment.op != "equal" for segment in self.segments)

    @cached_property
    def html(self) -> SafeString:
        """The texts escaped, with ``<del>`` and ``<ins>`` around the changes."""
        tags = {"delete": "del", "insert": "ins"}
        return mark_safe(
            "".join(
                f"<{tags[s.op]}>{escape(s.text)}</{tags[s.op]}>"
                if s.op in tags
                else escape(s.text)
                for s in self.segments
            )
        )


def word_diff(old: str, new: str) -> WordDiff:
    """Compare two texts word by word."""
    return WordDiff(tuple(_join_replacements(_compare(old, new, level=0))))


def _split_lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _split_sentences(text: str) -> list[str]:
    return [sentence for sentence in _SENTENCE.findall(text) if sentence]


_SPLITTERS = [_split_lines, _split_sentences]


def _compare(old: str, new: str, level: int) -> list[Segment]:
    if level == len(_SPLITTERS):
        return _word_changes(old, new)
    split = _SPLITTERS[level]
    old_units, new_units = split(old), split(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, old_units, new_units)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_units[i1:i2]), "".join(new_units[j1:j2])
        if op == "equal":
            segments.append(Segment("equal", before))
        elif len(before) + len(after) <= WORD_DIFF_MAX_CHARS:
            segments += _word_changes(before, after)
        else:
            segments += _compare(before, after, level + 1)
    return segments


def _word_changes(old: str, new: str) -> list[Segment]:
    before, after = TOKEN.findall(old), TOKEN.findall(new)
    if len(old) + len(new) > WORD_DIFF_MAX_CHARS:
        opcodes = [("replace", 0, len(before), 0, len(after))]
    else:
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        opcodes = matcher.get_opcodes()
    segments = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            segments.append(Segment("equal", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(before[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(after[j1:j2])))
    return segments


def _join_replacements(segments: list[Segment]) -> list[Segment]:
    """Neighbouring changes as one deletion then one insertion, with a space they
    share between them taken into both: a rewritten phrase reads as a whole rather
    than as alternating single words."""
    joined: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            joined.append(Segment("delete", "".join(deleted)))
        if inserted:
            joined.append(Segment("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for index, segment in enumerate(segments):
        if segment.op == "delete":
            deleted.append(segment.text)
        elif segment.op == "insert":
            inserted.append(segment.text)
        elif (
            deleted
            and inserted
            and not segment.text.strip()
            and index + 1 < len(segments)
            and segments[index + 1].op != "equal"
        ):
            deleted.append(segment.text)
            inserted.append(segment.text)
        else:
            flush()
            joined.append(segment)
    flush()
    return joined


def _count_words(segments: tuple[Segment, ...], op: str) -> int:
    return sum(
        1
        for segment in segments
        if segment.op == op
        for token in TOKEN.findall(segment.text)
        if not token.isspace()
    )
