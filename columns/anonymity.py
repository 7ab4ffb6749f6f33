"""The anonymity guard: things in a letter's printed parts that could identify
someone.

Editors rewrite letters so nobody can be recognised; this check catches what is
easy to miss by eye: email addresses, phone numbers (in digits or spelled out in
words), web addresses, social media handles ("@jo", "insta is jo_92") and street
addresses (with UK postcodes), also when typed in full-width or other look-alike
characters (the text is read after NFKC normalisation). It errs towards flagging: a
false alarm costs the editor one look, a miss can out a reader. Each hit carries its
position in the text as written so the desk can highlight it; ``highlight`` renders
the text with the hits marked, escaped.

Everything of a letter that is printed is checked: its headline, public text and
sign-off (``check_letter``, ``letter_hits``). Assigning a letter with unresolved
hits needs the editor's explicit confirmation (``columns.workflow.assign``), and so
does publishing an answer that prints one.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
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
# Social networks named before a handle: "insta is jo_92", "snap: jo.smith".
PLATFORMS = (
    "insta|instagram|snap|snapchat|tiktok|tik tok|twitter|threads|facebook|fb|"
    "discord|telegram|kik|reddit|twitch|youtube|onlyfans|bluesky|bsky|mastodon|"
    "linkedin|grindr|tinder|hinge|bumble|whatsapp|signal|wechat|venmo|cashapp"
)
# The word that may stand between the network and the handle ("my insta name is").
HANDLE_NOUNS = "handle|name|username|user name|user|account|acc|id|tag|@"
HANDLE_WORD = r"@?[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
# Digits spelled out: "oh seven seven double oh nine...". "o" and "oh" are zero.
DIGIT_WORDS = frozenset(
    "zero oh o nought nil one two three four five six seven eight nine".split()
)
# Longest first, so "one" is tried before "o".
SPELLED_DIGIT = (
    r"(?:(?:double|triple)[ \t-]+)?"
    rf"(?:{'|'.join(sorted(DIGIT_WORDS, key=len, reverse=True))}|\d+)"
)
STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|"
    "place|pl|terrace|close|crescent|square|sq|gardens|grove|row|parkway|mews|"
    "walk|hill|highway|hwy"
)


DATE = re.compile(r"\d{1,4}[.-]\d{1,2}[.-]\d{1,4}")
YEAR = re.compile(r"(?:19|20)\d\d")
# "1200-1300", "10000 - 15000": a range of amounts, not a phone number (which does
# not start at a lower number and end at a higher one of the same length).
RANGE = re.compile(r"([1-9]\d{0,5})[ \t]*-[ \t]*([1-9]\d{0,5})")
SPELLED_TOKEN = re.compile(r"(double|triple)?[ \t-]*([a-z]+|\d+)", re.IGNORECASE)


def _is_range(candidate: str) -> bool:
    """Two amounts of the same length, the first the lower: "1200-1300"."""
    match = RANGE.fullmatch(candidate)
    if not match:
        return False
    low, high = match.groups()
    return len(low) == len(high) and int(low) < int(high)


def _digit_count(candidate: str) -> int:
    """How many digits ``candidate`` holds, words ("double oh" is two) and all."""
    count = 0
    for repeat, token in SPELLED_TOKEN.findall(candidate):
        token = token.lower()
        times = {"double": 2, "triple": 3}.get(repeat.lower(), 1)
        if token.isdigit():
            count += len(token) if times == 1 else times * len(token)
        elif token in DIGIT_WORDS:
            count += times
    return count


def _is_phone_number(candidate: str) -> bool:
    """Seven to fifteen digits that are not a date, a run of years or a range."""
    digits = sum(char.isdigit() for char in candidate)
    if not 7 <= digits <= 15:
        return False
    if DATE.fullmatch(candidate) or _is_range(candidate):
        return False
    groups = re.findall(r"\d+", candidate)
    return not all(YEAR.fullmatch(group) for group in groups)


def _is_spelled_number(candidate: str) -> bool:
    """Seven to fifteen digits, some of them in words. Digits alone are the digit
    pattern's, with its checks ("1, 100, 10,000" is no phone number), and so is a
    list of numbers with one word ("in 2019, 2020, one more time")."""
    words = sum(not token.isdigit() for _, token in SPELLED_TOKEN.findall(candidate))
    if not words or (words == 1 and "," in candidate):
        return False
    return 7 <= _digit_count(candidate) <= 15


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
    # The group of the match that is the identifier ("insta is jo_92": the handle).
    group: int = 0
    # The pattern is written in lower case and runs on the lower-cased text, which
    # is several times faster than a case-insensitive pattern.
    folded: bool = False
    # What a match must also pass to count (a phone number's digits, say).
    accept: Callable[[str], bool] | None = None


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
    # "snap: jo.smith", "my insta name is jo smith92": a network, a separator that
    # says a name follows, then the handle, whatever it looks like.
    Detector(
        HANDLE,
        re.compile(
            rf"\b(?:{PLATFORMS})(?:[ \t]+(?:{HANDLE_NOUNS}))?(?:[ \t]*[:=][ \t]*|"
            rf"[ \t]+(?:{HANDLE_NOUNS})[ \t]+is[ \t]+)({HANDLE_WORD})"
        ),
        tuple(PLATFORMS.split("|")),
        group=1,
        folded=True,
    ),
    # "insta is jo_rivers92", "find me on snap as jo.smith": after a plain "is" or
    # "as", only a word shaped like a handle (a digit, "_" or an inner dot), so "my
    # insta is private" is not flagged.
    Detector(
        HANDLE,
        re.compile(
            rf"\b(?:{PLATFORMS})[ \t]+(?:is|as|@)[ \t]+"
            r"(?=[A-Za-z0-9_.@]*(?:[0-9_]|\.[A-Za-z0-9_]))"
            rf"({HANDLE_WORD})"
        ),
        tuple(PLATFORMS.split("|")),
        group=1,
        folded=True,
    ),
    Detector(
        PHONE,
        re.compile(r"(?<![\w+/.:,-])\+?\(?\d[\d \t().-]{5,22}\d(?![\w/:])"),
        accept=_is_phone_number,
    ),
    # A number spelled out in words (with digits mixed in, if any): "oh seven seven
    # zero zero, nine double oh one two three". Seven digits at least, checked below.
    Detector(
        PHONE,
        re.compile(rf"\b{SPELLED_DIGIT}(?:[ \t,-]+{SPELLED_DIGIT}){{2,}}\b"),
        tuple(sorted(word for word in DIGIT_WORDS if len(word) > 1)),
        folded=True,
        accept=_is_spelled_number,
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


def _normalised(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """``text`` under NFKC ("jo＠mail．com" becomes "jo@mail.com"), and for each of
    its characters where in ``text`` the characters it came from start and end, so
    hits found in the normal form point into the text as written.

    Each base character is normalised with the combining marks that follow it, so
    marks compose as they would in the whole text.
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, None, None  # positions are the same
    pieces, starts, ends = [], [], []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and unicodedata.combining(text[index]):
            continue
        piece = unicodedata.normalize("NFKC", text[start:index])
        pieces.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([index] * len(piece))
        start = index
    return "".join(pieces), starts, ends


def _candidates(text: str) -> list[Hit]:
    found = []
    normal, starts, ends = _normalised(text)
    lowered = normal.lower()
    for detector in DETECTORS:
        needles = detector.needles
        if needles and not any(needle in lowered for needle in needles):
            continue
        pattern, source = detector.pattern, normal
        if detector.folded:
            # Lower-casing keeps positions, except for a few letters ("İ"): for
            # those texts the pattern ignores case instead.
            if len(lowered) == len(normal):
                source = lowered
            else:
                pattern = re.compile(pattern.pattern, re.IGNORECASE)
        for match in pattern.finditer(source):
            value = match.group(detector.group)
            if detector.kind == URL:
                value = value.rstrip(TRAILING_PUNCTUATION)
            if not value or (detector.accept and not detector.accept(value)):
                continue
            first = match.start(detector.group)
            start, end = first, first + len(value)
            if starts is not None:
                start, end = starts[start], ends[end - 1]
            found.append(Hit(detector.kind, start, end, text[start:end]))
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


# What of a letter is printed, and checked: (field, label), in reading order.
PARTS = (
    ("headline", "headline"),
    ("public_text", "public text"),
    ("sign_off", "sign-off"),
)


@dataclass(frozen=True)
class PartHits:
    """The hits in one printed part of a letter (its headline, say)."""

    name: str
    label: str
    text: str
    hits: list[Hit]


def check_letter(*, headline: str, public_text: str, sign_off: str) -> list[PartHits]:
    """The hits in each printed part of a letter, in reading order."""
    texts = {"headline": headline, "public_text": public_text, "sign_off": sign_off}
    return [
        PartHits(name, label, texts[name] or "", find_hits(texts[name] or ""))
        for name, label in PARTS
    ]


def letter_hits(letter) -> list[Hit]:
    """Every hit in the printed parts of ``letter`` (a ``Question``)."""
    parts = check_letter(
        headline=letter.headline,
        public_text=letter.public_text,
        sign_off=letter.sign_off,
    )
    return [hit for part in parts for hit in part.hits]


def where(parts: list[PartHits]) -> str:
    """The parts that have hits, as words: "the public text and the sign-off"."""
    labels = [f"the {part.label}" for part in parts if part.hits]
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} and {labels[-1]}"


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
