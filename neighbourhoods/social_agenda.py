"""The social agenda of a neighbourhood against its social map: gaps and overlaps.

Demand is the agenda's open items (status open or in behandeling); each item stands
in every cell target group × theme it names. Supply is the published activities at
the neighbourhood's places that have not ended; each stands in every cell of its
target groups and themes.

- A white spot (witte vlek) is a cell with demand and no activity.
- An overlap is a cell with at least OVERLAP_MINIMUM activities and no demand: the
  same is offered several times over while nobody on the agenda asks for it. The page
  names its first OVERLAP_TITLES_SHOWN activities and links to the list of them all.

Everything is read in at most four queries, however large the agenda.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Q

from .models import (
    Activity,
    Neighbourhood,
    SocialAgendaItem,
    SocialAgendaStatus,
    TargetGroup,
    Theme,
)

OVERLAP_MINIMUM = 2
# A large wijk has hundreds of activities in dozens of overlaps: naming every one in
# every cell made a wall of repeated titles (and a fifth of the page's time).
OVERLAP_TITLES_SHOWN = 3
DEMAND_STATUSES = (SocialAgendaStatus.OPEN, SocialAgendaStatus.IN_PROGRESS)

Cell = tuple[int, int]  # (target group id, theme id)


class ActivityTitle(NamedTuple):
    """What the analysis shows of an activity: its title, in its cells."""

    pk: int
    title: str
    group_ids: list[int]
    theme_ids: list[int]


@dataclass
class CellFigure:
    target_group: TargetGroup
    theme: Theme
    items: list[SocialAgendaItem] = field(default_factory=list)
    activities: list[ActivityTitle] = field(default_factory=list)

    @property
    def is_white_spot(self) -> bool:
        return bool(self.items) and not self.activities

    @property
    def is_overlap(self) -> bool:
        return not self.items and len(self.activities) >= OVERLAP_MINIMUM

    @property
    def activities_shown(self) -> list[ActivityTitle]:
        """The titles the page names; the activity list behind its link has them all."""
        return self.activities[:OVERLAP_TITLES_SHOWN]

    @property
    def more_activities(self) -> int:
        return max(len(self.activities) - OVERLAP_TITLES_SHOWN, 0)

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

    # Cached per analysis: the template asks for each of these more than once.
    @cached_property
    def matrix(self) -> list[tuple[TargetGroup, list[CellFigure]]]:
        """Rows per target group, a cell per theme, for a table."""
        return [
            (group, [self.cell(group, theme) for theme in self.themes])
            for group in self.target_groups
        ]

    @cached_property
    def white_spots(self) -> list[CellFigure]:
        return [cell for cell in self._ordered() if cell.is_white_spot]

    @cached_property
    def overlaps(self) -> list[CellFigure]:
        return [cell for cell in self._ordered() if cell.is_overlap]

    def _ordered(self) -> list[CellFigure]:
        return sorted(
            self.cells.values(),
            key=lambda cell: (cell.target_group.name, cell.theme.name),
        )


def _linked_ids(model: type[Activity] | type[SocialAgendaItem]) -> dict:
    """The ids of each row's target groups and themes as arrays.

    A subquery per relation reads the link tables' indexes; joining both and
    grouping multiplied the rows of every activity by its groups and themes.
    """
    arrays = {}
    for name, relation in (
        ("group_ids", model.target_groups),
        ("theme_ids", model.themes),
    ):
        field = relation.field
        links = relation.through.objects.filter(
            **{field.m2m_field_name(): OuterRef("pk")}
        )
        target = field.m2m_reverse_field_name()
        arrays[name] = ArraySubquery(links.order_by(target).values(target))
    return arrays


def gap_analysis(*, neighbourhood: Neighbourhood, today: date) -> GapAnalysis:
    """Demand of the agenda against the activities of the social map."""
    items = list(
        SocialAgendaItem.objects.filter(
            neighbourhood=neighbourhood, status__in=DEMAND_STATUSES
        )
        .annotate(**_linked_ids(SocialAgendaItem))
        .order_by("priority", "title")
    )
    # Only their titles are shown: hundreds of rows in a large wijk, kept narrow.
    activities = [
        ActivityTitle(*row)
        for row in Activity.objects.public()
        .filter(facility__neighbourhood=neighbourhood)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .annotate(**_linked_ids(Activity))
        .order_by("title")
        .values_list("pk", "title", "group_ids", "theme_ids")
    ]
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
