"""Root URLs: public pages in Dutch, the admin at /admin/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

urlpatterns = [
    path("admin/tweestapsverificatie/", include("signin.urls")),
    path("admin/", admin.site.urls),
    # The language switch needs no CSRF token: all it can change is the language
    # cookie, and without a token public pages set no cookie and can be cached whole
    # (core.public_pages.public_page). SECURITY.md has the reasoning.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include("neighbourhoods.urls")),
    path("", include("advisories.urls")),
    path("", include("policy.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The benchmark's floor view (bench/README.md), only when the environment says BENCH=1.
if settings.BENCH:
    urlpatterns += [path("_bench/", include("bench.urls"))]
