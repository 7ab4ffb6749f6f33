"""Drawing share cards: any title fits the card, with Pillow's own font."""

import io

import pytest
from PIL import Image, ImageFont

from columns.shareimages import HEIGHT, WIDTH, draw_card, wrap


@pytest.mark.parametrize(
    "title",
    [
        "",
        "Short",
        "How do I tell my partner I want to slow down? " * 12,
        "Pneumonoultramicroscopicsilicovolcanoconiosis" * 4,
        "Ümlauts, ligatures ﬁ and emoji 🙂 are drawn without error",
    ],
)
def test_any_title_draws_a_card_of_the_open_graph_size(title):
    image = Image.open(io.BytesIO(draw_card(title, kicker="Body Check", site="Desk")))
    assert image.size == (WIDTH, HEIGHT) == (1200, 630)


def test_lines_are_no_wider_than_asked_and_keep_every_word_that_fits():
    font = ImageFont.load_default(size=40)
    text = "one two three four five six seven eight nine ten eleven twelve"
    lines = wrap(text, font, 300)
    assert len(lines) > 1
    assert all(font.getlength(line) <= 300 for line in lines)
    assert " ".join(lines) == text


def test_a_word_wider_than_a_line_is_cut_short():
    font = ImageFont.load_default(size=40)
    (line,) = wrap("x" * 200, font, 300)
    assert line.endswith("…") and font.getlength(line) <= 300
