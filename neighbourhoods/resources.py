"""Spreadsheet import and export (django-import-export) of the social map.

Rows are matched on natural keys (slugs, CBS codes), never on database ids, so a
spreadsheet exported here can be edited and imported into another installation.
"""

import difflib
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ValidationError,
)
from django.db import models
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
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
    Buurt,
    District,
    Facility,
    FacilityFunction,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    OpeningHours,
    Organisation,
    Population,
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


# MANY VALUES IN ONE CELL
# ------------------------------------------------------------------------------

UNKNOWN_VALUE = _("onbekende waarde ‘%(value)s’")
UNKNOWN_VALUE_MEANT = _("onbekende waarde ‘%(value)s’; bedoelt u ‘%(meant)s’?")
VALUE_SEPARATORS = re.compile(r"[;,]")


class StrictManyToManyWidget(ManyToManyWidget):
    """Several values in one cell, separated by `,` or `;`; an unknown value stops
    the import with that value named (and the value meant, where one is close),
    instead of being dropped without a word."""

    def __init__(self, model, field: str = "pk", **kwargs):
        super().__init__(model, field=field, **kwargs)
        # Clean is asked for the same cell up to three times per row (validation,
        # skip_unchanged, save): the last answer is kept so that costs one query.
        self._last: tuple[str, list] | None = None

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return []
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        if self._last is not None and self._last[0] == text:
            return list(self._last[1])
        wanted = [part.strip() for part in VALUE_SEPARATORS.split(text)]
        wanted = [part for part in wanted if part]
        found = {
            str(getattr(obj, self.field)): obj
            for obj in self.model.objects.filter(**{f"{self.field}__in": wanted})
        }
        for part in wanted:
            if part not in found:
                raise ValueError(self._unknown(part))
        objects = list(dict.fromkeys(found[part] for part in wanted))
        self._last = (text, objects)
        return list(objects)

    def _unknown(self, part: str) -> str:
        known = [
            str(value)
            for value in self.model.objects.values_list(self.field, flat=True)
        ]
        meant = difflib.get_close_matches(part, known, n=1)
        if meant:
            return UNKNOWN_VALUE_MEANT % {"value": part, "meant": meant[0]}
        return UNKNOWN_VALUE % {"value": part}


# DUTCH COLUMN HEADERS
# ------------------------------------------------------------------------------


def header_label(model, key: str, attribute: str | None):
    """A column's label: the verbose name of the model field it is named after, or
    of the field named `key` along its attribute path (``room__facility__slug``)."""
    try:
        return model._meta.get_field(key).verbose_name
    except (FieldDoesNotExist, AttributeError):
        pass
    labels = []
    current = model
    for name in (attribute or "").split("__"):
        try:
            field = current._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            break
        labels.append((name, getattr(field, "verbose_name", None)))
        current = getattr(field, "related_model", None)
        if current is None:
            break
    named = [label for name, label in labels if name == key and label]
    if named:
        return named[0]
    return labels[0][1] if labels and labels[0][1] else key


class ValidatedResource(JoinedExportMixin, resources.ModelResource):
    """Checks each row like a form would (``full_clean``) and skips unchanged rows.

    Column headers are the fields' Dutch labels ("Naam", "Gemeente"), in the export,
    the import page and the template alike; an import also reads a column under its
    English label or its field name ("name"). `column_labels` names a column the
    model does not.
    """

    column_labels: dict = {}

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # header -> field name as the code spells it (scopes of widgets read that).
        self.column_keys: dict[str, str] = {}
        for field in self.fields.values():
            if type(field.widget) is ManyToManyWidget:
                field.widget = StrictManyToManyWidget(
                    field.widget.model, field=field.widget.field
                )
            key = field.column_name
            label = self.column_labels.get(key) or header_label(
                self._meta.model, key, field.attribute
            )
            header = capfirst(str(label))
            if header in self.column_keys:
                header = key
            field.column_name = header
            self.column_keys[header] = key

    def header_aliases(self) -> dict[str, str]:
        """Every way a column may be headed (lowercase) -> its Dutch header."""
        aliases = {}
        for header, key in self.column_keys.items():
            label = self.column_labels.get(key) or header_label(
                self._meta.model, key, self.fields_by_header()[header].attribute
            )
            for language in ("en", "nl"):
                with override(language):
                    aliases[str(label).strip().lower()] = header
            aliases[key.lower()] = header
            aliases[header.lower()] = header
        return aliases

    def fields_by_header(self) -> dict:
        return {field.column_name: field for field in self.fields.values()}

    def before_import(self, dataset, **kwargs):
        aliases = self.header_aliases()
        dataset.headers = [
            aliases.get(str(header).strip().lower(), header)
            if header is not None
            else header
            for header in dataset.headers
        ]
        super().before_import(dataset, **kwargs)

    def import_row(self, row, instance_loader, **kwargs):
        # Widgets that read a neighbouring column (ScopedForeignKeyWidget) and
        # before_import_row() name it as the code does.
        for header, key in self.column_keys.items():
            if header in row and key not in row:
                row[key] = row[header]
        return super().import_row(row, instance_loader, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Also reads the many-to-many cells, so an unknown value stops the row
        under its column before anything is saved."""
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.error_dict)
        for field in self.get_import_fields():
            if not isinstance(field.widget, ManyToManyWidget):
                continue
            if field.column_name not in row:
                continue
            try:
                field.clean(row)
            except ValueError as error:
                errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        """Names each error's column by its header, as the file does."""
        try:
            super().validate_instance(
                instance, import_validation_errors, validate_unique
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            raise ValidationError(
                {
                    name if name == NON_FIELD_ERRORS else self.column_of(name): errors
                    for name, errors in error.error_dict.items()
                }
            ) from None

    def column_of(self, name: str) -> str:
        """The header of the column a field name or attribute belongs to."""
        for field in self.fields.values():
            if name in (field.attribute, self.column_keys.get(field.column_name)):
                return field.column_name
        label = header_label(self._meta.model, name, None)
        return capfirst(str(label))


# DUTCH NUMBERS AND DATES
# ------------------------------------------------------------------------------
# Spreadsheets kept by Dutch officials write "1.234,56" and "26-02-2021". The widgets
# below read those whatever language the importing official uses, and still read
# what a program writes ("1234.56", "2021-02-26") and native spreadsheet cells.

NOT_A_NUMBER = _("‘%(value)s’ is geen getal; schrijf bijvoorbeeld 1.234,56.")
NOT_A_DATE = _("‘%(value)s’ is geen datum; schrijf bijvoorbeeld 26-02-2021.")
DUTCH_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")
_THOUSANDS_ONLY = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_dutch_decimal(value, *, decimal_places: int = 2) -> Decimal | None:
    """Read 1.234,56 / 1234,56 / 1234.56 / € 1.234 / a native number as a Decimal.

    A lone dot followed by groups of three digits ("1.234", "12.500.000") is a
    thousands separator, unless the column holds three or more decimals (a latitude
    such as 52.156).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(NOT_A_NUMBER % {"value": value})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (_THOUSANDS_ONLY.match(text) and decimal_places < 3):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(NOT_A_NUMBER % {"value": value}) from None


def parse_dutch_date(value) -> date | None:
    """Read 26-02-2021, 26/02/2021, 26.02.2021, 2021-02-26 or a spreadsheet date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for format_ in DUTCH_DATE_FORMATS:
        try:
            return datetime.strptime(text, format_).date()  # noqa: DTZ007 (a day)
        except ValueError:
            continue
    raise ValueError(NOT_A_DATE % {"value": value})


class DutchDecimalWidget(Widget):
    """A decimal written the Dutch way; exported as 1234,56."""

    def __init__(self, decimal_places: int = 2, **kwargs):
        self.decimal_places = decimal_places
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        return parse_dutch_decimal(value, decimal_places=self.decimal_places)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return value
        return str(value).replace(".", ",")


class DutchIntegerWidget(Widget):
    """A whole number that may carry thousands dots (1.250)."""

    def clean(self, value, row=None, **kwargs):
        number = parse_dutch_decimal(value, decimal_places=0)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise ValueError(NOT_A_NUMBER % {"value": value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class DutchDateWidget(Widget):
    """A date as 26-02-2021; ISO dates and spreadsheet dates are read too."""

    def clean(self, value, row=None, **kwargs):
        return parse_dutch_date(value)

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        if kwargs.get("force_native_type"):
            return value
        return value.strftime("%d-%m-%Y")


class DutchFormatsResource(ValidatedResource):
    """Reads and writes numbers and dates in Dutch (see the widgets above)."""

    @classmethod
    def widget_from_django_field(cls, f, default=Widget):
        if isinstance(f, models.DecimalField):
            return DutchDecimalWidget
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            return DutchDateWidget
        if isinstance(f, models.IntegerField) and not f.choices:
            return DutchIntegerWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.DecimalField):
            kwargs["decimal_places"] = django_field.decimal_places
        return kwargs


# ALL OR NOTHING
# ------------------------------------------------------------------------------

IMPORT_REFUSED = _(
    "De import is geweigerd; er is niets opgeslagen. %(reasons)s Verbeter het "
    "bestand en lees het opnieuw in."
)


def describe_import_errors(result, limit: int = 5, *, resource=None) -> str:
    """'Regel 3, Bedrag: … ; regel 7: …' with the file's line numbers (header = 1)
    and, given the resource, each column under its header."""
    reasons = []
    for invalid in result.invalid_rows:
        line = invalid.number + 1
        for field, errors in invalid.field_specific_errors.items():
            column = resource.column_of(field) if resource is not None else field
            reasons.extend(f"regel {line}, {column}: {error}" for error in errors)
        reasons.extend(
            f"regel {line}: {error}" for error in invalid.non_field_specific_errors
        )
    for number, errors in result.row_errors():
        reasons.extend(f"regel {number + 1}: {error.error}" for error in errors)
    for error in result.base_errors:
        reasons.append(str(error.error))
    shown = "; ".join(reasons[:limit])
    if len(reasons) > limit:
        shown += f" (en nog {len(reasons) - limit})"
    return shown + "."


class DutchExportFilenameMixin:
    """Names an export after what it holds, as the official reads it:
    ``plekken-2026-12-08.xlsx`` rather than ``Facility-2026-12-08.xlsx``."""

    def get_export_filename(self, request, queryset, file_format):
        name = slugify(str(self.model._meta.verbose_name_plural))
        day = timezone.localdate().isoformat()
        return f"{name}-{day}.{file_format.get_extension()}"


class AllOrNothingImportMixin(DutchExportFilenameMixin):
    """An admin import that stores every row or none.

    The dry run already refuses a file with a bad row; the confirmed import runs
    again in one transaction and rolls back entirely when a row fails then (the
    data may have changed between preview and confirmation). Importing needs the
    right to add and to change rows; exporting, the right to view them.
    """

    def get_import_data_kwargs(self, **kwargs):
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        data_kwargs["rollback_on_validation_errors"] = True
        data_kwargs["use_transactions"] = True
        return data_kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            resource = self.get_import_resource_classes(request)[0](
                **self.get_import_resource_kwargs(request)
            )
            reasons = describe_import_errors(result, resource=resource)
            self.message_user(
                request, IMPORT_REFUSED % {"reasons": reasons}, messages.ERROR
            )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_import",
                    current_app=self.admin_site.name,
                )
            )
        return super().process_result(result, request)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


def _by_slug(model) -> ForeignKeyWidget:
    return ForeignKeyWidget(model, field="slug")


def _by_cbs_code(model) -> ForeignKeyWidget:
    return ForeignKeyWidget(model, field="cbs_code")


def _slugs(name: str, model) -> Field:
    """A many-to-many column of slugs (e.g. "senioren;mantelzorgers")."""
    return Field(
        attribute=name,
        column_name=name,
        widget=StrictManyToManyWidget(model, field="slug"),
    )


class OrganisationResource(ValidatedResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=_by_cbs_code(Municipality),
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
    functions = _slugs("functions", FacilityFunction)
    target_groups = _slugs("target_groups", TargetGroup)
    themes = _slugs("themes", Theme)

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
    target_groups = _slugs("target_groups", TargetGroup)
    themes = _slugs("themes", Theme)

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
    target_groups = _slugs("target_groups", TargetGroup)
    themes = _slugs("themes", Theme)
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


# GEOGRAPHY AND VOCABULARIES
# ------------------------------------------------------------------------------


class MunicipalityResource(ValidatedResource):
    class Meta(ValidatedResource.Meta):
        model = Municipality
        fields = ("cbs_code", "name", "slug")
        import_id_fields = ("cbs_code",)


class DistrictResource(ValidatedResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=_by_cbs_code(Municipality),
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
        widget=_by_cbs_code(Municipality),
    )
    district = Field(
        attribute="district", column_name="district", widget=_by_slug(District)
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
        widget=_by_cbs_code(Neighbourhood),
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
        widget=_by_cbs_code(Municipality),
    )
    neighbourhood = Field(
        attribute="neighbourhood",
        column_name="neighbourhood",
        widget=_by_cbs_code(Neighbourhood),
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


class TargetGroupResource(ValidatedResource):
    class Meta(ValidatedResource.Meta):
        model = TargetGroup
        fields = ("slug", "name", "description")
        import_id_fields = ("slug",)


class ThemeResource(ValidatedResource):
    related_themes = _slugs("related_themes", Theme)

    export_prefetch_related = ("related_themes",)

    class Meta(ValidatedResource.Meta):
        model = Theme
        fields = ("slug", "name", "policy_field", "description", "related_themes")
        import_id_fields = ("slug",)


class NeighbourhoodTeamResource(DutchFormatsResource):
    municipality = Field(
        attribute="municipality",
        column_name="municipality",
        widget=_by_cbs_code(Municipality),
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
        attribute="facility", column_name="facility", widget=_by_slug(Facility)
    )

    export_select_related = ("facility",)

    class Meta(ValidatedResource.Meta):
        model = OpeningHours
        fields = ("facility", "weekday", "opens", "closes")
        import_id_fields = ("facility", "weekday", "opens")
