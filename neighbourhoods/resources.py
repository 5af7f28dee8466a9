"""Spreadsheet import and export (django-import-export) of the social map.

Rows are matched on natural keys (slugs, CBS codes), never on database ids, so a
spreadsheet exported here can be edited and imported into another installation.
"""

from datetime import datetime

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from import_export import resources
from import_export.fields import Field
from import_export.widgets import (
    CharWidget,
    ForeignKeyWidget,
    ManyToManyWidget,
    Widget,
)

from .models import (
    Activity,
    Booking,
    Facility,
    FacilityFunction,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    Organisation,
    Room,
    SocialAgendaItem,
    TargetGroup,
    TeamMember,
    Theme,
)


class ScopedForeignKeyWidget(ForeignKeyWidget):
    """Finds a related row by `field` inside the parent that other columns name.

    A room is only unique by name within its facility, a goal by number within its
    framework: `scope` maps lookups on the related model to the row's columns, e.g.
    ``{"facility__slug": "facility"}``.
    """

    def __init__(self, model, field: str, *, scope: dict[str, str], **kwargs):
        self.scope = scope
        super().__init__(model, field=field, **kwargs)

    def get_lookup_kwargs(self, value, row, **kwargs):
        lookup = super().get_lookup_kwargs(value, row, **kwargs)
        lookup.update({path: row.get(column) for path, column in self.scope.items()})
        return lookup


class NullableCharWidget(CharWidget):
    """Reads an empty cell as no value, for optional unique codes like a KvK number."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if text is None or not text.strip():
            return None
        return text.strip()


class DateTimeRangeWidget(Widget):
    """A time range as an ISO 8601 interval: ``2024-03-04T19:00+01:00/…T21:00+01:00``.

    Times without an offset are read in the portal's time zone (Europe/Amsterdam).
    """

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        start, _separator, end = str(value).partition("/")
        return DateTimeTZRange(self._moment(start), self._moment(end), "[)")

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        start = timezone.localtime(value.lower).isoformat(timespec="minutes")
        end = timezone.localtime(value.upper).isoformat(timespec="minutes")
        return f"{start}/{end}"

    @staticmethod
    def _moment(text: str) -> datetime:
        moment = datetime.fromisoformat(text.strip())
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


class JoinedExportMixin:
    """Joins what an export shows, so it runs a fixed number of queries."""

    export_select_related: tuple[str, ...] = ()
    export_prefetch_related: tuple[str, ...] = ()

    def filter_export(self, queryset, **kwargs):
        queryset = super().filter_export(queryset, **kwargs)
        if self.export_select_related:
            queryset = queryset.select_related(*self.export_select_related)
        return queryset.prefetch_related(*self.export_prefetch_related)


class ValidatedResource(JoinedExportMixin, resources.ModelResource):
    """Checks each row like a form would (``full_clean``) and skips unchanged rows."""

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


def _by_slug(model) -> ForeignKeyWidget:
    return ForeignKeyWidget(model, field="slug")


def _by_cbs_code(model) -> ForeignKeyWidget:
    return ForeignKeyWidget(model, field="cbs_code")


class OrganisationResource(ValidatedResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=_by_cbs_code(Municipality),
    )
    neighbourhoods = Field(
        attribute="neighbourhoods",
        column_name="neighbourhoods",
        widget=ManyToManyWidget(Neighbourhood, field="cbs_code"),
    )
    kvk_number = Field(
        attribute="kvk_number", column_name="kvk_number", widget=NullableCharWidget()
    )

    export_select_related = ("municipality",)
    export_prefetch_related = ("neighbourhoods",)

    class Meta(ValidatedResource.Meta):
        model = Organisation
        fields = (
            "slug",
            "name",
            "kind",
            "roles",
            "is_formal",
            "is_subsidised",
            "municipality",
            "neighbourhoods",
            "kvk_number",
            "description",
            "website",
            "email",
            "phone",
        )
        import_id_fields = ("slug",)


class FacilityResource(ValidatedResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=_by_cbs_code(Municipality),
    )
    neighbourhood = Field(
        attribute="neighbourhood",
        column_name="neighbourhood",
        widget=_by_cbs_code(Neighbourhood),
    )
    owner = Field(attribute="owner", column_name="owner", widget=_by_slug(Organisation))
    operator = Field(
        attribute="operator", column_name="operator", widget=_by_slug(Organisation)
    )
    functions = Field(
        attribute="functions",
        column_name="functions",
        widget=ManyToManyWidget(FacilityFunction, field="slug"),
    )
    target_groups = Field(
        attribute="target_groups",
        column_name="target_groups",
        widget=ManyToManyWidget(TargetGroup, field="slug"),
    )
    themes = Field(
        attribute="themes",
        column_name="themes",
        widget=ManyToManyWidget(Theme, field="slug"),
    )

    export_select_related = ("municipality", "neighbourhood", "owner", "operator")
    export_prefetch_related = ("functions", "target_groups", "themes")

    class Meta(ValidatedResource.Meta):
        model = Facility
        fields = (
            "slug",
            "name",
            "kind",
            "municipality",
            "neighbourhood",
            "description",
            "street",
            "house_number",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "owner",
            "operator",
            "is_subsidised",
            "is_heart",
            "functions",
            "target_groups",
            "themes",
            "wheelchair_accessible",
            "closed_on_public_holidays",
            "accessibility_notes",
            "phone",
            "email",
            "website",
            "commercial_reserve_percent",
        )
        import_id_fields = ("slug",)


class RoomResource(ValidatedResource):
    facility = Field(
        attribute="facility", column_name="facility", widget=_by_slug(Facility)
    )

    export_select_related = ("facility",)

    class Meta(ValidatedResource.Meta):
        model = Room
        fields = ("facility", "name", "capacity", "area_m2", "is_bookable")
        import_id_fields = ("facility", "name")


class BookingResource(ValidatedResource):
    facility = Field(
        attribute="room__facility__slug", column_name="facility", readonly=True
    )
    room = Field(
        attribute="room",
        column_name="room",
        widget=ScopedForeignKeyWidget(
            Room, field="name", scope={"facility__slug": "facility"}
        ),
    )
    period = Field(
        attribute="period", column_name="period", widget=DateTimeRangeWidget()
    )
    organisation = Field(
        attribute="organisation",
        column_name="organisation",
        widget=_by_slug(Organisation),
    )

    export_select_related = ("room__facility", "organisation")

    class Meta(ValidatedResource.Meta):
        model = Booking
        fields = (
            "facility",
            "room",
            "period",
            "organisation",
            "kind",
            "purpose",
            "is_cancelled",
        )
        import_id_fields = ("room", "period")


class ActivityResource(ValidatedResource):
    organisation = Field(
        attribute="organisation",
        column_name="organisation",
        widget=_by_slug(Organisation),
    )
    facility = Field(
        attribute="facility", column_name="facility", widget=_by_slug(Facility)
    )
    target_groups = Field(
        attribute="target_groups",
        column_name="target_groups",
        widget=ManyToManyWidget(TargetGroup, field="slug"),
    )
    themes = Field(
        attribute="themes",
        column_name="themes",
        widget=ManyToManyWidget(Theme, field="slug"),
    )

    export_select_related = ("organisation", "facility")
    export_prefetch_related = ("target_groups", "themes")

    class Meta(ValidatedResource.Meta):
        model = Activity
        fields = (
            "organisation",
            "facility",
            "title",
            "description",
            "target_groups",
            "themes",
            "cost",
            "cost_note",
            "starts_on",
            "ends_on",
            "contact_email",
            "contact_phone",
            "is_published",
        )
        import_id_fields = ("organisation", "facility", "title")


class SocialAgendaItemResource(ValidatedResource):
    neighbourhood = Field(
        attribute="neighbourhood",
        column_name="neighbourhood",
        widget=_by_cbs_code(Neighbourhood),
    )
    target_groups = Field(
        attribute="target_groups",
        column_name="target_groups",
        widget=ManyToManyWidget(TargetGroup, field="slug"),
    )
    themes = Field(
        attribute="themes",
        column_name="themes",
        widget=ManyToManyWidget(Theme, field="slug"),
    )
    # A team's name is unique within the municipality the neighbourhood lies in.
    team = Field(
        attribute="team",
        column_name="team",
        widget=ScopedForeignKeyWidget(
            NeighbourhoodTeam,
            field="name",
            scope={"municipality__neighbourhoods__cbs_code": "neighbourhood"},
        ),
    )

    export_select_related = ("neighbourhood", "team")
    export_prefetch_related = ("target_groups", "themes")

    class Meta(ValidatedResource.Meta):
        model = SocialAgendaItem
        fields = (
            "neighbourhood",
            "title",
            "description",
            "target_groups",
            "themes",
            "priority",
            "source",
            "status",
            "team",
        )
        import_id_fields = ("neighbourhood", "title")


class TeamMemberResource(ValidatedResource):
    municipality = Field(
        attribute="team__municipality__cbs_code",
        column_name="municipality",
        readonly=True,
    )
    team = Field(
        attribute="team",
        column_name="team",
        widget=ScopedForeignKeyWidget(
            NeighbourhoodTeam,
            field="name",
            scope={"municipality__cbs_code": "municipality"},
        ),
    )
    organisation = Field(
        attribute="organisation",
        column_name="organisation",
        widget=_by_slug(Organisation),
    )

    export_select_related = ("team__municipality", "organisation")

    class Meta(ValidatedResource.Meta):
        model = TeamMember
        fields = (
            "municipality",
            "team",
            "organisation",
            "role",
            "fte",
            "starts_on",
            "ends_on",
        )
        import_id_fields = ("team", "organisation", "role")
