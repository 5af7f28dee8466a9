"""The public pages: home, neighbourhoods, accessibility statement, language switch."""

import re
from datetime import time, timedelta
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertNotContains

from neighbourhoods.models import (
    Activity,
    ActivitySchedule,
    District,
    Facility,
    FacilityKind,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    Organisation,
    OrganisationKind,
    Weekday,
)

pytestmark = pytest.mark.django_db

# Upper bounds; the tests also check the count does not grow with the rows. The home
# page also shows the latest advice (one query, from the advisories app); the
# neighbourhood page its rooms' occupancy, social agenda and team (four more).
HOME_MAX_QUERIES = 3
DETAIL_MAX_QUERIES = 10


def make_municipality(name: str, code: str) -> Municipality:
    return Municipality.objects.create(cbs_code=code, name=name, slug=name.lower())


def make_neighbourhood(
    municipality: Municipality, name: str, code: str, district: District | None = None
) -> Neighbourhood:
    return Neighbourhood.objects.create(
        municipality=municipality,
        district=district,
        cbs_code=code,
        name=name,
        slug=name.lower().replace(" ", "-"),
    )


def make_facility(neighbourhood: Neighbourhood, name: str, **fields) -> Facility:
    fields.setdefault("kind", FacilityKind.NEIGHBOURHOOD_HOUSE)
    return Facility.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        municipality=neighbourhood.municipality,
        neighbourhood=neighbourhood,
        **fields,
    )


@pytest.fixture
def almere() -> Municipality:
    return make_municipality("Almere", "GM0034")


@pytest.fixture
def vathorst() -> Neighbourhood:
    amersfoort = make_municipality("Amersfoort", "GM0307")
    return make_neighbourhood(amersfoort, "Vathorst", "WK030729")


def build_social_map(neighbourhood: Neighbourhood, size: int) -> None:
    """`size` places, organisations, activities (with a time each) and teams."""
    prefix = neighbourhood.slug
    for n in range(size):
        organisation = Organisation.objects.create(
            name=f"Organisatie {n}",
            slug=f"{prefix}-organisatie-{n}",
            kind=OrganisationKind.OTHER,
        )
        organisation.neighbourhoods.add(neighbourhood)
        facility = make_facility(
            neighbourhood,
            f"Plek {prefix} {n}",
            kind=FacilityKind.values[n % len(FacilityKind.values)],
            operator=organisation,
            is_heart=n == 0,
        )
        activity = Activity.objects.create(
            title=f"Activiteit {n}", organisation=organisation, facility=facility
        )
        ActivitySchedule.objects.create(
            activity=activity,
            weekday=Weekday.MONDAY,
            starts_at=time(10),
            ends_at=time(11),
        )
        team = NeighbourhoodTeam.objects.create(
            name=f"Wijkteam {n}", municipality=neighbourhood.municipality
        )
        team.neighbourhoods.add(neighbourhood)


# HOME AND LIST
# ------------------------------------------------------------------------------


def test_home_lists_municipalities_with_their_neighbourhoods_per_district(
    client, almere
):
    haven = District.objects.create(
        municipality=almere, name="Almere Haven", slug="almere-haven"
    )
    make_neighbourhood(almere, "De Werven", "WK003402", district=haven)
    make_neighbourhood(almere, "Overig Almere", "WK003416")
    amersfoort = make_municipality("Amersfoort", "GM0307")
    vathorst = make_neighbourhood(amersfoort, "Vathorst", "WK030729")

    response = client.get(reverse("neighbourhoods:home"))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, 'id="gemeente-almere">Almere</h2>')
    assertContains(response, "Almere Haven</h3>")
    assertContains(response, "Overige wijken</h3>")
    assertContains(response, f'href="{vathorst.get_absolute_url()}">Vathorst</a>')
    assertContains(response, "2 wijken")
    assertContains(response, "1 wijk")


def test_home_without_municipalities_says_so_in_dutch(client):
    response = client.get(reverse("neighbourhoods:home"))

    assertContains(response, "Er zijn nog geen gemeenten en wijken ingevoerd.")


def test_municipality_without_neighbourhoods_says_so(client, almere):
    response = client.get(reverse("neighbourhoods:neighbourhood-list"))

    assertContains(response, "Voor deze gemeente zijn nog geen wijken bekend.")


def test_home_is_dutch_starts_with_a_skip_link_and_needs_no_script(client, vathorst):
    response = client.get(reverse("neighbourhoods:home"))
    html = response.content.decode()

    assert '<html lang="nl">' in html
    first_link = html[html.index("<body") :].split("<a ", 1)[1]
    assert first_link.startswith(
        'class="utrecht-skip-link utrecht-skip-link--visible-on-focus portal-skip-link"'
        ' href="#main">Direct naar de inhoud</a>'
    )
    assert '<main id="main"' in html
    assert "<script" not in html
    assert " style=" not in html
    assert " onclick=" not in html


def test_neighbourhood_list_marks_wijken_as_the_current_page(client, vathorst):
    response = client.get(reverse("neighbourhoods:neighbourhood-list"))

    assertContains(response, 'href="/wijken/" aria-current="page">Wijken</a>')
    assertContains(response, f'href="{vathorst.get_absolute_url()}">Vathorst</a>')


# NEIGHBOURHOOD PAGE
# ------------------------------------------------------------------------------


def test_neighbourhood_page_shows_its_places_by_kind_and_marks_the_heart(
    client, vathorst
):
    make_facility(
        vathorst,
        "Buurtkamer De Bron",
        kind=FacilityKind.NEIGHBOURHOOD_ROOM,
        is_heart=True,
    )
    make_facility(vathorst, "Speeltuin Het Ravijn", kind=FacilityKind.PLAYGROUND)

    response = client.get(vathorst.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assertContains(response, '<h1 class="utrecht-heading-1">Vathorst</h1>', html=True)
    assertContains(response, "WK030729")
    assertContains(response, "Amersfoort")
    assertContains(response, '<h3 class="utrecht-heading-3">Buurtkamer</h3>', html=True)
    assertContains(response, '<h3 class="utrecht-heading-3">Speeltuin</h3>', html=True)
    assertContains(response, "portal-card--heart", count=1)
    assertContains(response, "Kloppend hart</span>", count=1)
    heart_badge = r"Buurtkamer De Bron</strong></a>\s*<span [^>]*>Kloppend hart</span>"
    assert re.search(heart_badge, response.content.decode())
    assertContains(response, "Speeltuin Het Ravijn")


def test_neighbourhood_page_shows_organisations_activities_and_teams(client, vathorst):
    build_social_map(vathorst, 1)
    today = timezone.localdate()
    hidden = Organisation.objects.get()
    place = Facility.objects.get()
    Activity.objects.create(
        title="Niet gepubliceerd",
        organisation=hidden,
        facility=place,
        is_published=False,
    )
    Activity.objects.create(
        title="Al afgelopen",
        organisation=hidden,
        facility=place,
        starts_on=today - timedelta(days=30),
        ends_on=today - timedelta(days=1),
    )
    Activity.objects.filter(title="Activiteit 0").update(cost=Decimal("2.50"))
    NeighbourhoodTeam.objects.update(
        email="wijkteam@example.org", phone="033 123 45 67"
    )

    response = client.get(vathorst.get_absolute_url())

    assertContains(response, "Organisatie 0")
    assertContains(response, "Activiteit 0")
    assertContains(response, "Maandag 10:00–11:00")
    assertContains(response, "€ 2,50")
    assertNotContains(response, "Niet gepubliceerd")
    assertNotContains(response, "Al afgelopen")
    assertContains(response, 'href="mailto:wijkteam@example.org"')
    assertContains(response, 'href="tel:0331234567"')


def test_empty_neighbourhood_page_explains_every_section(client, vathorst):
    response = client.get(vathorst.get_absolute_url())

    assertContains(response, "Er zijn nog geen plekken in deze wijk bekend.")
    assertContains(response, "Er zijn op dit moment geen activiteiten")
    assertContains(response, "Er zijn nog geen organisaties bekend")
    assertContains(response, "Voor deze wijk is nog geen wijkteam bekend.")


def test_unknown_neighbourhood_is_not_found(client, vathorst):
    url = reverse(
        "neighbourhoods:neighbourhood-detail", kwargs={"slug": "bestaat-niet"}
    )

    response = client.get(url)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assertContains(response, "Pagina niet gevonden", status_code=HTTPStatus.NOT_FOUND)


# ACCESSIBILITY STATEMENT AND LANGUAGE
# ------------------------------------------------------------------------------


def test_accessibility_statement_names_the_standard_status_tests_and_date(client):
    response = client.get(reverse("neighbourhoods:accessibility"))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, "EN 301 549")
    assertContains(response, "WCAG) 2.1 op niveau A en AA")
    assertContains(response, "Status: voldoet gedeeltelijk")
    assertContains(response, "axe-core")
    assertContains(response, "Een probleem melden")
    assertContains(response, "8 december 2026")


def test_footer_links_the_statement_and_credits_cbs(client):
    response = client.get(reverse("neighbourhoods:home"))

    assertContains(response, f'href="{reverse("neighbourhoods:accessibility")}"')
    assertContains(response, "Bron: CBS, Wijk- en buurtkaart 2024")


def test_switching_to_english_renders_the_pages_in_english(client, vathorst):
    make_facility(
        vathorst, "De Bron", kind=FacilityKind.NEIGHBOURHOOD_ROOM, is_heart=True
    )

    with translation.override(settings.LANGUAGE_CODE):
        response = client.post(
            "/i18n/setlang/",
            {"language": "en", "next": vathorst.get_absolute_url()},
            follow=True,
        )

    assert response.redirect_chain == [(vathorst.get_absolute_url(), HTTPStatus.FOUND)]
    assertContains(response, '<html lang="en">')
    assertContains(response, "Skip to main content")
    assertContains(response, "Neighbourhood room</h3>")
    assertContains(response, "Beating heart</span>")
    assertContains(response, "Source: CBS (Statistics Netherlands)")
    assertNotContains(response, "Direct naar de inhoud")


# QUERIES
# ------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


def test_home_runs_the_same_few_queries_for_2_or_20_neighbourhoods(client, almere):
    districts = [
        District.objects.create(municipality=almere, name=name, slug=name.lower())
        for name in ("Haven", "Stad")
    ]

    def add_neighbourhoods(start: int, stop: int) -> None:
        for n in range(start, stop):
            make_neighbourhood(
                almere, f"Wijk {n}", f"WK0034{n:02d}", district=districts[n % 2]
            )

    add_neighbourhoods(0, 2)
    with_two = count_queries(client, reverse("neighbourhoods:home"))
    add_neighbourhoods(2, 20)
    with_twenty = count_queries(client, reverse("neighbourhoods:home"))

    assert with_two == with_twenty <= HOME_MAX_QUERIES


def test_neighbourhood_page_runs_the_same_queries_for_2_or_20_places(client):
    small = make_neighbourhood(
        make_municipality("Almere", "GM0034"), "Klein", "WK003401"
    )
    large = make_neighbourhood(
        make_municipality("Amersfoort", "GM0307"), "Groot", "WK030701"
    )
    build_social_map(small, 2)
    with_two = count_queries(client, small.get_absolute_url())
    build_social_map(large, 20)
    with_twenty = count_queries(client, large.get_absolute_url())

    assert with_two == with_twenty <= DETAIL_MAX_QUERIES


# THE SOCIAL MAP OF A NEIGHBOURHOOD
# ------------------------------------------------------------------------------


def test_neighbourhood_page_leads_with_its_heart_and_links_every_place(
    client, vathorst
):
    heart = make_facility(
        vathorst, "Buurtkamer De Bron", kind=FacilityKind.NEIGHBOURHOOD_ROOM
    )
    heart.is_heart = True
    heart.save()
    other = make_facility(vathorst, "Speeltuin Het Ravijn")

    response = client.get(vathorst.get_absolute_url())

    assert re.search(
        r'id="kloppend-hart">\s*Het kloppende hart van de wijk\s*</h2>',
        response.content.decode(),
    )
    assertContains(
        response, f'href="{heart.get_absolute_url()}">Buurtkamer De Bron</a>'
    )
    assertContains(response, f'href="{other.get_absolute_url()}"')
    assertContains(response, 'href="/plekken/?wijk=vathorst"')


def test_neighbourhood_map_has_its_layers_and_the_list_beside_it(client, vathorst):
    make_facility(vathorst, "De Bron")

    response = client.get(vathorst.get_absolute_url())

    assertContains(
        response,
        'data-map-layers="/wijken/vathorst/grens.geojson '
        '/plekken/kaart.geojson?wijk=vathorst"',
    )
    assertContains(response, 'href="#plekken-lijst"')
    assertContains(response, '<div id="plekken-lijst">')
    assertContains(response, 'src="/static/vendor/leaflet/leaflet.js" defer')
    assertContains(response, 'src="/static/js/map.js" defer')


def test_neighbourhood_page_shows_a_bounded_number_and_links_to_the_rest(
    client, vathorst
):
    from neighbourhoods import views

    for n in range(views.NEIGHBOURHOOD_PLACES_SHOWN + 1):
        make_facility(vathorst, f"Plek {n:03d}")

    response = client.get(vathorst.get_absolute_url())

    assert len(response.context["facilities"]) == views.NEIGHBOURHOOD_PLACES_SHOWN
    assertContains(response, "Alle plekken in deze wijk")
    assertNotContains(response, f"Plek {views.NEIGHBOURHOOD_PLACES_SHOWN:03d}<")


def test_home_has_the_site_search(client):
    response = client.get(reverse("neighbourhoods:home"))

    assertContains(response, 'action="/zoeken/" role="search"')
    assertContains(response, 'for="zoeken-home">Zoek plekken, activiteiten en')


def test_the_place_list_is_translated_into_english(client, vathorst):
    make_facility(vathorst, "De Bron")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("neighbourhoods:facility-list"))

    assertContains(response, "1 place found")
    assertContains(response, "Open now</label>")
    assertContains(response, "Show results")
    assertContains(response, "Download all places as CSV")


def test_the_views_build_no_html_and_stay_small():
    """HTML is written in templates; the views are a package by topic."""
    from pathlib import Path

    from django.conf import settings

    modules = list((Path(settings.BASE_DIR) / "neighbourhoods" / "views").glob("*.py"))
    assert len(modules) > 1
    for path in modules:
        source = path.read_text()
        assert "mark_safe(" not in source and "<li" not in source, path
        assert source.count("\n") <= 450, path


def test_open_data_is_a_package_of_small_modules():
    from pathlib import Path

    from django.conf import settings

    package = Path(settings.BASE_DIR) / "neighbourhoods" / "open_data"
    modules = list(package.glob("*.py"))
    assert len(modules) > 1
    for path in modules:
        assert path.read_text().count("\n") <= 450, path
