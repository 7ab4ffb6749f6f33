"""System checks for a deployment: what must be one truth across web processes."""

from django.conf import settings
from django.core import checks

# Caches whose content every web process must see alike (settings.CACHES).
SHARED_CACHES = ["shared"]
PER_PROCESS_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_caches(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn when rate limits, sign-in lockouts or editor presence would be kept per
    process: each web process would count (and lock) on its own."""
    warnings = []
    for alias in SHARED_CACHES:
        backend = settings.CACHES.get(alias, {}).get("BACKEND")
        if backend is None or backend in PER_PROCESS_BACKENDS:
            warnings.append(
                checks.Warning(
                    f"The {alias!r} cache is kept per process ({backend}).",
                    hint="Unset CACHES overrides: without REDIS_URL it is a database "
                    "table every process shares; with REDIS_URL, Redis.",
                    id="columns.W001",
                )
            )
    return warnings
