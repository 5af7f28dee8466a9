"""Spreadsheet import and export (django-import-export) of the social map.

Rows are matched on natural keys (slugs, CBS codes), never on database ids, so a
spreadsheet exported here can be edited and imported into another installation.
"""

from import_export.fields import Field

from core.spreadsheets import (
    DateTimeRangeWidget,
    DutchFormatsResource,
    NullableCharWidget,
    ScopedForeignKeyWidget,
    StrictManyToManyWidget,
    ValidatedResource,
)

from ..models import (
    Activity,
    Booking,
    Facility,
    FacilityFunction,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    OpeningHours,
    Organisation,
    Room,
    SocialAgendaItem,
    TargetGroup,
    TeamMember,
    Theme,
)
from .keys import by_cbs_code, by_slug, slug_list


class OrganisationResource(ValidatedResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=by_cbs_code(Municipality),
    )
    neighbourhoods = Field(
        attribute="neighbourhoods",
        column_name="neighbourhoods",
        widget=StrictManyToManyWidget(Neighbourhood, field="cbs_code"),
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


class FacilityResource(DutchFormatsResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=by_cbs_code(Municipality),
    )
    neighbourhood = Field(
        attribute="neighbourhood",
        column_name="neighbourhood",
        widget=by_cbs_code(Neighbourhood),
    )
    owner = Field(attribute="owner", column_name="owner", widget=by_slug(Organisation))
    operator = Field(
        attribute="operator", column_name="operator", widget=by_slug(Organisation)
    )
    functions = slug_list("functions", FacilityFunction)
    target_groups = slug_list("target_groups", TargetGroup)
    themes = slug_list("themes", Theme)

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
        attribute="facility", column_name="facility", widget=by_slug(Facility)
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
        widget=by_slug(Organisation),
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
        widget=by_slug(Organisation),
    )
    facility = Field(
        attribute="facility", column_name="facility", widget=by_slug(Facility)
    )
    target_groups = slug_list("target_groups", TargetGroup)
    themes = slug_list("themes", Theme)

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
        widget=by_cbs_code(Neighbourhood),
    )
    target_groups = slug_list("target_groups", TargetGroup)
    themes = slug_list("themes", Theme)
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
        widget=by_slug(Organisation),
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


# GEOGRAPHY AND VOCABULARIES
# ------------------------------------------------------------------------------


class TargetGroupResource(ValidatedResource):
    class Meta(ValidatedResource.Meta):
        model = TargetGroup
        fields = ("slug", "name", "description")
        import_id_fields = ("slug",)


class ThemeResource(ValidatedResource):
    related_themes = slug_list("related_themes", Theme)

    export_prefetch_related = ("related_themes",)

    class Meta(ValidatedResource.Meta):
        model = Theme
        fields = ("slug", "name", "policy_field", "description", "related_themes")
        import_id_fields = ("slug",)


class NeighbourhoodTeamResource(DutchFormatsResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=by_cbs_code(Municipality),
    )
    neighbourhoods = Field(
        attribute="neighbourhoods",
        column_name="neighbourhoods",
        widget=StrictManyToManyWidget(Neighbourhood, field="cbs_code"),
    )

    export_select_related = ("municipality",)
    export_prefetch_related = ("neighbourhoods",)

    class Meta(ValidatedResource.Meta):
        model = NeighbourhoodTeam
        fields = (
            "municipality",
            "name",
            "neighbourhoods",
            "planned_fte",
            "email",
            "phone",
        )
        import_id_fields = ("municipality", "name")


class OpeningHoursResource(ValidatedResource):
    facility = Field(
        attribute="facility", column_name="facility", widget=by_slug(Facility)
    )

    export_select_related = ("facility",)

    class Meta(ValidatedResource.Meta):
        model = OpeningHours
        fields = ("facility", "weekday", "opens", "closes")
        import_id_fields = ("facility", "weekday", "opens")
