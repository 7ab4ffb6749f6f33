"""Word-level comparison of two texts (the desk's letter edits, the editor's
revisions), paragraph by paragraph, with unchanged paragraphs folded."""

import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from columns.diff import Block, Fold, Segment, fold, word_diff
from tests.seeds import seed_markdown


def test_the_word_diff_marks_whole_words_and_counts_them():
    diff = word_diff("Talk to your partner today.", "Talk with your partner.")
    assert str(diff.html) == (
        "Talk<del> to</del><ins> with</ins> your partner<del> today</del>."
    )
    assert (diff.removed, diff.added, diff.changed) == (2, 1, True)


def strip_changes(html: str, keep: str) -> str:
    drop = "ins" if keep == "del" else "del"
    html = re.sub(rf"<{drop}>.*?</{drop}>", "", html, flags=re.S)
    return unescape(re.sub(rf"</?{keep}>", "", html))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" \n.!?<>&abcé"), st.text(alphabet=" \n.!?<>&abcé"))
def test_a_diff_holds_both_texts_exactly(old, new):
    diff = word_diff(old, new)
    assert strip_changes(diff.html, keep="del") == old
    assert strip_changes(diff.html, keep="ins") == new


def test_a_long_answer_with_a_few_edits_is_diffed_sentence_by_sentence():
    old = "".join(f"Say what you both want, point {n}. " for n in range(3_000))
    assert len(old) > 90_000 and "\n" not in old  # one very long paragraph
    new = old.replace("both want, point 7.", "each want, point 7.")
    diff = word_diff(old, new)
    assert (diff.removed, diff.added) == (1, 1)


def test_the_word_diff_escapes_the_texts():
    diff = word_diff("a <b>", "a <script>alert(1)</script>")
    assert "<script" not in diff.html
    assert "&lt;/script&gt;" in diff.html


def test_identical_texts_have_no_changes():
    diff = word_diff("Same\n\ntext.", "Same\n\ntext.")
    assert not diff.changed
    assert diff.html == "Same\n\ntext."


def test_a_rewritten_phrase_reads_as_one_deletion_and_one_insertion():
    diff = word_diff("I met Jo from Leeds at work.", "I met a colleague at work.")
    assert [(s.op, s.text) for s in diff.segments] == [
        ("equal", "I met"),
        ("delete", " Jo from Leeds"),
        ("insert", " a colleague"),
        ("equal", " at work."),
    ]


# Paragraphs and folding --------------------------------------------------------------


def text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def shape(parts: list[Block | Fold]) -> str:
    """Parts as a string: "x" a change, "." an unchanged paragraph, "[n]" a fold."""
    return "".join(
        f"[{len(part)}]" if part.folded else "x" if part.changed else "."
        for part in parts
    )


def blocks(pattern: str) -> list[Block]:
    return [
        Block((Segment("delete", "a"), Segment("insert", "b")))
        if mark == "x"
        else Block((Segment("equal", "same"),))
        for mark in pattern
    ]


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [
        ("", ""),
        (".", "."),
        ("..", "[2]"),
        ("x", "x"),
        ("xx", "xx"),
        ("x.", "x."),
        ("x..", "x.."),
        ("x...", "x.[2]"),
        ("...x", "[2].x"),
        ("..........x", "[9].x"),
        ("....x....", "[3].x.[3]"),
        ("x.x", "x.x"),
        ("x...x", "x...x"),
        ("x....x", "x.[2].x"),
        ("x.x.....x.", "x.x.[3].x."),
    ],
)
def test_runs_of_unchanged_paragraphs_fold_but_for_one_each_side_of_a_change(
    pattern, shown
):
    assert shape(fold(blocks(pattern))) == shown


def test_more_context_keeps_more_paragraphs_beside_a_change():
    assert shape(fold(blocks("......x......"), context=2)) == "[4]..x..[4]"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=".x"))
def test_folding_hides_only_unchanged_paragraphs_and_keeps_their_order(pattern):
    original = blocks(pattern)
    parts = fold(original)
    unfolded = [block for part in parts for block in getattr(part, "blocks", [part])]
    assert [id(block) for block in unfolded] == [id(block) for block in original]
    for index, part in enumerate(parts):
        if part.folded:
            assert len(part) >= 2
            assert all(not block.changed for block in part.blocks)
            neighbours = parts[max(index - 1, 0) : index + 2]
            assert not any(getattr(n, "changed", False) for n in neighbours)


def test_a_change_in_the_middle_shows_with_a_paragraph_either_side():
    old = text(*(f"Paragraph {n} is here." for n in range(1, 11)))
    diff = word_diff(old, old.replace("Paragraph 5 is", "Paragraph 5 was"))
    assert shape(diff.parts) == "[3].x.[4]"
    change = diff.parts[2]
    assert change.html == "Paragraph 5<del> is</del><ins> was</ins> here."
    assert [b.html for b in diff.parts[0].blocks] == [
        "Paragraph 1 is here.",
        "Paragraph 2 is here.",
        "Paragraph 3 is here.",
    ]


@pytest.mark.parametrize(
    ("new", "shown"),
    [
        (text("One!", "b", "c", "d", "e"), "x.[3]"),
        (text("a", "b", "c", "d", "Five!"), "[3].x"),
        (text("a", "B!", "C!", "d", "e"), ".x.."),
        (text("a", "b", "New.", "c", "d", "e"), "..x.[2]"),
        (text("a", "b", "d", "e"), "..x.."),
        (text("New.", "a", "b", "c", "d", "e"), "x.[4]"),
        (text("a", "b", "c", "d", "e", "New."), "[4].x"),
        (text("b", "c", "d", "e"), "x.[3]"),
        (text("a", "b", "c", "d"), "[3].x"),
    ],
    ids=[
        "first",
        "last",
        "two adjacent",
        "added",
        "removed",
        "added first",
        "added last",
        "removed first",
        "removed last",
    ],
)
def test_where_a_change_is_decides_what_is_folded(new, shown):
    diff = word_diff(text("a", "b", "c", "d", "e"), new)
    assert shape(diff.parts) == shown


def test_two_adjacent_changed_paragraphs_show_as_one_change():
    diff = word_diff(text("a", "b", "c", "d"), text("a", "B!", "C!", "d"))
    assert shape(diff.parts) == ".x."
    assert (
        str(diff.parts[1].html)
        == "<del>b</del><ins>B!</ins>\n\n<del>c</del><ins>C!</ins>"
    )


def test_an_added_paragraph_is_all_insertion_and_its_neighbours_unchanged():
    diff = word_diff(text("a", "b", "c"), text("a", "b", "New words.", "c"))
    assert [str(part.html) for part in diff.parts] == [
        "a",
        "b",
        "<ins>New words.</ins>",
        "c",
    ]
    assert (diff.removed, diff.added) == (0, 3)


def test_a_removed_paragraph_is_all_deletion():
    diff = word_diff(text("a", "Old words here.", "b"), text("a", "b"))
    assert [str(part.html) for part in diff.parts] == [
        "a",
        "<del>Old words here.</del>",
        "b",
    ]


def test_a_paragraph_added_at_the_end_leaves_the_last_one_unchanged():
    diff = word_diff(text("a", "b"), text("a", "b", "c"))
    assert [(part.changed, str(part.html)) for part in diff.parts] == [
        (False, "a"),
        (False, "b"),
        (True, "<ins>c</ins>"),
    ]


def test_identical_texts_fold_whole():
    same = text("a", "b", "c")
    diff = word_diff(same, same)
    assert not diff.changed
    assert shape(diff.parts) == "[3]"


def test_empty_texts_have_nothing_to_show():
    diff = word_diff("", "")
    assert not diff.changed
    assert diff.parts == []


@pytest.mark.parametrize(("old", "new"), [("", "a\n\nb"), ("a\n\nb", "")])
def test_a_text_from_or_to_nothing_is_one_change(old, new):
    diff = word_diff(old, new)
    assert shape(diff.parts) == "x"
    assert diff.removed + diff.added == 2


def test_blank_lines_between_paragraphs_change_no_paragraph():
    diff = word_diff("a\n\nb", "a\n\n\n\nb  \n")
    assert diff.changed  # the texts differ ...
    assert not any(block.changed for block in diff.blocks)  # ... but no paragraph
    assert (diff.removed, diff.added) == (0, 0)


def test_paragraphs_split_at_blank_lines_of_any_line_ending():
    diff = word_diff("a\r\n\r\nb\r\n \r\nc", "a\r\n\r\nB\r\n \r\nc")
    assert shape(diff.parts) == ".x."


def test_a_paragraph_keeps_its_lines_and_indentation():
    diff = word_diff("a\n\n    code\n    more", "a\n\n    code\n    more!")
    assert str(diff.parts[1].html) == "    code\n    more<ins>!</ins>"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" \n.ab"), st.text(alphabet=" \n.ab"))
def test_the_paragraphs_show_every_changed_word(old, new):
    diff = word_diff(old, new)
    shown = [segment for block in diff.blocks for segment in block.segments]
    for op in ("delete", "insert"):
        words = [s.text.split() for s in shown if s.op == op]
        everywhere = [s.text.split() for s in diff.segments if s.op == op]
        assert sum(map(len, words)) == sum(map(len, everywhere))


def test_a_sentence_changed_in_a_long_answer_shows_alone_between_folds():
    old = seed_markdown()
    assert len(old.split()) > 2_600
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", old) if p.strip()]
    sentence = "That, dear querrent, is a nasty move."
    (middle,) = [n for n, p in enumerate(paragraphs) if sentence in p]
    new = old.replace(sentence, "That, dear querent, is a cruel move.")
    diff = word_diff(old, new)
    assert shape(diff.parts) == (f"[{middle - 1}].x.[{len(paragraphs) - middle - 2}]")
    assert (diff.removed, diff.added) == (2, 2)
    assert "dear<del> querrent</del><ins> querent</ins>, is a" in diff.parts[2].html
    folded = diff.parts[0].blocks + diff.parts[4].blocks
    assert [unescape(b.html) for b in folded] == (
        paragraphs[: middle - 1] + paragraphs[middle + 2 :]
    )
