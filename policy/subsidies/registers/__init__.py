"""Import of subsidy registers as municipalities publish them (CSV, XLSX or JSON).

A register has one row per grant: recipient, scheme, theme, year, periodicity, amount
requested and granted, under names that differ per municipality ("Naam" or
"Ontvanger", "Project" or "Doel" …). ``plan_import`` reads the rows against the
database without writing anything and says per row what would happen: which
recipient it matched or would create, which scheme, and whether the grant is new,
changed or unchanged. ``apply_import`` writes a plan without errors in one transaction,
with bulk statements, so the number of queries does not grow with the number of rows.

A row without a kenmerk (reference) gets one derived from its municipality, year,
scheme, recipient and purpose, so importing the same register twice changes nothing.
"""

from .applying import GRANT_FIELDS, RegisterImportError, apply_import, import_register
from .columns import COLUMNS, COLUMNS_BY_KEY, Column, map_columns, normalise_header
from .plan import (
    ACTION_LABELS,
    Action,
    ImportPlan,
    PlannedOrganisation,
    PlannedScheme,
    PlannedTheme,
    RowError,
    RowPlan,
)
from .planning import plan_import
from .reading import (
    RegisterFileError,
    RegisterTable,
    SourceRow,
    normalise_name,
    read_register,
)

__all__ = [
    "ACTION_LABELS",
    "COLUMNS",
    "COLUMNS_BY_KEY",
    "GRANT_FIELDS",
    "Action",
    "Column",
    "ImportPlan",
    "PlannedOrganisation",
    "PlannedScheme",
    "PlannedTheme",
    "RegisterFileError",
    "RegisterImportError",
    "RegisterTable",
    "RowError",
    "RowPlan",
    "SourceRow",
    "apply_import",
    "import_register",
    "map_columns",
    "normalise_header",
    "normalise_name",
    "plan_import",
    "read_register",
]
