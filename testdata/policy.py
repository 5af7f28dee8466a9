"""Factories for policy: frameworks, goals and indicators, the agenda, budgets, subsidies."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.db.backends.postgresql.psycopg_any import DateRange
from factory.django import DjangoModelFactory

from policy.models import (
    AgendaItem,
    BudgetCategory,
    BudgetLine,
    Condition,
    Consultation,
    ConsultationKind,
    Cut,
    FrameworkStatus,
    FrameworkStatusChange,
    FrameworkTargetGroup,
    FrameworkVersion,
    Goal,
    GoalHorizon,
    GoalRollout,
    Grant,
    GrantReport,
    GrantReportKind,
    GrantStatus,
    Indicator,
    IndicatorUnit,
    Measurement,
    Milestone,
    PerformanceAgreement,
    PolicyFramework,
    Principle,
    SchemeKind,
    SubsidyScheme,
    TaskGroup,
    Track,
)
from testdata.factories import StaffUserFactory, dutch, numbered
from testdata.neighbourhoods import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    TargetGroupFactory,
)

# FRAMEWORKS
# ------------------------------------------------------------------------------


class PolicyFrameworkFactory(DjangoModelFactory):
    class Meta:
        model = PolicyFramework

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Welzijn in de wijk {n}")
    slug = factory.Sequence(lambda n: f"beleidskader-{n}")
    summary = dutch("paragraph")
    period_start = 2021
    period_end = 2025

    class Params:
        adopted = factory.Trait(
            status=FrameworkStatus.ADOPTED, adopted_on=date(2021, 3, 30)
        )


class FrameworkVersionFactory(DjangoModelFactory):
    class Meta:
        model = FrameworkVersion

    framework = factory.SubFactory(PolicyFrameworkFactory)
    number = numbered()
    title = factory.LazyAttribute(lambda version: f"{version.framework.title}, herzien")
    dated = date(2021, 1, 18)
    change_note = dutch("sentence")


class FrameworkStatusChangeFactory(DjangoModelFactory):
    class Meta:
        model = FrameworkStatusChange

    framework = factory.SubFactory(
        PolicyFrameworkFactory, status=FrameworkStatus.FOR_ADVICE
    )
    from_status = FrameworkStatus.CONCEPT
    to_status = FrameworkStatus.FOR_ADVICE
    changed_on = date(2021, 1, 18)
    changed_by = factory.SubFactory(StaffUserFactory)


class FrameworkTargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = FrameworkTargetGroup

    framework = factory.SubFactory(PolicyFrameworkFactory)
    target_group = factory.SubFactory(TargetGroupFactory)
    priority = 1


class TrackFactory(DjangoModelFactory):
    class Meta:
        model = Track

    framework = factory.SubFactory(PolicyFrameworkFactory)
    number = numbered()
    title = factory.Sequence(lambda n: f"Spoor {n}: bewoners aan zet")
    description = dutch("paragraph")


class ConditionFactory(TrackFactory):
    class Meta:
        model = Condition

    title = factory.Sequence(lambda n: f"Voorwaarde {n}: een sterke sociale basis")


class PrincipleFactory(TrackFactory):
    class Meta:
        model = Principle

    title = factory.Sequence(lambda n: f"Principe {n}: eigen kracht eerst")


# GOALS AND INDICATORS
# ------------------------------------------------------------------------------


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    framework = factory.SubFactory(PolicyFrameworkFactory)
    number = numbered()
    title = factory.Sequence(lambda n: f"Elke wijk een kloppend hart ({n})")
    text = dutch("paragraph")
    horizon = GoalHorizon.SHORT
    due_on = date(2025, 12, 31)

    class Params:
        on_track = factory.Trait(
            track=factory.SubFactory(
                TrackFactory, framework=factory.SelfAttribute("..framework")
            )
        )


class GoalRolloutFactory(DjangoModelFactory):
    class Meta:
        model = GoalRollout

    goal = factory.SubFactory(GoalFactory)
    neighbourhood = factory.SubFactory(
        NeighbourhoodFactory,
        municipality=factory.SelfAttribute("..goal.framework.municipality"),
    )
    phase = 1
    starts_on = date(2022, 1, 1)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Bezettingsgraad {n}")
    unit = IndicatorUnit.PERCENT
    target_value = Decimal("85.00")
    baseline_value = Decimal("60.00")


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = factory.Sequence(lambda n: date(2022, 1, 1) + timedelta(days=n))
    value = Decimal("72.50")
    source = "Reserveringssysteem"


# IMPLEMENTATION AGENDA AND PARTICIPATION
# ------------------------------------------------------------------------------


class TaskGroupFactory(DjangoModelFactory):
    class Meta:
        model = TaskGroup

    framework = factory.SubFactory(PolicyFrameworkFactory)
    name = factory.Sequence(lambda n: f"Taakgroep accommodaties {n}")
    lead = "Beleidsadviseur welzijn"


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    framework = factory.SubFactory(PolicyFrameworkFactory)
    task_group = factory.SubFactory(
        TaskGroupFactory, framework=factory.SelfAttribute("..framework")
    )
    number = numbered()
    topic = factory.Sequence(lambda n: f"Bezetting van accommodaties {n}")
    question = dutch("paragraph")
    due_on = date(2011, 1, 1)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    agenda_item = factory.SubFactory(AgendaItemFactory)
    title = factory.Sequence(lambda n: f"Stap {n}: inventarisatie")
    period = DateRange(date(2010, 3, 1), date(2010, 5, 1), "[)")


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation

    framework = factory.SubFactory(PolicyFrameworkFactory)
    kind = ConsultationKind.DISTRICT_MEETING
    title = factory.Sequence(lambda n: f"Stadsdeelbijeenkomst {n}")
    held_on = date(2020, 10, 1)
    participants = 40
    outcome = dutch("paragraph")


# BUDGETS AND SUBSIDIES
# ------------------------------------------------------------------------------


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    # Public by default: a concept's rows are hidden from every public page.
    framework = factory.SubFactory(PolicyFrameworkFactory, adopted=True)
    year = 2024
    category = BudgetCategory.FUNCTIONS
    description = factory.Sequence(lambda n: f"Welzijnswerk {n}")
    amount = Decimal("1250000.00")


class CutFactory(DjangoModelFactory):
    class Meta:
        model = Cut

    # Public by default: a concept's rows are hidden from every public page.
    framework = factory.SubFactory(PolicyFrameworkFactory, adopted=True)
    year = 2015
    category = BudgetCategory.BUILDINGS
    amount = Decimal("400000.00")
    description = dutch("sentence")


class SubsidySchemeFactory(DjangoModelFactory):
    class Meta:
        model = SubsidyScheme

    municipality = factory.SubFactory(MunicipalityFactory)
    # Public by default: a concept's schemes are hidden from every public page.
    framework = factory.SubFactory(
        PolicyFrameworkFactory,
        adopted=True,
        municipality=factory.SelfAttribute("..municipality"),
    )
    name = factory.Sequence(lambda n: f"Subsidieregeling welzijn {n}")
    slug = factory.Sequence(lambda n: f"subsidieregeling-{n}")
    kind = SchemeKind.YEARLY
    category = BudgetCategory.FUNCTIONS
    ceiling = Decimal("500000.00")


class GrantFactory(DjangoModelFactory):
    """A grant as requested; the traits `granted` and `settled` move it on."""

    class Meta:
        model = Grant

    scheme = factory.SubFactory(SubsidySchemeFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..scheme.municipality")
    )
    reference = factory.Sequence(lambda n: f"SUB-{n:06d}")
    year = 2024
    purpose = "Buurtkamer en ontmoetingsactiviteiten"
    amount_requested = Decimal("25000.00")

    class Params:
        granted = factory.Trait(
            status=GrantStatus.GRANTED,
            amount_granted=Decimal("20000.00"),
            decided_on=date(2023, 12, 1),
        )
        settled = factory.Trait(
            granted=True,
            status=GrantStatus.SETTLED,
            amount_settled=Decimal("19500.00"),
        )


class PerformanceAgreementFactory(DjangoModelFactory):
    class Meta:
        model = PerformanceAgreement

    grant = factory.SubFactory(GrantFactory, granted=True)
    description = factory.Sequence(lambda n: f"Ontmoetingsbijeenkomsten {n}")
    target = Decimal("40")
    unit = "bijeenkomsten"


class GrantReportFactory(DjangoModelFactory):
    class Meta:
        model = GrantReport

    grant = factory.SubFactory(GrantFactory, granted=True)
    kind = GrantReportKind.FINAL
    due_on = date(2025, 7, 1)
