"""The project's settings with the public-page cache switched off, for the HTTP
load of uncached pages only (``DJANGO_SETTINGS_MODULE=bench.uncached_settings``).

The "default" cache, which keeps rendered public pages, becomes Django's dummy
cache: every request builds its page from the database. The "shared" cache (rate
limits, sign-ins) is left as the environment sets it.
"""

from advice.settings import *  # noqa: F403
from advice.settings import CACHES as PROJECT_CACHES

CACHES = {
    **PROJECT_CACHES,
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
