"""Word-level comparison of two texts (the desk's letter edits, the editor's
revisions)."""

import re
from html import unescape

from hypothesis import given, settings
from hypothesis import strategies as st

from columns.diff import word_diff


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
