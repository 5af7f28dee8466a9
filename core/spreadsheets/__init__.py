"""Spreadsheet import and export (django-import-export) shared by every app: widgets,
resources with Dutch headers and formats, and the all-or-nothing admin import."""

from .admin import (
    IMPORT_REFUSED,
    AllOrNothingImportMixin,
    DutchExportFilenameMixin,
    describe_import_errors,
)
from .resources import (
    DutchFormatsResource,
    JoinedExportMixin,
    ValidatedResource,
    header_label,
)
from .widgets import (
    DUTCH_DATE_FORMATS,
    NOT_A_DATE,
    NOT_A_NUMBER,
    UNKNOWN_VALUE,
    UNKNOWN_VALUE_MEANT,
    VALUE_SEPARATORS,
    DateTimeRangeWidget,
    DutchDateWidget,
    DutchDecimalWidget,
    DutchIntegerWidget,
    NullableCharWidget,
    ScopedForeignKeyWidget,
    StrictManyToManyWidget,
    parse_dutch_date,
    parse_dutch_decimal,
)

__all__ = [
    "DUTCH_DATE_FORMATS",
    "IMPORT_REFUSED",
    "NOT_A_DATE",
    "NOT_A_NUMBER",
    "UNKNOWN_VALUE",
    "UNKNOWN_VALUE_MEANT",
    "VALUE_SEPARATORS",
    "AllOrNothingImportMixin",
    "DateTimeRangeWidget",
    "DutchDateWidget",
    "DutchDecimalWidget",
    "DutchExportFilenameMixin",
    "DutchFormatsResource",
    "DutchIntegerWidget",
    "JoinedExportMixin",
    "NullableCharWidget",
    "ScopedForeignKeyWidget",
    "StrictManyToManyWidget",
    "ValidatedResource",
    "describe_import_errors",
    "header_label",
    "parse_dutch_date",
    "parse_dutch_decimal",
]
