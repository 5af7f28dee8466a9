"""`manage.py import_wijken PATH`: load CBS wijk boundaries from a GeoJSON file."""

from neighbourhoods.geojson import WijkFeature, parse_wijken
from neighbourhoods.models import Neighbourhood
from neighbourhoods.services import (
    ImportResult,
    NeighbourhoodChange,
    neighbourhoods_import,
)

from ..geojson_import import GeoJSONImportCommand


class Command(GeoJSONImportCommand):
    help = (
        "Importeert CBS-wijken (GeoJSON-FeatureCollection met statcode, jrstatcode, "
        "statnaam, gm_code, gm_naam) en werkt bestaande wijken bij op hun CBS-code. "
        "Alles of niets: bij één fout wordt niets gewijzigd. Features worden in "
        "meldingen geteld vanaf 1."
    )
    noun = "wijken"

    def parse(self, content: bytes) -> list[WijkFeature]:
        return parse_wijken(content)

    def run_import(self, *, features: list[WijkFeature], dry_run: bool) -> ImportResult:
        return neighbourhoods_import(features=features, dry_run=dry_run)

    def write_summary(self, result: ImportResult) -> None:
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

    def write_changes(self, result: ImportResult) -> None:
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
