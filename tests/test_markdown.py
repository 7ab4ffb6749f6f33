import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from columns.markdown import ALLOWED_TAGS, render_markdown, sanitise

DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """(tag, attributes) of every element, with entities already decoded."""
    found: list[tuple[str, dict[str, str | None]]] = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_starttag = lambda tag, attrs: found.append((tag, dict(attrs)))
    parser.feed(html)
    parser.close()
    return found


def tags(html: str) -> set[str]:
    return {tag for tag, _ in elements(html)}


def urls(html: str) -> list[str]:
    """href/src values as a browser's URL parser sees them.

    The WHATWG parser strips leading/trailing C0 controls and spaces and drops
    tabs and newlines anywhere, which is how "java\\tscript:" attacks work.
    """
    found = []
    for _, attrs in elements(html):
        for name in ("href", "src"):
            value = attrs.get(name)
            if value is not None:
                value = value.strip("".join(map(chr, range(0x21))))
                found.append(re.sub(r"[\t\n\r]", "", value).lower())
    return found


def has_dangerous_url(html: str) -> bool:
    return any(url.startswith(DANGEROUS_SCHEMES) for url in urls(html))


def has_event_handler(html: str) -> bool:
    return any(name.startswith("on") for _, attrs in elements(html) for name in attrs)


# --- removed or neutralised -------------------------------------------------


@pytest.mark.parametrize(
    ("source", "tag"),
    [
        ("<script>alert(1)</script>", "script"),
        ("Hello <script>alert(1)</script> world", "script"),
        ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "script"),
        ("<svg onload=alert(1)>", "svg"),
        ("<svg><script>alert(1)</script></svg>", "svg"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ('<object data="evil.swf"></object>', "object"),
        ('<embed src="evil.swf">', "embed"),
        ("<style>body { display: none }</style>", "style"),
        ('<form action="https://evil.example"><input name=pw></form>', "form"),
        ('<form action="https://evil.example"><input name=pw></form>', "input"),
        ('<img src=x onerror="alert(1)">', "img"),
        ("<a onclick=alert(1)>click</a>", "a"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "meta"),
        ("<math><mtext><script>alert(1)</script></mtext></math>", "math"),
    ],
)
def test_raw_html_never_becomes_an_element(source: str, tag: str) -> None:
    html = render_markdown(source)

    assert tag not in tags(html)
    assert f"<{tag}" not in html.lower()


@pytest.mark.parametrize(
    "source",
    [
        "<img src=x onerror=alert(1)>",
        "<a href='https://example.com' onclick=alert(1)>x</a>",
        "<svg onload=alert(1)>",
        "<p onmouseover=alert(1)>hover</p>",
        '[x](https://example.com "onclick=alert(1)")',
        "![x](https://example.com/a.png \"x' onerror='alert(1)\")",
    ],
)
def test_event_handler_attributes_never_survive(source: str) -> None:
    assert not has_event_handler(render_markdown(source))


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown("Use <b>bold</b> sparingly")

    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "b" not in tags(html)


def test_text_around_removed_html_survives() -> None:
    html = render_markdown("Before <script>alert(1)</script> after")

    assert "Before" in html
    assert "after" in html
    assert "<script" not in html


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](&#x6A;avascript:alert(1))",
        "[x](&#106;&#97;&#118;&#97;script:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](java&#x0A;script:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](\x01javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "![x](javascript:alert(1))",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "<a href='javascript:alert(1)'>x</a>",
    ],
)
def test_dangerous_url_schemes_never_reach_href_or_src(source: str) -> None:
    html = render_markdown(source)

    assert not has_dangerous_url(html)
    assert 'href="javascript' not in html.lower()


def test_link_text_survives_when_its_target_is_rejected() -> None:
    assert "click me" in render_markdown("[click me](javascript:alert(1))")


def test_data_uri_image_loses_its_source_but_keeps_alt_text() -> None:
    html = render_markdown("![chart](data:image/png;base64,AA==)")
    [attrs] = [attrs for tag, attrs in elements(html) if tag == "img"]

    assert "src" not in attrs
    assert attrs["alt"] == "chart"


def test_html_inside_code_is_escaped() -> None:
    html = render_markdown("```html\n<script>alert(1)</script>\n```")

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html


# --- kept -------------------------------------------------------------------


def test_h2_heading_gets_a_slug_id() -> None:
    html = render_markdown("## Is it safe after a vaccine?")

    assert '<h2 id="is-it-safe-after-a-vaccine">' in html


def test_h3_heading_gets_a_slug_id() -> None:
    assert '<h3 id="what-to-ask">' in render_markdown("### What to ask")


def test_h4_heading_has_no_id() -> None:
    assert "<h4>Detail</h4>" in render_markdown("#### Detail")


@pytest.mark.parametrize("indent", ["  ", "    "])
def test_nested_list_stays_nested(indent: str) -> None:
    html = render_markdown(f"- Condoms\n{indent}- External\n{indent}- Internal\n- PrEP")

    assert re.search(r"<li>Condoms\s*<ul>\s*<li>External</li>", html)
    assert html.count("<ul>") == 2


def test_ordered_list_is_kept() -> None:
    html = render_markdown("1. Talk\n2. Test\n3. Treat")

    assert "<ol>" in html
    assert html.count("<li>") == 3


def test_list_split_by_a_paragraph_goes_on_counting() -> None:
    html = render_markdown("1. Talk\n2. Test\n\nThen, later:\n\n3. Treat")

    assert re.search(
        r'<ol>\s*<li>Talk</li>.*<ol start="3">\s*<li>Treat</li>', html, re.S
    )


@pytest.mark.parametrize(("source", "start"), [("0. ok", "0"), ("007. ok", "7")])
def test_ordered_list_keeps_its_start_number(source: str, start: str) -> None:
    assert f'<ol start="{start}">' in render_markdown(source)


@pytest.mark.parametrize(
    "start", ["-1", "1.5", "1e3", "1000000000", " 5", "5; x", "", "٣"]
)
def test_sanitiser_drops_a_start_that_is_no_small_whole_number(start: str) -> None:
    assert sanitise(f'<ol start="{start}"><li>x</li></ol>') == "<ol><li>x</li></ol>"


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("[NHS](https://www.nhs.uk/)", "https://www.nhs.uk/"),
        ("[old](http://example.com/page)", "http://example.com/page"),
        ("[write in](mailto:ask@example.com)", "mailto:ask@example.com"),
        ("<https://www.nhs.uk/>", "https://www.nhs.uk/"),
    ],
)
def test_safe_links_are_kept_with_nofollow(source: str, href: str) -> None:
    [attrs] = [attrs for tag, attrs in elements(render_markdown(source)) if tag == "a"]

    assert attrs["href"] == href
    assert "nofollow" in (attrs["rel"] or "").split()


def test_table_is_wrapped_in_a_region_the_keyboard_can_reach() -> None:
    html = render_markdown("| Method | **Typical** `use` |\n|--|--|\n| Pill | 91% |")
    region, table = elements(html)[:2]

    assert region == (
        "div",
        {
            "class": "table-scroll",
            "role": "region",
            "aria-label": "Table: Method, Typical use",
            "tabindex": "0",
        },
    )
    assert table[0] == "table"
    assert html.rstrip().endswith("</table>\n</div>")


def test_table_without_header_text_is_a_region_named_table() -> None:
    html = render_markdown("| |\n|--|\n| x |")

    assert 'aria-label="Table"' in html


def test_table_header_text_is_escaped_in_the_region_name() -> None:
    html = render_markdown('| `"><script>` |\n|--|\n| x |')

    assert 'aria-label="Table: &quot;&gt;&lt;script&gt;"' in html
    assert "script" not in tags(html)


@pytest.mark.parametrize(
    ("attributes", "kept"),
    [
        ('role="region" tabindex="0"', 'role="region" tabindex="0"'),
        ('role="button" tabindex="0"', 'tabindex="0"'),
        ('role="region" tabindex="-1"', 'role="region"'),
        ('class="table-scroll x" role="region"', 'class="table-scroll" role="region"'),
    ],
)
def test_sanitiser_keeps_the_table_region_only_as_the_renderer_makes_it(
    attributes: str, kept: str
) -> None:
    assert sanitise(f"<div {attributes}>x</div>") == f"<div {kept}>x</div>"


def test_table_is_kept_with_column_alignment() -> None:
    html = render_markdown("| Method | Rate |\n|:--|--:|\n| Pill | 91% |")

    assert {"table", "thead", "tbody", "th", "td"} <= tags(html)
    assert '<th style="text-align:left">Method</th>' in html
    assert '<td style="text-align:right">91%</td>' in html


def test_footnote_renders_reference_and_footnote_section() -> None:
    html = render_markdown("Rates vary.[^1]\n\n[^1]: Source: UKHSA, 2024.")

    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1"' in html
    assert '<section class="footnotes">' in html
    assert '<li id="fn1" class="footnote-item">' in html
    assert "Source: UKHSA, 2024." in html


def test_blockquote_is_kept() -> None:
    assert "<blockquote>\n<p>A reader asks</p>" in render_markdown("> A reader asks")


def test_emphasis_and_strong_are_kept() -> None:
    html = render_markdown("*gently* and **clearly**")

    assert "<em>gently</em>" in html
    assert "<strong>clearly</strong>" in html


def test_strikethrough_is_kept() -> None:
    assert re.search(r"<(s|del)>outdated</\1>", render_markdown("~~outdated~~"))


def test_inline_code_is_kept() -> None:
    assert "<code>PrEP</code>" in render_markdown("Ask about `PrEP`.")


def test_fenced_code_block_is_kept() -> None:
    html = render_markdown("```\nline one\nline two\n```")

    assert "<pre><code>line one\nline two\n</code></pre>" in html


@pytest.mark.parametrize("language", ["python", "c++", "c#", "objective-c", "x_y2"])
def test_fenced_code_block_keeps_its_language_class(language: str) -> None:
    html = render_markdown(f"```{language}\nx\n```")

    assert f'<pre><code class="language-{language}">x\n</code></pre>' in html


@pytest.mark.parametrize("language", ['a"b', "föö", "a<b", "x" * 33])
def test_fenced_code_block_drops_a_language_that_is_no_short_name(
    language: str,
) -> None:
    assert "<pre><code>x\n</code></pre>" in render_markdown(f"```{language}\nx\n```")


@pytest.mark.parametrize(
    "classes", ["language-py extra", "expert-quote", "language-", "xlanguage-py"]
)
def test_sanitiser_keeps_only_a_lone_language_class_on_code(classes: str) -> None:
    assert sanitise(f'<code class="{classes}">x</code>') == "<code>x</code>"


def test_task_list_renders_disabled_checkboxes() -> None:
    html = render_markdown("- [ ] Book a test\n- [x] Read the leaflet")
    checkboxes = [attrs for tag, attrs in elements(html) if tag == "input"]

    assert len(checkboxes) == 2
    assert all(attrs["type"] == "checkbox" for attrs in checkboxes)
    assert all("disabled" in attrs for attrs in checkboxes)


def test_task_list_preserves_checked_state() -> None:
    html = render_markdown("- [ ] Book a test\n- [x] Read the leaflet")
    checked = ["checked" in attrs for tag, attrs in elements(html) if tag == "input"]

    assert checked == [False, True]


def test_task_list_checkboxes_are_labelled_by_their_item_text() -> None:
    html = render_markdown("- [ ] Book a test\n- [x] Read the leaflet")

    item = ["li", "label", "input"]
    assert [tag for tag, _ in elements(html)] == ["ul", *item, *item]
    assert re.search(r"<label><input [^>]*> Book a test</label>", html)


def test_expert_quote_gets_class_and_attribution() -> None:
    html = render_markdown(
        "> Most infections clear on their own.\n>\n> — Dr Amara Okafor, GUM consultant"
    )

    assert '<blockquote class="expert-quote">' in html
    assert (
        '<p class="attribution">— Dr Amara Okafor, GUM consultant</p>\n</blockquote>'
        in html
    )


def test_expert_quote_accepts_double_hyphen_and_normalises_it() -> None:
    html = render_markdown("> Get tested yearly.\n>\n> -- Dr Lee, MRCP")

    assert '<blockquote class="expert-quote">' in html
    assert '<p class="attribution">— Dr Lee, MRCP</p>' in html


def test_plain_blockquote_gets_no_expert_class() -> None:
    html = render_markdown("> I have a question.\n>\n> Thanks, worried reader")

    assert "expert-quote" not in html
    assert "attribution" not in html


def test_attribution_must_be_its_own_paragraph() -> None:
    html = render_markdown("> Get tested yearly.\n> — Dr Lee")

    assert "expert-quote" not in html


def test_blockquote_of_only_a_dash_line_is_not_an_expert_quote() -> None:
    assert "expert-quote" not in render_markdown("> — just a dash")


def test_raw_class_attributes_cannot_fake_an_expert_quote() -> None:
    html = render_markdown('<blockquote class="expert-quote">fake</blockquote>')

    assert "blockquote" not in tags(html)


def test_unicode_and_emoji_survive() -> None:
    html = render_markdown("Ça va? Ünïcödé — 性教育 🏳️‍🌈 ❤️")

    assert "Ça va? Ünïcödé — 性教育 🏳️‍🌈 ❤️" in html


def test_empty_input_gives_empty_string() -> None:
    assert render_markdown("") == ""


def test_lone_surrogate_does_not_raise() -> None:
    assert "\ufffd" in render_markdown("broken \ud800 text")


# --- properties -------------------------------------------------------------

DANGEROUS_FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=//evil.example>",
    "javascript:alert(1)",
    "JaVaScRiPt:",
    "java&#x09;script:",
    "&#106;avascript:",
    "data:text/html,<script>x</script>",
    "vbscript:",
    "\x00",
    "\t",
    '"',
    "'",
    "<!--",
    "-->",
    "<a href=",
    "onclick=",
]
MARKDOWN_SYNTAX = [
    "[",
    "](",
    ")",
    "![",
    "<",
    ">",
    "\n",
    "\n\n",
    "> ",
    ">\n> — ",
    "- ",
    "  - ",
    "1. ",
    "- [x] ",
    "## ",
    "```\n",
    "`",
    "*",
    "~~",
    "|",
    "\n|--|--|\n",
    "[^1]",
    "[^1]: ",
    "[ref]: ",
    "\\",
    " ",
]

mixed_markdown = st.lists(
    st.one_of(
        st.sampled_from(DANGEROUS_FRAGMENTS),
        st.sampled_from(MARKDOWN_SYNTAX),
        st.text(max_size=5),
    ),
    max_size=40,
).map("".join)


def assert_safe(html: str) -> None:
    assert "<script" not in html.lower()
    assert not has_dangerous_url(html)
    assert not has_event_handler(html)
    assert tags(html) <= ALLOWED_TAGS


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_renders_without_raising_or_unsafe_output(text: str) -> None:
    assert_safe(render_markdown(text))


@settings(max_examples=300, deadline=None)
@given(mixed_markdown)
def test_dangerous_fragments_mixed_with_markdown_render_safely(text: str) -> None:
    assert_safe(render_markdown(text))


def test_the_same_markdown_renders_the_same_html_in_every_process() -> None:
    """Stored HTML is compared with a fresh rendering (``manage.py rerender``):
    it must not depend on the process (the sanitiser's hash maps are seeded per
    process)."""
    script = (
        "import django; django.setup(); from columns.markdown import render_markdown;"
        "print(render_markdown('- [ ] one\\n- [x] two\\n\\n| a | b |\\n|--|--|\\n"
        "| 1 | 2 |\\n'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=django_settings.BASE_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "advice.settings"},
        ).stdout
        for _ in range(6)
    }
    assert len(outputs) == 1
    assert 'disabled="disabled" type="checkbox"' in outputs.pop()
