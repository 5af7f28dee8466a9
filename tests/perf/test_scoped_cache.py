"""A page of one municipality stays cached while other municipalities change.

342 municipalities share the portal: a save in one of them must not empty the cache
of the pages of all the others, and must still show at once on its own.
"""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import public_pages as page_cache
from testdata.advisories import AdviceFactory, AdvisoryCouncilFactory
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    RoomFactory,
    TargetGroupFactory,
)
from testdata.policy import GrantFactory, SubsidySchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_places():
    """A place with a room in a wijk of Eemmeer, and one in a wijk of Zandvoorde."""
    here, there = [
        FacilityFactory(
            name=name,
            municipality=wijk.municipality,
            neighbourhood=wijk,
        )
        for name, wijk in (
            ("Buurthuis De Schakel", NeighbourhoodFactory(name="Centrum")),
            ("Buurtkamer Het Wiel", NeighbourhoodFactory(name="Strand")),
        )
    ]
    RoomFactory(facility=here, name="Grote zaal")
    return here, there


def pages_of(place) -> list[str]:
    municipality = place.municipality.slug
    return [
        place.get_absolute_url(),
        place.neighbourhood.get_absolute_url(),
        f"/open-data/plekken.csv?gemeente={municipality}",
        f"/plekken/?gemeente={municipality}",
        f"/plekken/?wijk={place.neighbourhood.slug}",
        f"/plekken/kaart.geojson?gemeente={municipality}",
    ]


def served_from_the_cache(client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries) == 0


def test_a_change_in_another_municipality_keeps_the_pages_cached(client, two_places):
    here, there = two_places
    # An organisation shows on the pages of every municipality where it is active: a
    # change of one makes every page out of date, so it is there before.
    organiser = OrganisationFactory()
    for url in pages_of(here):
        client.get(url)

    there.name = "Buurtkamer De Wielewaal"
    there.save()
    OpeningHoursFactory(facility=there)
    ActivityFactory(facility=there, organisation=organiser, title="Koffieochtend")

    for url in pages_of(here):
        assert served_from_the_cache(client, url), url
    # A page that shows every municipality is rendered again.
    assert "De Wielewaal" in client.get("/plekken/").content.decode()


def test_a_change_of_its_own_municipality_shows_at_once(client, two_places):
    here, _there = two_places
    for url in pages_of(here):
        client.get(url)

    here.name = "Buurthuis De Brug"
    here.save()

    for url in pages_of(here):
        assert "Buurthuis De Brug" in client.get(url).content.decode(), url


def test_a_changed_activity_shows_at_once_on_its_place_and_wijk(client, two_places):
    here, _there = two_places
    activity = ActivityFactory(facility=here, title="Koffieochtend")
    client.get(here.get_absolute_url())
    client.get(here.neighbourhood.get_absolute_url())

    activity.title = "Soepmiddag"
    activity.save()

    assert "Soepmiddag" in client.get(here.get_absolute_url()).content.decode()
    wijk = client.get(here.neighbourhood.get_absolute_url()).content.decode()
    assert "Soepmiddag" in wijk


def test_a_deleted_room_disappears_at_once(client, two_places):
    here, _there = two_places
    assert "Grote zaal" in client.get(here.get_absolute_url()).content.decode()

    here.rooms.get().delete()

    assert "Grote zaal" not in client.get(here.get_absolute_url()).content.decode()


def test_a_place_that_moves_leaves_the_page_of_its_old_wijk(client, two_places):
    here, there = two_places
    old_wijk = here.neighbourhood.get_absolute_url()
    assert "Buurthuis De Schakel" in client.get(old_wijk).content.decode()

    here.neighbourhood = there.neighbourhood
    here.municipality = there.municipality
    here.save()

    assert "Buurthuis De Schakel" not in client.get(old_wijk).content.decode()


def test_a_renamed_municipality_shows_on_the_lists_of_the_others(client, two_places):
    # Every municipality is an option of the select on /plekken/?gemeente=.
    here, there = two_places
    url = f"/plekken/?gemeente={here.municipality.slug}"
    client.get(url)

    there.municipality.name = "Zandvoorde aan Zee"
    there.municipality.save()

    assert "Zandvoorde aan Zee" in client.get(url).content.decode()


def test_a_renamed_wijk_shows_on_the_list_of_a_place_in_it(client, two_places):
    # A place of one municipality in a wijk of another: the list names the wijk.
    here, there = two_places
    FacilityFactory(
        name="Trefpunt De Grens",
        municipality=here.municipality,
        neighbourhood=there.neighbourhood,
    )
    url = f"/plekken/?gemeente={here.municipality.slug}"
    assert "Strand" in client.get(url).content.decode()

    there.neighbourhood.name = "Boulevard"
    there.neighbourhood.save()

    assert "Boulevard" in client.get(url).content.decode()


def test_a_shared_row_makes_every_page_out_of_date(client, two_places):
    here, _there = two_places
    group = TargetGroupFactory(name="Ouderen")
    here.target_groups.add(group)
    client.get(here.get_absolute_url())

    group.name = "Senioren"
    group.save()

    assert "Senioren" in client.get(here.get_absolute_url()).content.decode()


def test_policy_and_advice_leave_the_pages_of_a_municipality_cached(client, two_places):
    here, _there = two_places
    recipient = OrganisationFactory(municipality=here.municipality)
    # Their council and scheme first: a new municipality is in every select.
    council = AdvisoryCouncilFactory(municipality=here.municipality)
    scheme = SubsidySchemeFactory(municipality=here.municipality)
    for url in pages_of(here):
        client.get(url)

    GrantFactory(organisation=recipient, scheme=scheme)
    AdviceFactory(council=council, sent=True, title="Advies over buurthuizen")

    for url in pages_of(here):
        assert served_from_the_cache(client, url), url
    assert "Advies over buurthuizen" in client.get("/adviezen/").content.decode()


def test_a_page_is_not_stored_when_the_data_changed_while_it_rendered():
    municipality = MunicipalityFactory()
    current = page_cache.version()

    assert page_cache.stamp(current, {municipality.pk}) is not None
    page_cache.bump(set())  # a change elsewhere, after the page read its data

    assert page_cache.stamp(current, {municipality.pk}) is None
    assert page_cache.stamp(current, None) == ((page_cache.VERSION_KEY, current),)


LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
# Where the pages of one municipality come from: the neighbourhoods app's templates
# (its home page, which shows every municipality and the latest advice, aside) and
# the shared components.
ONE_MUNICIPALITY_TEMPLATES = ("neighbourhoods", "components")


def test_pages_of_one_municipality_load_no_tags_of_policy_or_advisories():
    # They are kept while policy and advisories change (core.public_pages): a tag
    # that showed a grant or an advice on them would go stale.
    templates = settings.BASE_DIR / "templates"
    libraries = {
        library
        for folder in ONE_MUNICIPALITY_TEMPLATES
        for path in (templates / folder).rglob("*.html")
        if path.name != "home.html"
        for match in LOAD.finditer(path.read_text())
        for library in match.group(1).split()
    }

    assert libraries
    assert not libraries & {"advisories", "subsidy_tags"}


def test_a_change_bumps_the_versions_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    place = FacilityFactory()
    municipality_key = page_cache.MUNICIPALITY_KEY.format(place.municipality_id)
    with django_capture_on_commit_callbacks() as at_commit:
        place.name = "Buurthuis De Brug"
        place.save()
    saved = page_cache.versions([page_cache.VERSION_KEY, municipality_key])

    # A request between the save and the commit read the data as it was.
    for callback in at_commit:
        callback()

    committed = page_cache.versions([page_cache.VERSION_KEY, municipality_key])
    assert all(committed[key] > saved[key] for key in saved)


def test_a_delete_reads_where_the_row_was_once(two_places):
    here, _there = two_places
    room = here.rooms.get()

    with CaptureQueriesContext(connection) as queries:
        room.delete()

    # Where the room was, read before the delete; nothing after it: a delete cascades
    # over many rows, and the row is gone.
    where = 'SELECT "neighbourhoods_facility"."municipality_id"'
    assert [q["sql"].startswith(where) for q in queries].count(True) == 1


def test_apps_register_what_invalidates_the_public_pages():
    """Each app registers itself from its AppConfig.ready(); core names no app."""
    import importlib

    versions = importlib.import_module("core.public_pages.versions")
    assert versions._apps == {"neighbourhoods", "policy", "advisories"}
    assert versions._municipality_apps == {"neighbourhoods"}
    source = (settings.BASE_DIR / "core" / "public_pages" / "versions.py").read_text()
    assert '"policy"' not in source and '"advisories"' not in source
