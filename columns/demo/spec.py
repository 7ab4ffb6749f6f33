"""The shapes of the demo content: frozen dataclasses that ``seed_demo`` walks.

The data says where each thing should end up (a letter's triage, an answer's
state); the command gets it there through the workflow verbs, so the demo has the
same audit trail, revisions and review comments as real work would.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    public_name: str
    role: str | None = None  # a group of the roles migration: "Editor", "Columnist"
    bio: str = ""
    is_staff: bool = False
    is_superuser: bool = False


@dataclass(frozen=True)
class DemoTopic:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class DemoWarning:
    slug: str
    label: str
    description: str
    is_nsfw: bool = False
    help_category: str = ""  # a HelpResource.Category: answers end with its help


@dataclass(frozen=True)
class DemoColumn:
    slug: str
    name: str
    tagline: str
    description: str
    guidelines: str
    disclaimer: str
    hosts: tuple[str, ...]
    topics: tuple[str, ...]
    is_open: bool = True
    daily_cap: int = 200
    position: int = 0


@dataclass(frozen=True)
class DemoLetter:
    """A reader's letter.

    ``triage`` is what the editor does with a letter that no answer prints
    ("new" leaves it in the queue); letters an answer prints are shortlisted and
    assigned by that answer. ``public`` is the staff edit; None means the letter
    is printed as sent.
    """

    key: str
    column: str
    headline: str
    original: str
    sign_off: str = "Anonymous"
    public: str | None = None
    days_ago: int = 1
    topics: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    triage: str = "new"  # new, shortlisted, declined, spam or duplicate
    triage_note: str = ""
    duplicate_of: str | None = None
    # Merged while the original's answer was still a draft, so publishing that
    # answer marks this letter answered too; otherwise merged after the answers.
    merge_while_drafting: bool = False
    safety_flag: bool = False
    internal_notes: str = ""


@dataclass(frozen=True)
class Review:
    """One round of review: the editor asks for a change, the author makes it.

    The answer's ``body`` is the final text; its first draft is that text with
    ``after`` put back to ``before`` for every round. A round with no ``after``
    is still open: the answer waits in "changes requested".
    """

    comment: str
    before: str = ""
    after: str = ""
    note: str = "Changes from review."


@dataclass(frozen=True)
class DemoAnswer:
    """An answer and the state it should reach.

    ``publish_in_days`` is relative to today: negative for an answer published in
    the past, positive for a scheduled one. A ``withdrawn_because`` answer is
    published, then withdrawn; if its ``state`` is "draft" it is then redrafted.
    """

    column: str
    slug: str
    title: str
    letters: tuple[str, ...]
    authors: tuple[str, ...]
    state: str
    summary: str
    body: str
    topics: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    video_url: str = ""
    video_start_seconds: int | None = None
    reviews: tuple[Review, ...] = ()
    publish_in_days: int | None = None
    withdrawn_because: str = ""
    reviewed_days_ago: int | None = None  # last medical review (health answers)


@dataclass(frozen=True)
class DemoHelpResource:
    name: str
    category: str  # a HelpResource.Category
    country: str  # ISO code; "" for everywhere
    phone: str = ""
    text_number: str = ""
    text_keyword: str = ""
    url: str = ""
    hours: str = ""
    position: int = 0


@dataclass(frozen=True)
class DemoPage:
    slug: str
    title: str
    body: str
