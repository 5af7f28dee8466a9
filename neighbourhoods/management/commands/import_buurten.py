"""`manage.py import_buurten PATH`: load CBS buurten (codes, names, boundaries) from
GeoJSON."""

from neighbourhoods.buurten import BuurtFeature, parse_buurten
from neighbourhoods.services import BuurtImportResult, buurten_import

from ..geojson_import import GeoJSONImportCommand


class Command(GeoJSONImportCommand):
    help = (
        "Importeert CBS-buurten (GeoJSON-FeatureCollection met buurtcode, buurtnaam, "
        "wijkcode, gemeentecode en de grens) in hun wijk en werkt bestaande buurten "
        "bij op hun CBS-code. De wijken moeten er al zijn (import_wijken). Alles of "
        "niets: bij één fout wordt niets gewijzigd. Features worden geteld vanaf 1."
    )
    noun = "buurten"

    def parse(self, content: bytes) -> list[BuurtFeature]:
        return parse_buurten(content)

    def run_import(
        self, *, features: list[BuurtFeature], dry_run: bool
    ) -> BuurtImportResult:
        return buurten_import(features=features, dry_run=dry_run)

    def write_summary(self, result: BuurtImportResult) -> None:
        self.stdout.write(
            f"{len(result.created)} nieuw, {len(result.updated)} bijgewerkt, "
            f"{result.unchanged} ongewijzigd."
        )

    def write_changes(self, result: BuurtImportResult) -> None:
        for code in result.created:
            self.stdout.write(f"  nieuw: {code}")
        for code in result.updated:
            self.stdout.write(f"  bijgewerkt: {code}")
