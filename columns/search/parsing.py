"""Turning anything a visitor types into safe full-text terms.

Search input is never handed to a full-text query parser as typed: FTS5 and
PostgreSQL both have operator syntax (``AND``, ``NEAR``, ``*``, ``"``, ``:``, ``-``,
parentheses) that turns a stray character into a syntax error. Instead the text is
split into words (letters and digits only, after NFKC normalisation) and
"quoted phrases"; each backend then quotes every word or phrase itself. Whatever
the input, the result is a bounded list of plain terms, possibly empty.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_TERM_CHARS = 40
MAX_SIGNIFICANT_WORDS = 12

# Letters and digits only: no underscore, no combining marks left over after NFKC.
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')

# Words too common to say what a letter is about; dropped when building the
# OR-queries of suggestions and similar letters (never from a visitor's search).
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing don dont
    down during each even ever every few for from further get got had has have having
    he her here hers herself him himself his how however i if im in into is it its
    itself ive just know like make me more most much my myself no nor not now of off
    on once only or other our ours out over own really same she should since so some
    still such than that thats the their theirs them then there these they thing
    things think this those through to too under until up us very want was way we
    well were what when where which while who whom why will with would yet you your
    yours yourself
    """.split()
)


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of several words that must appear together."""

    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def without_control_characters(text: str) -> str:
    """``text`` without control and format characters (a NUL, a zero-width space,
    a direction mark) other than whitespace: typed or pasted by accident, they are
    dropped rather than refused."""
    return "".join(
        char
        for char in text
        if char.isspace() or unicodedata.category(char) not in {"Cc", "Cf"}
    )


def words_of(text: str) -> list[str]:
    """The lower-case words of ``text``, letters and digits only."""
    normalised = unicodedata.normalize("NFKC", text).casefold()
    return [word[:MAX_TERM_CHARS] for word in _WORD.findall(normalised)]


def parse_query(query: str) -> list[Term]:
    """A visitor's search as at most ``MAX_TERMS`` distinct terms, all to be found.

    ``"quoted words"`` become a phrase; an unbalanced quote is ignored; everything
    else becomes single words. Over-long input is cut, never refused.
    """
    query = (query or "")[:MAX_QUERY_CHARS]
    terms: list[Term] = []
    position = 0
    for match in _PHRASE.finditer(query):
        before = query[position : match.start()]
        terms.extend(Term((word,)) for word in words_of(before))
        phrase = tuple(words_of(match.group(1)))
        if phrase:
            terms.append(Term(phrase))
        position = match.end()
    terms.extend(Term((word,)) for word in words_of(query[position:]))
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def significant_words(text: str, limit: int = MAX_SIGNIFICANT_WORDS) -> list[Term]:
    """The words of a letter that say what it is about, for an any-of query.

    Drops stop words, short words and numbers; keeps the longest (rarer, as a rule)
    ``limit`` distinct words.
    """
    words = {
        word
        for word in words_of(text[: MAX_QUERY_CHARS * 50])
        if len(word) > 2 and not word.isdigit() and word not in STOP_WORDS
    }
    chosen = sorted(words, key=lambda word: (-len(word), word))[:limit]
    return [Term((word,)) for word in chosen]
