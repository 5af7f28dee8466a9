"""`manage.py import_buurten PATH`: load CBS buurt codes and names from GeoJSON."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from neighbourhoods.buurten import parse_buurten
from neighbourhoods.geojson import WijkImportError
from neighbourhoods.services import buurten_import

from .import_wijken import MAX_PROBLEMS_SHOWN


class Command(BaseCommand):
    help = (
        "Importeert CBS-buurten (GeoJSON-FeatureCollection met buurtcode, buurtnaam, "
        "wijkcode, gemeentecode) in hun wijk en werkt bestaande buurten bij op hun "
        "CBS-code. De wijken moeten er al zijn (import_wijken). Alles of niets: bij "
        "één fout wordt niets gewijzigd. Features worden geteld vanaf 1."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="Het GeoJSON-bestand.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Controleer het bestand en toon wat er zou veranderen, zonder op te slaan.",
        )

    def handle(self, *args: Any, path: Path, dry_run: bool, **options: Any) -> None:
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                f"Kan {path} niet lezen: {error.strerror or error}."
            ) from error
        try:
            features = parse_buurten(content)
            result = buurten_import(features=features, dry_run=dry_run)
        except WijkImportError as error:
            raise CommandError(self._failure(path, error)) from error

        self.stdout.write(f"{len(features)} buurten gelezen uit {path.name}.")
        self.stdout.write(
            f"{len(result.created)} nieuw, {len(result.updated)} bijgewerkt, "
            f"{result.unchanged} ongewijzigd."
        )
        if dry_run or options["verbosity"] >= 2:
            for code in result.created:
                self.stdout.write(f"  nieuw: {code}")
            for code in result.updated:
                self.stdout.write(f"  bijgewerkt: {code}")
        if dry_run:
            self.stdout.write(self.style.WARNING("Proefdraai: er is niets opgeslagen."))
        else:
            self.stdout.write(self.style.SUCCESS("Klaar."))

    def _failure(self, path: Path, error: WijkImportError) -> str:
        problems = error.problems
        count = len(problems)
        lines = [
            f"{path.name} is niet geïmporteerd; er is niets gewijzigd.",
            f"{count} {'probleem' if count == 1 else 'problemen'} "
            "(features geteld vanaf 1):",
        ]
        lines += [f"- {problem}" for problem in problems[:MAX_PROBLEMS_SHOWN]]
        if count > MAX_PROBLEMS_SHOWN:
            lines.append(f"… en nog {count - MAX_PROBLEMS_SHOWN} problemen.")
        return "\n".join(lines)
