"""The open-data page and its downloads."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.functional import Promise
from django.utils.http import quote_etag
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from core import public_pages as page_cache

from .. import open_data
from ..models import Municipality
from .common import (
    HOME,
    OPEN_DATA_MAX_AGE,
    BreadcrumbsMixin,
    municipality_from_query,
)


class OpenDataView(BreadcrumbsMixin, TemplateView):
    """The datasets, their fields and licence, with links to the downloads."""

    template_name = "neighbourhoods/open_data.html"

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Open data"), self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # With more than one municipality in the portal, a visitor may take the data
        # of one: each download link then carries ?gemeente=.
        municipalities = list(
            Municipality.objects.order_by("name").values("slug", "name")
        )
        chosen = municipality_from_query(self.request)
        kwargs["municipalities"] = municipalities if len(municipalities) > 1 else []
        kwargs["municipality"] = chosen
        kwargs["download_query"] = f"?gemeente={chosen.slug}" if chosen else ""
        kwargs["datasets"] = list(open_data.DATASETS.values())
        kwargs["licence_name"] = open_data.LICENCE_NAME
        kwargs["licence_url"] = open_data.LICENCE_URL
        kwargs["hsds_url"] = open_data.HSDS_URL
        return super().get_context_data(**kwargs)


class OpenDataDownloadView(View):
    """One dataset in one format, with an ETag so unchanged data is not sent again,
    and compressed (gzip) for every client that accepts it."""

    def get(self, request: HttpRequest, dataset: str, file_format: str) -> HttpResponse:
        chosen = open_data.DATASETS.get(dataset)
        if chosen is None or file_format not in chosen.formats:
            raise Http404(_("Deze dataset bestaat niet in dit formaat."))
        scope = request.GET.get("gemeente", "")
        base_url = request.build_absolute_uri("/").rstrip("/")
        gzipped = page_cache.accepts_gzip(request)

        def render() -> tuple[bytes, str, set[int] | None]:
            municipality = municipality_from_query(request)  # 404 if unknown
            content, content_type = open_data.render(
                chosen, file_format, base_url, municipality
            )
            return content, content_type, {municipality.pk} if municipality else None

        # One municipality's file changes only with that municipality's data. ("3"
        # is the layout of a stored file: one that changes it changes the key.)
        content, content_type, etag = page_cache.public_file(
            f"public:open-data:3:{chosen.slug}:{file_format}:{scope}:{base_url}",
            gzipped,
            render,
            OPEN_DATA_MAX_AGE,
        )
        etag = quote_etag(etag)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            patch_vary_headers(not_modified, ("Accept-Encoding",))
            return not_modified
        response = HttpResponse(content, content_type=content_type)
        if gzipped:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        response["ETag"] = etag
        name = f"{chosen.slug}-{scope}" if scope else chosen.slug
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        patch_cache_control(response, public=True, max_age=OPEN_DATA_MAX_AGE)
        return response
