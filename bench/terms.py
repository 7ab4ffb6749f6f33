"""Search terms picked by their measured document frequency.

A term's cost depends on how many answers hold it, so the search scenarios are
named by that ("df≈100": about a hundred answers) and their terms are picked after
generation from the search index's own counts: FTS5's vocabulary table on SQLite,
``ts_stat`` on PostgreSQL. Every pick is then counted again with the query the
search page runs, and that count is what the scenario reports.
"""

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from bench.generate import vocabulary
from columns.search.parsing import parse_query
from columns.search.schema import POSTGRES_CONFIG

# How many of the closest index terms are counted again before one is picked.
CANDIDATES = 12
# Shorter words ("a", "of") are not what readers search for.
MIN_LETTERS = 3


@dataclass(frozen=True)
class SearchTerm:
    name: str  # e.g. "df≈100"
    target: int
    query: str
    df: int  # answers the query matches, counted after picking


def targets(answers: int) -> dict[str, int]:
    """Document frequencies to time: about 1, 100, 10,000 and all answers; below
    100,000 answers the middle ones shrink to a tenth and a half of them."""
    return {
        "df≈1": 1,
        "df≈100": max(1, min(100, answers // 10)),
        "df≈10,000": max(1, min(10_000, answers // 2)),
        "df≈all": answers,
    }


def index_frequencies() -> dict[str, int]:
    """Every term of the answers' search index with the number of answers holding
    it (terms as the index stores them: stemmed, stop words left out)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT word, ndoc FROM ts_stat("
                "'SELECT search_document FROM columns_answer"
                " WHERE search_document IS NOT NULL')"
            )
        else:
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_answer_vocab"
                " USING fts5vocab(main, columns_answer_fts, row)"
            )
            cursor.execute("SELECT term, doc FROM temp.bench_answer_vocab")
        return dict(cursor.fetchall())


def answer_count(query: str) -> int:
    """Answers that every term of ``query`` matches, as the search page asks."""
    terms = parse_query(query)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            parts = [
                f"{'phraseto_tsquery' if len(t.words) > 1 else 'plainto_tsquery'}"
                f"('{POSTGRES_CONFIG}', %s)"
                for t in terms
            ]
            cursor.execute(
                "SELECT count(*) FROM columns_answer"
                f" WHERE search_document @@ ({' && '.join(parts)})",
                [t.text for t in terms],
            )
        else:
            match = " ".join('"' + t.text.replace('"', '""') + '"' for t in terms)
            cursor.execute(
                "SELECT count(*) FROM columns_answer_fts WHERE columns_answer_fts"
                " MATCH %s",
                [match],
            )
        return cursor.fetchone()[0]


def _distance(df: int, target: int) -> float:
    return abs(math.log((df + 0.5) / (target + 0.5)))


def _closest(frequencies: dict[str, int], target: int, taken: set[str]) -> list[str]:
    words = [w for w in frequencies if w not in taken and frequencies[w] > 0]
    # Of equally close words, the commonest in English (wordfreq's "aaaa" is in
    # one answer too, but "corridor" reads like a search).
    words.sort(key=lambda word: (_distance(frequencies[word], target), _rank(word)))
    return words[:CANDIDATES]


def _rank(word: str) -> int:
    return _ranks()[word]


@functools.cache
def _ranks() -> dict[str, int]:
    """Each word's place in the vocabulary (the commonest first)."""
    ranks: dict[str, int] = {}
    for rank, word in enumerate(vocabulary().words):
        ranks.setdefault(word, rank)
    return ranks


def pick(frequencies: dict[str, int], target: int, taken: set[str]) -> tuple[str, int]:
    """The word whose counted document frequency is nearest ``target``."""
    counted = [(answer_count(w), w) for w in _closest(frequencies, target, taken)]
    df, word = min(
        counted, key=lambda pair: (_distance(pair[0], target), _rank(pair[1]))
    )
    return word, df


def search_terms(answers: int) -> list[SearchTerm]:
    """One term per document frequency of ``targets``, then two terms of about
    half the middle target each, and the commonest phrase of two common words."""
    words = {word for word in vocabulary().words if len(word) >= MIN_LETTERS}
    # Index terms that are words as written, so searching for them finds them.
    frequencies = {t: n for t, n in index_frequencies().items() if t in words}
    picked: list[SearchTerm] = []
    taken: set[str] = set()
    for name, target in targets(answers).items():
        word, df = pick(frequencies, target, taken)
        taken.add(word)
        picked.append(SearchTerm(name, target, word, df))
    middle = targets(answers)["df≈10,000"]
    first, _ = pick(frequencies, middle, taken)
    second, _ = pick(frequencies, middle, taken | {first})
    pair = f"{first} {second}"
    picked.append(SearchTerm("two terms", middle, pair, answer_count(pair)))
    picked.append(common_phrase(frequencies, answers))
    return picked


def common_phrase(frequencies: dict[str, int], answers: int) -> SearchTerm:
    """Of the pairs of the five commonest English words in the index, the phrase
    most answers hold: a phrase's cost is checking both words' positions in every
    answer holding both. (Commonest by wordfreq's rank, not by the index's count,
    which would pick the words of the answers' Markdown template: "guide", "http".)"""
    common = sorted(frequencies, key=_rank)[:5]
    pairs: Sequence[str] = [f'"{a} {b}"' for a in common for b in common if a != b]
    counted = [(answer_count(phrase), phrase) for phrase in pairs]
    df, phrase = max(counted, key=lambda pair: (pair[0], pair[1]))
    return SearchTerm("phrase", answers, phrase, df)
