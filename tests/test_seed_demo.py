"""`manage.py seed --demo` fills what the demo showed empty: the budget page, teams,
agendas and a month of bookings, and the organisations active in a wijk."""

from http import HTTPStatus
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from neighbourhoods.models import (
    Booking,
    Facility,
    Neighbourhood,
    NeighbourhoodTeam,
    SocialAgendaItem,
)
from neighbourhoods.seed import DEMO_NOTE, DEMO_PREFIX, DEMO_ROOM_SUFFIX
from policy.models import BudgetLine, Cut, FrameworkStatus
from policy.seed_demo import DEMO_LABEL
from tests.test_seed import row_counts, wijken  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def seed_demo() -> str:
    out = StringIO()
    call_command("seed", "--demo", stdout=out)
    # Public pages are cached until the data changes; seed writes in bulk.
    cache.clear()
    return out.getvalue()


def test_seeding_the_demo_twice_gives_the_same_teams_agenda_bookings_and_budget(
    wijken,  # noqa: F811
):
    seed_demo()
    first = row_counts()
    bookings = sorted(Booking.objects.values_list("pk", flat=True))
    seed_demo()

    assert row_counts() == first
    assert sorted(Booking.objects.values_list("pk", flat=True)) == bookings
    assert first["neighbourhoods.NeighbourhoodTeam"] >= 3
    assert first["neighbourhoods.SocialAgendaItem"] >= 6
    assert first["policy.BudgetLine"] > 0 and first["policy.Cut"] > 0
    assert len(bookings) > 50


def test_the_demo_is_marked_as_demo(wijken):  # noqa: F811
    seed_demo()

    assert all(
        line.description.startswith(DEMO_LABEL) for line in BudgetLine.objects.all()
    )
    assert all(cut.description.startswith(DEMO_LABEL) for cut in Cut.objects.all())
    assert all(
        item.description.startswith(DEMO_NOTE)
        for item in SocialAgendaItem.objects.all()
    )
    assert all("(voorbeeld)" in t.name for t in NeighbourhoodTeam.objects.all())
    assert all(
        b.room.name.endswith(DEMO_ROOM_SUFFIX) and "(voorbeeld)" in b.purpose
        for b in Booking.objects.select_related("room")
    )
    # A budget belongs to adopted policy only.
    assert set(
        BudgetLine.objects.values_list("framework__status", flat=True).distinct()
    ) == {FrameworkStatus.ADOPTED}


def test_the_budget_page_shows_the_demo_budget(client, wijken):  # noqa: F811
    seed_demo()

    response = client.get(reverse("policy:budget-dashboard"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Er zijn nog geen begrotingen of subsidies." not in html
    assert response.context["has_budget"]
    assert response.context["dashboard"].years


def test_a_demo_wijk_shows_its_team_agenda_and_the_organisation_running_its_place(
    client,
    wijken,  # noqa: F811
):
    seed_demo()
    place = Facility.objects.filter(slug__startswith=DEMO_PREFIX).first()
    wijk: Neighbourhood = place.neighbourhood

    html = client.get(wijk.get_absolute_url()).content.decode()

    assert "Voor deze wijk is nog geen wijkteam bekend." not in html
    assert f"Sociaal wijkteam {wijk.name} (voorbeeld)" in html
    assert "Voor deze wijk staan nog geen open punten" not in html
    assert "Eenzaamheid onder ouderen" in html
    assert "nog geen organisaties bekend" not in html
    assert escape(place.operator.name) in html


def test_a_demo_place_shows_its_rooms_in_use(client, wijken):  # noqa: F811
    seed_demo()
    place = Facility.objects.filter(slug__startswith=DEMO_PREFIX).first()

    html = client.get(place.get_absolute_url()).content.decode()

    assert "Bezetting van de ruimtes" in html
    assert "0,0 % (doel: 85 %)" not in html
