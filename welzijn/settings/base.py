"""Settings shared by every environment; read from the environment (django-environ).

See https://docs.djangoproject.com/en/5.2/ref/settings/
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp import constants as csp_constants
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is optional; real deployments set the environment directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _export_formats():
    from core.exports import FORMATS

    return FORMATS


# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
TIME_ZONE = "Europe/Amsterdam"
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True

# DATABASES
# ------------------------------------------------------------------------------
# PostgreSQL only: the schema relies on range types, exclusion constraints
# (btree_gist) and Dutch full-text search.
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/welzijn"
    )
}
# Reconnect transparently after the database restarted.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# No parallel workers for the portal's queries (0 unless the environment says else).
# PostgreSQL plans a parallel scan when it cannot estimate a query's rows, as with
# full-text search; starting the workers costs more than such a query that reads a few
# hundred rows (bench/FINDINGS.md), and under concurrent requests on a small server the
# cores are busy with other requests anyway. Management commands that need them can SET it back.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    "-c max_parallel_workers_per_gather="
    f"{env.int('DB_PARALLEL_WORKERS_PER_GATHER', default=0)}"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# URLS
# ------------------------------------------------------------------------------
ROOT_URLCONF = "welzijn.urls"
WSGI_APPLICATION = "welzijn.wsgi.application"

# APPS
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    # The admin site of this portal asks staff for a second factor (signin/admin_site.py).
    "signin.admin_site.SecondFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]
THIRD_PARTY_APPS = [
    "import_export",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Row history written by database triggers (core/history.py).
    "pgtrigger",
    "pghistory",
]
LOCAL_APPS = [
    "core",
    "neighbourhoods",
    "policy",
    "advisories",
    # Staff sign-in (second factor, lockout page); audit listens to its signals.
    "signin",
    "audit",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    # First, so that static files (answered by WhiteNoise) carry these headers too.
    "core.middleware.CrossOriginResourcePolicyMiddleware",
    "core.middleware.PrivatePagesNoStoreMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Dutch unless the visitor chose English (not the browser's Accept-Language).
    "core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "audit.middleware.CurrentUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.IdleSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    # A GET whose database connection was lost runs once more (core/middleware.py).
    "core.middleware.RetryLostConnectionMiddleware",
    # Last: turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# TEMPLATES
# ------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    }
]

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded documents (framework versions, advice attachments).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Uploads that only logged-in users may see (drafts, attachments, imports): outside
# MEDIA_ROOT, never served by URL, only through core.uploads.serve_private_file.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/niet-openbaar/"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# AUTHENTICATION
# ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Axes watches every authenticate() call (admin and member portal) before the model backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Second factor for staff: TOTP apps (with a QR code) and one-time backup codes.
OTP_TOTP_ISSUER = "Welzijnsportaal"
OTP_LOGIN_URL = "two_factor:verify"
# Backup codes generated at setup; each works once.
OTP_BACKUP_CODE_COUNT = 10

# Login lockout (django-axes): five failures for one user name from one address lock that
# combination for fifteen minutes; a success resets the count. Passwords are never stored.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Thirty failures from one address, whatever the user names, lock that address for the
# same time (password spraying); core.logins.AddressLockoutHandler counts them.
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_HANDLER = "core.logins.AddressLockoutHandler"
# Password-reset links a member may ask for per hour, per e-mail address and per client
# address (counted in the cache; without a cache that answers, nothing is limited).
PASSWORD_RESET_HOURLY_PER_EMAIL = env.int("PASSWORD_RESET_HOURLY_PER_EMAIL", default=3)
PASSWORD_RESET_HOURLY_PER_IP = env.int("PASSWORD_RESET_HOURLY_PER_IP", default=10)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "signin.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = [
    "password",
    "token",
    "otp_token",
    "new_password1",
    "new_password2",
]
# The client's address for lockout and the audit log (audit.context.client_ip). Behind
# the reverse proxy set CLIENT_IP_FROM_FORWARDED_FOR=True: the address the proxy appended
# last to X-Forwarded-For is used (earlier entries are the client's own claims).
CLIENT_IP_FROM_FORWARDED_FOR = env.bool("CLIENT_IP_FROM_FORWARDED_FOR", default=False)
AXES_CLIENT_IP_CALLABLE = "audit.context.client_ip"

# Retention (manage.py purge_audit_log): the audit log for seven years (Archiefwet
# selection lists keep records of decisions on money that long), login attempts for
# half a year.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=7 * 365)
LOGIN_ATTEMPT_RETENTION_DAYS = env.int("LOGIN_ATTEMPT_RETENTION_DAYS", default=183)

# SESSIONS
# ------------------------------------------------------------------------------
# Idle time after which a session ends, per area (core/middleware.py); the cookie
# itself lives at most one working day and dies with the browser.
SESSION_IDLE_TIMEOUTS = {"/admin/": 60 * 60, "/portaal/": 30 * 60}
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# CONTENT SECURITY POLICY (django-csp) AND OTHER HEADERS
# ------------------------------------------------------------------------------
# Everything is served from the portal itself; scripts only as files, styles only as files.
# Images may also come from the map's tile server (MAP_TILE_URL, below).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), fullscreen=(self)"
)
# Other sites may not embed the portal's pages, files or images (core/middleware.py).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Pages behind a login: sent with Cache-Control: private, no-store (core/middleware.py).
LOGIN_AREAS = ("/admin/", "/portaal/")

# Admin import and export formats (classes); spreadsheet exports escape formula cells.
IMPORT_EXPORT_FORMATS = _export_formats()

# EMAIL
# ------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Every mail is queued as a task (core/mail.py); the worker delivers it through the
# backend EMAIL_URL names (SMTP in production, the console in development).
EMAIL_DELIVERY_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
# Attempts per mail before it counts as failed (2, 4, 8 … minutes apart).
EMAIL_DELIVERY_ATTEMPTS = env.int("EMAIL_DELIVERY_ATTEMPTS", default=6)
# Absolute links in mail start with this (scheme and host, no trailing slash).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Sender of the portal's notifications.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="welzijn@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# TASKS (django-tasks): queued in PostgreSQL, run by `manage.py db_worker`
# https://github.com/RealOrangeOne/django-tasks-db
# ------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# PORTAL
# ------------------------------------------------------------------------------
# The government's public base map (PDOK BRT-Achtergrondkaart, WMTS tiles in EPSG:3857,
# no key, CC BY 4.0 Kadaster): production's default tile layer.
PDOK_BRT_TILE_URL = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857"
    "/{z}/{x}/{y}.png"
)
PDOK_BRT_ATTRIBUTION = (
    '<a href="https://www.pdok.nl/">PDOK</a> · '
    '© <a href="https://www.kadaster.nl/">Kadaster</a>'
)


def _tile_attribution(url: str) -> str:
    """The attribution a tile server asks for, when the portal knows it."""
    return PDOK_BRT_ATTRIBUTION if url.startswith("https://service.pdok.nl/") else ""


# Tile layer for maps; empty (the default outside production) means no map is drawn
# and one line says so: the list beside it shows the same places.
MAP_TILE_URL = env("MAP_TILE_URL", default="")
# Attribution shown with the tile layer (HTML); PDOK's own when its tiles are used.
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION", default=_tile_attribution(MAP_TILE_URL)
)
# Where citizens report an error on a place, activity or organisation page (mailto:).
CORRECTIONS_EMAIL = env("CORRECTIONS_EMAIL", default="")
# Council members' accounts are anonymised this many months after their last term
# (manage.py purge_personal_data; see SECURITY.md).
MEMBER_RETENTION_MONTHS = env.int("MEMBER_RETENTION_MONTHS", default=12)


def _tile_source(url: str) -> list[str]:
    """The CSP source of the map's tile server: scheme and host, {s} subdomains as *."""
    parts = urlsplit(url)
    if not parts.netloc:
        return []
    return [f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"]


# The CSP follows MAP_TILE_URL so map tiles load and nothing else from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp_constants.NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_tile_source(MAP_TILE_URL)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# CACHE AND DATABASE CONNECTION POOL (bench/README.md measures both)
# ------------------------------------------------------------------------------
# Redis when CACHE_URL (or REDIS_URL) is set, e.g. redis://127.0.0.1:6379/1; otherwise
# each process keeps its own small cache in memory.
_CACHE_URL = env("CACHE_URL", default=env("REDIS_URL", default=""))
CACHES = {
    "default": (
        {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": _CACHE_URL,
            # A Redis that does not answer costs a request at most this long per
            # call (seconds) before the page renders uncached (core/redis_cache.py);
            # redis-py waits forever by default.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
        if _CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# psycopg 3's connection pool, per process, when DB_POOL_MAX_SIZE > 0 (e.g. under
# gunicorn's threaded workers); persistent connections (CONN_MAX_AGE) are off then.
DB_POOL_MAX_SIZE = env.int("DB_POOL_MAX_SIZE", default=0)
if DB_POOL_MAX_SIZE:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN_SIZE", default=1),
        "max_size": DB_POOL_MAX_SIZE,
        "timeout": env.int("DB_POOL_TIMEOUT", default=10),
    }
# BENCH=1 loads the benchmark app (its `generate --flush` empties every table) and
# mounts its floor view at /_bench/floor/ (welzijn/urls.py); `make bench` sets it.
BENCH = env.bool("BENCH", default=False)
if BENCH:
    INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
