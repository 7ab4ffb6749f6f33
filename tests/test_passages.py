"""Finding a comment's passage in an answer's body, before and after edits."""

import pytest

from columns import passages
from columns.models import ReviewComment
from columns.passages import CONTEXT_CHARS, locate

BODY = (
    "## Lube\n\n"
    "Water-based lube is safe with condoms. Use plenty.\n\n"
    "## Toys\n\n"
    "Silicone toys need water-based lube. Use plenty.\n"
)


def span_text(body: str, span: passages.Span) -> str:
    return body[span.start : span.end]


def test_an_exact_passage_is_found_where_it_is():
    span = locate(BODY, "Water-based lube is safe with condoms.")
    assert (span.start, span.exact) == (BODY.index("Water-based"), True)
    assert span_text(BODY, span) == "Water-based lube is safe with condoms."


@pytest.mark.parametrize(
    ("before", "after", "heading"),
    [
        ("Water-based lube is safe with condoms. ", "\n\n## Toys", "## Lube"),
        ("Silicone toys need water-based lube. ", "\n", "## Toys"),
        # Only one side known: it is enough.
        ("", "\n\n## Toys", "## Lube"),
        ("toys need water-based lube. ", "", "## Toys"),
    ],
)
def test_the_context_chooses_among_repeated_words(before, after, heading):
    span = locate(BODY, "Use plenty.", before, after)
    assert span_text(BODY, span) == "Use plenty."
    assert BODY.rindex("##", 0, span.start) == BODY.index(heading)


def test_without_context_the_first_of_repeated_words_is_taken():
    assert locate(BODY, "Use plenty.").start == BODY.index("Use plenty.")


def test_an_edit_above_the_passage_moves_it():
    before, after = passages.context(
        BODY, "Use plenty.", "toys need water-based lube. "
    )
    edited = BODY.replace("## Lube", "## Lube, and why it matters\n\nA new paragraph.")
    span = locate(edited, "Use plenty.", before, after)
    assert span.start == edited.rindex("Use plenty.")
    assert span.start > BODY.rindex("Use plenty.")


def test_an_edited_passage_is_reported_gone():
    edited = BODY.replace("safe with condoms", "fine with latex condoms")
    assert locate(edited, "Water-based lube is safe with condoms.") is None


@pytest.mark.parametrize(
    "edited",
    [
        BODY.replace("lube is safe", "lube  is\nsafe"),
        BODY.replace("lube is safe", "lube\n    is safe"),
        BODY.replace("lube is safe", "lube\tis safe"),
    ],
)
def test_changes_of_spacing_and_line_breaks_are_tolerated(edited):
    span = locate(edited, "Water-based lube is safe with condoms.")
    assert span.exact is False
    assert (
        span_text(edited, span).split()
        == "Water-based lube is safe with condoms.".split()
    )


def test_a_quote_with_other_spacing_than_the_body_is_found():
    span = locate(BODY, "Water-based lube\nis   safe")
    assert span_text(BODY, span) == "Water-based lube is safe"


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("lube is safe with", "lube is **safe** with"),
        ("Toys Silicone toys", "Toys\n\nSilicone toys"),
        ("with condoms. Use", "with _condoms_. Use"),
        ("Lube", "Lube"),
    ],
)
def test_a_quote_from_the_preview_is_found_by_its_words(quote, source):
    body = BODY.replace("is safe with", "is **safe** with").replace(
        "with condoms.", "with _condoms_."
    )
    span = locate(body, quote)
    assert span_text(body, span) == source


def test_a_quote_from_the_preview_keeps_its_end_punctuation():
    body = "Silicone toys need **care** too. Really\n"
    assert locate(body, "need care too.").text == "need **care** too."
    assert locate(body, "“Really.”").text == "Really"  # what is no longer there


def test_words_match_whole_words_only():
    assert locate("Use plentyful lube.", "Use plenty lube") is None


def test_a_blank_passage_points_nowhere():
    assert locate(BODY, "   ") is None


def test_regex_characters_in_a_quote_are_plain_text():
    body = "Costs (roughly) $5.* or more.\n"
    span = locate(body.replace(") $", ")  $"), "(roughly) $5.*")
    assert span is not None and span.exact is False
    assert locate(body, "(roughly) $6.*") is None


def test_positions_for_the_browser_count_utf16_units():
    body = "Consent 🙂 first. Then lube.\n"
    span = locate(body, "Then lube.")
    assert span.start == body.index("Then")
    # The emoji is one code point but two UTF-16 units.
    assert (span.utf16_start, span.utf16_end) == (span.start + 1, span.end + 1)


def test_the_context_kept_is_read_from_the_body_and_bounded():
    body = "x" * 200 + " Use plenty. " + "y" * 200
    before, after = passages.context(body, "Use plenty.")
    assert before == ("x" * 200 + " ")[-CONTEXT_CHARS:]
    assert after == (" " + "y" * 200)[:CONTEXT_CHARS]


def test_a_quote_not_in_the_body_keeps_the_context_it_was_given():
    assert passages.context(BODY, "Not there", "a" * 100, "b" * 100) == (
        "a" * CONTEXT_CHARS,
        "b" * CONTEXT_CHARS,
    )


def test_a_comment_locates_its_passage_and_a_general_comment_has_none():
    comment = ReviewComment(
        passage="Use plenty.", passage_before="toys need water-based lube. "
    )
    assert comment.locate(BODY).start == BODY.rindex("Use plenty.")
    assert ReviewComment(passage="").locate(BODY) is None
