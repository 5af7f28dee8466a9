"""The admin of core: what every app's admin of an editable table shares (editing),
and the list of mail that could not be delivered (mail, registered on import)."""

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

__all__ = [
    "CONFLICT_ON_SAVE",
    "ConcurrentAdminMixin",
    "LAST_CHANGED",
    "RowHistoryMixin",
    "STALE_ROWS",
    "STALE_SELECTION",
    "VersionedFormMixin",
    "VersionedInlineMixin",
    "VersionedModelForm",
    "last_change_note",
]
