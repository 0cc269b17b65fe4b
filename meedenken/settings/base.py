"""Settings shared by every environment. Everything that differs per deployment comes from the
environment (12-factor), with safe defaults for a local demo."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the meedenken package
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("MEEDENKEN_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "meedenken.accounts.apps.StaffAdminConfig",  # the admin, behind the second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    # Before django_tasks_db: its `db_worker` command recovers analyses a dead worker left.
    "meedenken.runs",
    "django_tasks_db",
    "meedenken.statements",
    "meedenken.voting",
    "meedenken.core",
    "meedenken.audit",
    "meedenken.accounts",
    "meedenken.consultations",
    "meedenken.responses",
    "meedenken.notifications",
    "meedenken.invitations",
    "meedenken.papers",
    "meedenken.staffhome",
    "meedenken.exchange",
    "meedenken.demo",
    "meedenken.coding",
    "meedenken.workspace",
    "meedenken.statistics",
    "meedenken.reference",
    "meedenken.publication",
    "meedenken.accountability",
    "meedenken.operations",
    "meedenken.report",
    "meedenken.identity",
    "meedenken.api",
    "meedenken.archive",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "meedenken.operations.metrics.MetricsMiddleware",  # first: times the whole request
    "meedenken.core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "meedenken.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "meedenken.core.middleware.ControlCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "meedenken.accounts.middleware.StaffSessionMiddleware",  # after OTP and messages
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "meedenken.urls"
WSGI_APPLICATION = "meedenken.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "meedenken.core.context_processors.site",
            ],
        },
    },
]

# SQLite under var/ by default (WAL mode is switched on per connection in core.apps);
# PostgreSQL (psycopg 3) when DATABASE_URL says so.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'meedenken.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "meedenken.accounts.passwords.VarietyValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "admin:login"

# Staff login: lockout after repeated wrong passwords (django-axes), a second factor for every
# staff member (django-otp: TOTP app + recovery codes), an idle timeout and a short lifetime.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("MEEDENKEN_LOGIN_FAILURE_LIMIT", 10))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each locks on its own
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("MEEDENKEN_LOGIN_LOCKOUT_MINUTES", 60)))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "meedenken.accounts.views.locked_out"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "Meedenken"
OTP_TOTP_THROTTLE_FACTOR = 1
MEEDENKEN_STAFF_IDLE_SECONDS = int(os.environ.get("MEEDENKEN_STAFF_IDLE_MINUTES", 30)) * 60
MEEDENKEN_STAFF_SESSION_SECONDS = int(os.environ.get("MEEDENKEN_STAFF_SESSION_HOURS", 8)) * 3600

# Security headers (the CSP is set in core.middleware; see docs/architecture.md).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "meedenken.core.views.csrf_failure"

# Largest request body accepted (bytes): public forms are small, staff upload documents.
MEEDENKEN_MAX_BODY_BYTES = int(os.environ.get("MEEDENKEN_MAX_BODY_BYTES", 1_000_000))
MEEDENKEN_MAX_UPLOAD_BYTES = int(os.environ.get("MEEDENKEN_MAX_UPLOAD_BYTES", 25_000_000))
DATA_UPLOAD_MAX_MEMORY_SIZE = MEEDENKEN_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
# Position papers respondents attach: size limit, and private storage outside MEDIA_ROOT.
MEEDENKEN_MAX_PAPER_BYTES = int(os.environ.get("MEEDENKEN_MAX_PAPER_BYTES", 10_000_000))
# Retention (responses/retention.py): drafts of a closed consultation untouched this long, and
# empty drafts untouched this long, are removed by the daily job.
MEEDENKEN_DRAFT_RETENTION_DAYS = int(os.environ.get("MEEDENKEN_DRAFT_RETENTION_DAYS", 7))
MEEDENKEN_EMPTY_DRAFT_HOURS = int(os.environ.get("MEEDENKEN_EMPTY_DRAFT_HOURS", 24))
# Consultation documents uploaded by staff (checked by content too, core/uploads.py).
MEEDENKEN_MAX_DOCUMENT_BYTES = int(os.environ.get("MEEDENKEN_MAX_DOCUMENT_BYTES", 20_000_000))
MEEDENKEN_PRIVATE_ROOT = Path(os.environ.get("MEEDENKEN_PRIVATE_ROOT", VAR_DIR / "private"))

# Visual theme: "rijkshuisstijl" (central government) or "neutral" (NL Design System example).
MEEDENKEN_THEME = os.environ.get("MEEDENKEN_THEME", "rijkshuisstijl")
# Sentence encoder of the open-answer analysis: "use" (multilingual USE, in its wheel) or "lexical".
MEEDENKEN_TEXT_ENCODER = os.environ.get("MEEDENKEN_TEXT_ENCODER", "use")
# Processes the open-answer analysis may use for its classifier fits (1: the worker's own only).
MEEDENKEN_ANALYSIS_JOBS = int(os.environ.get("MEEDENKEN_ANALYSIS_JOBS", 1))
MEEDENKEN_ORGANISATION = os.environ.get(
    "MEEDENKEN_ORGANISATION", "Ministerie van Buitenlandse Zaken"
)
# The organisation's name on English pages and in English e-mails (issue 13).
MEEDENKEN_ORGANISATION_EN = os.environ.get(
    "MEEDENKEN_ORGANISATION_EN",
    "Ministry of Foreign Affairs"
    if MEEDENKEN_ORGANISATION == "Ministerie van Buitenlandse Zaken"
    else MEEDENKEN_ORGANISATION,
)
MEEDENKEN_SECURITY_CONTACT = os.environ.get(
    "MEEDENKEN_SECURITY_CONTACT", "mailto:security@meedenken.example"
)
# Version of the publication-consent text; stored with every consent.
MEEDENKEN_CONSENT_VERSION = os.environ.get("MEEDENKEN_CONSENT_VERSION", "2026-11-1")

# Background work: django-tasks with its database backend, so the default needs no extra service.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail (sent by the worker): the console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587" if EMAIL_HOST else "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST) and not env_bool("EMAIL_USE_SSL", False))
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Meedenken <noreply@meedenken.example>")
MEEDENKEN_EMAIL_DOMAIN = DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "meedenken.example"
# Links in e-mails sent by the worker (which has no request) start with this address.
MEEDENKEN_SITE_URL = os.environ.get("MEEDENKEN_SITE_URL", "http://127.0.0.1:8000")
# Archive packages (MDTO): the source system named in identifiers, and the appraisal of the
# records by the ministry's selection list (B: keep permanently, V: destroy after a term).
MEEDENKEN_ARCHIVE_SOURCE = os.environ.get("MEEDENKEN_ARCHIVE_SOURCE", "Meedenken")
MEEDENKEN_ARCHIVE_APPRAISAL = os.environ.get("MEEDENKEN_ARCHIVE_APPRAISAL", "B")
# The licence of the open-data export (its DCAT description names it); CC0 by default.
MEEDENKEN_OPEN_DATA_LICENCE = os.environ.get(
    "MEEDENKEN_OPEN_DATA_LICENCE", "http://creativecommons.org/publicdomain/zero/1.0/"
)

# One JSON object a line, without personal data or secrets (LOG_FORMAT=text for plain lines).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secret_links": {"()": "meedenken.core.redaction.SecretLinkFilter"}},
    "formatters": {"json": {"()": "meedenken.operations.jsonlog.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["secret_links"],
            **({"formatter": "json"} if os.environ.get("LOG_FORMAT", "json") == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# Probes and the metrics scraper may talk plain HTTP to the process behind the proxy.
SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz|gezondheid|metrics)$"]

# --- One voice per participant (issue 12): rate limits, honeypot and fill time -------------
# Counted by django-ratelimit in the "ratelimit" cache: Redis when MEEDENKEN_REDIS_URL is set
# (shared by all processes and nodes: use it in production), else each process's memory.
MEEDENKEN_REDIS_URL = os.environ.get("MEEDENKEN_REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": MEEDENKEN_REDIS_URL}
        if MEEDENKEN_REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
    ),
}
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_ENABLE = env_bool("MEEDENKEN_RATE_LIMITS_ENABLED", True)
# Behind a proxy: the header with the client's address, e.g. HTTP_X_REAL_IP (nginx).
MEEDENKEN_CLIENT_ADDRESS_HEADER = os.environ.get("MEEDENKEN_CLIENT_ADDRESS_HEADER", "")
# Site defaults (a consultation may set its own, voting.ParticipationPolicy). Per address
# unless named otherwise; a network is an IPv4 /24 or IPv6 /48. A workshop of 40 people
# behind one address can all start within a minute.
MEEDENKEN_RATE_LIMITS: dict[str, str | None] = {
    "new_participant_address": "40/m",
    "new_participant_address_hour": "400/h",
    "new_participant_network": "80/m",
    "new_participant_network_hour": "800/h",
    "burst": "10/10m",  # more new participants from one network than this are flagged
    "vote_participant": "60/m",
    "vote_address": "1200/m",
    "declaration_participant": "10/m",
    "proposal_address": "30/h",
    "response_start_address": "60/h",
    "response_start_network": "120/h",
    # E-mail confirmation links asked for: per client address and network, and per recipient
    # (the keyed hash of the address asked for, so a script cannot mail one inbox flat).
    "email_confirmation_address": "40/h",
    "email_confirmation_network": "80/h",
    "email_confirmation_recipient": "3/h",
}
MEEDENKEN_MIN_FILL_SECONDS = float(os.environ.get("MEEDENKEN_MIN_FILL_SECONDS", 3))
# Login through OpenID Connect (issue 16), each provider off unless its ISSUER and CLIENT_ID are
# set: OIDC_STAFF_* (the ministry's identity provider), OIDC_EHERKENNING_* and OIDC_DIGID_* (a
# broker that speaks OIDC). See docs/deployment-multinode.md and meedenken/identity/config.py.
MEEDENKEN_OIDC = {
    name: {
        "issuer": os.environ.get(f"OIDC_{name.upper()}_ISSUER", ""),
        "client_id": os.environ.get(f"OIDC_{name.upper()}_CLIENT_ID", ""),
        "client_secret": os.environ.get(f"OIDC_{name.upper()}_CLIENT_SECRET", ""),
        "scope": os.environ.get(f"OIDC_{name.upper()}_SCOPES", scope),
        "acr_values": env_list(f"OIDC_{name.upper()}_ACR_VALUES"),
        "kvk_claim": os.environ.get(f"OIDC_{name.upper()}_KVK_CLAIM", "kvk"),
        "organisation_claim": os.environ.get(
            f"OIDC_{name.upper()}_ORGANISATION_CLAIM", "organization_name"
        ),
        "email_claim": os.environ.get(f"OIDC_{name.upper()}_EMAIL_CLAIM", "email"),
    }
    for name, scope in (
        ("staff", "openid email profile"),
        ("eherkenning", "openid eherkenning"),
        ("digid", "openid"),
    )
    if os.environ.get(f"OIDC_{name.upper()}_ISSUER")
    and os.environ.get(f"OIDC_{name.upper()}_CLIENT_ID")
}
# "provider": the identity provider's login counts as both factors; "local": the app code after it.
MEEDENKEN_OIDC_STAFF_SECOND_FACTOR = os.environ.get("OIDC_STAFF_SECOND_FACTOR", "provider")
# Behind nginx (deploy/nginx.conf): private files and documents are sent by nginx after the view
# checked access (X-Accel-Redirect to its internal locations), not streamed by a web worker.
MEEDENKEN_X_ACCEL_REDIRECT = env_bool("MEEDENKEN_X_ACCEL_REDIRECT", False)
