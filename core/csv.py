"""Spreadsheet cells that cannot run formulas (CSV/formula injection, OWASP).

A cell that starts with = + - @ (or a tab or carriage return) is read as a formula by
Excel and LibreOffice. ``escape_cell`` puts an apostrophe in front of such text, so it
shows as typed; plain numbers such as ``-12,5`` stay numbers. Every CSV the portal
writes goes through it: the open data (neighbourhoods.open_data), the subsidy
register (policy.subsidies.exports) and the admin's spreadsheet exports
(core.exports).
"""

import re
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)*([eE][-+]?\d+)?")


def escape_cell(value: Any) -> Any:
    """``value`` safe to open in a spreadsheet; non-text values are returned as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def escape_row(row: Iterable[Any]) -> list[Any]:
    return [escape_cell(cell) for cell in row]
