"""What a reader reads of an answer, as plain text on one line.

``plain_text`` turns the HTML that ``columns.markdown.render_markdown`` stores
(``Answer.body_html``) into the words a reader sees: a table is its cells' text, a
link its text, a heading its words; images, checkboxes and footnote markers leave
nothing behind. Working from the rendered HTML rather than the Markdown means no
Markdown construct can slip through as ``|``, ``#``, ``**`` or ``](url)``.

The HTML is ``nh3``'s sanitised output (well-formed, no comments, scripts or raw
HTML), so regular expressions read it reliably; HTML a columnist typed into the
Markdown is shown on the page as text, and is dropped here as well.
"""

import re
from html import unescape

# Footnote references ("[1]") and back-references ("↩︎") are links, not prose.
_FOOTNOTE_MARKERS = re.compile(
    r'<sup class="footnote-ref">.*?</sup>|<a [^>]*class="footnote-backref".*?</a>',
    re.S,
)
# Tags that end a block or a table cell: their text must not run into the next.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|h[1-6]|blockquote|pre|ul|ol|li|table|thead|tbody|tr|th|td"
    r"|section)\b[^>]*>"
)
_TAG = re.compile(r"<[^>]*>")
# HTML typed into the Markdown, shown as text on the page: a letter then a name,
# so that "I <3 you" keeps its heart.
_TYPED_TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +(?=[,.;:!?)])")


def plain_text(html: str) -> str:
    """The text a reader reads in ``html``, whitespace runs as one space and no
    space before punctuation."""
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", _FOOTNOTE_MARKERS.sub("", html)))
    text = " ".join(_TYPED_TAG.sub("", unescape(text)).split())
    return _SPACE_BEFORE_PUNCTUATION.sub("", text)
