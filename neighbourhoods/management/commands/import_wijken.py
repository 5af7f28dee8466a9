"""`manage.py import_wijken PATH`: load CBS wijk boundaries from a GeoJSON file."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from neighbourhoods.geojson import WijkImportError, parse_wijken
from neighbourhoods.models import Neighbourhood
from neighbourhoods.services import (
    ImportResult,
    NeighbourhoodChange,
    neighbourhoods_import,
)

# Enough to see the pattern of a systematic error without flooding the terminal.
MAX_PROBLEMS_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Importeert CBS-wijken (GeoJSON-FeatureCollection met statcode, jrstatcode, "
        "statnaam, gm_code, gm_naam) en werkt bestaande wijken bij op hun CBS-code. "
        "Alles of niets: bij één fout wordt niets gewijzigd. Features worden in "
        "meldingen geteld vanaf 1."
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
            features = parse_wijken(content)
            result = neighbourhoods_import(features=features, dry_run=dry_run)
        except WijkImportError as error:
            raise CommandError(self._failure(path, error)) from error

        self.stdout.write(f"{len(features)} wijken gelezen uit {path.name}.")
        self._write_summary(result)
        if dry_run or options["verbosity"] >= 2:
            self._write_changes(result)
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

    def _write_summary(self, result: ImportResult) -> None:
        for tally in result.municipalities.values():
            label = f"{tally.name} ({tally.cbs_code}"
            label += ", nieuwe gemeente)" if tally.is_new else ")"
            self.stdout.write(
                f"{label}: {tally.created} nieuw, {tally.updated} bijgewerkt, "
                f"{tally.unchanged} ongewijzigd"
            )
            if tally.not_in_file:
                self.stdout.write(
                    f"  {tally.not_in_file} wijk(en) van {tally.name} in de database "
                    "staan niet in het bestand; die worden niet verwijderd."
                )

    def _write_changes(self, result: ImportResult) -> None:
        for change in result.created:
            self.stdout.write(f"  nieuw: {change.cbs_code} {change.name}")
        for change in result.updated:
            self.stdout.write(
                f"  bijgewerkt: {change.cbs_code} {change.name} "
                f"({_field_names(change)})"
            )


def _field_names(change: NeighbourhoodChange) -> str:
    """The changed fields as the admin names them (naam, grens …)."""
    return ", ".join(
        str(Neighbourhood._meta.get_field(name).verbose_name) for name in change.fields
    )
