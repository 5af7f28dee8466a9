"""Every public page of the social map is valid HTML, by the Nu HTML Checker (vnu.jar).

The checker comes from npm (vnu-jar) and runs with the machine's Java; the test is
skipped where either is missing.
"""

import json
import shutil
import subprocess
from datetime import time
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings

from neighbourhoods.models import Weekday
from testdata.neighbourhoods import (
    ActivityFactory,
    ActivityScheduleFactory,
    FacilityFactory,
    NeighbourhoodFactory,
    NeighbourhoodTeamFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    RoomFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

VNU = (
    Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
JAVA = shutil.which("java")
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.3, 52.1], [5.4, 52.1], [5.4, 52.2], [5.3, 52.2], [5.3, 52.1]]],
}


@pytest.mark.skipif(not (JAVA and VNU.exists()), reason="needs Java and npm's vnu-jar")
def test_every_public_page_is_valid_html(client, tmp_path):
    wijk = NeighbourhoodFactory(name="Vathorst", slug="vathorst", boundary=SQUARE)
    organisation = OrganisationFactory(slug="de-schoor", municipality=wijk.municipality)
    organisation.neighbourhoods.add(wijk)
    place = FacilityFactory(
        slug="de-bron",
        municipality=wijk.municipality,
        neighbourhood=wijk,
        operator=organisation,
        is_heart=True,
        accessibility_notes="Drempelvrij, invalidentoilet.",
    )
    place.target_groups.add(TargetGroupFactory(slug="senioren"))
    OpeningHoursFactory(
        facility=place, weekday=Weekday.MONDAY, opens=time(9), closes=time(17)
    )
    RoomFactory(facility=place)
    activity = ActivityFactory(organisation=organisation, facility=place)
    ActivityScheduleFactory(activity=activity)
    team = NeighbourhoodTeamFactory(municipality=wijk.municipality, phone="033 1234")
    team.neighbourhoods.add(wijk)
    pages = [
        "/",
        "/wijken/",
        wijk.get_absolute_url(),
        "/plekken/",
        "/plekken/?doelgroep=senioren&nu_open=1&wijk=bestaat-niet",
        place.get_absolute_url(),
        "/activiteiten/",
        activity.get_absolute_url(),
        "/organisaties/",
        organisation.get_absolute_url(),
        "/zoeken/?q=wijkcentrum",
        "/open-data/",
        "/toegankelijkheid/",
        "/bestaat-niet/",
    ]
    files = []
    for number, url in enumerate(pages):
        response = client.get(url)
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files.append(str(path))

    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{pages[files.index(m['url'].removeprefix('file:'))]}: line "
        f"{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert not errors, "\n".join(errors)
