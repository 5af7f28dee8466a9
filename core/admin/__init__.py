"""The admin of core: what every app's admin of an editable table shares (editing),
the list of mail that could not be delivered (mail, registered on import), and the
change lists of large tables (scale)."""

from ..concurrency import LAST_CHANGED, last_change_note
from . import mail  # noqa: F401  registers the failed-mail admin
from .editing import (
    CONFLICT_ON_SAVE,
    STALE_ROWS,
    STALE_SELECTION,
    ConcurrentAdminMixin,
    RowHistoryMixin,
    VersionedFormMixin,
    VersionedInlineMixin,
    VersionedModelForm,
)
from .scale import (
    EstimatedCountPaginator,
    LargeTableAdminMixin,
    count_of,
    table_estimate,
)

__all__ = [
    "CONFLICT_ON_SAVE",
    "ConcurrentAdminMixin",
    "EstimatedCountPaginator",
    "LAST_CHANGED",
    "LargeTableAdminMixin",
    "RowHistoryMixin",
    "STALE_ROWS",
    "STALE_SELECTION",
    "VersionedFormMixin",
    "VersionedInlineMixin",
    "VersionedModelForm",
    "count_of",
    "last_change_note",
    "table_estimate",
]
