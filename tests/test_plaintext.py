"""The plain text of rendered answers, as search snippets show it."""

import pytest

from columns.markdown import render_markdown
from columns.plaintext import plain_text
from tests.seeds import seed_markdown


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        (
            "| Option | How long after sex |\n|---|:---:|\n| Copper coil | 5 days |",
            "Option How long after sex Copper coil 5 days",
        ),
        ("## Part One: *Collect* Information", "Part One: Collect Information"),
        ("Read [this post](https://example.org/a) first.", "Read this post first."),
        ("A coil ![diagram](https://example.org/coil.png) fits.", "A coil fits."),
        ("Wait a **fortnight** , then test .", "Wait a fortnight, then test."),
        ("```\nfenced\ncode\n```\n\nAfter.", "fenced code After."),
        ("- [x] Book a test\n- [ ] Go", "Book a test Go"),
        ("Noted.[^1]\n\n[^1]: The source.", "Noted. The source."),
        ("Typed <b>bold</b> &amp; 5 < 6, I <3 you", "Typed bold & 5 < 6, I <3 you"),
        ("> Quoted.\n>\n> — Dr A, nurse", "Quoted. — Dr A, nurse"),
        ("", ""),
    ],
)
def test_plain_text_is_what_a_reader_reads(markdown, text):
    assert plain_text(render_markdown(markdown)) == text


def test_a_real_long_answer_keeps_its_words_and_loses_its_markup():
    text = plain_text(render_markdown(seed_markdown()))
    assert "you can watch here and is NSFW" in text
    assert "Part One: Collect Information" in text
    for residue in ("](", "**", "##", "<", "\n", "  ", " ,", " ."):
        assert residue not in text, residue
