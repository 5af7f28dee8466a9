"""`manage.py query_audit`: queries per page and the slowest one's EXPLAIN ANALYZE."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from bench import queries


class Command(BaseCommand):
    help = (
        "Telt per pagina de databasequeries (koud en warm) en toont het queryplan "
        "(EXPLAIN ANALYZE) van de traagste; schrijft naar bench/results/."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--label",
            choices=["municipality", "country"],
            help="Welke schaal in de database staat (standaard: afgeleid van het "
            "aantal gemeenten).",
        )
        parser.add_argument("--no-explain", action="store_true")

    def handle(
        self, *args: Any, label: str | None, no_explain: bool, **options: Any
    ) -> None:
        label = label or queries.default_label()
        results = queries.audit(with_explain=not no_explain)
        for row in results:
            if "skipped" in row:
                self.stdout.write(
                    f"{row['name']:<20} {row['path']}: overgeslagen ({row['skipped']})"
                )
                continue
            self.stdout.write(
                f"{row['name']:<20} {row['path']}\n"
                f"    status {row['status']}, {row['queries']} queries koud, "
                f"{row['queries_warm']} warm, {row['total_ms']} ms in de database, "
                f"traagste {row.get('slowest_ms', 0)} ms"
            )
            if row.get("explain"):
                self.stdout.write("    " + row["slowest_sql"][:400])
                self.stdout.write("    " + row["explain"].replace("\n", "\n    "))
        path = queries.write(label, results)
        self.stdout.write(f"Geschreven: {path}")
        table = queries.comparison()
        if table:
            self.stdout.write("\n" + table)
