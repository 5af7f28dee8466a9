"""Spreadsheet export of advice, and import and export of the responses to it.

Rows are matched on natural keys: an advice by its slug, a recommendation by
(advice slug, number).
"""

from django.contrib.auth import get_user_model
from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget

from core.spreadsheets import (
    DutchFormatsResource,
    ScopedForeignKeyWidget,
    ValidatedResource,
)
from policy.models import FrameworkVersion, PolicyFramework

from .models import (
    Advice,
    AdviceRequest,
    AdvisoryCouncil,
    Membership,
    Recommendation,
    Response,
)


class AdviceResource(ValidatedResource):
    council = Field(
        attribute="council",
        column_name="council",
        widget=ForeignKeyWidget(AdvisoryCouncil, field="slug"),
    )
    request = Field(attribute="request__subject", column_name="request", readonly=True)
    framework = Field(
        attribute="framework",
        column_name="framework",
        widget=ForeignKeyWidget(PolicyFramework, field="slug"),
    )

    export_select_related = ("council", "request", "framework")

    class Meta(ValidatedResource.Meta):
        model = Advice
        fields = (
            "slug",
            "council",
            "kind",
            "request",
            "framework",
            "title",
            "addressee",
            "dated",
            "summary",
            "status",
            "signed_by",
            "sent_on",
            "response_due_on",
        )
        import_id_fields = ("slug",)


class RecommendationResource(ValidatedResource):
    advice = Field(
        attribute="advice",
        column_name="advice",
        widget=ForeignKeyWidget(Advice, field="slug"),
    )

    export_select_related = ("advice",)

    class Meta(ValidatedResource.Meta):
        model = Recommendation
        fields = ("advice", "number", "text")
        import_id_fields = ("advice", "number")


class ResponseResource(ValidatedResource):
    advice = Field(
        attribute="recommendation__advice__slug", column_name="advice", readonly=True
    )
    recommendation = Field(
        attribute="recommendation",
        column_name="recommendation",
        widget=ScopedForeignKeyWidget(
            Recommendation, field="number", scope={"advice__slug": "advice"}
        ),
    )

    export_select_related = ("recommendation__advice",)

    class Meta(ValidatedResource.Meta):
        model = Response
        fields = ("advice", "recommendation", "verdict", "reasons", "responded_on")
        import_id_fields = ("recommendation",)

    def before_save_instance(self, instance, row, **kwargs):
        # The official who imports the responses is the one who recorded them.
        user = kwargs.get("user")
        if instance.recorded_by_id is None and getattr(user, "pk", None):
            instance.recorded_by = user
        super().before_save_instance(instance, row, **kwargs)


class AdviceRequestResource(DutchFormatsResource):
    """Requests from the college; a version by its number within the framework."""

    council = Field(
        attribute="council",
        column_name="council",
        widget=ForeignKeyWidget(AdvisoryCouncil, field="slug"),
    )
    framework = Field(
        attribute="framework_version__framework__slug",
        column_name="framework",
        readonly=True,
    )
    framework_version = Field(
        attribute="framework_version",
        column_name="framework_version",
        widget=ScopedForeignKeyWidget(
            FrameworkVersion, field="number", scope={"framework__slug": "framework"}
        ),
    )

    export_select_related = ("council", "framework_version__framework")

    class Meta(ValidatedResource.Meta):
        model = AdviceRequest
        fields = (
            "council",
            "subject",
            "framework",
            "framework_version",
            "description",
            "received_on",
            "deadline",
        )
        import_id_fields = ("council", "subject", "received_on")


class MembershipResource(DutchFormatsResource):
    """Who sits on a council, in which role and term; a member by user name."""

    council = Field(
        attribute="council",
        column_name="council",
        widget=ForeignKeyWidget(AdvisoryCouncil, field="slug"),
    )
    user = Field(
        attribute="user",
        column_name="user",
        widget=ForeignKeyWidget(get_user_model(), field="username"),
    )

    export_select_related = ("council", "user")

    class Meta(ValidatedResource.Meta):
        model = Membership
        fields = ("council", "user", "role", "starts_on", "ends_on")
        import_id_fields = ("council", "user", "starts_on")
