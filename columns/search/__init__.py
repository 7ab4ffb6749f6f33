"""Full-text search: one interface over SQLite FTS5 and PostgreSQL full text.

The index lives in the database and triggers keep it in step with answers,
letters and topics (see ``columns.search.schema``); nothing here loops over rows to
index them. Public functions:

- ``search_answers``: the public search page (published answers only, ranked,
  highlighted snippets, filters, paging without an exact total).
- ``suggest_answers``: "already answered?" on the ask page.
- ``related_answers``: the answer page's related answers (shared topics and text).
- ``matching_letter_ids`` and ``similar_letters``: the desk's letter search and
  duplicate finder (staff only: they search the reader's original text too).

No input raises: queries are parsed into plain quoted terms
(``columns.search.parsing``) and an empty or meaningless query finds nothing.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType

from django.db import connection
from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.safestring import SafeString

from columns.listings import PageNumbers, listed
from columns.models import Answer, Column, Question, Topic
from columns.search import postgresql, sqlite
from columns.search.parsing import Term, parse_query, significant_words, words_of
from columns.search.query import AnswerQuery
from columns.search.snippets import snippet

__all__ = [
    "SearchHit",
    "SearchPage",
    "matching_letter_ids",
    "related_answers",
    "search_answers",
    "similar_letters",
    "suggest_answers",
]

# Ranking looks at this many of the newest matches at most: a word found in every
# answer costs no more than a rare one, and the newest matches are the likeliest
# to be wanted. Also bounds how deep the pages of a search go.
CANDIDATES = 1000
# Any-of queries (suggestions, related answers) cost more per candidate: fewer
# candidates and terms.
CLOSE_CANDIDATES = 300
MAX_CLOSE_TERMS = 8
MAX_PER_PAGE = 50


@dataclass(frozen=True)
class SearchHit:
    answer: Answer
    snippet: SafeString


@dataclass(frozen=True)
class SearchPage(PageNumbers):
    """One page of search results. There is no total: counting every match of a
    common word would cost a scan, so paging only knows whether a next page
    exists."""

    query: str
    terms: tuple[Term, ...]
    number: int
    per_page: int
    hits: list[SearchHit] = field(default_factory=list)
    has_next: bool = False

    def __iter__(self) -> Iterator[SearchHit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    @property
    def is_past_the_end(self) -> bool:
        """Whether this page comes after the last page with results."""
        return self.number > 1 and not self.hits

    @property
    def start_index(self) -> int:
        """The 1-based position of the first hit on this page."""
        return (self.number - 1) * self.per_page + 1


def _backend() -> ModuleType:
    return postgresql if connection.vendor == "postgresql" else sqlite


def search_answers(
    query: str,
    *,
    column: Column | None = None,
    topic: Topic | None = None,
    page: int = 1,
    per_page: int = 10,
) -> SearchPage:
    """Published answers matching every word and "phrase" of ``query``, best first.

    Pages past the ranked candidates (``CANDIDATES``) are empty.
    """
    terms = tuple(parse_query(query))
    page = max(1, page)
    per_page = min(max(1, per_page), MAX_PER_PAGE)
    result = SearchPage(query=query, terms=terms, number=page, per_page=per_page)
    offset = (page - 1) * per_page
    if not terms or offset >= CANDIDATES:
        return result
    now = timezone.now()
    ids = _backend().rank_answers(
        AnswerQuery(
            terms,
            any_of=False,
            now=now,
            candidates=CANDIDATES,
            column_id=column.pk if column else None,
            topic_id=topic.pk if topic else None,
            offset=offset,
            limit=min(per_page + 1, CANDIDATES - offset),
        )
    )
    has_next = len(ids) > per_page and offset + per_page < CANDIDATES
    ids = ids[:per_page]
    fragments = _backend().answer_snippets(terms, any_of=False, ids=ids)
    answers = _public_in_order(listed(Answer.objects.all()), ids, now)
    # The list leaves the bodies out; snippets are cut from the hits' text.
    bodies = dict(Answer.objects.filter(pk__in=ids).values_list("pk", "body_html"))
    hits = [
        SearchHit(
            answer,
            snippet(
                bodies.get(answer.pk, ""), answer.summary, fragments.get(answer.pk)
            ),
        )
        for answer in answers
    ]
    return SearchPage(
        query=query,
        terms=terms,
        number=page,
        per_page=per_page,
        hits=hits,
        has_next=has_next,
    )


def suggest_answers(text: str, limit: int = 5) -> list[Answer]:
    """Up to ``limit`` published answers close to a reader's letter ``text``, with
    their content warnings (the list labels them)."""
    words = significant_words(text or "", limit=MAX_CLOSE_TERMS)
    answers = _close_answers(words, limit=limit)
    prefetch_related_objects(answers, "content_warnings")
    return answers


def related_answers(answer: Answer, limit: int = 4) -> list[Answer]:
    """Published answers sharing ``answer``'s topics and words, best first."""
    now = timezone.now()
    ids = related_answer_ids(answer, limit=limit, now=now)
    return _public_in_order(Answer.objects.select_related("column"), ids, now)


def related_answer_ids(answer: Answer, *, limit: int, now: datetime) -> list[int]:
    """The ids of ``related_answers``, best first."""
    topics = [Term(tuple(words_of(topic.name))) for topic in answer.topics.all()]
    words = significant_words(f"{answer.title} {answer.summary}")
    terms = [term for term in [*topics, *words] if term.words][:MAX_CLOSE_TERMS]
    return _close_answer_ids(terms, limit=limit, now=now, exclude_id=answer.pk)


def _close_answers(terms: Sequence[Term], *, limit: int) -> list[Answer]:
    """Published answers matching any of ``terms``, best first."""
    now = timezone.now()
    ids = _close_answer_ids(terms, limit=limit, now=now)
    return _public_in_order(Answer.objects.select_related("column"), ids, now)


def _close_answer_ids(
    terms: Sequence[Term], *, limit: int, now: datetime, exclude_id: int | None = None
) -> list[int]:
    if not terms or limit < 1:
        return []
    return _backend().rank_answers(
        AnswerQuery(
            terms,
            any_of=True,
            now=now,
            candidates=CLOSE_CANDIDATES,
            exclude_id=exclude_id,
            limit=limit,
        )
    )


def matching_letter_ids(query: str, limit: int = 1000) -> list[int]:
    """Ids of letters (any status) matching every term of ``query``, newest first.

    Searches headline, public and original text and sign-off: staff only.
    """
    terms = parse_query(query)
    if not terms or limit < 1:
        return []
    return _backend().rank_letters(
        terms, any_of=False, ranked=False, candidates=CANDIDATES, limit=limit
    )


def similar_letters(question: Question, limit: int = 5) -> list[Question]:
    """Other letters whose text is closest to ``question``'s, best first (for
    spotting duplicates)."""
    text = f"{question.headline} {question.public_text or question.original_text}"
    terms = significant_words(text, limit=MAX_CLOSE_TERMS)
    if not terms or limit < 1:
        return []
    ids = _backend().rank_letters(
        terms,
        any_of=True,
        ranked=True,
        candidates=CANDIDATES,
        limit=limit,
        exclude_id=question.pk,
    )
    return _in_order(Question.objects.filter(pk__in=ids).select_related("column"), ids)


def _public_in_order(
    answers: QuerySet[Answer], ids: Sequence[int], now: datetime
) -> list[Answer]:
    """The public answers among ``ids``, in that order, looked up by primary key.

    The ids come from a query that kept public answers only; checking again in
    Python rather than SQL stops SQLite from scanning the publication index
    instead of looking a few ids up.
    """
    by_id = {answer.pk: answer for answer in answers.filter(pk__in=ids).order_by()}
    return [by_id[pk] for pk in ids if pk in by_id and by_id[pk].is_published(now)]


def _in_order(queryset: QuerySet, ids: Sequence[int]) -> list:
    """The objects of ``queryset`` in the order of ``ids`` (those that are left)."""
    by_id = {obj.pk: obj for obj in queryset}
    return [by_id[pk] for pk in ids if pk in by_id]
