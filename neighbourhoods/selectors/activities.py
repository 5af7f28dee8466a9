"""Reads of the activities: the filtered list, a page of rows and one activity's page."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)

from ..models import (
    Activity,
    ActivitySchedule,
)
from .places import _linked, _text_match


def activity_list(
    *, filters: Mapping[str, Any], today: date, sort: str = ""
) -> QuerySet[Activity]:
    """Published activities that have not ended, with the filters of /activiteiten/."""
    activities = (
        Activity.objects.public()
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("organisation", "facility", "facility__neighbourhood")
        .defer(
            "search_vector",
            "organisation__search_vector",
            "facility__search_vector",
            "facility__neighbourhood__boundary",
        )
    )
    if filters.get("gemeente"):
        activities = activities.filter(
            Q(facility__municipality=filters["gemeente"])
            | Q(facility__isnull=True, organisation__municipality=filters["gemeente"])
        )
    if filters.get("wijk"):
        activities = activities.filter(facility__neighbourhood=filters["wijk"])
    if filters.get("doelgroep"):
        activities = activities.filter(
            _linked(Activity.target_groups, filters["doelgroep"])
        )
    if filters.get("thema"):
        activities = activities.filter(_linked(Activity.themes, filters["thema"]))
    if filters.get("dag") is not None:
        activities = activities.filter(
            Exists(
                ActivitySchedule.objects.filter(
                    activity=OuterRef("pk"), weekday=filters["dag"]
                )
            )
        )
    if filters.get("kosten") == "gratis":
        activities = activities.filter(cost=0)
    elif filters.get("kosten") == "betaald":
        activities = activities.filter(cost__gt=0)
    if filters.get("q"):
        activities = activities.filter(_text_match(filters["q"], "title"))
    order = {
        "start": (F("starts_on").asc(nulls_first=True), "title", "pk"),
        "kosten": ("cost", "title", "pk"),
    }.get(sort, ("title", "pk"))
    return activities.order_by(*order)


def activity_page_rows(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """What a list row shows besides the activity: its times and target groups."""
    return activities.prefetch_related("schedules", "target_groups")


def activity_detail() -> QuerySet[Activity]:
    """Published activities with everything their page shows."""
    return (
        Activity.objects.public()
        .select_related(
            "organisation",
            "facility",
            "facility__neighbourhood",
            "facility__municipality",
        )
        .defer(
            "search_vector",
            "organisation__search_vector",
            "facility__search_vector",
            "facility__neighbourhood__boundary",
        )
        .prefetch_related("schedules", "target_groups", "themes")
    )
