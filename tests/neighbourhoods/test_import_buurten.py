"""`manage.py import_buurten`: CBS buurten in their wijk, all or nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from neighbourhoods.models import Buurt
from testdata.neighbourhoods import (
    BuurtFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
)

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.2, 52.3], [5.21, 52.3], [5.21, 52.31], [5.2, 52.3]]],
}


def buurt(code: str, name: str, wijk: str, gemeente: str = "GM0034") -> dict:
    return {
        "type": "Feature",
        "properties": {
            "buurtcode": code,
            "buurtnaam": name,
            "wijkcode": wijk,
            "gemeentecode": gemeente,
        },
        "geometry": SQUARE,
    }


def write(tmp_path: Path, *features: dict) -> Path:
    path = tmp_path / "buurten.geojson"
    document = {"type": "FeatureCollection", "features": list(features)}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_buurten", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def haven():
    almere = MunicipalityFactory(cbs_code="GM0034", name="Almere", slug="almere")
    return NeighbourhoodFactory(municipality=almere, cbs_code="WK003401")


def test_buurten_land_in_their_wijk_and_a_second_run_changes_nothing(
    tmp_path, haven, django_assert_max_num_queries
):
    path = write(
        tmp_path,
        buurt("BU00340101", "Haven-Centrum", "WK003401"),
        buurt("BU00340102", "Sluis", "WK003401"),
    )

    with django_assert_max_num_queries(8):
        output = run(path)

    assert "2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in output
    assert sorted(haven.buurten.values_list("cbs_code", "name")) == [
        ("BU00340101", "Haven-Centrum"),
        ("BU00340102", "Sluis"),
    ]
    assert "0 nieuw, 0 bijgewerkt, 2 ongewijzigd." in run(path)


def test_a_renamed_buurt_keeps_its_row(tmp_path, haven):
    existing = BuurtFactory(neighbourhood=haven, cbs_code="BU00340101", name="Oud")

    output = run(write(tmp_path, buurt("BU00340101", "Nieuw", "WK003401")))

    assert "0 nieuw, 1 bijgewerkt" in output
    existing.refresh_from_db()
    assert existing.name == "Nieuw"


def test_the_gebiedsindelingen_spelling_is_read_too(tmp_path, haven):
    feature = {
        "type": "Feature",
        "properties": {
            "statcode": "BU00340101",
            "statnaam": "Haven-Centrum",
            "wk_code": "WK003401",
            "gm_code": "GM0034",
        },
        "geometry": SQUARE,
    }

    run(write(tmp_path, feature))

    assert Buurt.objects.get().name == "Haven-Centrum"


def test_a_bad_file_changes_nothing_and_names_every_problem(tmp_path, haven):
    path = write(
        tmp_path,
        buurt("BU00340101", "Goed", "WK003401"),
        buurt("BU0034011", "Te kort", "WK003401"),
        buurt("BU00340201", "Verkeerde wijk", "WK003401"),
        buurt("BU00349901", "Onbekende wijk", "WK003499"),
    )

    with pytest.raises(CommandError) as refused:
        run(path)

    message = str(refused.value)
    assert "buurten.geojson is niet geïmporteerd; er is niets gewijzigd." in message
    assert "Feature 2, buurtcode: 'BU0034011' is geen buurtcode" in message
    assert (
        "Feature 3 (BU00340201), wijkcode: buurt BU00340201 hoort niet bij" in message
    )
    assert not Buurt.objects.exists()

    with pytest.raises(CommandError) as unknown:
        run(write(tmp_path, buurt("BU00349901", "Onbekende wijk", "WK003499")))
    assert "wijk WK003499 bestaat niet; importeer eerst de wijken" in str(unknown.value)
    assert not Buurt.objects.exists()


def test_a_dry_run_saves_nothing(tmp_path, haven):
    output = run(write(tmp_path, buurt("BU00340101", "Sluis", "WK003401")), "--dry-run")

    assert "nieuw: BU00340101" in output and "Proefdraai" in output
    assert not Buurt.objects.exists()


def test_a_buurt_keeps_its_boundary_and_a_new_one_replaces_it(tmp_path, haven):
    run(write(tmp_path, buurt("BU00340101", "Sluis", "WK003401")))
    assert Buurt.objects.get().boundary == SQUARE

    moved = {
        **SQUARE,
        "coordinates": [[[5.3, 52.3], [5.31, 52.3], [5.31, 52.31], [5.3, 52.3]]],
    }
    feature = buurt("BU00340101", "Sluis", "WK003401")
    output = run(write(tmp_path, {**feature, "geometry": moved}))

    assert "0 nieuw, 1 bijgewerkt" in output
    assert Buurt.objects.get().boundary == moved


def test_a_feature_without_geometry_leaves_the_boundary_as_it_was(tmp_path, haven):
    run(write(tmp_path, buurt("BU00340101", "Sluis", "WK003401")))

    output = run(
        write(tmp_path, {**buurt("BU00340101", "Sluis", "WK003401"), "geometry": None})
    )

    assert "1 ongewijzigd" in output
    assert Buurt.objects.get().boundary == SQUARE
