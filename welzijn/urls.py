"""Root URLs: public pages in Dutch, the admin at /admin/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/tweestapsverificatie/", include("welzijn.otp.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
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
