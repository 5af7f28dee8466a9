"""Bulk loading with PostgreSQL's COPY through psycopg 3, model by model.

A `Copier` knows a model's columns; rows give the values of the fields it was asked
for and it fills every other column with the field's default (an empty string for a
blank text field, the model default otherwise). Generated columns are left to the
database. Ids are given explicitly, so a seed always gives the same rows.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED

# Every auto_now(_add) timestamp of generated rows: fixed, so rows are reproducible.
GENERATED_AT = datetime.fromisoformat("2026-01-05T09:00:00+01:00")


def _column_default(f: models.Field) -> Any:
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        if isinstance(f, models.DateTimeField):
            return GENERATED_AT
        return GENERATED_AT.date()
    if f.has_default():
        return f.get_default()
    if f.db_default is not NOT_PROVIDED:
        return f.db_default
    if f.null:
        return None
    if f.blank and f.empty_strings_allowed:
        return ""
    raise ValueError(f"{f.model.__name__}.{f.name} needs a value")


@dataclass
class Timing:
    table: str
    rows: int = 0
    seconds: float = 0.0


@dataclass
class Loader:
    """Copies rows table by table and keeps the time each took."""

    timings: dict[str, Timing] = field(default_factory=dict)

    def copy(
        self,
        model: type[models.Model],
        names: Sequence[str],
        rows: Iterable[Sequence[Any]],
    ) -> int:
        """COPY `rows` (values for the fields `names`, in order) into `model`'s table."""
        opts = model._meta
        given = [opts.get_field(name) for name in names]
        given_columns = {f.column for f in given}
        rest = [
            f
            for f in opts.concrete_fields
            if f.column not in given_columns and not getattr(f, "generated", False)
        ]
        defaults = tuple(_column_default(f) for f in rest)
        columns = [f.column for f in given] + [f.column for f in rest]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        sql = f"COPY {connection.ops.quote_name(opts.db_table)} ({quoted}) FROM STDIN"
        started = time.perf_counter()
        count = 0
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row((*row, *defaults))
                    count += 1
        timing = self.timings.setdefault(opts.db_table, Timing(opts.db_table))
        timing.rows += count
        timing.seconds += time.perf_counter() - started
        return count

    def reset_sequences(self) -> None:
        """Point each loaded table's id sequence past its highest id."""
        with connection.cursor() as cursor:
            for table in self.timings:
                highest = f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}"
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    f"COALESCE(({highest}), 0) + 1, false)",
                    [table],
                )
