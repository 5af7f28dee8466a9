"""Spreadsheet exports that cannot run formulas (CSV/formula injection, OWASP).

A cell that starts with = + - @ (or a tab or carriage return) is read as a formula by
Excel and LibreOffice. ``escape_cell`` puts an apostrophe in front of such text, so it
shows as typed; plain numbers such as ``-12,5`` stay numbers. Every CSV, TSV, XLSX and
ODS export of the admin (django-import-export) goes through it by the settings
``IMPORT_EXPORT_FORMATS``; views that write CSV themselves call ``escape_row``.
"""

import re

from import_export.formats import base_formats

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)*([eE][-+]?\d+)?")


def escape_cell(value):
    """``value`` safe to open in a spreadsheet; non-text values are returned as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def escape_row(row):
    return [escape_cell(cell) for cell in row]


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
