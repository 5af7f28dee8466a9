"""Neighbourhood teams planned against staffed (fte), and which neighbourhoods have one.

A member counts on a day when the day lies within their term (open ends count). A
team is staffed when the fte of its current members reaches its planned fte (and is
more than nothing). Almere planned 16 teams where De Schoor could staff 8: the
figures show both, per team and as a share of the neighbourhoods.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from .models import Neighbourhood, NeighbourhoodTeam


def current_on(on: date, prefix: str = "") -> Q:
    """Members whose term covers `on`; `prefix` reaches them from another model."""
    return (
        Q(**{f"{prefix}starts_on__isnull": True}) | Q(**{f"{prefix}starts_on__lte": on})
    ) & (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": on}))


def teams_with_staffing(
    teams: QuerySet[NeighbourhoodTeam], *, on: date
) -> QuerySet[NeighbourhoodTeam]:
    """Teams annotated with staffed_fte (current members) and is_staffed."""
    staffed = Coalesce(
        Sum("members__fte", filter=current_on(on, "members__")),
        Value(Decimal("0")),
        output_field=DecimalField(max_digits=8, decimal_places=2),
    )
    return teams.annotate(staffed_fte=staffed).annotate(
        is_staffed=Q(staffed_fte__gte=F("planned_fte"), staffed_fte__gt=0)
    )


@dataclass(frozen=True)
class TeamMemberFigure:
    organisation: str
    role: str
    fte: Decimal


@dataclass(frozen=True)
class TeamFigure:
    team: NeighbourhoodTeam
    planned_fte: Decimal
    staffed_fte: Decimal
    members: list[TeamMemberFigure]

    @property
    def is_staffed(self) -> bool:
        return self.staffed_fte > 0 and self.staffed_fte >= self.planned_fte

    @property
    def gap_fte(self) -> Decimal:
        return max(self.planned_fte - self.staffed_fte, Decimal("0"))

    @property
    def staffed_percent(self) -> Decimal:
        if not self.planned_fte:
            return Decimal("0")
        return (self.staffed_fte * 100 / self.planned_fte).quantize(Decimal("1"))


# The teams of a neighbourhood with their staffed fte and current members, as
# teams_with_staffing and current_on count them. Written out: building the same
# query from ORM expressions took longer than running it.
TEAMS_SQL = """
SELECT t.id, t.name, t.municipality_id, t.planned_fte, t.email, t.phone,
       COALESCE(SUM(m.fte) FILTER (WHERE current), %(zero)s) AS staffed_fte,
       COALESCE(ARRAY_AGG(o.name ORDER BY o.name, m.role)
                FILTER (WHERE current AND m.id IS NOT NULL), '{}') AS organisations,
       COALESCE(ARRAY_AGG(m.role ORDER BY o.name, m.role)
                FILTER (WHERE current AND m.id IS NOT NULL), '{}') AS roles,
       COALESCE(ARRAY_AGG(m.fte ORDER BY o.name, m.role)
                FILTER (WHERE current AND m.id IS NOT NULL), '{}') AS ftes
FROM neighbourhoods_neighbourhoodteam AS t
JOIN neighbourhoods_neighbourhoodteam_neighbourhoods AS tn
  ON tn.neighbourhoodteam_id = t.id
LEFT JOIN neighbourhoods_teammember AS m ON m.team_id = t.id
LEFT JOIN neighbourhoods_organisation AS o ON o.id = m.organisation_id
CROSS JOIN LATERAL (
    SELECT (m.starts_on IS NULL OR m.starts_on <= %(on)s)
       AND (m.ends_on IS NULL OR m.ends_on >= %(on)s) AS current
) AS c
WHERE tn.neighbourhood_id = %(neighbourhood)s
GROUP BY t.id
ORDER BY t.name
"""


def neighbourhood_teams(*, neighbourhood: Neighbourhood, on: date) -> list[TeamFigure]:
    """The teams of a neighbourhood with their current members; one query.

    Members are shown by role and organisation only: no names of people.
    """
    teams = NeighbourhoodTeam.objects.raw(
        TEAMS_SQL, {"zero": Decimal("0"), "on": on, "neighbourhood": neighbourhood.pk}
    )
    return [
        TeamFigure(
            team=team,
            planned_fte=team.planned_fte,
            staffed_fte=team.staffed_fte,
            members=[
                TeamMemberFigure(organisation=organisation, role=role, fte=fte)
                for organisation, role, fte in zip(
                    team.organisations, team.roles, team.ftes, strict=True
                )
            ],
        )
        for team in teams
    ]


def staffed_team_counts(*, municipality_id: int, on: date) -> tuple[int, int]:
    """(neighbourhoods with a staffed team, all neighbourhoods) of a municipality.

    One query: the staffing is summed in a correlated subquery per neighbourhood.
    """
    staffed_teams = teams_with_staffing(
        NeighbourhoodTeam.objects.filter(neighbourhoods=OuterRef("pk")).order_by(),
        on=on,
    ).filter(is_staffed=True)
    counts = (
        Neighbourhood.objects.filter(municipality_id=municipality_id)
        .order_by()
        .aggregate(
            total=Coalesce(Sum(Value(1)), 0),
            staffed=Coalesce(Sum(Value(1), filter=Q(Exists(staffed_teams))), 0),
        )
    )
    return counts["staffed"], counts["total"]
