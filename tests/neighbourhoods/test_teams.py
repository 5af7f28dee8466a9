"""Neighbourhood teams: planned against staffed fte, per team and per neighbourhood."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template

from neighbourhoods import staffing
from testdata.neighbourhoods import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    NeighbourhoodTeamFactory,
    OrganisationFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db

ON = date(2030, 6, 1)


@pytest.fixture
def almere():
    """Four neighbourhoods; a full team in one, a half-staffed team in two more."""
    municipality = MunicipalityFactory(name="Almere")
    wijken = NeighbourhoodFactory.create_batch(4, municipality=municipality)
    full = NeighbourhoodTeamFactory(
        municipality=municipality, name="Team Haven", planned_fte=Decimal("2.00")
    )
    full.neighbourhoods.set([wijken[0]])
    half = NeighbourhoodTeamFactory(
        municipality=municipality, name="Team Buiten", planned_fte=Decimal("4.00")
    )
    half.neighbourhoods.set([wijken[1], wijken[2]])
    welzijn = OrganisationFactory(name="De Schoor", municipality=municipality)
    TeamMemberFactory(team=full, organisation=welzijn, role="Opbouwwerker", fte=1)
    TeamMemberFactory(
        team=full, organisation=welzijn, role="Wijkverpleegkundige", fte=1
    )
    TeamMemberFactory(team=half, organisation=welzijn, role="Jongerenwerker", fte=2)
    # Gone before ON, and not yet started: neither counts.
    TeamMemberFactory(
        team=half, fte=2, starts_on=date(2029, 1, 1), ends_on=date(2030, 5, 31)
    )
    TeamMemberFactory(team=half, fte=2, starts_on=date(2030, 6, 2))
    return municipality, wijken


def test_planned_against_staffed_per_team(almere, django_assert_num_queries):
    _municipality, wijken = almere

    with django_assert_num_queries(1):
        [full] = staffing.neighbourhood_teams(neighbourhood=wijken[0], on=ON)
    [half] = staffing.neighbourhood_teams(neighbourhood=wijken[1], on=ON)

    assert (full.planned_fte, full.staffed_fte, full.is_staffed) == (2, 2, True)
    assert (half.planned_fte, half.staffed_fte, half.is_staffed) == (4, 2, False)
    assert half.gap_fte == Decimal("2.00")
    assert half.staffed_percent == 50
    assert [m.role for m in full.members] == ["Opbouwwerker", "Wijkverpleegkundige"]
    assert {m.fte for m in full.members} == {Decimal("1.00")}
    assert [m.role for m in half.members] == ["Jongerenwerker"]  # current only
    assert staffing.neighbourhood_teams(neighbourhood=wijken[3], on=ON) == []


def test_share_of_neighbourhoods_with_a_staffed_team(almere, django_assert_num_queries):
    municipality, _wijken = almere

    with django_assert_num_queries(1):
        counts = staffing.staffed_team_counts(municipality_id=municipality.pk, on=ON)

    assert counts == (1, 4)


def test_the_public_table_shows_organisations_and_roles_not_people(almere):
    _municipality, wijken = almere

    html = Template(
        "{% load neighbourhood_figures %}{% neighbourhood_team neighbourhood %}"
    ).render(Context({"neighbourhood": wijken[1]}))

    assert "Team Buiten" in html
    assert "De Schoor" in html and "Jongerenwerker" in html
    assert "2,00 fte niet bezet" in html or "2.00 fte niet bezet" in html


def test_a_planned_team_without_members_is_shown_as_unstaffed(almere):
    _municipality, wijken = almere
    empty = NeighbourhoodTeamFactory(name="Team Leeg", planned_fte=Decimal("3.00"))
    empty.neighbourhoods.set([wijken[3]])

    [figure] = staffing.neighbourhood_teams(neighbourhood=wijken[3], on=ON)

    assert (figure.staffed_fte, figure.members, figure.is_staffed) == (0, [], False)


def test_the_staffed_neighbourhoods_indicator_measures_the_share(almere):
    # policy sits above neighbourhoods; the test may use both.
    from policy.models import (
        Goal,
        GoalHorizon,
        Indicator,
        IndicatorUnit,
        PolicyFramework,
    )
    from policy.services import indicator_measure

    municipality, _wijken = almere
    framework = PolicyFramework.objects.create(
        municipality=municipality, title="Sociaal domein", slug="sd", period_start=2021
    )
    goal = Goal.objects.create(
        framework=framework,
        number=1,
        title="Wijkteams",
        text="Een sociaal wijkteam in elke wijk.",
        horizon=GoalHorizon.LONG,
    )
    indicator = Indicator.objects.create(
        goal=goal,
        name="Wijken met een wijkteam op volle sterkte",
        unit=IndicatorUnit.PERCENT,
        target_value=Decimal("100"),
        computation="neighbourhoods_with_staffed_team",
    )

    measurement = indicator_measure(indicator=indicator, on=ON)

    # One of four neighbourhoods has a team that fills its planned fte.
    assert measurement.value == Decimal("25.00")
