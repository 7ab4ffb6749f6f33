"""The safety check: letters that speak of self-harm, suicide, abuse or danger.

Such letters are flagged so the desk shows them first, and the reader is shown help
resources at once: the message (``ADVICE_HELP_RESOURCES``) and the crisis lines and
services kept in the back office (``HelpResource``) for what the letter speaks of.
The phrase list is a setting too (``ADVICE_SAFETY_PHRASES``); these are the
defaults.
"""

import re
import unicodedata
from functools import lru_cache

from django.conf import settings

from columns.models import Column, HelpResource

Help = HelpResource.Category

# The built-in phrases, by the help they call for.
PHRASES_BY_HELP = {
    Help.SELF_HARM: [
        "suicide",
        "suicidal",
        "kill myself",
        "killing myself",
        "end my life",
        "ending my life",
        "end it all",
        "want to die",
        "wanna die",
        "don't want to live",
        "self-harm",
        "self-harming",
        "harm myself",
        "hurt myself",
        "hurting myself",
        "cut myself",
        "cutting myself",
        "overdose",
    ],
    Help.ABUSE: [
        "abuse",
        "abused",
        "abuser",
        "abusing",
        "abusive",
        "hits me",
        "hit me",
        "beats me",
        "beat me",
        "strangled me",
        "choked me",
        "threatens me",
        "threatened me",
        "threatens to kill",
        "not safe at home",
        "unsafe at home",
    ],
    Help.SEXUAL_ASSAULT: [
        "rape",
        "raped",
        "sexual assault",
        "sexually assaulted",
        "assaulted me",
        "molested",
    ],
    Help.EMERGENCY: [
        "feel unsafe",
        "in danger",
        "afraid for my life",
        "scared for my life",
    ],
}
DEFAULT_SAFETY_PHRASES = [
    phrase for phrases in PHRASES_BY_HELP.values() for phrase in phrases
]

DEFAULT_HELP_RESOURCES = (
    "If you are in danger right now, or might act on thoughts of harming yourself, "
    "please call your local emergency number (112 in Europe, 911 in North America, "
    "999 in the UK) or go to the nearest emergency department.\n\n"
    "You don't have to wait for our answer. A doctor, a crisis line or a support "
    "service for people experiencing abuse can help you today, in confidence. If you "
    "can, tell someone you trust what is happening."
)


def _phrase_pattern(phrase: str) -> str:
    """Words of ``phrase`` separated by any spaces, hyphens or underscores (also
    none: "selfharm"), with straight or curly apostrophes."""
    words = re.split(r"[\s\-_]+", phrase.strip().casefold())
    escaped = [re.escape(word).replace("'", "['’]?") for word in words if word]
    return r"[\s\-_]*".join(escaped)


@lru_cache(maxsize=16)
def _safety_regex(phrases: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(_phrase_pattern(phrase) for phrase in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def needs_safety_flag(text: str) -> bool:
    """Whether a letter speaks of self-harm, suicide, abuse or danger.

    Matched on word boundaries, so "therapist" or "grapes" never trigger.
    """
    phrases = tuple(settings.ADVICE_SAFETY_PHRASES or DEFAULT_SAFETY_PHRASES)
    return bool(_safety_regex(phrases).search(_folded(text)))


def help_categories(text: str) -> set[str]:
    """The kinds of help a letter calls for, by the built-in phrases it holds (a
    letter flagged only by a phrase from the settings gets the emergency and
    general lines, which every help box shows)."""
    folded = _folded(text)
    return {
        category
        for category, phrases in PHRASES_BY_HELP.items()
        if _safety_regex(tuple(phrases)).search(folded)
    }


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def help_resources() -> str:
    return settings.ADVICE_HELP_RESOURCES or DEFAULT_HELP_RESOURCES


def help_groups(column: Column, categories) -> list[tuple[str, list[HelpResource]]]:
    """The active help resources ``column`` shows for ``categories``, grouped by
    country, the emergency line first in each."""
    resources = HelpResource.objects.active().shown_by(column)
    return resources.helping_with(categories).by_country()
