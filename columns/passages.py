"""Finding the passage a review comment points at in an answer's body.

A comment quotes the words it is about and keeps a little of the text either side.
When the body has changed since, the quote is looked for again: exactly first (the
text either side choosing among several occurrences), then ignoring differences of
spacing and line breaks, then by its words alone, in order, whatever lies between
them (a quote taken from the preview has lost its Markdown: ``**``, ``#``, list
marks). A quote found none of these ways has been edited away, and the editor page
says so.

Positions are indexes into the body as Python counts them (code points); the page
gets them in UTF-16 code units, which is how a browser's text box counts.
"""

import re
from dataclasses import dataclass
from itertools import islice

# Longest quote a comment may point at, and how much text either side it keeps.
PASSAGE_MAX_CHARS = 1_000
CONTEXT_CHARS = 80
# Occurrences weighed against the context: enough for any real quote, and a bound
# on the work a one-letter quote in a long answer could cause.
OCCURRENCES_WEIGHED = 1_000


@dataclass(frozen=True)
class Span:
    """Where a passage is in a body: ``body[start:end]``."""

    start: int
    end: int
    # False when only a match ignoring spacing and line breaks was found.
    exact: bool
    text: str
    # The same positions in UTF-16 code units, for the browser's text box.
    utf16_start: int
    utf16_end: int


def locate(body: str, passage: str, before: str = "", after: str = "") -> Span | None:
    """The span of ``passage`` in ``body``, or None if it is no longer there.

    Of several occurrences, the one whose surroundings best match ``before`` and
    ``after`` wins (the first of equals).
    """
    if not passage.strip():
        return None
    exact = _occurrences(body, passage)
    if exact:
        return _span(body, *_best(body, exact, before, after), exact=True)
    for occurrences in (_loose_occurrences, _word_occurrences):
        found = occurrences(body, passage)
        if found:
            return _span(body, *_best(body, found, before, after), exact=False)
    return None


def context(
    body: str, passage: str, before: str = "", after: str = ""
) -> tuple[str, str]:
    """The text either side of ``passage`` in ``body`` (at most ``CONTEXT_CHARS``
    each), read from the body itself; ``before`` and ``after`` as given if the
    passage is not in the body."""
    span = locate(body, passage, before, after)
    if span is None:
        return before[-CONTEXT_CHARS:], after[:CONTEXT_CHARS]
    return (
        body[max(0, span.start - CONTEXT_CHARS) : span.start],
        body[span.end : span.end + CONTEXT_CHARS],
    )


def _occurrences(body: str, passage: str) -> list[tuple[int, int]]:
    found = []
    start = body.find(passage)
    while start != -1:
        found.append((start, start + len(passage)))
        if len(found) == OCCURRENCES_WEIGHED:
            break
        start = body.find(passage, start + 1)
    return found


def _loose_occurrences(body: str, passage: str) -> list[tuple[int, int]]:
    pattern = r"\s+".join(re.escape(word) for word in passage.split())
    matches = re.finditer(pattern, body)
    return [match.span() for match in islice(matches, OCCURRENCES_WEIGHED)]


def _word_occurrences(body: str, passage: str) -> list[tuple[int, int]]:
    """The same words in the same order, whatever lies between them: a quote taken
    from the preview has lost the Markdown (``**``, ``#``, list marks) around them."""
    words = _WORD.findall(passage)
    if not words:
        return []
    pattern = r"[\W_]+".join(re.escape(word) for word in words)
    # The quote's own punctuation at its ends ("lube.") is kept where it still is.
    edges = _EDGES.fullmatch(passage.strip())
    lead, trail = (re.escape(edges[1]), re.escape(edges[2])) if edges else ("", "")
    found = re.finditer(rf"(?:{lead})?(?<![^\W_]){pattern}(?![^\W_])(?:{trail})?", body)
    return [match.span() for match in islice(found, OCCURRENCES_WEIGHED)]


_WORD = re.compile(r"[^\W_]+")
_EDGES = re.compile(r"([\W_]*).*?([\W_]*)", re.DOTALL)


def _best(
    body: str, spans: list[tuple[int, int]], before: str, after: str
) -> tuple[int, int]:
    if len(spans) == 1:
        return spans[0]
    before, after = _words(before), _words(after)

    def fit(span: tuple[int, int]) -> int:
        start, end = span
        # Twice the context: spacing squeezed out may have made it longer.
        here_before = _words(body[max(0, start - 2 * CONTEXT_CHARS) : start])
        here_after = _words(body[end : end + 2 * CONTEXT_CHARS])
        return _common_suffix(here_before, before) + _common_prefix(here_after, after)

    return max(spans, key=fit)  # max keeps the first of equals


def _words(text: str) -> str:
    """``text`` with each run of spacing made one space (edges kept)."""
    return re.sub(r"\s+", " ", text)


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _span(body: str, start: int, end: int, *, exact: bool) -> Span:
    utf16_start = _utf16_length(body[:start])
    return Span(
        start=start,
        end=end,
        exact=exact,
        text=body[start:end],
        utf16_start=utf16_start,
        utf16_end=utf16_start + _utf16_length(body[start:end]),
    )
