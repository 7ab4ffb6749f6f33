"""Settings for the advice-column CMS, read from the environment.

Development works with no environment at all (SQLite under var/, local-memory cache,
email printed to the console). Production sets DEBUG=0, SECRET_KEY and ALLOWED_HOSTS;
with DEBUG off and no real secret key the process refuses to start.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_str(name: str, default: str) -> str:
    """The variable's value; unset or blank means ``default``."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r}."
        ) from exc


DEBUG = env_bool("DEBUG", True)

# Only ever used with DEBUG on; production must bring its own key.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and (
    SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "Refusing to start: DEBUG is off but SECRET_KEY is missing or is not a real "
        "secret. Set SECRET_KEY to a random string of at least 50 characters, e.g. "
        "the output of: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "markdownx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "columns",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Innermost, inside CommonMiddleware: a missing slash still redirects.
    "columns.errorpages.SiteErrorPagesMiddleware",
]

# In development, answer 404s and errors with the site's own pages (as production
# does) rather than Django's route list and traceback page; 0 brings those back.
SITE_ERROR_PAGES = env_bool("SITE_ERROR_PAGES", True)

ROOT_URLCONF = "advice.urls"
WSGI_APPLICATION = "advice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Plain-text emails: no HTML escaping (an apostrophe stays an apostrophe).
        "NAME": "plain-text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"autoescape": False},
    },
]
FORM_RENDERER = "columns.forms.renderer.FormRenderer"

# Database: SQLite file by default, anything dj-database-url understands otherwise.
DEFAULT_SQLITE_PATH = VAR_DIR / "advice.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=600, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {"default": dj_database_url.parse(f"sqlite:///{DEFAULT_SQLITE_PATH}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a letter is being written; IMMEDIATE transactions
    # take the write lock up front so concurrent writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches. "default" keeps rendered public pages and figures shown on the desk;
# "shared" keeps what must be one truth for every web process: rate-limit counters,
# failed sign-ins, who has an answer open. With REDIS_URL both live in Redis. Without
# it, "shared" is a table in the database and "default" is each process's memory,
# which is safe because page keys carry the cache generation, read from the database
# on every request (columns/caching.py). A Redis that is down or hung is skipped
# after REDIS_TIMEOUT seconds: pages are served uncached and the shared counters fall
# back to per-process memory until it answers again (columns/cachebackends.py).
REDIS_URL = env_str("REDIS_URL", "")
REDIS_TIMEOUT = float(env_str("REDIS_TIMEOUT", "0.1"))
REDIS_RETRY_SECONDS = float(env_str("REDIS_RETRY_SECONDS", "5"))


def redis_caches(url: str, timeout: float, retry_seconds: float) -> dict:
    """Both caches in the Redis at ``url``; only the shared counters fall back to
    per-process memory while it is away."""
    return {
        alias: {
            "BACKEND": "columns.cachebackends.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"advice:{alias}",
            "OPTIONS": {
                "timeout_seconds": timeout,
                "retry_seconds": retry_seconds,
                "local_fallback": alias == "shared",
            },
        }
        for alias in ["default", "shared"]
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, REDIS_TIMEOUT, REDIS_RETRY_SECONDS)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "shared": {
            "BACKEND": "columns.cachebackends.SharedDatabaseCache",
            "LOCATION": "advice_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }

# Background work (staff email, follow-ups of a state change) runs on a task queue
# kept in the database; `manage.py worker` runs it. Failed tasks are retried
# ADVICE_TASK_MAX_ATTEMPTS times in all, waiting ADVICE_TASK_RETRY_SECONDS, then
# four times as long after each failure; a task left running longer than
# ADVICE_TASK_LEASE_SECONDS (its worker died) is run again.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ADVICE_TASK_MAX_ATTEMPTS = env_int("ADVICE_TASK_MAX_ATTEMPTS", 6)
ADVICE_TASK_RETRY_SECONDS = env_int("ADVICE_TASK_RETRY_SECONDS", 30)
ADVICE_TASK_LEASE_SECONDS = env_int("ADVICE_TASK_LEASE_SECONDS", 600)

AUTH_USER_MODEL = "columns.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
]
LOGIN_URL = "desk:login"
LOGIN_REDIRECT_URL = "desk:dashboard"
LOGOUT_REDIRECT_URL = "desk:login"
# Absolute links in staff emails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Baked public pages (README, "Publishing to static files"): local files served by
# nginx by default; a deployment may point "baked" at object storage instead.
ADVICE_BAKED_ROOT = Path(env_str("ADVICE_BAKED_ROOT", str(VAR_DIR / "site")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "baked": {
        "BACKEND": "columns.baking.files.AtomicFileSystemStorage",
        "OPTIONS": {"location": ADVICE_BAKED_ROOT, "base_url": "/"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email: printed to the console unless an SMTP host is configured.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "desk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A hung mail server must not hold a worker for long; the task is retried.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)

# Security. Production (DEBUG off) is HTTPS-only; behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Only a local benchmark over plain HTTP turns these off.
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Video episodes may be embedded from these hosts only; everything else is self.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Markdown: the editor preview renders with the same sanitising function as save().
MARKDOWNX_MARKDOWNIFY_FUNCTION = "columns.markdown.render_markdown"
# The preview and upload endpoints are ours, behind staff login and CSRF
# (columns/editor_urls.py); the library's open URLs are never included.
MARKDOWNX_URLS_PATH = "/desk/answers/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/desk/answers/markdownx/upload/"
TAGGIT_CASE_INSENSITIVE = True

# Reader intake (see README, "Reader intake").
ADVICE_LETTER_MIN_CHARS = env_int("ADVICE_LETTER_MIN_CHARS", 30)
ADVICE_LETTER_MAX_CHARS = env_int("ADVICE_LETTER_MAX_CHARS", 5000)
ADVICE_LETTERS_PER_HOUR = env_int("ADVICE_LETTERS_PER_HOUR", 5)
ADVICE_STATUS_CHECKS_PER_HOUR = env_int("ADVICE_STATUS_CHECKS_PER_HOUR", 30)
# Declined and spam letters are deleted this many days after they arrived.
ADVICE_RETENTION_DAYS = env_int("ADVICE_RETENTION_DAYS", 90)
# Where the client address comes from; behind a proxy e.g. HTTP_X_FORWARDED_FOR.
ADVICE_CLIENT_ADDRESS_HEADER = env_str("ADVICE_CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
# Empty means the built-in English defaults of columns/safety.py.
ADVICE_SAFETY_PHRASES = env_list("ADVICE_SAFETY_PHRASES", [])
ADVICE_HELP_RESOURCES = env_str("ADVICE_HELP_RESOURCES", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024)

# Images in answers (the editor's upload endpoint).
ADVICE_UPLOAD_MAX_BYTES = env_int("ADVICE_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
ADVICE_UPLOAD_MAX_PIXELS = env_int("ADVICE_UPLOAD_MAX_PIXELS", 4096 * 4096)
CSRF_FAILURE_VIEW = "columns.views.errors.csrf_failure"

# Staff sign-in (desk and back office): failed sign-ins are counted per account and
# per client (a keyed hash, never stored); past either limit, sign-in is refused
# until the lockout ends by itself. Two-factor sign-in (TOTP) can be made required
# for editors and superusers.
ADVICE_LOGIN_FAILURES_PER_ACCOUNT = env_int("ADVICE_LOGIN_FAILURES_PER_ACCOUNT", 5)
ADVICE_LOGIN_FAILURES_PER_CLIENT = env_int("ADVICE_LOGIN_FAILURES_PER_CLIENT", 20)
ADVICE_LOGIN_LOCKOUT_SECONDS = env_int("ADVICE_LOGIN_LOCKOUT_SECONDS", 900)
ADVICE_REQUIRE_2FA = env_bool("ADVICE_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Advice desk")
# The back office may remove a colleague's lost device but never shows its secret.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Logs go to stderr. Every handler carries the reader-privacy filter: no client
# address in any line, and no request line for a reader's URL, whose time would date
# a letter to the second (see README, "Privacy"). Django's default handlers of the
# "django" and "django.server" loggers give way to this one: the development
# server's stamps each request line to the second, and mail_admins would mail the
# request with its client address.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"reader_privacy": {"()": "columns.logfilters.ReaderPrivacyFilter"}},
    "formatters": {"plain": {"format": "{levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["reader_privacy"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": [], "propagate": True},
    },
}
