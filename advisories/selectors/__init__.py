"""Reads of the portal and the public archive, by topic: ``portal`` (a member's
councils, requests and dashboard), ``archive`` (filters, search, pages and facets) and
``public`` (one advice, the feed, the newest advice, redaction).
"""

from .archive import (
    ArchiveFilters,
    ArchivePage,
    archive_advice,
    archive_frameworks,
    archive_page,
    archive_years,
    highlight,
    search_query,
    verdict_summary,
)
from .portal import (
    CouncilIds,
    DashboardAdvice,
    council_ids_of,
    dashboard_advice,
    open_requests_for,
    requests_for,
)
from .public import (
    FeedEntry,
    feed_entries,
    latest_advice,
    public_advice_detail,
    redact,
)

__all__ = [
    "ArchiveFilters",
    "ArchivePage",
    "CouncilIds",
    "DashboardAdvice",
    "FeedEntry",
    "archive_advice",
    "archive_frameworks",
    "archive_page",
    "archive_years",
    "council_ids_of",
    "dashboard_advice",
    "feed_entries",
    "highlight",
    "latest_advice",
    "open_requests_for",
    "public_advice_detail",
    "redact",
    "requests_for",
    "search_query",
    "verdict_summary",
]
