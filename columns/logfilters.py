"""A logging filter that keeps readers' secrets out of the logs.

A letter's submission time is stored to the hour and no reader's address is kept
(README, "Privacy"); a log line with either would undo that. Every handler of the
product carries ``ReaderPrivacyFilter``: Django's (``LOGGING`` in advice/settings.py)
and gunicorn's (deploy/gunicorn.conf.py). Standard library only, so that the gunicorn
master can load it before Django is set up. (nginx's access log, written by the
configuration of ``manage.py nginx_config``, leaves the same lines out.)
"""

import ipaddress
import logging
import re
from collections.abc import Mapping
from urllib.parse import unquote

REDACTED = "[address]"

IPV4 = re.compile(r"(?<!\d)(?:\d{1,3}\.){3}\d{1,3}(?!\d)")
# Only candidates: groups of hex digits and colons (maybe ending in an IPv4 address
# or carrying a zone). ipaddress decides, so that a time of day like 10:11:12 stays.
IPV6_CANDIDATE = re.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}"
    r"(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})(?:%[\w.-]+)?"
)

# Request lines are written when the request is served, so whatever stamps a line
# (a formatter, journald, a log shipper) would stamp a reader's letter to the
# second. The readers' URLs: /ask/, /ask/status/, /columns/<slug>/ask/ (and the
# suggestions shown while a letter is typed, whose query string is the letter).
REQUEST_LOGGERS = frozenset({"django.server", "gunicorn.access"})
READER_PATH = re.compile(r"/ask(?=[/?#\s\"']|$)")


def _redact_ipv6(match: re.Match) -> str:
    text = match.group()
    # gunicorn writes "ip=::1: error": the colon after the address is punctuation.
    for end in (len(text), len(text) - 1):
        try:
            ipaddress.ip_address(text[:end])
        except ValueError:
            continue
        return REDACTED + text[end:]
    return text


def redact_addresses(text: str) -> str:
    """``text`` with every IPv4 and IPv6 address replaced by ``[address]``."""
    return IPV4.sub(REDACTED, IPV6_CANDIDATE.sub(_redact_ipv6, text))


def is_reader_request_line(record: logging.LogRecord, message: str) -> bool:
    """Whether ``record`` is a web server's line about a request to a reader's URL."""
    if record.name not in REQUEST_LOGGERS:
        return False
    # gunicorn passes its access-log atoms as the arguments; "U" is the path even
    # when a custom access_log_format leaves it out of the line.
    path = record.args.get("U") if isinstance(record.args, Mapping) else None
    return any(READER_PATH.search(unquote(text)) for text in (message, path) if text)


class ReaderPrivacyFilter(logging.Filter):
    """Drops web servers' request lines for readers' URLs and redacts IP addresses
    from every other record's final text (message, traceback, stack).

    The record is rewritten in place (message formatted, arguments dropped), so
    every handler and formatter after this one sees only the redacted text.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed logging call must not break the request
            message = f"{record.msg} {record.args!r}"
        if is_reader_request_line(record, message):
            return False
        record.msg, record.args = redact_addresses(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_addresses(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_addresses(record.stack_info)
        return True
