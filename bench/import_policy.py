"""Timing of the policy spreadsheet import, and the queries of the policy changelists.

    DATABASE_URL=postgres://…/welzijn_bench .venv/bin/python -m bench.import_policy \
        [--rows 1000 10000] [--label text]

For each size it writes a spreadsheet of measurements the way officials keep them
(Dutch numbers "1.234,56" and dates "26-02-2021", spread over 50 indicators), then
times through the admin's resource (MeasurementResource, the same code the import
page runs), inside a transaction rolled back at the end:

- the dry run (the preview),
- the confirmed import (all rows new),
- the same file again (all rows unchanged, skipped),
- a file whose last row is bad (refused as a whole: nothing stored).

Then, with 1,000 rows in each policy table this issue owns, the number of queries
of each admin changelist. Writes bench/results/import-policy-<label>.json and
prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import date, timedelta
from pathlib import Path

INDICATORS = 50


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "welzijn.settings.local")
    # The changelists are fetched with Django's test client (host "testserver").
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()


def measurements_csv(rows: int, *, bad_last_row: bool = False) -> str:
    lines = ["framework,goal,indicator,measured_on,value,source,note"]
    first_day = date(2000, 1, 1)
    for n in range(rows):
        indicator = n % INDICATORS
        day = first_day + timedelta(days=n // INDICATORS)
        value = f"{(n * 37) % 100_000:,}".replace(",", ".") + f",{n % 100:02d}"
        lines.append(
            f"bench-kader,{indicator + 1},Indicator {indicator + 1},"
            f'{day:%d-%m-%Y},"{value}",Monitor,'
        )
    if bad_last_row:
        # 31 February: the whole file must be refused for this one row.
        lines[-1] = 'bench-kader,1,Indicator 1,31-02-2021,"1,00",Monitor,'
    return "\n".join(lines)


def _timed(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        value = function()
    return value, round(time.perf_counter() - started, 2), len(queries)


def measure_import(rows: int) -> dict:
    import tablib
    from django.db import transaction

    from neighbourhoods.models import Municipality
    from policy.models import Goal, Indicator, Measurement, PolicyFramework
    from policy.resources import MeasurementResource

    result: dict = {"rows": rows}
    with transaction.atomic():
        municipality = Municipality.objects.create(
            cbs_code="GM9998", name="Benchstad beleid", slug="benchstad-beleid"
        )
        framework = PolicyFramework.objects.create(
            municipality=municipality,
            title="Benchkader",
            slug="bench-kader",
            period_start=2000,
        )
        for number in range(1, INDICATORS + 1):
            goal = Goal.objects.create(
                framework=framework,
                number=number,
                title=f"Doel {number}",
                text="…",
                horizon="lang",
            )
            Indicator.objects.create(
                goal=goal,
                name=f"Indicator {number}",
                unit="aantal",
                target_value=100_000,
            )
        good = tablib.Dataset().load(measurements_csv(rows), format="csv")
        bad = tablib.Dataset().load(
            measurements_csv(rows, bad_last_row=True), format="csv"
        )

        def run(dataset, *, dry_run: bool):
            return MeasurementResource().import_data(
                dataset,
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )

        steps = (
            ("dry_run", good, True),
            ("created", good, False),
            ("unchanged", good, False),
            ("bad_row_refused", bad, False),
        )
        for label, dataset, dry_run in steps:
            before = Measurement.objects.count()
            outcome, seconds, queries = _timed(
                lambda dataset=dataset, dry_run=dry_run: run(dataset, dry_run=dry_run)
            )
            result[label] = {
                "seconds": seconds,
                "queries": queries,
                "rows_per_second": round(rows / seconds) if seconds else None,
                "totals": dict(outcome.totals),
                "errors": bool(outcome.has_errors() or outcome.has_validation_errors()),
                "stored_rows_added": Measurement.objects.count() - before,
            }
        transaction.set_rollback(True)
    return result


def measure_changelists(rows: int = 1000) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from testdata.changelists import MODELS, changelist, create_rows
    from testdata.otp import otp_login

    counts: dict = {}
    with transaction.atomic():
        user = get_user_model().objects.create_superuser(
            "bench-beleid", "bench@example.nl", "bench-wachtwoord-lang-genoeg"
        )
        client = Client()
        otp_login(client, user)
        for model in MODELS:
            create_rows(model, rows)
            changelist(client, model)
            queries, _sql = changelist(client, model)
            url = reverse(f"admin:policy_{model._meta.model_name}_changelist")
            started = time.perf_counter()
            client.get(url)
            counts[model.__name__] = {
                "queries": queries,
                "seconds": round(time.perf_counter() - started, 3),
            }
        transaction.set_rollback(True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--label", default="local")
    parser.add_argument("--skip-changelists", action="store_true")
    arguments = parser.parse_args()
    _setup()

    report: dict = {"imports": []}
    for rows in arguments.rows:
        report["imports"].append(measure_import(rows))
        print(json.dumps(report["imports"][-1], ensure_ascii=False), flush=True)
    if not arguments.skip_changelists:
        report["changelists_at_1000_rows"] = measure_changelists()

    out = Path(__file__).parent / "results" / f"import-policy-{arguments.label}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))

    print(f"{'rows':>6} {'step':<16} {'seconds':>8} {'rows/s':>8} {'queries':>8}")
    for entry in report["imports"]:
        for step in ("dry_run", "created", "unchanged", "bad_row_refused"):
            figures = entry[step]
            print(
                f"{entry['rows']:>6} {step:<16} {figures['seconds']:>8} "
                f"{figures['rows_per_second'] or '':>8} {figures['queries']:>8}"
            )
    for name, figures in report.get("changelists_at_1000_rows", {}).items():
        print(f"changelist {name:<22} {figures['queries']:>3} queries")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
