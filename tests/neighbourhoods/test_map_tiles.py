"""Map tiles: the government's base map in production, with its attribution and the
CSP following the setting; no tiles, no map, in development and tests. No test
fetches a tile."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from testdata.neighbourhoods import FacilityFactory

PDOK = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857"
    "/{z}/{x}/{y}.png"
)
PRINT_MAP_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.MAP_TILE_URL, s.MAP_TILE_ATTRIBUTION, "
    "[str(v) for v in s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]]))"
)


def map_settings(module: str, **extra_env: str) -> tuple[str, str, list[str]]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("MAP_")
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT_MAP_SETTINGS],
        cwd=settings.BASE_DIR,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": f"welzijn.settings.{module}",
            "SECRET_KEY": "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2,
            "ALLOWED_HOSTS": "welzijn.example.nl",
            "EMAIL_URL": "smtp://127.0.0.1:25",
            **extra_env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return tuple(json.loads(result.stdout.strip().splitlines()[-1]))


def test_production_draws_maps_on_the_pdok_base_map_with_its_attribution():
    url, attribution, img_src = map_settings("production")

    assert url == PDOK
    assert "Kadaster" in attribution and "PDOK" in attribution
    assert img_src == ["'self'", "data:", "https://service.pdok.nl"]


def test_production_can_name_another_tile_server_or_none():
    url, attribution, img_src = map_settings(
        "production",
        MAP_TILE_URL="https://tiles.example.nl/{z}/{x}/{y}.png",
        MAP_TILE_ATTRIBUTION="© Voorbeeld",
    )
    assert (url, attribution) == (
        "https://tiles.example.nl/{z}/{x}/{y}.png",
        "© Voorbeeld",
    )
    assert img_src == ["'self'", "data:", "https://tiles.example.nl"]

    url, attribution, img_src = map_settings("production", MAP_TILE_URL="")
    assert (url, attribution) == ("", "")
    assert img_src == ["'self'", "data:"]


def test_outside_production_there_are_no_tiles_unless_configured():
    assert map_settings("test") == ("", "", ["'self'", "data:"])


@pytest.mark.django_db
def test_a_page_with_a_map_passes_the_tiles_and_attribution_to_the_map(
    client, settings
):
    settings.MAP_TILE_URL = PDOK
    settings.MAP_TILE_ATTRIBUTION = "PDOK · © Kadaster"
    FacilityFactory(name="Buurthuis De Kroon")

    html = client.get("/plekken/").content.decode()

    assert f'data-tile-url="{PDOK}"' in html
    assert 'data-tile-attribution="PDOK · © Kadaster"' in html
    assert "Er is geen achtergrondkaart beschikbaar" in html
