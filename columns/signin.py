"""Staff sign-in throttle: failed sign-ins counted per account and per client.

Editors, columnists and superusers read readers' most intimate letters, so theirs are
the accounts most worth guessing. Both sign-in pages (the desk's and the back
office's, through ``columns.forms.signin``) count every failure twice: against the
account, known by a keyed hash of its normalised username, and against the client,
known by ``ratelimit.client_key`` (a keyed hash of its address that changes daily).
``ADVICE_LOGIN_FAILURES_PER_ACCOUNT`` failures for one account, or
``ADVICE_LOGIN_FAILURES_PER_CLIENT`` from one client (whatever usernames it tries),
within ``ADVICE_LOGIN_LOCKOUT_SECONDS`` lock that account or client for
``ADVICE_LOGIN_LOCKOUT_SECONDS``. While locked, every sign-in is refused without
checking the password, even the right one: otherwise the lock would only slow a
guesser down, not stop the guess that succeeds. A wrong or missing one-time code is a
failure like a wrong password. A successful sign-in clears the account's count (not
the client's: one valid account must not buy a guesser fresh attempts on others).
Unknown usernames are counted like real ones, so the throttle tells nothing about
which accounts exist. The counters and locks live only in the "shared" cache (one
for every web process) and expire with the lockout.

Why not django-axes, the usual library for this: it records every attempt's IP
address and user agent in the database (``AccessAttempt``, ``AccessLog``) and keys
its locks on them. Our privacy rule is that no client address or user agent is ever
stored, so the limiter is our own, on the keyed hashes ``columns.ratelimit`` already
uses for readers.
"""

import logging
import math
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from columns import ratelimit

logger = logging.getLogger(__name__)

ACCOUNT_SCOPE = "signin-account"
CLIENT_SCOPE = "signin-client"


def normalise_username(username: str) -> str:
    """The form of a username that its failures are counted under: "Editor " and
    "editor" are one account to the throttle."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def lockout_message(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed sign-ins. Try again in {minutes} {unit}."


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt: the counter keys of its account and of its client."""

    account_key: str
    client_key: str

    @classmethod
    def of(cls, request: HttpRequest, username: str) -> "Attempt":
        return cls(
            account_key=ratelimit.name_key(ACCOUNT_SCOPE, normalise_username(username)),
            client_key=ratelimit.client_key(request, CLIENT_SCOPE),
        )

    def locked_for(self) -> float:
        """Seconds until this account and this client may try again (0: now)."""
        return max(
            ratelimit.locked_for(self.account_key),
            ratelimit.locked_for(self.client_key),
        )

    def failed(self) -> float:
        """Count a failure against the account and the client; seconds of the
        lockout this began or that was already under way (0 when none)."""
        lockout = settings.ADVICE_LOGIN_LOCKOUT_SECONDS
        locks = {
            "account": ratelimit.count_failure(
                self.account_key,
                limit=settings.ADVICE_LOGIN_FAILURES_PER_ACCOUNT,
                lockout=lockout,
            ),
            "client": ratelimit.count_failure(
                self.client_key,
                limit=settings.ADVICE_LOGIN_FAILURES_PER_CLIENT,
                lockout=lockout,
            ),
        }
        for kind, seconds in locks.items():
            if seconds:
                # Says which limit was reached, never whose: no name, no address.
                logger.warning("Staff sign-in locked for %d s (%s)", seconds, kind)
        return max(*locks.values(), self.locked_for())

    def succeeded(self) -> None:
        ratelimit.forget_failures(self.account_key)
