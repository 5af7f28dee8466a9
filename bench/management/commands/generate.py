"""`manage.py generate --scale municipality|country [--seed N] [--flush]`."""

import shutil
import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.generate import SCALES, NotEmpty, generate


class Command(BaseCommand):
    help = (
        "Vult de database met een herhaalbare, realistische hoeveelheid gegevens voor de "
        "benchmark: één gemeente (municipality) of het hele land (country)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="municipality")
        parser.add_argument(
            "--seed", type=int, default=1, help="Zelfde zaad, zelfde rijen."
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Maak eerst alle tabellen van de drie apps leeg (alles gaat verloren).",
        )

    def handle(
        self, *args: Any, scale: str, seed: int, flush: bool, **options: Any
    ) -> None:
        # --flush empties every table: only where BENCH=1 says this is a benchmark
        # database, which production settings never do.
        if not settings.BENCH:
            raise CommandError(
                "manage.py generate draait alleen met BENCH=1, op een eigen "
                "benchmarkdatabase, en nooit onder de productie-instellingen."
            )
        chosen = SCALES[scale]
        self.stdout.write(f"Genereren: schaal {scale}, zaad {seed} ({chosen})")
        started = time.perf_counter()
        try:
            loader = generate(
                chosen, seed=seed, log=self.stdout.write, flush_first=flush
            )
        except NotEmpty as error:
            raise CommandError(
                "De database bevat al gemeenten of plekken. Gebruik --flush om alles "
                "eerst te wissen (alleen op een eigen benchmarkdatabase)."
            ) from error
        loaded = time.perf_counter() - started
        analysed = time.perf_counter()
        with connection.cursor() as cursor:
            if connection.in_atomic_block:
                cursor.execute("ANALYZE")
            else:
                cursor.execute("VACUUM ANALYZE")
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
        rows = sum(t.rows for t in loader.timings.values())
        self.stdout.write(
            f"Klaar: {rows:,} rijen in {loaded:.0f} s, VACUUM ANALYZE "
            f"{time.perf_counter() - analysed:.0f} s; database {size / 2**30:.2f} GiB "
            f"(vrij op schijf: {shutil.disk_usage('/').free / 2**30:.0f} GiB)."
        )
