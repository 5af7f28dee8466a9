"""The site-wide search and the accessibility statement."""

from datetime import date
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core import accessibility, search
from core import public_pages as page_cache

from .common import (
    HOME,
    BreadcrumbsMixin,
)

# When the accessibility statement was last reviewed, and when its journeys were
# last walked by hand; update them with the text.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 8)
ACCESSIBILITY_MANUAL_CHECK_DATE = date(2026, 12, 8)
# Results on the search page, over all sources together.
SEARCH_LIMIT = 30
SEARCH_MAX_LENGTH = 200


class AccessibilityStatementView(BreadcrumbsMixin, TemplateView):
    """The accessibility statement (toegankelijkheidsverklaring)."""

    template_name = "neighbourhoods/accessibility.html"

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Toegankelijkheid"), self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs["statement_date"] = ACCESSIBILITY_STATEMENT_DATE
        kwargs["manual_check_date"] = ACCESSIBILITY_MANUAL_CHECK_DATE
        # What the accessibility tests check, from the values the tests themselves use.
        kwargs["axe_tags"] = accessibility.AXE_TAGS.values()
        kwargs["browser_checks"] = accessibility.BROWSER_CHECKS.values()
        kwargs["checked_widths"] = accessibility.CHECKED_WIDTHS
        # Where people report a problem; the municipality sets it per deployment.
        kwargs["contact_email"] = getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", "")
        return super().get_context_data(**kwargs)


class SearchView(BreadcrumbsMixin, TemplateView):
    """One Dutch full-text search over everything public, ranked."""

    template_name = "neighbourhoods/search.html"

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Zoeken"), self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        text = self.request.GET.get("q", "")[:SEARCH_MAX_LENGTH]
        kwargs["outcome"] = search.search(text, limit=SEARCH_LIMIT)
        if text and not kwargs["outcome"].results:
            page_cache.not_shared(self.request)
        kwargs["q"] = text
        return super().get_context_data(**kwargs)
