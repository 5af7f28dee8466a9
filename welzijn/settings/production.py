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
# Required: the portal refuses to start without a secret of its own, or with a weak one.
SECRET_KEY = env("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY == "change-me":
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: use at least 50 random characters, e.g. "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
# Required: the host names the portal answers to.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

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
