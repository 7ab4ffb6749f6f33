"""Search snippets: a stretch of an answer's plain text around its first match,
with the matches in ``<mark>``.

The backends' snippet functions (FTS5 ``snippet``, PostgreSQL ``ts_headline``)
know which words matched, other forms and phrases included, and mark them between
``START`` and ``STOP``. But they cut their fragments from the indexed text, the
answer's Markdown, where a table, a link or emphasis shows its syntax. So a
fragment only says *which* words matched; what is shown is cut from the plain text
of the rendered answer (``columns.plaintext``), or, when the body holds no match,
from the letters or the summary, which are plain text already.
"""

import re
from collections.abc import Iterable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from columns.listings import excerpt
from columns.plaintext import plain_text

START, STOP = "\x02", "\x03"
SNIPPET_CHARS = 320
# Text shown before the first match, so that it reads in context.
LEAD_CHARS = 60

_MARKED = re.compile(f"{START}(.*?){STOP}", re.S)
_WORD = re.compile(r"\w+")


def snippet(
    body_html: str, summary: str, fragments: Sequence[str] | None
) -> SafeString:
    """What a search result shows of an answer, as escaped HTML.

    ``fragments`` are the backend's marked fragments of the body, the letters and
    the summary, in that order. The first of those texts with a match gives the
    snippet; without one, the summary's beginning does (unmarked).
    """
    body, letters, in_summary = fragments or ("", "", "")
    for fragment, html in [
        (body, body_html),
        (letters, escape(_unmarked(letters))),
        (in_summary, escape(summary)),
    ]:
        matches = _matches(_MARKED.findall(fragment or ""))
        found = _around_first(plain_text(html), matches) if matches else None
        if found is not None:
            return found
    return escape(excerpt(summary, SNIPPET_CHARS))


def _unmarked(fragment: str | None) -> str:
    return (fragment or "").replace(START, "").replace(STOP, "")


def _matches(marked: Iterable[str]) -> re.Pattern | None:
    """A pattern finding the ``marked`` words and phrases as whole words, in any
    case and with anything between a phrase's words (the Markdown of a fragment
    may hold emphasis or a line break where the plain text has a space)."""
    forms = {tuple(_WORD.findall(text.lower())) for text in marked} - {()}
    if not forms:
        return None
    alternatives = sorted(
        (r"\W+".join(map(re.escape, words)) for words in forms), key=len, reverse=True
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.I)


def _around_first(text: str, matches: re.Pattern) -> SafeString | None:
    """``SNIPPET_CHARS`` of ``text`` from a little before the first match (None
    without one), with every match marked."""
    first = matches.search(text)
    if first is None:
        return None
    start = max(0, first.start() - LEAD_CHARS)
    if start:
        # Begin at a word: after the first space of the lead, if it has one.
        start = text.find(" ", start, first.start()) + 1 or start
    shown = excerpt(text[start:], SNIPPET_CHARS - 1 if start else SNIPPET_CHARS)
    parts, end = ["…" if start else ""], 0
    for match in matches.finditer(shown):
        parts += [escape(shown[end : match.start()]), "<mark>", escape(match.group())]
        parts.append("</mark>")
        end = match.end()
    parts.append(escape(shown[end:]))
    return mark_safe("".join(parts))
