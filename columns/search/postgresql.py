"""Search queries for PostgreSQL: ``tsvector @@ tsquery`` over GIN indexes, ranked
with ``ts_rank`` and highlighted with ``ts_headline`` (see ``schema``).

Every term reaches PostgreSQL as a bound parameter of ``plainto_tsquery`` (a word)
or ``phraseto_tsquery`` (a phrase), which never raise on any text.
"""

from collections.abc import Sequence
from datetime import datetime

from django.db import connection

from columns.search.parsing import Term
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


def rank_answers(
    terms: Sequence[Term],
    *,
    any_of: bool,
    now: datetime,
    candidates: int,
    column_id: int | None = None,
    topic_id: int | None = None,
    exclude_id: int | None = None,
    offset: int = 0,
    limit: int = 10,
) -> list[int]:
    """Ids of public answers matching ``terms``, best first.

    Only the ``candidates`` newest matches are ranked, so a term found in every
    answer costs the same as a rare one.
    """
    query, query_params = tsquery(terms, any_of=any_of)
    filters, filter_params = [], []
    if column_id is not None:
        filters.append("AND a.column_id = %s")
        filter_params.append(column_id)
    if topic_id is not None:
        filters.append(
            "AND EXISTS (SELECT 1 FROM columns_taggedanswer t"
            " WHERE t.content_object_id = a.id AND t.tag_id = %s)"
        )
        filter_params.append(topic_id)
    if exclude_id is not None:
        filters.append("AND a.id <> %s")
        filter_params.append(exclude_id)
    # The tsquery is written out twice (not joined from a subquery) so the planner
    # sees a constant and uses the partial GIN index.
    sql = f"""
        SELECT id FROM (
            SELECT a.id, ts_rank(a.search_document, {query}) AS score
            FROM columns_answer a
            WHERE a.state = 'published' AND a.search_document @@ {query}
              AND a.publish_at <= %s {" ".join(filters)}
            ORDER BY a.id DESC
            LIMIT {int(candidates)}
        ) candidates
        ORDER BY score DESC, id DESC
        LIMIT %s OFFSET %s
    """
    params = [*query_params, *query_params, now, *filter_params, limit, offset]
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
