"""Spreadsheet import and export of the geography: municipalities, districts,
neighbourhoods, CBS buurten and their population."""

from import_export.fields import Field

from core.spreadsheets import (
    DutchFormatsResource,
    ValidatedResource,
)

from ..models import (
    Buurt,
    District,
    Municipality,
    Neighbourhood,
    Population,
)
from .keys import by_cbs_code, by_slug


class MunicipalityResource(ValidatedResource):
    class Meta(ValidatedResource.Meta):
        model = Municipality
        fields = ("cbs_code", "name", "slug")
        import_id_fields = ("cbs_code",)


class DistrictResource(ValidatedResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=by_cbs_code(Municipality),
    )

    export_select_related = ("municipality",)

    class Meta(ValidatedResource.Meta):
        model = District
        fields = ("slug", "municipality", "name")
        import_id_fields = ("slug",)


class NeighbourhoodResource(DutchFormatsResource):
    """Wijken without their boundary: boundaries come from CBS (import_wijken)."""

    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=by_cbs_code(Municipality),
    )
    district = Field(
        attribute="district", column_name="district", widget=by_slug(District)
    )

    export_select_related = ("municipality", "district")

    class Meta(ValidatedResource.Meta):
        model = Neighbourhood
        fields = ("cbs_code", "name", "slug", "municipality", "district", "cbs_year")
        import_id_fields = ("cbs_code",)

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).defer("boundary")


class BuurtResource(ValidatedResource):
    """Buurten without their boundary: boundaries come from CBS (import_buurten)."""

    neighbourhood = Field(
        attribute="neighbourhood",
        column_name="neighbourhood",
        widget=by_cbs_code(Neighbourhood),
    )

    export_select_related = ("neighbourhood",)

    class Meta(ValidatedResource.Meta):
        model = Buurt
        fields = ("cbs_code", "name", "neighbourhood")
        import_id_fields = ("cbs_code",)

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset, **kwargs)
            .defer("boundary", "neighbourhood__boundary")
        )


class PopulationResource(DutchFormatsResource):
    """Inhabitants per year; an empty wijk is the whole municipality."""

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

    export_select_related = ("municipality", "neighbourhood")

    class Meta(ValidatedResource.Meta):
        model = Population
        fields = ("municipality", "neighbourhood", "year", "inhabitants")
        import_id_fields = ("municipality", "neighbourhood", "year")

    def filter_export(self, queryset, **kwargs):
        return (
            super().filter_export(queryset, **kwargs).defer("neighbourhood__boundary")
        )
