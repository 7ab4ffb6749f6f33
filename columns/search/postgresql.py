"""Search queries for PostgreSQL: ``tsvector @@ tsquery`` over GIN indexes, ranked
with ``ts_rank`` and highlighted with ``ts_headline`` (see ``schema``).

Every term reaches PostgreSQL as a bound parameter of ``plainto_tsquery`` (a word)
or ``phraseto_tsquery`` (a phrase), which never raise on any text.
"""

from collections.abc import Sequence

from django.db import connection

from columns.search.parsing import Term
from columns.search.query import AnswerQuery
from columns.search.schema import LETTERS_TEXT, POSTGRES_CONFIG

SNIPPET_OPTIONS = (
    f'StartSel="{chr(2)}", StopSel="{chr(3)}", MaxWords=35, MinWords=15, '
    'ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
)
ANSWER_LETTERS = "(" + LETTERS_TEXT.format(agg="string_agg", id="a.id") + ")"


def tsquery(terms: Sequence[Term], *, any_of: bool) -> tuple[str, list[str]]:
    """SQL for a tsquery of ``terms`` (all or any of them) and its parameters."""
    parts = [
        f"{'phraseto_tsquery' if len(term.words) > 1 else 'plainto_tsquery'}"
        f"('{POSTGRES_CONFIG}', %s)"
        for term in terms
    ]
    return "(" + (" || " if any_of else " && ").join(parts) + ")", [
        term.text for term in terms
    ]


def rank_answers(query: AnswerQuery) -> list[int]:
    """Ids of the public answers ``query`` asks for, best first by ``ts_rank``."""
    match, match_params = tsquery(query.terms, any_of=query.any_of)
    public, public_params = query.public_sql()
    # The tsquery is written out twice (not joined from a subquery) so the planner
    # sees a constant and uses the partial GIN index.
    sql = f"""
        SELECT id FROM (
            SELECT a.id, ts_rank(a.search_document, {match}) AS score
            FROM columns_answer a
            WHERE a.search_document @@ {match} AND {public}
            ORDER BY a.id DESC
            LIMIT {int(query.candidates)}
        ) candidates
        ORDER BY score DESC, id DESC
        LIMIT %s OFFSET %s
    """
    params = [*match_params, *match_params, *public_params, query.limit, query.offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def answer_snippets(
    terms: Sequence[Term], *, any_of: bool, ids: Sequence[int]
) -> dict[int, list[str]]:
    """For each answer id, snippets of its body, letters and summary with the
    matches between \\x02 and \\x03."""
    if not ids:
        return {}
    query, query_params = tsquery(terms, any_of=any_of)
    headlines = ", ".join(
        f"ts_headline('{POSTGRES_CONFIG}', coalesce({text}, ''), query.q, %s)"
        for text in ("a.body", ANSWER_LETTERS, "a.summary")
    )
    sql = (
        f"SELECT a.id, {headlines} FROM columns_answer a,"
        f" (SELECT {query} AS q) AS query WHERE a.id = ANY(%s)"
    )
    params = [*[SNIPPET_OPTIONS] * 3, *query_params, list(ids)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
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
    query, query_params = tsquery(terms, any_of=any_of)
    exclude = "AND q.id <> %s" if exclude_id is not None else ""
    score = f"ts_rank(q.search_document, {query})" if ranked else "0"
    order = "score DESC, id DESC" if ranked else "id DESC"
    sql = f"""
        SELECT id FROM (
            SELECT q.id, {score} AS score FROM columns_question q
            WHERE q.search_document @@ {query} {exclude}
            ORDER BY q.id DESC LIMIT {int(max(candidates, limit))}
        ) candidates
        ORDER BY {order} LIMIT %s
    """
    params = [*(query_params if ranked else []), *query_params]
    if exclude_id is not None:
        params.append(exclude_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]
