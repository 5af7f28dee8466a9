"""Frameworks with their versions, status history, target groups and numbered parts."""

from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from core.spreadsheets import DutchFormatsResource
from neighbourhoods.models import Municipality, TargetGroup, Theme

from ..models import (
    Condition,
    FrameworkStatusChange,
    FrameworkTargetGroup,
    FrameworkVersion,
    PolicyFramework,
    Principle,
    Track,
)
from .columns import framework_field


class PolicyFrameworkResource(DutchFormatsResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=ForeignKeyWidget(Municipality, field="cbs_code"),
    )
    predecessor = Field(
        attribute="predecessor",
        column_name="predecessor",
        widget=ForeignKeyWidget(PolicyFramework, field="slug"),
    )
    parent = Field(
        attribute="parent",
        column_name="parent",
        widget=ForeignKeyWidget(PolicyFramework, field="slug"),
    )
    themes = Field(
        attribute="themes",
        column_name="themes",
        widget=ManyToManyWidget(Theme, field="slug"),
    )

    export_select_related = ("municipality", "predecessor", "parent")
    export_prefetch_related = ("themes",)

    class Meta(DutchFormatsResource.Meta):
        model = PolicyFramework
        fields = (
            "slug",
            "title",
            "municipality",
            "summary",
            "period_start",
            "period_end",
            "status",
            "adopted_on",
            "predecessor",
            "parent",
            "themes",
        )
        import_id_fields = ("slug",)


class FrameworkVersionResource(DutchFormatsResource):
    framework = framework_field()

    export_select_related = ("framework",)

    class Meta(DutchFormatsResource.Meta):
        model = FrameworkVersion
        fields = ("framework", "number", "title", "dated", "change_note")
        import_id_fields = ("framework", "number")


class FrameworkStatusChangeResource(DutchFormatsResource):
    """Export only: status changes are recorded by the status service."""

    framework = framework_field()
    changed_by = Field(
        attribute="changed_by__username", column_name="changed_by", readonly=True
    )

    export_select_related = ("framework", "changed_by")

    class Meta(DutchFormatsResource.Meta):
        model = FrameworkStatusChange
        fields = (
            "framework",
            "from_status",
            "to_status",
            "changed_on",
            "reason",
            "changed_by",
        )
        import_id_fields = ("framework", "to_status", "changed_on")


class FrameworkTargetGroupResource(DutchFormatsResource):
    framework = framework_field()
    target_group = Field(
        attribute="target_group",
        column_name="target_group",
        widget=ForeignKeyWidget(TargetGroup, field="slug"),
    )

    export_select_related = ("framework", "target_group")

    class Meta(DutchFormatsResource.Meta):
        model = FrameworkTargetGroup
        fields = ("framework", "target_group", "priority", "note")
        import_id_fields = ("framework", "target_group")


class NumberedPartResource(DutchFormatsResource):
    """Tracks, conditions and principles: (framework, number) with a text."""

    framework = framework_field()

    export_select_related = ("framework",)

    class Meta(DutchFormatsResource.Meta):
        fields = ("framework", "number", "title", "description")
        import_id_fields = ("framework", "number")


class TrackResource(NumberedPartResource):
    class Meta(NumberedPartResource.Meta):
        model = Track


class ConditionResource(NumberedPartResource):
    class Meta(NumberedPartResource.Meta):
        model = Condition


class PrincipleResource(NumberedPartResource):
    class Meta(NumberedPartResource.Meta):
        model = Principle
