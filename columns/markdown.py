"""The one place on the site where Markdown becomes HTML.

``render_markdown`` is used by the models' ``save()`` to store ``body_html`` and
by the editor's live preview, so what a columnist previews is exactly what gets
published. Nothing else should turn Markdown into HTML.

Why markdown-it-py (CommonMark) rather than python-markdown: CommonMark keeps
lists nested when the nested items are indented by two spaces (python-markdown
insists on four and silently flattens them), and it renders long answers faster.

Safety is layered:

1. The parser runs with ``html`` off, so raw HTML typed into an answer is
   escaped and shown as text, and markdown-it refuses ``javascript:``,
   ``vbscript:``, ``file:`` and non-image ``data:`` link targets.
2. Its output always passes through ``nh3`` with explicit allowlists of tags,
   attributes, classes, CSS properties and URL schemes (http, https, mailto).
   This is the second line of defence should a parser rule or plugin ever emit
   something unexpected.

Supported syntax besides CommonMark: tables, ``~~strikethrough~~``, footnotes
(``[^1]``), task lists (``- [x] done``, rendered as disabled checkboxes, each
wrapped in a ``<label>`` with its item's text so assistive technology can name
it) and
slug ids on ``##`` and ``###`` headings so long answers can be linked into.
``#`` (h1) stays allowed and renders without an id; the page template owns the
page title, so columnists should start their sections at ``##``.

Expert quotes
-------------
A blockquote whose last paragraph starts with an em dash and a space (``— ``,
or ``-- `` for keyboards without one) is an expert quote. The attribution must
be a paragraph of its own, so separate it with an empty ``>`` line::

    > Most people with HPV never have symptoms and clear it within two years.
    >
    > — Dr Amara Okafor, consultant in sexual health

renders as::

    <blockquote class="expert-quote">
    <p>Most people with HPV never have symptoms ...</p>
    <p class="attribution">— Dr Amara Okafor, consultant in sexual health</p>
    </blockquote>

``-- `` is normalised to ``— ``. Any other blockquote stays a plain blockquote.
"""

import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

__all__ = ["render_markdown"]

EM_DASH_PREFIX = "— "
ASCII_DASH_PREFIX = "-- "


def _mark_expert_quotes(state: StateCore) -> None:
    """Core rule: tag blockquotes that end in an attribution paragraph."""
    tokens = state.tokens
    open_indices: list[int] = []
    for index, token in enumerate(tokens):
        if token.type == "blockquote_open":
            open_indices.append(index)
            continue
        if token.type != "blockquote_close":
            continue
        start = open_indices.pop()
        # The last child must be a paragraph (paragraph_open, inline,
        # paragraph_close) with quoted content before it.
        para_start = index - 3
        if para_start <= start + 1 or tokens[index - 1].type != "paragraph_close":
            continue
        if tokens[para_start].type != "paragraph_open":
            continue
        inline = tokens[index - 2]
        if not inline.content.startswith((EM_DASH_PREFIX, ASCII_DASH_PREFIX)):
            continue
        tokens[start].attrSet("class", "expert-quote")
        tokens[para_start].attrSet("class", "attribution")
        first = inline.children[0] if inline.children else None
        if first is not None and first.content.startswith(ASCII_DASH_PREFIX):
            first.content = EM_DASH_PREFIX + first.content[len(ASCII_DASH_PREFIX) :]


# Built once at import: configuring markdown-it and its plugins is far more
# expensive than rendering, and the parser is safe to reuse across calls.
_parser = (
    MarkdownIt("commonmark", {"html": False, "typographer": False})
    .enable(["table", "strikethrough"])
    .use(footnote_plugin)
    # The label wrapper names each checkbox: an unnamed form control is a critical
    # accessibility failure (axe "label"), even when it is disabled.
    .use(tasklists_plugin, label=True)
    .use(anchors_plugin, min_level=2, max_level=3)
)
_parser.core.ruler.push("expert_quote", _mark_expert_quotes)

ALLOWED_TAGS = {
    "p", "br", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "input", "label",
    "table", "thead", "tbody", "tr", "th", "td",
    # Footnotes: <sup> reference, <section> block. sub/abbr are plain
    # semantic tags with no attributes, harmless to allow.
    "sup", "sub", "section", "abbr",
}  # fmt: skip

# Never `class` here: nh3 requires classes to go through ALLOWED_CLASSES.
ALLOWED_ATTRIBUTES = {
    # Footnote refs and backrefs are anchors with ids pointing at each other.
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title"},
    # `type` and `disabled` are forced by SET_ATTRIBUTES below.
    "input": {"checked"},
    # markdown-it writes column alignment as style="text-align:...", and
    # FILTER_STYLE_PROPERTIES keeps only that property.
    "th": {"style"},
    "td": {"style"},
    **{tag: {"id"} for tag in ("h2", "h3", "h4", "h5", "h6", "li", "sup", "section")},
}

ALLOWED_CLASSES = {
    "blockquote": {"expert-quote"},
    "p": {"attribution"},
    "hr": {"footnotes-sep"},
    "section": {"footnotes"},
    "ol": {"footnotes-list"},
    "li": {"footnote-item", "task-list-item"},
    "sup": {"footnote-ref"},
    "a": {"footnote-backref"},
    "ul": {"contains-task-list"},
    "input": {"task-list-item-checkbox"},
}

# Every <input> left after sanitising is a read-only checkbox, whatever the HTML
# said: an input whose type was merely dropped would become a text field.
SET_ATTRIBUTES = {"input": {"type": "checkbox", "disabled": "disabled"}}

FILTER_STYLE_PROPERTIES = {"text-align"}

URL_SCHEMES = {"http", "https", "mailto"}

# Removed together with their content; everything else outside the allowlist
# is unwrapped and its text kept.
CLEAN_CONTENT_TAGS = {
    "script", "style", "iframe", "object", "embed",
    "noscript", "template", "svg", "math",
}  # fmt: skip

LINK_REL = "noopener noreferrer nofollow"

# Lone surrogates (e.g. from a JSON "\ud800") cannot be encoded as UTF-8 and
# would make both markdown-it and nh3 raise.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def render_markdown(text: str) -> str:
    """Render columnist Markdown to sanitised HTML; "" for empty input."""
    if not text:
        return ""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return nh3.clean(
        _parser.render(text),
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        set_tag_attribute_values=SET_ATTRIBUTES,
        filter_style_properties=FILTER_STYLE_PROPERTIES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
