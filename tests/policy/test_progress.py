"""Indicators against their targets, and progress rolled up goal -> track -> framework."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from neighbourhoods.models import NeighbourhoodTeam, TeamMember
from policy.models import (
    AgendaItemStatus,
    BudgetCategory,
    GoalStatus,
    IndicatorUnit,
    TargetDirection,
)
from policy.progress import framework_state, roll_up, target_met
from policy.services import indicator_measure
from testdata.neighbourhoods import OrganisationFactory
from testdata.policy import (
    AgendaItemFactory,
    BudgetLineFactory,
    ConsultationFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    PolicyFrameworkFactory,
    TrackFactory,
)

S = GoalStatus


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([], None),
        ([S.ACHIEVED, S.ACHIEVED], S.ACHIEVED),
        ([S.ACHIEVED, S.MISSED], S.MISSED),
        ([S.ON_TRACK, S.MISSED], S.AT_RISK),
        ([S.ON_TRACK, S.AT_RISK, S.ACHIEVED], S.AT_RISK),
        ([S.NOT_STARTED, S.NOT_STARTED], S.NOT_STARTED),
        ([S.NOT_STARTED, S.ON_TRACK, S.ACHIEVED], S.ON_TRACK),
    ],
)
def test_roll_up(states, expected):
    assert roll_up(states) == expected


@pytest.mark.parametrize(
    ("value", "target", "direction", "met"),
    [
        (Decimal("85"), Decimal("85"), TargetDirection.AT_LEAST, True),
        (Decimal("72"), Decimal("85"), TargetDirection.AT_LEAST, False),
        (Decimal("10"), Decimal("15"), TargetDirection.AT_MOST, True),
        (None, Decimal("85"), TargetDirection.AT_LEAST, None),
    ],
)
def test_target_met(value, target, direction, met):
    assert target_met(value, target, direction) is met


@pytest.mark.django_db
def test_a_framework_rolls_up_its_tracks_not_its_goals_one_by_one():
    framework = PolicyFrameworkFactory()
    first, second = TrackFactory.create_batch(2, framework=framework)
    # Track 1: three goals achieved; track 2: one achieved, one missed.
    for _ in range(3):
        GoalFactory(framework=framework, track=first, status=S.ACHIEVED)
    GoalFactory(framework=framework, track=second, status=S.ACHIEVED)
    GoalFactory(framework=framework, track=second, status=S.MISSED)

    assert framework_state(framework.goals.all()) == S.MISSED
    GoalFactory(framework=framework, track=None, status=S.ON_TRACK)
    assert framework_state(framework.goals.all()) == S.AT_RISK


@pytest.mark.django_db
def test_track_and_framework_changelists_show_the_rolled_up_state(admin_client):
    framework = PolicyFrameworkFactory(title="Welzijn in Amersfoort")
    track = TrackFactory(framework=framework, title="Ontmoeten")
    GoalFactory(framework=framework, track=track, status=S.AT_RISK)
    GoalFactory(framework=framework, track=track, status=S.ON_TRACK)

    tracks = admin_client.get(reverse("admin:policy_track_changelist"))
    frameworks = admin_client.get(reverse("admin:policy_policyframework_changelist"))

    assert '<td class="field-progress">Risico</td>' in tracks.content.decode()
    assert '<td class="field-progress">Risico</td>' in frameworks.content.decode()


@pytest.mark.django_db
def test_the_staffed_teams_computation_counts_teams_at_full_strength():
    indicator = IndicatorFactory(
        unit=IndicatorUnit.PERCENT,
        target_value=Decimal("100"),
        computation="teams_staffed",
    )
    municipality = indicator.goal.framework.municipality
    organisation = OrganisationFactory(municipality=municipality)
    on = date(2026, 11, 1)
    full = NeighbourhoodTeam.objects.create(
        name="Team Noord", municipality=municipality, planned_fte=Decimal("2")
    )
    short = NeighbourhoodTeam.objects.create(
        name="Team Zuid", municipality=municipality, planned_fte=Decimal("2")
    )
    NeighbourhoodTeam.objects.create(
        name="Team zonder formatie", municipality=municipality, planned_fte=0
    )
    for role in ("wijkwerker", "jongerenwerker"):
        TeamMember.objects.create(
            team=full, organisation=organisation, role=role, fte=Decimal("1")
        )
    TeamMember.objects.create(
        team=short, organisation=organisation, role="wijkwerker", fte=Decimal("1")
    )
    # Left the team before the date: does not count.
    TeamMember.objects.create(
        team=short,
        organisation=organisation,
        role="jongerenwerker",
        fte=Decimal("1"),
        ends_on=on - timedelta(days=1),
    )

    measurement = indicator_measure(indicator=indicator, on=on)

    assert measurement.value == Decimal("50.00")


@pytest.mark.django_db
def test_the_indicator_list_shows_the_latest_value_against_the_target(admin_client):
    indicator = IndicatorFactory(
        name="Bezettingsgraad",
        unit=IndicatorUnit.PERCENT,
        target_value=Decimal("85"),
        direction=TargetDirection.AT_LEAST,
    )
    MeasurementFactory(indicator=indicator, measured_on=date(2011, 1, 1), value=90)
    MeasurementFactory(indicator=indicator, measured_on=date(2012, 1, 1), value=72)

    response = admin_client.get(reverse("admin:policy_indicator_changelist"))

    content = response.content.decode()
    assert "72,00 <small>(01-01-2012)</small>" in content
    assert "<strong>nog niet gehaald (minimaal 85,00)</strong>" in content


@pytest.mark.django_db
def test_the_overview_page_shows_goals_agenda_budget_and_consultation(admin_client):
    framework = PolicyFrameworkFactory(title="Welzijn in Amersfoort")
    goal = GoalFactory(framework=framework, number=7, title="Kloppend hart")
    indicator = IndicatorFactory(
        goal=goal,
        name="Wijken met een kloppend hart",
        unit=IndicatorUnit.PERCENT,
        target_value=Decimal("100"),
    )
    MeasurementFactory(indicator=indicator, measured_on=date(2012, 1, 1), value=60)
    today = timezone.localdate()
    AgendaItemFactory(framework=framework, status=AgendaItemStatus.DONE)
    late = AgendaItemFactory(
        framework=framework,
        status=AgendaItemStatus.OPEN,
        due_on=today - timedelta(days=3),
        topic="Accommodaties",
    )
    BudgetLineFactory(
        framework=framework,
        year=2011,
        category=BudgetCategory.BUILDINGS,
        amount=Decimal("1234567.89"),
    )
    BudgetLineFactory(
        framework=framework,
        year=2012,
        category=BudgetCategory.FUNCTIONS,
        amount=Decimal("500000"),
    )
    ConsultationFactory(
        framework=framework, title="Stadsgesprek", reported_to_council_on=None
    )

    response = admin_client.get(
        reverse("admin:policy_policyframework_overview", args=[framework.pk])
    )

    content = response.content.decode()
    assert "Wijken met een kloppend hart" in content
    assert "60,00 procent" in content
    assert "<strong>nee</strong>" in content
    assert 'max="2" value="1"' in content
    assert str(late) in content
    assert "<svg" in content and 'role="img"' in content
    assert "1.234.567,89" in content
    assert "Stadsgesprek" in content
    assert response.context["overview"]["agenda"]["overdue"] == 1
