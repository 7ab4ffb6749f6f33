"""Search queries for SQLite: FTS5 ``MATCH`` with bm25 ranking (see ``schema``).

Every term reaches FTS5 as a double-quoted string (a phrase of one or more words),
so no input can use FTS5's operators or break its parser.

Any-of queries (suggestions, related answers, similar letters: up to eight terms,
most of them common) are not ranked with bm25: it first counts every row that holds
each term, which for a common word is most of the table, whatever ``LIMIT`` says.
They are ranked within the window of newest matches instead (``window_scores``).
"""

import math
from collections import defaultdict
from collections.abc import Sequence

from django.db import connection

from columns.search.parsing import Term
from columns.search.query import AnswerQuery

# bm25 column weights. Answers: title, summary, letters, body, topics.
ANSWER_WEIGHTS = "10.0, 4.0, 2.0, 1.0, 6.0"
# Letters: headline, public text, original text, sign-off.
LETTER_WEIGHTS = "4.0, 2.0, 1.0, 0.5"
SNIPPET_TOKENS = 40
# Snippet columns of columns_answer_fts, in order of preference: body, letters,
# summary.
SNIPPET_COLUMNS = (3, 2, 1)


def match_expression(terms: Sequence[Term], *, any_of: bool) -> str:
    quoted = ['"' + term.text.replace('"', '""') + '"' for term in terms]
    return (" OR " if any_of else " ").join(quoted)


def rank_answers(query: AnswerQuery) -> list[int]:
    """Ids of the public answers ``query`` asks for, best first: by bm25, or for
    any-of queries by ``window_scores``."""
    public, public_params = query.public_sql()
    newest = f"""
        FROM columns_answer_fts
        JOIN columns_answer a ON a.id = columns_answer_fts.rowid
        WHERE columns_answer_fts MATCH %s AND {public}
        ORDER BY columns_answer_fts.rowid DESC LIMIT {int(query.candidates)}
    """
    return _best(
        "columns_answer_fts",
        newest,
        [match_expression(query.terms, any_of=query.any_of), *public_params],
        query.terms,
        any_of=query.any_of,
        weights=ANSWER_WEIGHTS,
        offset=query.offset,
        limit=query.limit,
    )


def answer_snippets(
    terms: Sequence[Term], *, any_of: bool, ids: Sequence[int]
) -> dict[int, list[str]]:
    """For each answer id, snippets of its body, letters and summary with the
    matches between \\x02 and \\x03."""
    if not ids:
        return {}
    snippets = ", ".join(
        f"snippet(columns_answer_fts, {column}, char(2), char(3), '…', "
        f"{SNIPPET_TOKENS})"
        for column in SNIPPET_COLUMNS
    )
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT rowid, {snippets} FROM columns_answer_fts"
        f" WHERE columns_answer_fts MATCH %s AND rowid IN ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_expression(terms, any_of=any_of), *ids])
        return {row[0]: list(row[1:]) for row in cursor.fetchall()}


def rank_letters(
    terms: Sequence[Term],
    *,
    any_of: bool,
    ranked: bool,
    candidates: int,
    limit: int,
    exclude_id: int | None = None,
) -> list[int]:
    """Ids of letters matching ``terms``: best first when ``ranked``, else newest
    first (among the ``candidates`` newest matches)."""
    exclude = "AND rowid <> %s" if exclude_id is not None else ""
    params = [match_expression(terms, any_of=any_of)]
    if exclude_id is not None:
        params.append(exclude_id)
    newest = (
        f"FROM columns_question_fts WHERE columns_question_fts MATCH %s {exclude}"
        f" ORDER BY rowid DESC LIMIT {int(max(candidates, limit))}"
    )
    if not ranked:
        return _ids(f"SELECT rowid {newest}", params)[:limit]
    return _best(
        "columns_question_fts",
        newest,
        params,
        terms,
        any_of=any_of,
        weights=LETTER_WEIGHTS,
        offset=0,
        limit=limit,
    )


def _best(
    table: str,
    newest: str,
    params: list,
    terms: Sequence[Term],
    *,
    any_of: bool,
    weights: str,
    offset: int,
    limit: int,
) -> list[int]:
    """Ids of the rows that ``newest`` (SQL from FROM to LIMIT: the newest matches
    of ``table``) finds, best first: by bm25 with column ``weights``, or for any-of
    queries by ``window_scores``."""
    if any_of:
        window = _ids(f"SELECT {table}.rowid {newest}", params)
        ranked = best_first(window, window_scores(table, terms, window))
        return ranked[offset : offset + limit]
    return _ids(
        f"SELECT id FROM (SELECT {table}.rowid AS id, bm25({table}, {weights})"
        f" AS score {newest}) ORDER BY score, id DESC LIMIT %s OFFSET %s",
        [*params, limit, offset],
    )


def window_scores(
    table: str, terms: Sequence[Term], window: Sequence[int]
) -> dict[int, float]:
    """For each row of ``window`` (ids of an FTS5 ``table``), the terms it holds,
    each weighted by how rare it is within the window (log(1 + rows / rows with
    it)): an IDF-weighted overlap that reads only the window's part of each term's
    index, from its lowest id up."""
    if not window or not terms:
        return {}
    branches = " UNION ALL ".join(
        f"SELECT rowid, {index} FROM {table} WHERE {table} MATCH %s AND rowid >= %s"
        for index in range(len(terms))
    )
    lowest = min(window)
    params = [
        value
        for term in terms
        for value in (match_expression([term], any_of=False), lowest)
    ]
    inside = set(window)
    holders: dict[int, set[int]] = defaultdict(set)
    with connection.cursor() as cursor:
        cursor.execute(branches, params)
        for rowid, index in cursor.fetchall():
            if rowid in inside:
                holders[index].add(rowid)
    scores: dict[int, float] = defaultdict(float)
    for rows in holders.values():
        weight = math.log(1 + len(inside) / len(rows))
        for rowid in rows:
            scores[rowid] += weight
    return scores


def best_first(window: Sequence[int], scores: dict[int, float]) -> list[int]:
    """``window`` by score, the newest first among equals."""
    return sorted(window, key=lambda rowid: (-scores.get(rowid, 0.0), -rowid))


def _ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
