"""Goals, their rollout over neighbourhoods, indicators and measurements."""

from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget

from core.spreadsheets import DutchFormatsResource, ScopedForeignKeyWidget
from neighbourhoods.models import Neighbourhood

from ..models import Goal, GoalRollout, Indicator, Measurement, Track
from .columns import framework_field, in_framework


class GoalResource(DutchFormatsResource):
    framework = framework_field()
    track = Field(
        attribute="track", column_name="track", widget=in_framework(Track, "number")
    )

    export_select_related = ("framework", "track")

    class Meta(DutchFormatsResource.Meta):
        model = Goal
        fields = (
            "framework",
            "number",
            "title",
            "text",
            "track",
            "horizon",
            "due_on",
            "status",
        )
        import_id_fields = ("framework", "number")


class GoalRolloutResource(DutchFormatsResource):
    framework = framework_field("goal__framework__slug", readonly=True)
    goal = Field(
        attribute="goal", column_name="goal", widget=in_framework(Goal, "number")
    )
    neighbourhood = Field(
        attribute="neighbourhood",
        column_name="neighbourhood",
        widget=ForeignKeyWidget(Neighbourhood, field="cbs_code"),
    )

    export_select_related = ("goal__framework", "neighbourhood")

    class Meta(DutchFormatsResource.Meta):
        model = GoalRollout
        fields = ("framework", "goal", "neighbourhood", "phase", "starts_on")
        import_id_fields = ("goal", "neighbourhood")


class IndicatorResource(DutchFormatsResource):
    framework = framework_field("goal__framework__slug", readonly=True)
    goal = Field(
        attribute="goal", column_name="goal", widget=in_framework(Goal, "number")
    )

    export_select_related = ("goal__framework",)

    class Meta(DutchFormatsResource.Meta):
        model = Indicator
        fields = (
            "framework",
            "goal",
            "name",
            "unit",
            "direction",
            "target_value",
            "baseline_value",
            "computation",
        )
        import_id_fields = ("goal", "name")


class MeasurementResource(DutchFormatsResource):
    framework = framework_field("indicator__goal__framework__slug", readonly=True)
    goal = Field(attribute="indicator__goal__number", column_name="goal", readonly=True)
    indicator = Field(
        attribute="indicator",
        column_name="indicator",
        widget=ScopedForeignKeyWidget(
            Indicator,
            field="name",
            scope={"goal__framework__slug": "framework", "goal__number": "goal"},
        ),
    )

    export_select_related = ("indicator__goal__framework",)

    class Meta(DutchFormatsResource.Meta):
        model = Measurement
        fields = (
            "framework",
            "goal",
            "indicator",
            "measured_on",
            "value",
            "source",
            "note",
        )
        import_id_fields = ("indicator", "measured_on")
