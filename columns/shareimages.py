"""Share-card images: the picture a link preview shows (``og:image``).

A card shows what a page's title already makes public (an answer's title and
column) and the site's name: callers pass nothing else, so no word of a reader's
letter can reach it. The font is the one Pillow bundles (``load_default``), so
drawing needs no system font.
"""

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
PAPER = (0xFB, 0xFA, 0xF7)
INK = (0x1D, 0x3F, 0x43)
# The card is drawn in grey levels, then coloured by a palette running from paper
# (0) to ink (255): smooth letter edges in a small PNG that encodes quickly.
FULL, SOFT = 255, 190
PALETTE = [
    round(paper + (ink - paper) * level / 255)
    for level in range(256)
    for paper, ink in zip(PAPER, INK, strict=True)
]
# The title takes the largest size at which it fits in its lines.
TITLE_SIZES = ((76, 4), (64, 5), (54, 6))
LINE_HEIGHT = 1.2
KICKER_SIZE = 36
SITE_SIZE = 34


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def draw_card(title: str, *, kicker: str, site: str) -> bytes:
    """A 1200x630 PNG: ``kicker`` (a column's name) above ``title``, wrapped to
    fit, and ``site`` at the foot."""
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, WIDTH, 14), fill=FULL)
    if kicker:
        line = _fit(kicker, _font(KICKER_SIZE), width)
        draw.text((MARGIN, MARGIN), line, font=_font(KICKER_SIZE), fill=SOFT)
    top = MARGIN + 2 * KICKER_SIZE
    foot = HEIGHT - MARGIN - SITE_SIZE
    size, lines = _title_lines(title, width, foot - top - KICKER_SIZE)
    for number, line in enumerate(lines):
        y = top + number * round(size * LINE_HEIGHT)
        draw.text((MARGIN, y), line, font=_font(size), fill=FULL)
    draw.line((MARGIN, foot - 24, WIDTH - MARGIN, foot - 24), fill=SOFT, width=2)
    draw.text((MARGIN, foot), site, font=_font(SITE_SIZE), fill=FULL)
    image.putpalette(PALETTE)
    out = io.BytesIO()
    # The fastest zlib level: a quarter larger, half the time of the default, which
    # counts when a full bake draws a card for every answer.
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _title_lines(title: str, width: int, height: int) -> tuple[int, list[str]]:
    """The size and lines of the title: the largest size whose lines fit, else
    the smallest with its last line cut short."""
    for size, most_lines in TITLE_SIZES:
        room = min(most_lines, height // round(size * LINE_HEIGHT))
        lines = wrap(title, _font(size), width)
        if len(lines) <= room:
            return size, lines
    last = _fit(" ".join(lines[room - 1 :]), _font(size), width)
    return size, [*lines[: room - 1], last]


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """``text`` in lines no wider than ``width`` (a word too long for a line is
    cut)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(_fit(word, font, width))
    return lines


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """``text``, cut with an ellipsis if it is wider than ``width``."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
