"""Timing of the subsidy register import, and the queries of the budget dashboard.

    DATABASE_URL=postgres://…/welzijn_bench .venv/bin/python -m bench.import_grants \
        [--rows 3000 30000] [--label text]

For each size it writes a synthetic register as CSV the way municipalities publish
them (Dutch amounts, "Naam", "Regeling" …, one in ten refused), then times, inside a
transaction that is rolled back at the end so the database is left as it was:

- the first import (all rows new: organisations, schemes, themes and grants created),
- the same file again (all rows unchanged),
- the file with every granted amount changed (all rows updated),

with the number of queries of each, and then the public budget dashboard and the
public register on that data: queries and time of one request each.

Writes bench/results/import-grants-<label>.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "welzijn.settings.local")
    import django

    django.setup()


def register_csv(rows: int, *, bump: int = 0) -> bytes:
    """A register of `rows` grants spread over 1/4 as many recipients and 60 schemes."""
    lines = ["Naam;Project;Regeling;Thema;Jaar;Periodiciteit;Aangevraagd;Verleend"]
    for n in range(rows):
        granted = 0 if n % 10 == 0 else 1_000 + (n * 37) % 250_000 + bump
        requested = 1_000 + (n * 37) % 250_000
        lines.append(
            ";".join(
                [
                    f"Stichting Welzijn {n % max(rows // 4, 1)}",
                    f"Activiteit {n}",
                    f"Subsidieregeling {n % 60}",
                    f"Thema {n % 9}",
                    str(2020 + n % 5),
                    "Eenmalig" if n % 3 else "Periodiek",
                    f"€ {requested:,}".replace(",", "."),
                    f"{granted:,}".replace(",", ".") + ",00",
                ]
            )
        )
    return "\n".join(lines).encode()


def measure(rows: int) -> dict:
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from neighbourhoods.models import Municipality
    from policy.subsidies.registers import import_register, read_register

    result: dict = {"rows": rows}
    with transaction.atomic():
        municipality = Municipality.objects.create(
            cbs_code="GM9999", name="Benchstad", slug="benchstad-import"
        )
        for label, bump in (("created", 0), ("unchanged", 0), ("updated", 1)):
            data = register_csv(rows, bump=bump)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                table = read_register(data, "register.csv")
                plan = import_register(table, municipality=municipality)
            seconds = time.perf_counter() - started
            result[label] = {
                "seconds": round(seconds, 2),
                "queries": len(queries),
                "created": plan.created,
                "updated": plan.updated,
                "unchanged": plan.unchanged,
            }
        client = Client()
        for page, url in (
            ("dashboard", "/subsidies/begroting/?gemeente=benchstad-import&jaar=2024"),
            ("register", "/subsidies/?gemeente=benchstad-import&jaar=2024"),
        ):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            result[page] = {
                "status": response.status_code,
                "seconds": round(time.perf_counter() - started, 3),
                "queries": len(queries),
            }
        transaction.set_rollback(True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[3000, 30000])
    parser.add_argument("--label", default="local")
    args = parser.parse_args()
    _setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    results = [measure(rows) for rows in args.rows]
    print(
        f"{'rows':>7} | {'import new':>15} | {'again, unchanged':>16} | "
        f"{'all updated':>15} | {'dashboard':>14} | {'register':>14}"
    )

    def cell(r, key, width):
        return f"{r[key]['seconds']:>6} s {r[key]['queries']:>3} q".rjust(width)

    for r in results:
        print(
            f"{r['rows']:>7} | {cell(r, 'created', 15)} | {cell(r, 'unchanged', 16)} | "
            f"{cell(r, 'updated', 15)} | {cell(r, 'dashboard', 14)} | {cell(r, 'register', 14)}"
        )
    out = Path(__file__).parent / "results" / f"import-grants-{args.label}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Written to {out}")


if __name__ == "__main__":
    main()
