"""What every policy admin shares: safe concurrent editing and all-or-nothing imports.

The concurrent-editing machinery lives in core.admin (every app's admin uses it);
its names are re-exported here for the policy admin modules that import them.
"""

from import_export.admin import ImportExportModelAdmin

from audit.admin import AuditHistoryMixin
from core.admin import (
    CONFLICT_ON_SAVE,
    LAST_CHANGED,
    STALE_ROWS,
    STALE_SELECTION,
    ConcurrentAdminMixin,
    VersionedFormMixin,
    VersionedInlineMixin,
    VersionedModelForm,
    last_change_note,
)
from core.spreadsheets import AllOrNothingImportMixin


class PolicyAdmin(
    AuditHistoryMixin,
    ConcurrentAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    """The admin every editable policy table uses: its history page shows the audit
    log of the object (who changed which field from what to what, and when)."""

    import_template_name = "admin/policy/import.html"


__all__ = [
    "CONFLICT_ON_SAVE",
    "LAST_CHANGED",
    "VersionedFormMixin",
    "last_change_note",
    "ConcurrentAdminMixin",
    "PolicyAdmin",
    "STALE_ROWS",
    "STALE_SELECTION",
    "VersionedInlineMixin",
    "VersionedModelForm",
]
