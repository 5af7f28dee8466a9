"""`manage.py import_wijken`: the CBS wijken of Almere and Amersfoort, all or nothing."""

import copy
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from neighbourhoods.geojson import WijkImportError, parse_wijken
from neighbourhoods.models import Municipality, Neighbourhood
from testdata.neighbourhoods import MunicipalityFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db

# CI clones the repository with ../shared beside it.
WIJKEN_FILE = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "data"
    / "cbs-wijken-2024-almere-amersfoort.geojson"
)


@pytest.fixture
def collection() -> dict[str, Any]:
    """The real FeatureCollection, as a dict a test may change."""
    assert WIJKEN_FILE.exists(), f"{WIJKEN_FILE} ontbreekt naast de repository"
    return json.loads(WIJKEN_FILE.read_bytes())


def import_wijken(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_wijken", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, collection: dict[str, Any]) -> Path:
    path = tmp_path / "wijken.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def test_import_loads_every_wijk_of_both_municipalities():
    output = import_wijken(WIJKEN_FILE)

    assert Neighbourhood.objects.count() == 104
    assert Neighbourhood.objects.filter(municipality__cbs_code="GM0034").count() == 71
    assert Neighbourhood.objects.filter(municipality__cbs_code="GM0307").count() == 33
    assert not Neighbourhood.objects.filter(boundary__isnull=True).exists()
    centrum = Neighbourhood.objects.get(cbs_code="WK003417")
    assert centrum.name == "Centrum Almere Stad"
    assert centrum.cbs_year == 2024
    assert centrum.slug == "almere-centrum-almere-stad"
    assert centrum.municipality.name == "Almere"
    assert centrum.municipality.slug == "almere"
    assert centrum.boundary["type"] == "Polygon"
    assert centrum.boundary["coordinates"][0][0] == [5.222, 52.377]
    haven = Neighbourhood.objects.get(cbs_code="WK003416")
    assert haven.boundary["type"] == "MultiPolygon"
    assert (
        "Almere (GM0034, nieuwe gemeente): 71 nieuw, 0 bijgewerkt, 0 ongewijzigd"
        in (output)
    )
    assert "Amersfoort (GM0307, nieuwe gemeente): 33 nieuw" in output


def test_import_takes_a_bounded_number_of_queries(
    django_assert_num_queries, tmp_path, collection
):
    # Savepoint, municipalities (read, slugs, insert), wijken (read, slugs,
    # insert), release: the same for 1 wijk or 104.
    with django_assert_num_queries(8):
        import_wijken(WIJKEN_FILE)
    for feature in collection["features"]:
        feature["properties"]["statnaam"] += " (nieuw)"
    # Savepoint, municipalities, wijken, one UPDATE for all 104, release.
    with django_assert_num_queries(5):
        import_wijken(write(tmp_path, collection))


def test_rerun_of_the_same_file_changes_nothing():
    import_wijken(WIJKEN_FILE)
    ids = set(Neighbourhood.objects.values_list("pk", flat=True))

    output = import_wijken(WIJKEN_FILE)

    assert set(Neighbourhood.objects.values_list("pk", flat=True)) == ids
    assert Municipality.objects.count() == 2
    assert "Almere (GM0034): 0 nieuw, 0 bijgewerkt, 71 ongewijzigd" in output


def test_rerun_updates_a_renamed_wijk_in_place_and_keeps_its_slug(tmp_path, collection):
    import_wijken(WIJKEN_FILE)
    stadskern = Neighbourhood.objects.get(cbs_code="WK030701")
    collection["features"][71]["properties"]["statnaam"] = "Binnenstad"

    output = import_wijken(write(tmp_path, collection), "-v", "2")

    assert Neighbourhood.objects.count() == 104
    renamed = Neighbourhood.objects.get(cbs_code="WK030701")
    assert renamed.pk == stadskern.pk
    assert renamed.name == "Binnenstad"
    assert renamed.slug == "amersfoort-stadskern"
    assert "Amersfoort (GM0307): 0 nieuw, 1 bijgewerkt, 32 ongewijzigd" in output
    assert "bijgewerkt: WK030701 Binnenstad (naam)" in output


def test_import_uses_the_seeded_municipality_and_numbers_a_taken_slug():
    almere = MunicipalityFactory(cbs_code="GM0034", name="Almere", slug="almere")
    NeighbourhoodFactory(
        municipality=almere, cbs_code="WK003499", slug="almere-de-werven"
    )

    output = import_wijken(WIJKEN_FILE)

    assert Municipality.objects.count() == 2
    assert Neighbourhood.objects.get(cbs_code="WK003402").slug == "almere-de-werven-2"
    assert Neighbourhood.objects.filter(cbs_code="WK003499").exists()
    assert "Almere (GM0034): 71 nieuw" in output
    assert "1 wijk(en) van Almere in de database staan niet in het bestand" in output


def test_dry_run_reports_the_changes_and_writes_nothing():
    almere = MunicipalityFactory(cbs_code="GM0034", name="Almere", slug="almere")
    NeighbourhoodFactory(municipality=almere, cbs_code="WK003402", name="Oude naam")

    output = import_wijken(WIJKEN_FILE, "--dry-run")

    assert Neighbourhood.objects.count() == 1
    assert Neighbourhood.objects.get().name == "Oude naam"
    assert Municipality.objects.count() == 1
    assert "Almere (GM0034): 70 nieuw, 1 bijgewerkt, 0 ongewijzigd" in output
    assert "Amersfoort (GM0307, nieuwe gemeente): 33 nieuw" in output
    assert "bijgewerkt: WK003402 De Werven (naam, grens)" in output
    assert "nieuw: WK030701 Stadskern" in output
    assert "Proefdraai: er is niets opgeslagen." in output


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda feature: feature["properties"].pop(key)


def _strings_as_coordinates(feature: dict[str, Any]) -> None:
    ring = feature["geometry"]["coordinates"][0]
    ring[:] = [[str(lon), str(lat)] for lon, lat in ring]


def _open_ring(feature: dict[str, Any]) -> None:
    feature["geometry"]["coordinates"][0].pop()


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda feature: feature["properties"].__setitem__(key, value)


def _latitude(value: float) -> Callable[[dict[str, Any]], None]:
    return lambda feature: feature["geometry"]["coordinates"][0][2].__setitem__(
        1, value
    )


def _no_geometry(feature: dict[str, Any]) -> None:
    feature["geometry"] = None


def _same_code_as_the_first(feature: dict[str, Any]) -> None:
    feature["properties"].update(statcode="WK003401", jrstatcode="2024WK003401")


def _point(feature: dict[str, Any]) -> None:
    feature["geometry"] = {"type": "Point", "coordinates": [5.2, 52.3]}


@pytest.mark.parametrize(
    ("index", "corrupt", "message"),
    [
        (5, _drop("statcode"), "Feature 6, statcode: ontbreekt"),
        (
            10,
            _strings_as_coordinates,
            "Feature 11 (WK003411), geometry: punt 1 van de buitenrand moet [lengte, "
            'breedte] in getallen zijn, niet ["5.2", "52.34"]',
        ),
        (
            80,
            _set("gm_code", "GM307"),
            "Feature 81 (WK030710), gm_code: 'GM307' is geen gemeentecode (GM gevolgd "
            "door vier cijfers)",
        ),
        (
            20,
            _open_ring,
            "Feature 21 (WK003423), geometry: de buitenrand is niet gesloten",
        ),
        (
            3,
            _set("statcode", "BU00340401"),
            "Feature 4, statcode: 'BU00340401' is geen wijkcode",
        ),
        (3, _set("gm_code", "GM0307"), "wijk WK003404 hoort niet bij gemeente GM0307"),
        (0, _drop("statnaam"), "Feature 1 (WK003401), statnaam: ontbreekt"),
        (0, _no_geometry, "Feature 1 (WK003401), geometry: de geometrie ontbreekt"),
        (0, _point, 'geometry: het type is "Point"; alleen Polygon en MultiPolygon'),
        (1, _latitude(152.3), "breedtegraad 152.3 ligt niet tussen -90 en 90"),
        (1, _set("jrstatcode", "2024WK003403"), "jrstatcode: '2024WK003403' is niet"),
        (2, _same_code_as_the_first, "wijk WK003401 staat ook al in feature 1"),
    ],
)
def test_a_malformed_feature_changes_nothing_and_names_its_position(
    tmp_path, collection, index, corrupt, message
):
    almere = MunicipalityFactory(cbs_code="GM0034", name="Almere", slug="almere")
    NeighbourhoodFactory(municipality=almere, cbs_code="WK003402", name="Oude naam")
    corrupt(collection["features"][index])

    with pytest.raises(CommandError) as failure:
        import_wijken(write(tmp_path, collection))

    assert message in str(failure.value)
    assert "niet geïmporteerd; er is niets gewijzigd" in str(failure.value)
    assert Neighbourhood.objects.count() == 1
    assert Neighbourhood.objects.get().name == "Oude naam"
    assert Municipality.objects.count() == 1


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (
            lambda content: content[:20_000],
            "Het bestand is geen geldige JSON: fout op regel 1, kolom ",
        ),
        (lambda content: b'{"type": "Feature"}', "geen GeoJSON-FeatureCollection."),
        (
            lambda content: b'{"type": "FeatureCollection", "features": []}',
            "De FeatureCollection bevat geen features.",
        ),
        (
            lambda content: content.replace(b"De Werven", "Dé Werven".encode("cp1252")),
            "Het bestand is geen UTF-8-tekst",
        ),
    ],
    ids=["truncated", "not-a-collection", "empty", "cp1252"],
)
def test_a_malformed_file_changes_nothing(tmp_path, collection, corrupt, message):
    NeighbourhoodFactory(cbs_code="WK003402", name="Oude naam")
    path = tmp_path / "wijken.geojson"
    path.write_bytes(corrupt(WIJKEN_FILE.read_bytes()))

    with pytest.raises(CommandError, match="niets gewijzigd") as failure:
        import_wijken(path)

    assert message in str(failure.value)
    assert Neighbourhood.objects.count() == 1
    assert Neighbourhood.objects.get().name == "Oude naam"


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="Kan .*ontbreekt.geojson niet lezen"):
        import_wijken(tmp_path / "ontbreekt.geojson")


def test_every_problem_of_the_file_is_reported_at_once(collection):
    broken = copy.deepcopy(collection)
    broken["features"][0]["properties"].pop("statcode")
    broken["features"][0]["geometry"] = None
    broken["features"][103]["properties"]["gm_naam"] = " "

    with pytest.raises(WijkImportError) as failure:
        parse_wijken(json.dumps(broken).encode())

    assert [str(problem) for problem in failure.value.problems] == [
        "Feature 1, statcode: ontbreekt",
        "Feature 1, geometry: de geometrie ontbreekt",
        "Feature 104 (WK030734), gm_naam: ontbreekt",
    ]


def test_heights_are_accepted_and_not_a_number_is_not(collection):
    ring = collection["features"][0]["geometry"]["coordinates"][0]
    ring[:] = [[lon, lat, 0] for lon, lat in ring]
    assert parse_wijken(json.dumps(collection).encode())[0].boundary["coordinates"]

    ring[1][0] = float("nan")
    with pytest.raises(WijkImportError, match="punt 2 van de buitenrand moet"):
        parse_wijken(json.dumps(collection).encode())
