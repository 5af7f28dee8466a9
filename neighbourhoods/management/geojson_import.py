"""What `import_wijken` and `import_buurten` share: read a CBS GeoJSON file, import it
all or nothing, and report in Dutch what changed or every problem that stopped it."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from neighbourhoods.geojson import WijkImportError

# Enough to see the pattern of a systematic error without flooding the terminal.
MAX_PROBLEMS_SHOWN = 50


class GeoJSONImportCommand(BaseCommand):
    """A command that imports the features of one CBS GeoJSON file."""

    # The plural the summary counts, e.g. "wijken".
    noun: str

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="Het GeoJSON-bestand.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Controleer het bestand en toon wat er zou veranderen, zonder op te slaan.",
        )

    def parse(self, content: bytes) -> list:
        raise NotImplementedError

    def run_import(self, *, features: list, dry_run: bool) -> Any:
        raise NotImplementedError

    def write_summary(self, result: Any) -> None:
        raise NotImplementedError

    def write_changes(self, result: Any) -> None:
        raise NotImplementedError

    def handle(self, *args: Any, path: Path, dry_run: bool, **options: Any) -> None:
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                f"Kan {path} niet lezen: {error.strerror or error}."
            ) from error
        try:
            features = self.parse(content)
            result = self.run_import(features=features, dry_run=dry_run)
        except WijkImportError as error:
            raise CommandError(failure_message(path, error)) from error

        self.stdout.write(f"{len(features)} {self.noun} gelezen uit {path.name}.")
        self.write_summary(result)
        if dry_run or options["verbosity"] >= 2:
            self.write_changes(result)
        if dry_run:
            self.stdout.write(self.style.WARNING("Proefdraai: er is niets opgeslagen."))
        else:
            self.stdout.write(self.style.SUCCESS("Klaar."))


def failure_message(path: Path, error: WijkImportError) -> str:
    """The file, that nothing changed, and its problems (the first fifty)."""
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
