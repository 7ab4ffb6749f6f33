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
   something unexpected. The few attributes whose values the renderer computes
   (an ordered list's ``start``, a code block's ``language-*`` class, the table
   region's role and tab stop) must also have the shape the renderer gives them.

Supported syntax besides CommonMark: tables (each in a scrollable region that the
keyboard can reach, named after its column headers), ``~~strikethrough~~``, footnotes
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
from collections.abc import Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

__all__ = ["render_markdown", "sanitise"]

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


def _column_headers(tokens: Sequence[Token], table_open: int) -> list[str]:
    """The plain text of each non-empty header cell of the table opened at
    ``table_open``."""
    headers = []
    for token in tokens[table_open:]:
        if token.type == "thead_close":
            break
        if token.type == "inline":
            text = "".join(
                child.content
                for child in token.children or []
                if child.type in ("text", "code_inline")
            ).strip()
            if text:
                headers.append(text)
    return headers


def _render_table_open(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    index: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    """Wrap the table in a region that scrolls sideways on narrow screens: keyboard
    users reach it with Tab to scroll it, and screen readers announce it by its
    column headers."""
    headers = _column_headers(tokens, index)
    label = "Table: " + ", ".join(headers) if headers else "Table"
    return (
        f'<div class="table-scroll" role="region" aria-label="{escapeHtml(label)}"'
        ' tabindex="0">\n' + renderer.renderToken(tokens, index, options, env)
    )


def _render_table_close(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    index: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    return renderer.renderToken(tokens, index, options, env) + "</div>\n"


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
_parser.add_render_rule("table_open", _render_table_open)
_parser.add_render_rule("table_close", _render_table_close)

ALLOWED_TAGS = {
    "p", "br", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "input", "label",
    "table", "thead", "tbody", "tr", "th", "td",
    # The scrollable region around each table (``_render_table_open``).
    "div",
    # Footnotes: <sup> reference, <section> block. sub/abbr are plain
    # semantic tags with no attributes, harmless to allow.
    "sup", "sub", "section", "abbr",
}  # fmt: skip

# `class` only on a tag without ALLOWED_CLASSES (nh3 refuses both): <code>, whose
# one class, the fence's language, cannot be listed in advance.
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
    # The values of these are checked by GENERATED_VALUES below.
    "ol": {"start"},
    "code": {"class"},
    "div": {"role", "aria-label", "tabindex"},
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
    "div": {"table-scroll"},
}

# Attributes whose values the renderer computes, and the shape it gives them: any
# other value is dropped. A list starts at most at 999999999 (CommonMark allows
# nine digits); a fence's language is a short name, alone in ``class``.
GENERATED_VALUES = {
    ("ol", "start"): re.compile(r"[0-9]{1,9}").fullmatch,
    ("code", "class"): re.compile(r"language-[A-Za-z0-9_+#-]{1,32}").fullmatch,
    ("div", "role"): {"region"}.__contains__,
    ("div", "tabindex"): {"0"}.__contains__,
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


def _keep_generated_values(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: ``value``, or None (dropped) when it is not the
    shape the renderer gives that attribute."""
    allowed = GENERATED_VALUES.get((tag, attribute))
    return value if allowed is None or allowed(value) else None


def render_markdown(text: str) -> str:
    """Render columnist Markdown to sanitised HTML; "" for empty input."""
    if not text:
        return ""
    return sanitise(_parser.render(_LONE_SURROGATE.sub("\ufffd", text)))


# ammonia writes the attributes it forces in hash order, which differs from one
# process to the next: one order, so that the same Markdown always stores the same
# HTML (``manage.py rerender`` compares them).
_FORCED_IN_HASH_ORDER = ' type="checkbox" disabled="disabled">'
_FORCED_IN_ONE_ORDER = ' disabled="disabled" type="checkbox">'


def sanitise(html: str) -> str:
    """The renderer's output reduced to the allowlists: the second line of
    defence, should a parser rule or plugin ever emit something unexpected."""
    return _clean(html).replace(_FORCED_IN_HASH_ORDER, _FORCED_IN_ONE_ORDER)


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_keep_generated_values,
        set_tag_attribute_values=SET_ATTRIBUTES,
        filter_style_properties=FILTER_STYLE_PROPERTIES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
