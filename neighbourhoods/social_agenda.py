"""The social agenda of a neighbourhood against its social map: gaps and overlaps.

Demand is the agenda's open items (status open or in behandeling); each item stands
in every cell target group × theme it names. Supply is the published activities at
the neighbourhood's places that have not ended; each stands in every cell of its
target groups and themes.

- A white spot (witte vlek) is a cell with demand and no activity.
- An overlap is a cell with at least OVERLAP_MINIMUM activities and no demand: the
  same is offered several times over while nobody on the agenda asks for it.

Everything is read in at most four queries, however large the agenda.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q

from .models import (
    Activity,
    Neighbourhood,
    SocialAgendaItem,
    SocialAgendaStatus,
    TargetGroup,
    Theme,
)

OVERLAP_MINIMUM = 2
DEMAND_STATUSES = (SocialAgendaStatus.OPEN, SocialAgendaStatus.IN_PROGRESS)

Cell = tuple[int, int]  # (target group id, theme id)


@dataclass
class CellFigure:
    target_group: TargetGroup
    theme: Theme
    items: list[SocialAgendaItem] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)

    @property
    def is_white_spot(self) -> bool:
        return bool(self.items) and not self.activities

    @property
    def is_overlap(self) -> bool:
        return not self.items and len(self.activities) >= OVERLAP_MINIMUM

    @property
    def anchor(self) -> str:
        return f"cel-{self.target_group.slug}-{self.theme.slug}"


@dataclass
class GapAnalysis:
    neighbourhood: Neighbourhood
    items: list[SocialAgendaItem]
    target_groups: list[TargetGroup]
    themes: list[Theme]
    cells: dict[Cell, CellFigure]

    def cell(self, target_group: TargetGroup, theme: Theme) -> CellFigure:
        return self.cells.get(
            (target_group.pk, theme.pk),
            CellFigure(target_group=target_group, theme=theme),
        )

    @property
    def matrix(self) -> list[tuple[TargetGroup, list[CellFigure]]]:
        """Rows per target group, a cell per theme, for a table."""
        return [
            (group, [self.cell(group, theme) for theme in self.themes])
            for group in self.target_groups
        ]

    @property
    def white_spots(self) -> list[CellFigure]:
        return [cell for cell in self._ordered() if cell.is_white_spot]

    @property
    def overlaps(self) -> list[CellFigure]:
        return [cell for cell in self._ordered() if cell.is_overlap]

    def _ordered(self) -> list[CellFigure]:
        return sorted(
            self.cells.values(),
            key=lambda cell: (cell.target_group.name, cell.theme.name),
        )


def gap_analysis(*, neighbourhood: Neighbourhood, today: date) -> GapAnalysis:
    """Demand of the agenda against the activities of the social map."""
    # The ids of each row's target groups and themes come along as arrays.
    linked = {
        "group_ids": ArrayAgg("target_groups", distinct=True, default=[]),
        "theme_ids": ArrayAgg("themes", distinct=True, default=[]),
    }
    items = list(
        SocialAgendaItem.objects.filter(
            neighbourhood=neighbourhood, status__in=DEMAND_STATUSES
        )
        .annotate(**linked)
        .order_by("priority", "title")
    )
    activities = list(
        Activity.objects.filter(
            facility__neighbourhood=neighbourhood, is_published=True
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .annotate(**linked)
        .order_by("title")
    )
    rows = [*items, *activities]
    group_ids = {pk for row in rows for pk in row.group_ids if pk is not None}
    theme_ids = {pk for row in rows for pk in row.theme_ids if pk is not None}
    groups = (
        {g.pk: g for g in TargetGroup.objects.filter(pk__in=group_ids)}
        if group_ids
        else {}
    )
    themes = (
        {t.pk: t for t in Theme.objects.filter(pk__in=theme_ids)} if theme_ids else {}
    )

    cells: dict[Cell, CellFigure] = {}

    def cell(group_id: int, theme_id: int) -> CellFigure:
        key = (group_id, theme_id)
        if key not in cells:
            cells[key] = CellFigure(
                target_group=groups[group_id], theme=themes[theme_id]
            )
        return cells[key]

    for item in items:
        for group_id in item.group_ids:
            for theme_id in item.theme_ids:
                if group_id is not None and theme_id is not None:
                    cell(group_id, theme_id).items.append(item)
    for activity in activities:
        for group_id in activity.group_ids:
            for theme_id in activity.theme_ids:
                if group_id is not None and theme_id is not None:
                    cell(group_id, theme_id).activities.append(activity)

    return GapAnalysis(
        neighbourhood=neighbourhood,
        items=items,
        target_groups=sorted(groups.values(), key=lambda g: g.name),
        themes=sorted(themes.values(), key=lambda t: t.name),
        cells=cells,
    )
