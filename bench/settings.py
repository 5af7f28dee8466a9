"""Production settings for the benchmark on 127.0.0.1, where there is no TLS proxy.

Everything comes from welzijn.settings.production (DEBUG off, whitenoise with the
compressed manifest, the same middleware); only what plain HTTP on the loopback needs
differs:

- SECURE_SSL_REDIRECT off, so wrk gets pages instead of redirects to https;
- STATIC_ROOT inside bench/ (git-ignored), so `collectstatic` for a run does not touch
  the project's own staticfiles/;
- BENCH_CACHE=dummy turns the cache off, to measure pages uncached.

Static files use production's storage unchanged (whitenoise's compressed manifest).
"""

from welzijn.settings.production import *  # noqa: F403
from welzijn.settings.production import BASE_DIR, env

SECURE_SSL_REDIRECT = False
# The floor view (/_bench/floor/) when run.py starts the server with BENCH=1; the app
# and its commands stay out, as in production.
BENCH = env.bool("BENCH", default=False)
STATIC_ROOT = BASE_DIR / "bench" / ".staticfiles"

if env("BENCH_CACHE", default="") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
