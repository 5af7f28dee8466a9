"""The implementation agenda (task groups, items, milestones) and participation."""

from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget

from core.spreadsheets import DutchFormatsResource
from neighbourhoods.models import District, Organisation

from ..models import AgendaItem, Consultation, Milestone, TaskGroup
from .columns import DateRangeWidget, framework_field, in_framework


class TaskGroupResource(DutchFormatsResource):
    framework = framework_field()
    lead_organisation = Field(
        attribute="lead_organisation",
        column_name="lead_organisation",
        widget=ForeignKeyWidget(Organisation, field="slug"),
    )

    export_select_related = ("framework", "lead_organisation")

    class Meta(DutchFormatsResource.Meta):
        model = TaskGroup
        fields = ("framework", "name", "lead", "lead_organisation")
        import_id_fields = ("framework", "name")


class AgendaItemResource(DutchFormatsResource):
    framework = framework_field()
    task_group = Field(
        attribute="task_group",
        column_name="task_group",
        widget=in_framework(TaskGroup, "name"),
    )

    export_select_related = ("framework", "task_group")

    class Meta(DutchFormatsResource.Meta):
        model = AgendaItem
        fields = (
            "framework",
            "number",
            "topic",
            "question",
            "task_group",
            "status",
            "due_on",
        )
        import_id_fields = ("framework", "number")


class MilestoneResource(DutchFormatsResource):
    framework = framework_field("agenda_item__framework__slug", readonly=True)
    agenda_item = Field(
        attribute="agenda_item",
        column_name="agenda_item",
        widget=in_framework(AgendaItem, "number"),
    )
    period = Field(attribute="period", column_name="period", widget=DateRangeWidget())

    export_select_related = ("agenda_item__framework",)

    class Meta(DutchFormatsResource.Meta):
        model = Milestone
        fields = ("framework", "agenda_item", "title", "period", "is_done")
        import_id_fields = ("agenda_item", "title")


class ConsultationResource(DutchFormatsResource):
    framework = framework_field()
    district = Field(
        attribute="district",
        column_name="district",
        widget=ForeignKeyWidget(District, field="slug"),
    )

    export_select_related = ("framework", "district")

    class Meta(DutchFormatsResource.Meta):
        model = Consultation
        fields = (
            "framework",
            "kind",
            "title",
            "held_on",
            "district",
            "participants",
            "outcome",
            "reported_to_council_on",
            "council_report",
        )
        import_id_fields = ("framework", "title", "held_on")
