"""Budget lines, cuts, subsidy schemes and grants with their agreements and reports."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget

from core.spreadsheets import NullableCharWidget, ValidatedResource
from neighbourhoods.models import (
    Facility,
    Municipality,
    Neighbourhood,
    Organisation,
    Theme,
)

from ..amounts import DutchAmountWidget
from ..models import (
    BudgetLine,
    Cut,
    Grant,
    GrantReport,
    PerformanceAgreement,
    SubsidyScheme,
)
from ..resources.columns import framework_field
from .services import check_transition

REFERENCE_REQUIRED = _("Een subsidie heeft een kenmerk nodig om te importeren.")


def amount_field(attribute: str) -> Field:
    """An amount in euro that also reads Dutch notation: € 15.000, 1.234,56."""
    return Field(attribute=attribute, column_name=attribute, widget=DutchAmountWidget())


class BudgetLineResource(ValidatedResource):
    framework = framework_field()
    amount = amount_field("amount")

    export_select_related = ("framework",)

    class Meta(ValidatedResource.Meta):
        model = BudgetLine
        fields = ("framework", "year", "category", "description", "amount")
        import_id_fields = ("framework", "year", "category", "description")


class CutResource(ValidatedResource):
    framework = framework_field()
    amount = amount_field("amount")

    export_select_related = ("framework",)

    class Meta(ValidatedResource.Meta):
        model = Cut
        fields = (
            "framework",
            "year",
            "category",
            "description",
            "amount",
            "is_realised",
        )
        import_id_fields = ("framework", "year", "category", "description")


class SubsidySchemeResource(ValidatedResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=ForeignKeyWidget(Municipality, field="cbs_code"),
    )
    framework = framework_field()
    ceiling = amount_field("ceiling")

    export_select_related = ("municipality", "framework")

    class Meta(ValidatedResource.Meta):
        model = SubsidyScheme
        fields = (
            "slug",
            "name",
            "municipality",
            "framework",
            "kind",
            "category",
            "ceiling",
            "eligibility",
            "starts_on",
            "ends_on",
        )
        import_id_fields = ("slug",)


class GrantResource(ValidatedResource):
    reference = Field(
        attribute="reference", column_name="reference", widget=NullableCharWidget()
    )
    scheme = Field(
        attribute="scheme",
        column_name="scheme",
        widget=ForeignKeyWidget(SubsidyScheme, field="slug"),
    )
    organisation = Field(
        attribute="organisation",
        column_name="organisation",
        widget=ForeignKeyWidget(Organisation, field="slug"),
    )
    theme = Field(
        attribute="theme",
        column_name="theme",
        widget=ForeignKeyWidget(Theme, field="slug"),
    )
    facility = Field(
        attribute="facility",
        column_name="facility",
        widget=ForeignKeyWidget(Facility, field="slug"),
    )
    neighbourhood = Field(
        attribute="neighbourhood",
        column_name="neighbourhood",
        widget=ForeignKeyWidget(Neighbourhood, field="cbs_code"),
    )
    amount_requested = amount_field("amount_requested")
    amount_granted = amount_field("amount_granted")
    amount_settled = amount_field("amount_settled")

    export_select_related = (
        "scheme",
        "organisation",
        "theme",
        "facility",
        "neighbourhood",
    )

    class Meta(ValidatedResource.Meta):
        model = Grant
        fields = (
            "reference",
            "scheme",
            "organisation",
            "year",
            "last_year",
            "purpose",
            "theme",
            "amount_requested",
            "amount_granted",
            "amount_settled",
            "status",
            "decided_on",
            "periodicity",
            "funding_department",
            "facility",
            "neighbourhood",
        )
        import_id_fields = ("reference",)

    def before_import_row(self, row, **kwargs):
        # Without a kenmerk the row would match any grant that has none.
        if not str(row.get("reference") or "").strip():
            raise ValueError(str(REFERENCE_REQUIRED))

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        """A row may move a grant on (aangevraagd → verleend …), never back."""
        errors = dict(import_validation_errors or {})
        if instance.pk is not None:
            stored = (
                Grant.objects.filter(pk=instance.pk)
                .values_list("status", flat=True)
                .first()
            )
            try:
                check_transition(stored or instance.status, instance.status)
            except ValidationError as error:
                errors["status"] = error.messages
        super().validate_instance(instance, errors or None, validate_unique)


class PerformanceAgreementResource(ValidatedResource):
    grant = Field(
        attribute="grant",
        column_name="grant",
        widget=ForeignKeyWidget(Grant, field="reference"),
    )

    export_select_related = ("grant",)

    class Meta(ValidatedResource.Meta):
        model = PerformanceAgreement
        fields = ("grant", "description", "target", "realised", "unit")
        import_id_fields = ("grant", "description")


class GrantReportResource(ValidatedResource):
    grant = Field(
        attribute="grant",
        column_name="grant",
        widget=ForeignKeyWidget(Grant, field="reference"),
    )

    export_select_related = ("grant",)

    class Meta(ValidatedResource.Meta):
        model = GrantReport
        fields = ("grant", "kind", "due_on", "received_on")
        import_id_fields = ("grant", "kind", "due_on")
