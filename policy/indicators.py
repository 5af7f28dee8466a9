"""Computed indicators: values the portal derives from its own data.

Each computation is registered under a name that Indicator.computation refers to.
A computation gets the indicator (and so its goal, framework and municipality) and a
date, and returns the value in the indicator's unit. Later features register theirs
(room occupancy) next to the ones here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Facility, Neighbourhood, NeighbourhoodTeam

Compute = Callable[..., Decimal]


@dataclass(frozen=True)
class Computation:
    name: str
    label: str | Promise
    compute: Compute


_REGISTRY: dict[str, Computation] = {}


def register(name: str, label: str | Promise) -> Callable[[Compute], Compute]:
    """Register a function `(*, indicator, on) -> Decimal` as a computation."""

    def decorator(function: Compute) -> Compute:
        _REGISTRY[name] = Computation(name=name, label=label, compute=function)
        return function

    return decorator


def get(name: str) -> Computation | None:
    return _REGISTRY.get(name) if name else None


def choices() -> list[tuple[str, str | Promise]]:
    return [(c.name, c.label) for c in sorted(_REGISTRY.values(), key=lambda c: c.name)]


def percentage(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@register("neighbourhoods_with_heart", _("Wijken met een kloppend hart (%)"))
def neighbourhoods_with_heart(*, indicator, on: date) -> Decimal:
    """Share of the municipality's neighbourhoods that have a 'kloppend hart'."""
    municipality_id = indicator.goal.framework.municipality_id
    has_heart = Exists(
        Facility.objects.filter(neighbourhood=OuterRef("pk"), is_heart=True)
    )
    counts = Neighbourhood.objects.filter(municipality_id=municipality_id).aggregate(
        total=Count("pk"), with_heart=Count("pk", filter=Q(has_heart))
    )
    return percentage(counts["with_heart"], counts["total"])


@register("teams_staffed", _("Wijkteams op volle sterkte (%)"))
def teams_staffed(*, indicator, on: date) -> Decimal:
    """Share of the municipality's teams whose members on `on` fill the planned fte.

    A member counts from `starts_on` up to and including `ends_on` (either may be
    open); teams without a planned formation are left out.
    """
    municipality_id = indicator.goal.framework.municipality_id
    active = Q(members__starts_on__isnull=True) | Q(members__starts_on__lte=on)
    active &= Q(members__ends_on__isnull=True) | Q(members__ends_on__gte=on)
    teams = (
        NeighbourhoodTeam.objects.filter(
            municipality_id=municipality_id, planned_fte__gt=0
        )
        .annotate(staffed=Coalesce(Sum("members__fte", filter=active), Decimal(0)))
        .values_list("planned_fte", "staffed")
    )
    staffed = sum(1 for planned, filled in teams if filled >= planned)
    return percentage(staffed, len(teams))


@register(
    "room_occupancy_organisations",
    _("Bezetting van ruimtes door (niet-)gesubsidieerde organisaties (%)"),
)
def room_occupancy_organisations(*, indicator, on: date) -> Decimal:
    """Share of the opening hours of the municipality's bookable rooms booked by
    subsidised and non-subsidised organisations over the year up to `on` (target
    85 %); the computation lives in neighbourhoods.occupancy."""
    from datetime import timedelta

    from neighbourhoods.occupancy import municipality_occupancy

    report = municipality_occupancy(
        municipality=indicator.goal.framework.municipality,
        start=on - timedelta(days=364),
        end=on,
    )
    return report.total.usage.organisation_percent.quantize(Decimal("0.01"))


@register(
    "neighbourhoods_with_staffed_team",
    _("Wijken met een wijkteam op volle sterkte (%)"),
)
def neighbourhoods_with_staffed_team(*, indicator, on: date) -> Decimal:
    """Share of the municipality's neighbourhoods served by at least one team whose
    members on `on` fill its planned fte (Almere: 16 teams wanted, 8 staffed)."""
    from neighbourhoods.staffing import staffed_team_counts

    staffed, total = staffed_team_counts(
        municipality_id=indicator.goal.framework.municipality_id, on=on
    )
    return percentage(staffed, total)
