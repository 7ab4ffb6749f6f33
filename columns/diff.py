"""Word-level comparison of two texts: on the desk, the reader's original against
the public text; in the answer editor, one revision against another (the revision
compare page and the conflict notice).

Paragraphs (blocks separated by blank lines, in Markdown) are matched first, then
lines and sentences within the paragraphs that differ, and only then words, so a
long answer with a few edits compares in milliseconds. A change shows as whole
words, with the whitespace before each.

A long text with a few edits should show the edits, not the whole text again:
``WordDiff.parts`` keeps each change with a paragraph of context on either side and
folds every longer run of unchanged paragraphs into one ``Fold`` (shown as "12
unchanged paragraphs", which opens to show them).
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
# What separates paragraphs: one or more blank lines (with the spaces ending the
# line before), or the blank space ending the text. The indentation of the next
# paragraph stays with it, as it means something in Markdown. A gap starts only
# right after a visible character: tried inside a long run of spaces, it would
# rescan the run from every position.
_GAP = re.compile(r"(?<=\S)(?:\s+\Z|[^\S\n]*\n(?:[^\S\n]*\n)+)")
_LEADING_BLANK_LINES = re.compile(r"(?:[^\S\n]*\n)*")

# Unchanged paragraphs shown on either side of a change, as code review tools do.
CONTEXT_PARAGRAPHS = 1
# A shorter run of unchanged paragraphs is shown, not folded: its fold's line would
# hide next to nothing.
MIN_FOLDED = 2

_TAGS = {"delete": "del", "insert": "ins"}


@dataclass(frozen=True)
class Segment:
    """A stretch of text both versions share ("equal"), or that the edit removed
    ("delete") or added ("insert")."""

    op: str
    text: str


def _html(segments: tuple[Segment, ...]) -> SafeString:
    return mark_safe(
        "".join(
            f"<{_TAGS[s.op]}>{escape(s.text)}</{_TAGS[s.op]}>"
            if s.op in _TAGS
            else escape(s.text)
            for s in segments
        )
    )


@dataclass(frozen=True)
class Block:
    """One unchanged paragraph, or one change: the paragraphs an edit rewrote,
    removed or added, compared word by word. The blank lines around it are not
    part of it."""

    segments: tuple[Segment, ...]
    folded = False

    @property
    def changed(self) -> bool:
        return any(segment.op != "equal" for segment in self.segments)

    @cached_property
    def html(self) -> SafeString:
        """The text escaped, with ``<del>`` and ``<ins>`` around the changes."""
        return _html(self.segments)


@dataclass(frozen=True)
class Fold:
    """A run of unchanged paragraphs, shown folded."""

    blocks: tuple[Block, ...]
    folded = True

    def __len__(self) -> int:
        return len(self.blocks)


@dataclass(frozen=True)
class WordDiff:
    """The segments that turn one text into the other, in order, and the same
    changes paragraph by paragraph (``blocks``)."""

    segments: tuple[Segment, ...]
    blocks: tuple[Block, ...] = ()

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
        return _html(self.segments)

    @cached_property
    def parts(self) -> list[Block | Fold]:
        """What to show: the changes with their context, the rest folded."""
        return fold(self.blocks)


def word_diff(old: str, new: str) -> WordDiff:
    """Compare two texts paragraph by paragraph, then word by word."""
    old_lead, old_paragraphs = _split_paragraphs(old)
    new_lead, new_paragraphs = _split_paragraphs(new)
    segments = _gap_changes(old_lead, new_lead)
    blocks: list[Block] = []
    matcher = difflib.SequenceMatcher(
        None,
        [text for text, _gap in old_paragraphs],
        [text for text, _gap in new_paragraphs],
        autojunk=False,
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs = zip(old_paragraphs[i1:i2], new_paragraphs[j1:j2], strict=True)
            for (text, old_gap), (_text, new_gap) in pairs:
                blocks.append(Block((Segment("equal", text),)))
                segments += [Segment("equal", text), *_gap_changes(old_gap, new_gap)]
            continue
        before, before_gap = _join(old_paragraphs[i1:i2])
        after, after_gap = _join(new_paragraphs[j1:j2])
        changes = tuple(_join_replacements(_compare(before, after, level=0)))
        blocks.append(Block(changes))
        segments += [*changes, *_gap_changes(before_gap, after_gap)]
    return WordDiff(tuple(_join_replacements(segments)), tuple(blocks))


def fold(
    blocks: tuple[Block, ...] | list[Block], context: int = CONTEXT_PARAGRAPHS
) -> list[Block | Fold]:
    """``blocks`` with each run of unchanged paragraphs folded, except the
    ``context`` paragraphs next to a change."""
    parts: list[Block | Fold] = []
    unchanged: list[Block] = []

    def flush(before_a_change: bool) -> None:
        # Whatever came before the run ended with a change.
        head = context if parts else 0
        tail = context if before_a_change else 0
        if len(unchanged) - head - tail < MIN_FOLDED:
            parts.extend(unchanged)
        else:
            end = len(unchanged) - tail
            parts.extend(unchanged[:head])
            parts.append(Fold(tuple(unchanged[head:end])))
            parts.extend(unchanged[end:])
        unchanged.clear()

    for block in blocks:
        if block.changed:
            flush(before_a_change=True)
            parts.append(block)
        else:
            unchanged.append(block)
    flush(before_a_change=False)
    return parts


def _split_paragraphs(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The blank lines opening ``text``, then each paragraph as its text and the
    blank space after it: joined, they are ``text`` again."""
    if not text.strip():
        return text, []
    lead = _LEADING_BLANK_LINES.match(text).group()
    paragraphs = []
    start = len(lead)
    for gap in _GAP.finditer(text, start):
        paragraphs.append((text[start : gap.start()], gap.group()))
        start = gap.end()
    if start < len(text):
        paragraphs.append((text[start:], ""))
    return lead, paragraphs


def _join(paragraphs: list[tuple[str, str]]) -> tuple[str, str]:
    """Paragraphs as one text, and apart the blank space after the last."""
    if not paragraphs:
        return "", ""
    text = "".join(text + gap for text, gap in paragraphs[:-1])
    return text + paragraphs[-1][0], paragraphs[-1][1]


def _gap_changes(old: str, new: str) -> list[Segment]:
    """Blank space between paragraphs, kept so that the segments make up both texts
    exactly; it changes nothing a reader sees, so no block shows it."""
    if old == new:
        return [Segment("equal", old)] if old else []
    return [
        Segment(op, text) for op, text in (("delete", old), ("insert", new)) if text
    ]


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
