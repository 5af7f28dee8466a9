"""An official books a room, meets the conflict, books another slot; the public
facility page shows the occupancy change."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from playwright.sync_api import Page, expect

from neighbourhoods.models import Booking, BookingKind
from neighbourhoods.opening_hours import AMSTERDAM
from testdata.neighbourhoods import (
    BookingFactory,
    FacilityFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    RoomFactory,
)
from testdata.otp import totp_code
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kroon():
    """Open every day 9–21: 336 hours in the four weeks the public page shows."""
    facility = FacilityFactory(
        name="Wijkcentrum De Kroon", closed_on_public_holidays=False
    )
    for weekday in range(7):
        OpeningHoursFactory(
            facility=facility, weekday=weekday, opens=time(9), closes=time(21)
        )
    room = RoomFactory(facility=facility, name="Grote zaal")
    organisation = OrganisationFactory(name="Welzijn Eemland")
    today = timezone.localdate()
    day = today - timedelta(days=today.weekday()) + timedelta(days=7)
    BookingFactory(
        room=room,
        organisation=organisation,
        purpose="Koffieochtend",
        period=DateTimeTZRange(
            datetime.combine(day, time(10), AMSTERDAM),
            datetime.combine(day, time(12), AMSTERDAM),
            "[)",
        ),
    )
    return facility, room, organisation, day


def occupancy_figure(page: Page) -> str:
    return page.locator(".portal-occupancy__number").first.inner_text()


def test_official_books_meets_the_conflict_and_the_public_page_changes(
    page: Page, live_server, official, kroon
):
    facility, room, organisation, day = kroon
    base = live_server.url

    page.goto(base + facility.get_absolute_url())
    expect(page.get_by_role("heading", name="Bezetting van de ruimtes")).to_be_visible()
    before = occupancy_figure(page)
    assert re.fullmatch(r"0[,.]6 %", before)  # 2 of 336 hours
    assert_accessible(page)

    page.goto(f"{base}/admin/login/?next=/admin/neighbourhoods/booking/")
    page.fill("#id_username", official.username)
    page.fill("#id_password", official.raw_password)
    page.keyboard.press("Enter")
    page.get_by_label("Code").fill(totp_code(official))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/neighbourhoods/booking/$"))

    page.goto(
        f"{base}/admin/neighbourhoods/booking/add/"
        f"?room={room.pk}&organisation={organisation.pk}"
    )
    page.locator("#id_kind").select_option(BookingKind.SUBSIDISED)
    page.fill("#id_purpose", "Taalcafé")
    page.fill("#id_period_0", f"{day:%Y-%m-%d} 11:00")
    page.fill("#id_period_1", f"{day:%Y-%m-%d} 13:00")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(
        page.get_by_text(re.compile("Koffieochtend.*Welzijn Eemland"))
    ).to_be_visible()
    expect(page.locator("#id_purpose")).to_have_value("Taalcafé")

    page.fill("#id_period_0", f"{day:%Y-%m-%d} 12:00")
    page.fill("#id_period_1", f"{day:%Y-%m-%d} 14:00")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/neighbourhoods/booking/$"))
    assert Booking.objects.filter(room=room).count() == 2

    page.goto(base + facility.get_absolute_url())
    after = occupancy_figure(page)
    assert re.fullmatch(r"1[,.]2 %", after)  # 4 of 336 hours
    expect(page.get_by_text("Taalcafé")).to_have_count(0)  # no purposes in public
    assert_accessible(page)


def test_the_neighbourhood_page_shows_occupancy_agenda_and_team(
    page: Page, page_without_javascript: Page, live_server, kroon
):
    from testdata.neighbourhoods import (
        ActivityFactory,
        NeighbourhoodTeamFactory,
        SocialAgendaItemFactory,
        TargetGroupFactory,
        TeamMemberFactory,
        ThemeFactory,
    )

    facility, _room, organisation, _day = kroon
    neighbourhood = facility.neighbourhood
    seniors = TargetGroupFactory(name="Senioren")
    meeting = ThemeFactory(name="Buurtontmoeting")
    care = ThemeFactory(name="Mantelzorg")
    item = SocialAgendaItemFactory(neighbourhood=neighbourhood, title="Eenzame ouderen")
    item.target_groups.set([seniors])
    item.themes.set([meeting, care])
    activity = ActivityFactory(facility=facility, title="Koffieochtend")
    activity.target_groups.set([seniors])
    activity.themes.set([meeting])
    team = NeighbourhoodTeamFactory(
        municipality=neighbourhood.municipality, name="Team Kroon", planned_fte=3
    )
    team.neighbourhoods.set([neighbourhood])
    TeamMemberFactory(team=team, organisation=organisation, role="Opbouwwerker", fte=1)

    for visitor in (page, page_without_javascript):
        visitor.goto(live_server.url + neighbourhood.get_absolute_url())
        expect(visitor.get_by_role("heading", name="Sociale agenda")).to_be_visible()
        expect(
            visitor.get_by_role("heading", name="Formatie van het wijkteam")
        ).to_be_visible()
        expect(
            visitor.get_by_role("heading", name="Bezetting van de ruimtes")
        ).to_be_visible()
    # The white spot links to the agenda item behind it.
    page.get_by_role("link", name="Eenzame ouderen").click()
    expect(page).to_have_url(re.compile(rf"#agendapunt-{item.pk}$"))
    assert_accessible(page)
