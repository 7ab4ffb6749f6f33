"""gunicorn in production: ``gunicorn -c deploy/gunicorn.conf.py advice.wsgi``.

Reader privacy (README, "Privacy"): no line gunicorn writes holds a client address
or the time of a reader's request. Settings come from the environment; command-line
options still override them.
"""

import logging
import os

from gunicorn.glogging import Logger

from columns.logfilters import ReaderPrivacyFilter

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

errorlog = "-"
# No access log: it would date every reader's letter to the second. Whoever turns it
# on (--access-logfile) gets no client address (%(h)s), no time (%(t)s) and no
# query string (a search or a letter being typed); the filter also drops the lines
# of readers' URLs.
accesslog = None
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(b)s'


class PrivateLogger(Logger):
    """gunicorn's logger with the reader-privacy filter on every handler it ends up
    with: error log, access log, syslog or a --log-config file, after every
    (re)configuration. (A logconfig_dict would instead replace the handlers that
    --error-logfile and --access-logfile ask for, and make gunicorn build an access
    line for every request even with no access log.)"""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log, logging.getLogger()):
            for handler in log.handlers:
                if not any(isinstance(f, ReaderPrivacyFilter) for f in handler.filters):
                    handler.addFilter(ReaderPrivacyFilter())


logger_class = PrivateLogger
