"""Spreadsheet exports of the admin that cannot run formulas (CSV/formula injection).

Every CSV, TSV, XLSX and ODS export of the admin (django-import-export) escapes its
cells by the settings ``IMPORT_EXPORT_FORMATS``, with the portal's one rule,
``core.csv.escape_cell``.
"""

from import_export.formats import base_formats

from core.csv import FORMULA_START, PLAIN_NUMBER, escape_cell, escape_row

__all__ = ["FORMATS", "FORMULA_START", "PLAIN_NUMBER", "escape_cell", "escape_row"]


class _EscapingFormat:
    def export_data(self, dataset, **kwargs):
        headers = dataset.headers
        rows = [escape_row(row) for row in dataset]
        dataset.wipe()
        dataset.headers = headers and escape_row(headers)
        for row in rows:
            dataset.append(row)
        return super().export_data(dataset, **kwargs)


class CSV(_EscapingFormat, base_formats.CSV):
    pass


class TSV(_EscapingFormat, base_formats.TSV):
    pass


class XLSX(_EscapingFormat, base_formats.XLSX):
    pass


class ODS(_EscapingFormat, base_formats.ODS):
    pass


# Formats offered for import and export in the admin: spreadsheets escaped, JSON as is.
FORMATS = [CSV, XLSX, ODS, TSV, base_formats.JSON]
