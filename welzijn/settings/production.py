"""Production settings: no defaults for secrets or hosts, HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    PDOK_BRT_TILE_URL,
    _tile_attribution,
    _tile_source,
    env,
)

DEBUG = False
# Required: the portal refuses to start without a secret of its own, or with a weak one:
# short, of few distinct characters (a random one of 50 has some 30), or an example's.
SECRET_KEY = env("SECRET_KEY")
EXAMPLE_SECRET_MARKERS = ("change-me", "changeme", "django-insecure", "not-for-prod")
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 20
    or any(marker in SECRET_KEY.lower() for marker in EXAMPLE_SECRET_MARKERS)
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: use at least 50 random characters, e.g. "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
# Required: the host names the portal answers to; "*" would accept any Host header.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS may not contain '*': list the portal's host names."
    )
# Required: an SMTP server for the portal's mail (base.py reads EMAIL_URL); mail that
# is only printed or kept in memory would never reach anyone.
if (
    env.email_url("EMAIL_URL")["EMAIL_BACKEND"]
    != "django.core.mail.backends.smtp.EmailBackend"
):
    raise ImproperlyConfigured(
        "EMAIL_URL must name an SMTP server, e.g. smtp+tls://user:password@host:587"
    )
# The benchmark never touches production data: its app (whose `generate --flush`
# empties every table) stays out and its floor view unmounted, whatever BENCH says.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "bench"]  # noqa: F405
BENCH = False

# SECURITY
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
# ------------------------------------------------------------------------------
# The reverse proxy terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# One year of HSTS, subdomains included, once HTTPS is known to work.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# MAPS
# ------------------------------------------------------------------------------
# The government's base map unless another tile server is named; MAP_TILE_URL set
# empty turns tiles off. The attribution and the CSP's img-src follow the choice.
MAP_TILE_URL = env("MAP_TILE_URL", default=PDOK_BRT_TILE_URL)
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION", default=_tile_attribution(MAP_TILE_URL)
)
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [
    "'self'",
    "data:",
    *_tile_source(MAP_TILE_URL),
]
