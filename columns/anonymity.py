"""The anonymity guard: things in a letter's public text that could identify someone.

Editors rewrite letters so nobody can be recognised; this check catches what is
easy to miss by eye: email addresses, phone numbers, web addresses, social media
handles and street addresses (with UK postcodes). It errs towards flagging: a false
alarm costs the editor one look, a miss can out a reader. Each hit carries its
position so the desk can highlight it; ``highlight`` renders the text with the hits
marked, escaped. Assigning a letter with unresolved hits needs the editor's explicit
confirmation (``columns.workflow.assign``).
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

EMAIL = "email"
PHONE = "phone"
URL = "url"
HANDLE = "handle"
ADDRESS = "address"

LABELS = {
    EMAIL: ("email address", "email addresses"),
    PHONE: ("phone number", "phone numbers"),
    URL: ("web address", "web addresses"),
    HANDLE: ("social media handle", "social media handles"),
    ADDRESS: ("street address", "street addresses"),
}

# Top-level domains that mark a bare "name.tld" as a web address. A closed list, so
# "e.g.", "Mr.Smith" or "Node.js" are not taken for domains.
DOMAIN_ENDINGS = (
    "com|net|org|info|biz|io|co|me|app|dev|blog|online|site|shop|xyz|"
    "uk|us|ca|au|nz|ie|de|fr|nl|be|es|it|ch|at|se|no|dk|fi|pl|in|tv|ly|gg"
)
PLAIN_STREETS = "street|avenue|boulevard|terrace|crescent"
SPELLED_DOT = r"(?:\(dot\)|\[dot\]|\bdot\b)"
STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|"
    "place|pl|terrace|close|crescent|square|sq|gardens|grove|row|parkway|mews|"
    "walk|hill|highway|hwy"
)


@dataclass(frozen=True)
class Detector:
    """One pattern of identifiers of a kind.

    The pattern runs only if the lower-cased text contains one of ``needles`` (or
    if there are none): most letters hold no "@" or ".com" at all, and skipping the
    costly patterns for them keeps the check fast enough for every row of the
    review queue. (Plain substring tests: a case-insensitive regex is far slower.)
    """

    kind: str
    pattern: re.Pattern
    needles: tuple[str, ...] = ()


AT_SIGN = ("@",)
DETECTORS = [
    Detector(EMAIL, re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), AT_SIGN),
    # "jo dot smith at gmail dot com": spelled out to dodge filters, still an address.
    Detector(
        EMAIL,
        re.compile(
            rf"\b[\w+-]+(?:\s*{SPELLED_DOT}\s*[\w+-]+)*\s*(?:\(at\)|\[at\]|\bat\b)"
            rf"\s*[\w-]+\s*{SPELLED_DOT}\s*[a-z]{{2,6}}\b",
            re.IGNORECASE,
        ),
        ("dot",),
    ),
    Detector(
        URL,
        re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE),
        ("http", "www."),
    ),
    Detector(
        URL,
        re.compile(
            rf"\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?-i:{DOMAIN_ENDINGS})"
            r"\b(?:/[^\s<>\"']*)?",
            re.IGNORECASE,
        ),
        tuple(f".{ending}" for ending in DOMAIN_ENDINGS.split("|")),
    ),
    # A Mastodon-style "@name@server.social" is one handle, not a handle + an email.
    Detector(
        HANDLE,
        re.compile(
            r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
            r"(?:@[\w-]+(?:\.[\w-]+)+)?"
        ),
        AT_SIGN,
    ),
    Detector(
        PHONE, re.compile(r"(?<![\w+/.:,-])\+?\(?\d[\d \t().-]{5,22}\d(?![\w/:])")
    ),
    Detector(
        ADDRESS,
        re.compile(
            r"\b\d{1,5}[A-Za-z]?,?[ \t]+(?:[A-Z][\w'’-]*\.?[ \t]+){1,4}"
            rf"(?i:{STREET_TYPES})\b\.?"
        ),
    ),
    # Lower-case streets only with unambiguous street words ("12 elm street"), so
    # "2 long road trips" is not taken for an address.
    Detector(
        ADDRESS,
        re.compile(
            r"\b\d{1,5}[a-z]?[ \t]+(?:[a-z][\w'’-]*[ \t]+){1,2}"
            rf"(?:{PLAIN_STREETS})\b",
            re.IGNORECASE,
        ),
        tuple(PLAIN_STREETS.split("|")),
    ),
    Detector(
        ADDRESS,
        re.compile(
            r"\b(?:apt|apartment|suite)\.?[ \t]*#?\d+[A-Za-z]?\b", re.IGNORECASE
        ),
        ("apt", "suite"),
    ),
    # UK postcodes ("SW1A 1AA", "M1 1AE"): upper case, so ordinary words don't match.
    Detector(
        ADDRESS, re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[ABD-HJLNP-UW-Z]{2}\b")
    ),
]

DATE = re.compile(r"\d{1,4}[.-]\d{1,2}[.-]\d{1,4}")
YEAR = re.compile(r"(?:19|20)\d\d")
TRAILING_PUNCTUATION = ".,;:!?)]}'\"’”"


@dataclass(frozen=True)
class Hit:
    """A possible identifier: its kind and where it is (``text[start:end]``)."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return LABELS[self.kind][0]


def _is_phone_number(candidate: str) -> bool:
    """Seven to fifteen digits that are not a date or a run of years."""
    digits = sum(char.isdigit() for char in candidate)
    if not 7 <= digits <= 15:
        return False
    if DATE.fullmatch(candidate):
        return False
    groups = re.findall(r"\d+", candidate)
    return not all(YEAR.fullmatch(group) for group in groups)


def _candidates(text: str) -> list[Hit]:
    found = []
    lowered = text.lower()
    for detector in DETECTORS:
        needles = detector.needles
        if needles and not any(needle in lowered for needle in needles):
            continue
        for match in detector.pattern.finditer(text):
            value = match.group()
            if detector.kind == URL:
                value = value.rstrip(TRAILING_PUNCTUATION)
            if detector.kind == PHONE and not _is_phone_number(value):
                continue
            start = match.start()
            found.append(Hit(detector.kind, start, start + len(value), value))
    return found


def find_hits(text: str) -> list[Hit]:
    """Possible identifiers in ``text``, in order, never overlapping.

    Where two patterns match the same stretch (the domain inside an email address),
    the longer match wins.
    """
    hits: list[Hit] = []
    for hit in sorted(_candidates(text), key=lambda h: (h.start, h.start - h.end)):
        if not hits or hit.start >= hits[-1].end:
            hits.append(hit)
    return hits


def summarise(hits: list[Hit]) -> str:
    """What kinds of hits and how many: "1 email address and 2 phone numbers"."""
    counts = Counter(hit.kind for hit in hits)
    parts = [
        f"{counts[kind]} {singular if counts[kind] == 1 else plural}"
        for kind, (singular, plural) in LABELS.items()
        if counts[kind]
    ]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def highlight(text: str, hits: list[Hit]) -> SafeString:
    """``text`` as HTML, every hit wrapped in a ``<mark>`` naming its kind."""
    pieces, position = [], 0
    for hit in hits:
        pieces.append(escape(text[position : hit.start]))
        pieces.append(
            format_html(
                '<mark class="hit hit-{}" title="Possible {}">{}</mark>',
                hit.kind,
                hit.label,
                hit.text,
            )
        )
        position = hit.end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # every piece is escaped above
