"""Full-text search over answers and letters, on SQLite FTS5 and PostgreSQL."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from columns import search
from columns.models import Answer, AnswerLetter, Topic
from columns.search import schema
from columns.search.parsing import (
    Term,
    parse_query,
    significant_words,
    without_control_characters,
)
from tests.factories import (
    make_answer,
    make_column,
    make_published_answer,
    make_question,
)
from tests.seeds import seed_markdown


def titles(page) -> list[str]:
    return [hit.answer.title for hit in page]


# Parsing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", []),
        ("   ", []),
        ("Consent", [("consent",)]),
        ("talk talk TALK", [("talk",)]),
        ('"saying no" kindly', [("saying", "no"), ("kindly",)]),
        ('"unbalanced quote', [("unbalanced",), ("quote",)]),
        ('""', []),
        ("NEAR(a b) AND c*", [("near",), ("a",), ("b",), ("and",), ("c",)]),
        ("snake_case-word", [("snake",), ("case",), ("word",)]),
        ("ｆｕｌｌｗｉｄｔｈ", [("fullwidth",)]),
        ("Straße", [("strasse",)]),
        ("!!! ??? ***", []),
    ],
)
def test_queries_are_parsed_into_plain_words_and_phrases(query, expected):
    assert [term.words for term in parse_query(query)] == expected


def test_parsing_caps_the_number_of_terms_and_the_query_length():
    assert len(parse_query(" ".join(f"word{n}" for n in range(100)))) == 8
    assert parse_query("a" * 10_000) == [Term(("a" * 40,))]


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\x00", ""),
        ("pain\x00ful", "painful"),
        ("\x1b[31msex\x7f", "[31msex"),
        ("zero\u200bwidth \u200eleft\ufeff", "zerowidth left"),
        ("tabs\tand\nnewlines stay", "tabs\tand\nnewlines stay"),
        ("Straße café ❤️", "Straße café ❤️"),
    ],
)
def test_control_and_format_characters_are_dropped_from_what_visitors_type(typed, kept):
    assert without_control_characters(typed) == kept


def test_significant_words_drop_stop_words_and_keep_the_longest():
    words = [term.text for term in significant_words("I think my partner is the one")]
    assert words == ["partner", "one"]


# Ranking and matching ------------------------------------------------------------


def test_a_title_match_ranks_above_a_body_match(db):
    make_published_answer(title="Other things", body="We talk about jealousy once.")
    make_published_answer(title="Jealousy without shame", body="Hi.")
    assert titles(search.search_answers("jealousy")) == [
        "Jealousy without shame",
        "Other things",
    ]


def test_more_occurrences_rank_higher_among_body_matches(db):
    make_published_answer(title="One", body="Lubricant. " + "Filler words. " * 30)
    make_published_answer(title="Three", body="Lubricant, lubricant and lubricant.")
    assert titles(search.search_answers("lubricant")) == ["Three", "One"]


def test_every_word_must_match(db):
    make_published_answer(title="Dating after divorce")
    make_published_answer(title="Dating apps")
    assert titles(search.search_answers("dating divorce")) == ["Dating after divorce"]


def test_quoted_words_match_as_a_phrase(db):
    make_published_answer(title="A", body="We want an open relationship.")
    make_published_answer(title="B", body="Our relationship is open to ideas.")
    assert titles(search.search_answers('"open relationship"')) == ["A"]


def test_words_match_their_other_forms(db):
    make_published_answer(title="Talking to your doctor")
    assert titles(search.search_answers("talks")) == ["Talking to your doctor"]


def test_the_printed_letters_public_text_is_searchable_but_never_the_original(db):
    question = make_question(
        public_text="My flatmate keeps borrowing things.",
        original_text="My flatmate Zebedee keeps borrowing things.",
    )
    make_published_answer(questions=[question], title="Boundaries at home")
    assert titles(search.search_answers("flatmate")) == ["Boundaries at home"]
    assert titles(search.search_answers("zebedee")) == []


def test_topic_names_are_searchable(db):
    make_published_answer(title="A long story", topics=("polyamory",))
    assert titles(search.search_answers("polyamory")) == ["A long story"]


def test_results_filter_by_column_and_topic(db):
    column = make_column()
    make_published_answer(title="Kink in column", column=column, topics=("kink",))
    make_published_answer(title="Kink elsewhere", topics=("kink",))
    make_published_answer(title="Kink untagged", column=column)
    topic = Topic.objects.get(name="kink")
    assert titles(search.search_answers("kink", column=column)) == [
        "Kink in column",  # the topic counts, too
        "Kink untagged",
    ]
    assert titles(search.search_answers("kink", column=column, topic=topic)) == [
        "Kink in column"
    ]


def test_snippets_mark_the_matches_and_escape_the_text(db):
    make_published_answer(
        title="Tags", body="Some say <script>alert(1)</script> and **condoms** help."
    )
    (hit,) = search.search_answers("condoms")
    assert "<mark>condoms</mark>" in hit.snippet
    assert "<script" not in hit.snippet
    assert "**" not in hit.snippet


CONTRACEPTION_TABLE = """\
## Which emergency contraception?

| Option | How long after sex | Notes |
|---|:---:|---|
| Copper coil | Up to 5 days | The **most** effective; [NHS](https://www.nhs.uk/coil) |
| Pill (ulipristal) | Up to 5 days | Wait a *fortnight* , then test |

![A coil](https://example.org/coil.png)

```
fenced code
```
"""


def snippet_of(query: str) -> str:
    (hit,) = search.search_answers(query)
    return str(hit.snippet)


def test_snippets_of_a_table_are_plain_text(db):
    make_published_answer(title="Emergency options", body=CONTRACEPTION_TABLE)
    snippet = snippet_of("ulipristal")
    assert "<mark>ulipristal</mark>" in snippet
    assert "effective; NHS Pill (<mark>ulipristal</mark>) Up to 5 days Wait" in snippet
    for residue in ("|", "---", ":-", "#", "**", "*", "](", "nhs.uk", "!["):
        assert residue not in snippet, residue


def test_snippets_have_single_spaces_and_none_before_punctuation(db):
    make_published_answer(title="Emergency options", body=CONTRACEPTION_TABLE)
    snippet = snippet_of("fortnight")
    assert "Wait a <mark>fortnight</mark>, then test" in snippet
    assert "  " not in snippet and "\n" not in snippet


def test_snippets_of_a_long_answer_begin_near_the_first_match(db):
    body = seed_markdown()
    make_published_answer(title="A long answer", summary="Summary.", body=body)
    snippet = snippet_of("scintillating")
    assert snippet.startswith("…")
    assert "<mark>scintillating</mark>" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) <= 320
    for residue in ("](", "**", "*", "##", "\n"):
        assert residue not in snippet, residue


def test_a_phrase_is_marked_across_markdown_emphasis(db):
    make_published_answer(title="Arrangements", body="We have an *open* relationship.")
    snippet = snippet_of('"open relationship"')
    # FTS5 marks a phrase as one, PostgreSQL word by word.
    assert "<mark>open relationship</mark>" in snippet.replace("</mark> <mark>", " ")


def test_other_forms_of_a_word_are_marked_as_the_database_matched_them(db):
    make_published_answer(title="Talk", body="Two **relationships** at once.")
    assert "<mark>relationships</mark>" in snippet_of("relationship")


def test_a_match_only_in_markup_shows_the_summary(db):
    make_published_answer(
        title="Reading list",
        summary="Books & films we like.",
        body="Look up! ![A zeppelin over London](https://example.org/z.png)",
    )
    assert snippet_of("zeppelin") == "Books &amp; films we like."


def test_a_match_in_the_letter_is_shown_when_the_body_has_none(db):
    letter = make_question(
        headline="Shy", public_text="I feel shy about my stammer, honestly."
    )
    make_published_answer(title="Confidence", questions=[letter], body="Be kind.")
    snippet = snippet_of("stammer")
    assert "I feel shy about my <mark>stammer</mark>, honestly" in snippet


def test_search_pages_say_whether_there_is_a_next_page(db):
    for number in range(5):
        make_published_answer(title=f"Herpes {number}")
    first = search.search_answers("herpes", per_page=2)
    last = search.search_answers("herpes", page=3, per_page=2)
    assert (len(first), first.has_next, first.has_previous) == (2, True, False)
    assert (len(last), last.has_next, last.has_previous) == (1, False, True)
    past = search.search_answers("herpes", page=4, per_page=2)
    assert (len(past), past.is_past_the_end, last.is_past_the_end) == (0, True, False)
    assert not search.search_answers("zeppelin").is_past_the_end


def test_only_a_bounded_set_of_the_newest_matches_is_ranked(db, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    for number in range(5):
        make_published_answer(title=f"Condoms {number}")
    page = search.search_answers("condoms", per_page=2)
    assert set(titles(page)) <= {"Condoms 2", "Condoms 3", "Condoms 4"}
    assert page.has_next
    second = search.search_answers("condoms", page=2, per_page=2)
    assert (len(second), second.has_next) == (1, False)
    assert len(search.search_answers("condoms", page=3, per_page=2)) == 0


# Only public answers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "state", ["draft", "in_review", "changes_requested", "approved", "withdrawn"]
)
def test_answers_that_are_not_published_are_never_found(db, state):
    answer = make_published_answer(title="Vaginismus explained")
    Answer.objects.filter(pk=answer.pk).update(state=state)
    assert titles(search.search_answers("vaginismus")) == []
    assert search.suggest_answers("vaginismus vaginismus") == []


def test_a_scheduled_answer_is_found_once_its_time_has_come(db):
    soon = timezone.now() + timedelta(hours=1)
    answer = make_published_answer(title="Vasectomy myths", publish_at=soon)
    assert titles(search.search_answers("vasectomy")) == []
    Answer.objects.filter(pk=answer.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1)
    )
    assert titles(search.search_answers("vasectomy")) == ["Vasectomy myths"]


# The database keeps the index in sync ---------------------------------------------


def test_editing_a_published_answer_reindexes_it(db):
    answer = make_published_answer(title="Old title about chlamydia")
    answer.title = "New title about gonorrhoea"
    answer.save()
    assert titles(search.search_answers("chlamydia")) == []
    assert titles(search.search_answers("gonorrhoea")) == [answer.title]


def test_deleting_an_answer_removes_it_from_the_index(db):
    answer = make_published_answer(title="Erectile worries")
    answer.delete()
    assert titles(search.search_answers("erectile")) == []


def test_republishing_a_withdrawn_answer_indexes_it_again(db):
    answer = make_published_answer(title="Fertility questions")
    Answer.objects.filter(pk=answer.pk).update(state="withdrawn")
    Answer.objects.filter(pk=answer.pk).update(state="published")
    assert titles(search.search_answers("fertility")) == ["Fertility questions"]


def test_editing_a_printed_letter_reindexes_its_answer(db):
    answer = make_published_answer(title="Plain")
    question = answer.letters.get().question
    question.public_text = "About my stepfather."
    question.save()
    assert titles(search.search_answers("stepfather")) == ["Plain"]


def test_adding_and_removing_letters_and_topics_reindexes_the_answer(db):
    answer = make_published_answer(title="Plain")
    extra = make_question(column=answer.column, public_text="Long distance.")
    AnswerLetter.objects.create(answer=answer, question=extra, position=2)
    answer.topics.add("menopause")
    assert titles(search.search_answers("distance menopause")) == ["Plain"]
    AnswerLetter.objects.filter(question=extra).delete()
    answer.topics.clear()
    assert titles(search.search_answers("distance")) == []
    assert titles(search.search_answers("menopause")) == []


def test_renaming_a_topic_reindexes_its_answers(db):
    answer = make_published_answer(title="Plain", topics=("libido",))
    Topic.objects.filter(name="libido").update(name="desire gap")
    assert titles(search.search_answers("libido")) == []
    assert titles(search.search_answers('"desire gap"')) == [answer.title]


def missing_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = set(schema.sqlite_triggers())
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            expected = set(schema.postgres_triggers())
        return expected - {row[0] for row in cursor.fetchall()}


def test_every_search_trigger_is_installed(db):
    """Fails if a migration rebuilt a table on SQLite and dropped its triggers:
    end such a migration by running ``schema.install`` again."""
    assert missing_triggers() == set()


def test_rebuilding_the_index_repairs_the_triggers_and_refills_it(db):
    make_published_answer(title="Refilled answer")
    make_question(public_text="A refilled letter.")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses to run while this test's FK checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("DROP TRIGGER columns_answer_search ON columns_answer")
        else:
            cursor.execute("DROP TRIGGER columns_answer_fts_update")
    call_command("rebuild_search_index", stdout=StringIO())
    assert titles(search.search_answers("refilled")) == ["Refilled answer"]
    assert len(search.matching_letter_ids("refilled")) == 1
    assert missing_triggers() == set()


# Input that once broke full-text parsers ------------------------------------------

NASTY_QUERIES = [
    "",
    " ",
    "a" * 100_000,
    "word " * 5_000,
    "!!!",
    "***",
    '"',
    '"""',
    '"unbalanced',
    "it's",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "foo AND",
    "OR foo",
    "NOT foo",
    "foo NOT",
    "foo*",
    "*foo",
    "^foo",
    "foo:bar",
    "title:foo",
    "col:",
    "(foo",
    "foo)",
    "()",
    "-foo",
    "- -",
    "+foo",
    "foo & bar | !baz",
    "foo <-> bar",
    "foo:* & bar:A",
    "'; DROP TABLE columns_answer; --",
    "1' OR '1'='1",
    "%",
    "%s %s %(x)s",
    "\\",
    "\x00",
    "nul\x00byte",
    "\ud800",
    "lone \udcff surrogate",
    "emoji 🙂🍆💦",
    "👩\u200d❤\ufe0f\u200d👩",
    "e\u0301",
    "\u202etxet\u202c",
    "中文 搜索",
    "ﷺ",
    "ɐɹǝɯɐɔ",
    "null",
    "NULL",
    "the",
    "the a of",
    "$$",
    "{}[]",
]


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_no_query_ever_raises(db, query):
    make_published_answer(title="Condoms and consent", body="Talk first.")
    page = search.search_answers(query)
    assert isinstance(page, search.SearchPage)
    search.search_answers(query, page=10**9, per_page=10**9)
    assert isinstance(search.suggest_answers(query), list)
    assert isinstance(search.matching_letter_ids(query), list)


def test_a_meaningless_query_finds_nothing(db):
    make_published_answer(title="Anything")
    assert len(search.search_answers("!!! ***")) == 0
    assert search.matching_letter_ids("") == []
    assert search.suggest_answers("") == []


# Suggestions, related answers -----------------------------------------------------


def test_suggestions_find_published_answers_close_to_a_letter(db):
    make_published_answer(title="Painful sex after childbirth", topics=("pain",))
    make_published_answer(title="Choosing a contraceptive")
    for number in range(8):
        make_published_answer(title=f"Dyspareunia answer {number}")
    suggestions = search.suggest_answers(
        "Since giving birth last year sex has been painful and I dread it."
    )
    assert suggestions[0].title == "Painful sex after childbirth"
    assert all(answer.title != "Choosing a contraceptive" for answer in suggestions)
    assert len(search.suggest_answers("dyspareunia answer")) == 5


def test_related_answers_share_topics_and_words_and_exclude_the_answer(db):
    answer = make_published_answer(title="Porn anxiety", topics=("porn",))
    related = make_published_answer(title="Porn and expectations")
    tagged = make_published_answer(title="Something else", topics=("porn",))
    make_published_answer(title="Unrelated gardening")
    draft = make_answer(title="Porn draft")
    found = search.related_answers(answer)
    assert set(found) == {related, tagged}
    assert draft not in found


# Letters (staff) -------------------------------------------------------------------


def test_letter_search_matches_every_text_field_newest_first(db):
    older = make_question(original_text="My ex Rutherford texts me.", public_text="")
    newer = make_question(headline="Rutherford again")
    signed = make_question(sign_off="Rutherford fan")
    make_question(public_text="Nothing to see.")
    assert search.matching_letter_ids("rutherford") == [signed.pk, newer.pk, older.pk]
    assert search.matching_letter_ids("rutherford", limit=1) == [signed.pk]


def test_letter_search_follows_edits_and_deletions(db):
    question = make_question(public_text="About my landlord.")
    question.public_text = "About my neighbour."
    question.save()
    assert search.matching_letter_ids("landlord") == []
    assert search.matching_letter_ids("neighbour") == [question.pk]
    question.delete()
    assert search.matching_letter_ids("neighbour") == []


def test_similar_letters_rank_the_closest_first_and_exclude_the_letter(db):
    text = "My boyfriend wants an open relationship and I feel jealous and scared."
    letter = make_question(original_text=text, public_text=text, headline="Open?")
    close = make_question(
        public_text="He asked for an open relationship; I'm jealous and scared."
    )
    loose = make_question(public_text="Is jealousy normal?")
    make_question(public_text="Which contraceptive pill suits me?")
    similar = search.similar_letters(letter)
    assert similar[0] == close
    assert letter not in similar
    assert loose not in similar or similar.index(loose) > 0
    assert len(search.similar_letters(letter, limit=1)) == 1


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's window ranking of any-of queries"
)
def test_any_of_ranking_weighs_a_rare_shared_word_above_a_common_one(db):
    from columns.search import sqlite

    common = [make_question(public_text=f"Chlamydia test {n}.") for n in range(5)]
    rare = make_question(public_text="Thinking about a vasectomy.")
    both = make_question(public_text="Chlamydia, then a vasectomy?")
    terms = [Term(("chlamydia",)), Term(("vasectomy",))]
    ranked = sqlite.rank_letters(
        terms, any_of=True, ranked=True, candidates=100, limit=10
    )
    # Newest first among the letters that share only the common word.
    assert ranked == [both.pk, rare.pk, *(q.pk for q in reversed(common))]
