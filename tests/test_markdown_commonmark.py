"""The CommonMark Spec's own examples, rendered by ``columns.markdown``.

Every example of the spec (0.31.2, ``tests/data/``) whose Markdown holds no raw
HTML is run: raw HTML is escaped as text on purpose (``html`` off), so examples
that CommonMark parses into an HTML block or inline HTML (what markdown-it finds
with ``html`` on, by the spec's own definitions) cannot match. That leaves 580 of
the 652 examples.

Output and expectation are compared as a browser would see them (``normalised``),
without two additions the site makes on purpose everywhere: the slug ids of ``##``
and ``###`` headings and the ``rel`` of links. A few examples differ on purpose
(``DELIBERATE``); each must render as the product rule says, and every other
example exactly as the spec says: 574 of 580.
"""

import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from columns.markdown import LINK_REL, render_markdown

SPEC = Path(__file__).parent / "data" / "commonmark-spec-0.31.2.json"
EXAMPLES = json.loads(SPEC.read_text(encoding="utf-8"))

_html_parser = MarkdownIt("commonmark", {"html": True})


def has_raw_html(markdown: str) -> bool:
    """Whether CommonMark reads part of ``markdown`` as raw HTML."""
    for token in _html_parser.parse(markdown):
        if token.type == "html_block":
            return True
        if any(child.type == "html_inline" for child in token.children or []):
            return True
    return False


WITHOUT_RAW_HTML = [
    example for example in EXAMPLES if not has_raw_html(example["markdown"])
]

# Example number -> (the product rule, what the site renders instead).
DELIBERATE = {
    34: (
        "a code block's language becomes a class only if it is an ASCII name",
        "<pre><code>foo\n</code></pre>",
    ),
    144: (
        "a code block's language becomes a class only if it is an ASCII name",
        "<pre><code></code></pre>",
    ),
    596: (
        "links keep only http, https and mailto targets",
        "<p><a>irc://foo.bar:2233/baz</a></p>",
    ),
    598: ("links keep only http, https and mailto targets", "<p><a>a+b+c:d</a></p>"),
    599: (
        "links keep only http, https and mailto targets",
        "<p><a>made-up-scheme://foo,bar</a></p>",
    ),
    601: (
        "links keep only http, https and mailto targets",
        "<p><a>localhost:5001/foo</a></p>",
    ),
}

# Whitespace next to these tags is not rendered: they start or end a line.
BLOCK_TAGS = {
    "blockquote", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip


class _Normaliser(HTMLParser):
    """Collects HTML as pieces, with entities decoded and written one way,
    attributes sorted and whitespace outside ``<pre>`` collapsed."""

    BLOCK, INLINE, TEXT, PREFORMATTED = range(4)

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, int]] = []
        self.in_pre = 0

    def tag_kind(self, tag: str) -> int:
        return self.BLOCK if tag in BLOCK_TAGS else self.INLINE

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = sorted(
            (name, value or "")
            for name, value in attrs
            if not (tag == "a" and name == "rel" and value == LINK_REL)
            and not (tag in ("h2", "h3") and name == "id")
        )
        markup = "".join(f' {name}="{escape(value)}"' for name, value in kept)
        self.pieces.append((f"<{tag}{markup}>", self.tag_kind(tag)))
        self.in_pre += tag == "pre"

    # <br /> and <br> are the same element.
    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.pieces.append((f"</{tag}>", self.tag_kind(tag)))
        self.in_pre -= tag == "pre"

    def handle_data(self, data: str) -> None:
        if self.in_pre:
            self.pieces.append((escape(data, quote=False), self.PREFORMATTED))
        else:
            self.pieces.append(
                (escape(re.sub(r"\s+", " ", data), quote=False), self.TEXT)
            )


def normalised(html: str) -> str:
    """``html`` with the differences a browser does not show smoothed out."""
    parser = _Normaliser()
    parser.feed(html)
    parser.close()
    pieces = parser.pieces
    block = parser.BLOCK
    out = []
    for index, (markup, kind) in enumerate(pieces):
        if kind == parser.TEXT:
            if index > 0 and pieces[index - 1][1] == block:
                markup = markup.lstrip(" ")
            if index + 1 < len(pieces) and pieces[index + 1][1] == block:
                markup = markup.rstrip(" ")
        out.append(markup)
    return "".join(out)


def test_580_of_the_652_examples_have_no_raw_html() -> None:
    assert (len(WITHOUT_RAW_HTML), len(EXAMPLES)) == (580, 652)
    assert set(DELIBERATE) <= {example["example"] for example in WITHOUT_RAW_HTML}


@pytest.mark.parametrize(
    "example", WITHOUT_RAW_HTML, ids=lambda example: f"example-{example['example']}"
)
def test_commonmark_example_renders_as_the_spec_says(example: dict) -> None:
    rendered = normalised(render_markdown(example["markdown"]))
    if example["example"] in DELIBERATE:
        rule, expected = DELIBERATE[example["example"]]
        assert rendered == normalised(expected), rule
        assert rendered != normalised(example["html"]), f"no longer differs: {rule}"
    else:
        assert rendered == normalised(example["html"])


@pytest.mark.parametrize(
    ("html", "same_as"),
    [
        ("<p>a &amp; &quot;b&quot;</p>\n", '<p>a &amp; "b"</p>'),
        ("<p>a<br />\nb</p>", "<p>a<br>b</p>"),
        ('<a title="t" href="/u">x</a>', '<a href="/u" title="t">x</a>'),
        ("<ul>\n<li>a  b</li>\n</ul>\n", "<ul><li>a b</li></ul>"),
        ('<h2 id="x">X</h2>', "<h2>X</h2>"),
        (f'<a href="/u" rel="{LINK_REL}">x</a>', '<a href="/u">x</a>'),
    ],
)
def test_normaliser_ignores_what_a_browser_does_not_show(
    html: str, same_as: str
) -> None:
    assert normalised(html) == normalised(same_as)


@pytest.mark.parametrize(
    ("html", "other"),
    [
        ("<pre><code>a  b\n</code></pre>", "<pre><code>a b\n</code></pre>"),
        ("<p>a b</p>", "<p>ab</p>"),
        ("<p><em>a</em> b</p>", "<p><em>a</em>b</p>"),
        ('<h4 id="x">X</h4>', "<h4>X</h4>"),
        ('<a href="/u" rel="me">x</a>', '<a href="/u">x</a>'),
        ("<p>&lt;b&gt;</p>", "<p><b></b></p>"),
    ],
)
def test_normaliser_keeps_what_a_browser_shows(html: str, other: str) -> None:
    assert normalised(html) != normalised(other)
