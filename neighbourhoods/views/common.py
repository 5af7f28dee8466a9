"""What the public pages of the social map share: breadcrumbs, filtered lists,
the municipality asked for, GeoJSON responses."""

import hashlib
import json
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import (
    get_conditional_response,
)
from django.utils.functional import Promise, cached_property
from django.utils.http import quote_etag
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import public_pages as page_cache

from ..filters import (
    PublicFilterForm,
)
from ..models import Municipality

# The first breadcrumb; the context keeps it apart from the admin's "Home" (Voorpagina).
HOME = pgettext_lazy("hoofdmenu", "Home")
# Rows per page of the lists.
PAGE_SIZE = 20
# Seconds a browser or proxy may reuse an open-data file before asking again.
OPEN_DATA_MAX_AGE = 3600


def first_rows(queryset, limit: int) -> tuple[list, bool]:
    """The first `limit` rows and whether there are more, in one query."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


class BreadcrumbsMixin:
    """Puts the trail from the home page to this page in the context, and what a map
    on the page needs (the configured tile layer)."""

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        """(label, url) pairs from home to the current page; the last is not linked."""
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("breadcrumbs", self.get_breadcrumbs())
        kwargs.setdefault("map_tile_url", settings.MAP_TILE_URL)
        kwargs.setdefault("map_tile_attribution", settings.MAP_TILE_ATTRIBUTION)
        kwargs.setdefault("map_label", _("Kaart van de plekken"))
        return super().get_context_data(**kwargs)


class FilteredListMixin(BreadcrumbsMixin):
    """A list with a GET filter form whose values stay in the URL."""

    class paginator_class(Paginator):  # noqa: N801 (ListView's attribute name)
        """Counts the rows only as far as it needs to: up to `count_limit`, or up to
        the page asked for. An exact COUNT of 100,000 places (or of a filter that few
        places fail) reads them all; the heading then says "more than 1000".

        `more` tells whether there are rows beyond `count_floor`; `count` is then one
        more than that, so the page numbers lead on to the next page.
        """

        count_limit = 1000
        # No list comes near it; a page number beyond it is simply past the end
        # (404), where counting up to it would overflow PostgreSQL's LIMIT (bigint).
        count_ceiling = 10**9

        def page(self, number):
            try:
                wanted = int(number)
            except (TypeError, ValueError):
                wanted = 1
            self.count_floor = min(
                max(self.count_limit, wanted * self.per_page), self.count_ceiling
            )
            return super().page(number)

        @cached_property
        def count(self) -> int:
            floor = getattr(self, "count_floor", self.count_limit)
            self.count_floor = floor
            counted = self.object_list.order_by()[: floor + 1].count()
            self.more = counted > floor
            return counted

        @property
        def pages_floor(self) -> int:
            """The number of full pages below `count_floor`, for "of more than N"."""
            return self.count_floor // self.per_page

    form_class: type[PublicFilterForm]
    paginate_by = PAGE_SIZE

    def get_form(self) -> PublicFilterForm:
        if not hasattr(self, "_form"):
            self._form = self.form_class(self.request.GET)
        return self._form

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = self.get_form()
        kwargs["form"] = form
        kwargs["active_filters"] = form.filters
        # The filters without the page, for links to other pages and sorts.
        query = self.request.GET.copy()
        query.pop("page", None)
        kwargs["filter_query"] = query.urlencode()
        return super().get_context_data(**kwargs)


def _shows_chosen_municipality(request: HttpRequest, filters: dict[str, Any]) -> None:
    """The places of one municipality or wijk are kept in the cache while other
    municipalities change (core.public_pages): all else such a list shows is
    shared (the municipalities of the select, target groups, themes, operators)."""
    gemeente, wijk = filters.get("gemeente"), filters.get("wijk")
    if gemeente is not None or wijk is not None:
        page_cache.shows_municipalities(
            request, gemeente and gemeente.pk, wijk and wijk.municipality_id
        )


def municipality_from_query(request: HttpRequest) -> Municipality | None:
    """The municipality of ?gemeente= (None without it); 404 for an unknown one."""
    slug = request.GET.get("gemeente", "")
    if not slug:
        return None
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise Http404(_("Deze gemeente staat niet in het portaal."))
    return municipality


def geojson_response(request: HttpRequest, document: dict[str, Any]) -> HttpResponse:
    """GeoJSON with an ETag, so a map that asks again gets a 304."""
    content = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(content, content_type="application/geo+json")
    response["ETag"] = etag
    return response


def report_error_url(subject: str, page_url: str) -> str:
    """A mailto: link that names the page, for "Klopt er iets niet?"."""
    address = getattr(settings, "CORRECTIONS_EMAIL", "") or getattr(
        settings, "ACCESSIBILITY_CONTACT_EMAIL", ""
    )
    if not address:
        return ""
    query = urlencode(
        {
            "subject": _("Fout melden: %(subject)s") % {"subject": subject},
            "body": _("Pagina: %(url)s\n\nWat klopt er niet?\n") % {"url": page_url},
        },
        quote_via=quote,
    )
    return f"mailto:{address}?{query}"
