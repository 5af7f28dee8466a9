"""Forms of the subsidy pages: register filters, dashboard choice, register import.

The register runs for one municipality or for the whole country (342 municipalities,
1,700 schemes, 3,400 wijken). Its selects are read once per request, as rows, and
rendered in Python (``FilterBoundField.options_html``): a template loop over thousands
of options costs more than all the queries. The scheme and wijk selects list only those
of the chosen municipality; with none chosen and many municipalities they offer only
"Alle …" and a hint to choose a municipality first, while every valid slug in the URL
is still accepted (a shared link keeps working).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from core.uploads import validate_upload
from neighbourhoods import filters
from neighbourhoods.models import Municipality, Neighbourhood, Theme

from ..models import BudgetLine, Grant, PolicyFramework, SubsidyScheme
from . import selectors

# What the register reader reads of the types an import upload may have.
REGISTER_TYPES = ("csv", "xlsx", "json")

# Up to this many municipalities in the register, the scheme and wijk selects list
# all schemes and wijken even when no municipality is chosen (a portal of one
# municipality, or of a few); beyond it they list those of the chosen municipality.
FULL_LISTS_MAX_MUNICIPALITIES = 5


class RowsChoiceIterator(ModelChoiceIterator):
    """The options from the field's rows, read once: a {% for %} or a widget takes the
    length and then iterates, which would otherwise be a COUNT and a SELECT."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.rows():
            yield self.choice(row)

    def __len__(self) -> int:
        return len(self.field.rows()) + (self.field.empty_label is not None)


class RowsChoiceField(forms.ModelChoiceField):
    """A choice of a row by its slug whose options are read once, as instances.

    ``shown_queryset`` (default: the queryset) is what the select lists; the queryset
    is what it accepts. With ``validate_from_rows`` a value is looked up in the rows
    already read, with no query of its own (when the select lists everything).
    """

    iterator = RowsChoiceIterator
    validate_from_rows = False

    def __init__(self, queryset, **kwargs: Any) -> None:
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("required", False)
        super().__init__(queryset, **kwargs)
        self.shown_queryset = None
        self.hint = ""

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.__dict__.pop("_rows", None)
        return result

    def rows(self) -> list:
        if not hasattr(self, "_rows"):
            shown = (
                self.queryset if self.shown_queryset is None else self.shown_queryset
            )
            self._rows = [] if shown is False else list(shown)
        return self._rows

    def set_rows(self, rows: list) -> None:
        self._rows = rows

    def option_pairs(self) -> list[tuple[str, Any]]:
        pairs = [
            (getattr(row, self.to_field_name), self.label_from_instance(row))
            for row in self.rows()
        ]
        if self.empty_label is not None:
            pairs.insert(0, ("", self.empty_label))
        return pairs

    def to_python(self, value):
        if not self.validate_from_rows or value in self.empty_values:
            return super().to_python(value)
        value = str(value).strip()
        for row in self.rows():
            if getattr(row, self.to_field_name) == value:
                return row
        raise ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


class NeighbourhoodRowsField(RowsChoiceField):
    """Wijken labelled with their municipality: names repeat across the country."""

    def label_from_instance(self, obj: Neighbourhood) -> str:
        return f"{obj.name} ({obj.municipality.name})"


class MunicipalityRowsField(RowsChoiceField):
    """Every municipality, read as (pk, cbs_code, name, slug) tuples: hundreds of
    options, where a model instance per option costs more than the query. The chosen
    one becomes a Municipality."""

    validate_from_rows = True

    def rows(self) -> list:
        if not hasattr(self, "_rows"):
            self._rows = list(
                self.queryset.values_list("pk", "cbs_code", "name", "slug", named=True)
            )
        return self._rows

    def label_from_instance(self, obj) -> str:
        return obj.name

    def prepare_value(self, value):
        return getattr(value, "slug", value)

    def to_python(self, value):
        row = super().to_python(value)
        if row is None or isinstance(row, Municipality):
            return row
        return Municipality(
            pk=row.pk, cbs_code=row.cbs_code, name=row.name, slug=row.slug
        )


class FilterBoundField(filters.FilterBoundField):
    """A field as the filter template shows it, once the form has chosen what each
    select lists (``prepare_options``)."""

    def _prepare(self) -> None:
        prepare = getattr(self.form, "prepare_options", None)
        if prepare is not None:
            prepare()

    @cached_property
    def options_html(self) -> SafeString:
        self._prepare()
        return super().options_html

    @property
    def hint(self) -> str:
        """Why a select offers nothing but "Alle …", or ""."""
        self._prepare()
        return super().hint


def _year_choices(years) -> list[tuple[str, str]]:
    return [("", _("Alle jaren"))] + [(str(y), str(y)) for y in years]


class RegisterFilterForm(forms.Form):
    """The filters of the public register; every field optional, read from GET."""

    bound_field_class = FilterBoundField

    gemeente = MunicipalityRowsField(
        label=_("Gemeente"),
        queryset=Municipality.objects.filter(
            Exists(SubsidyScheme.objects.public().filter(municipality=OuterRef("pk")))
        ).order_by("name"),
        empty_label=_("Alle gemeenten"),
    )
    jaar = forms.TypedChoiceField(
        label=_("Jaar"), coerce=int, required=False, empty_value=None
    )
    regeling = RowsChoiceField(
        label=_("Regeling"),
        queryset=SubsidyScheme.objects.public()
        .filter(Exists(Grant.objects.public().filter(scheme=OuterRef("pk"))))
        .only("pk", "slug", "name", "municipality_id")
        .order_by("name", "pk"),
        empty_label=_("Alle regelingen"),
    )
    thema = RowsChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.filter(
            Exists(Grant.objects.public().filter(theme=OuterRef("pk")))
        )
        .only("pk", "slug", "name")
        .order_by("name"),
        empty_label=_("Alle thema's"),
    )
    wijk = NeighbourhoodRowsField(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.filter(
            Exists(Grant.objects.public().filter(neighbourhood=OuterRef("pk")))
        )
        .select_related("municipality")
        .only(
            "pk",
            "slug",
            "name",
            "municipality_id",
            "municipality__name",
            "municipality__slug",
        )
        .order_by("name", "municipality__name", "pk"),
        empty_label=_("Alle wijken"),
    )
    organisatie = forms.CharField(
        label=_("Organisatie"),
        required=False,
        max_length=200,
        help_text=_("Een deel van de naam, of het KvK-nummer."),
    )

    # The selects that list only the chosen municipality's rows, with their hints.
    SCOPED = {
        "regeling": _("Kies eerst een gemeente; dan staan hier haar regelingen."),
        "wijk": _("Kies eerst een gemeente; dan staan hier haar wijken."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every municipality and theme is listed: a chosen one is found in the rows.
        self.fields["thema"].validate_from_rows = True
        # The year choices depend on the municipality, which must be valid first.
        municipality = self._chosen_municipality()
        self.fields["jaar"].choices = _year_choices(selectors.grant_years(municipality))

    def _chosen_municipality(self) -> Municipality | None:
        if not self.is_bound:
            return None
        field = self.fields["gemeente"]
        try:
            return field.clean(
                field.widget.value_from_datadict(self.data, {}, "gemeente")
            )
        except ValidationError:
            return None

    def prepare_options(self) -> None:
        """Narrow the scheme and wijk selects to the chosen municipality, once."""
        if getattr(self, "_options_prepared", False):
            return
        self._options_prepared = True
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        municipality = cleaned.get("gemeente")
        few = len(self.fields["gemeente"].rows()) <= FULL_LISTS_MAX_MUNICIPALITIES
        for name, hint in self.SCOPED.items():
            field = self.fields[name]
            chosen = cleaned.get(name)
            rows = field.queryset
            if chosen is not None:
                # The chosen one stays listed (and selected), even elsewhere.
                municipality_id = (
                    municipality.pk
                    if municipality is not None
                    else chosen.municipality_id
                )
                field.shown_queryset = rows.filter(
                    Q(municipality_id=municipality_id) | Q(pk=chosen.pk)
                )
            elif municipality is not None:
                field.shown_queryset = rows.filter(municipality_id=municipality.pk)
            elif not few:
                field.shown_queryset = False
                field.hint = hint

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "municipality": data.get("gemeente"),
            "year": data.get("jaar"),
            "scheme": data.get("regeling"),
            "theme": data.get("thema"),
            "organisation": (data.get("organisatie") or "").strip(),
            "neighbourhood": data.get("wijk"),
        }


class DashboardForm(forms.Form):
    bound_field_class = FilterBoundField

    gemeente = RowsChoiceField(
        label=_("Gemeente"),
        # Set per form: ``municipalities(public=…)``.
        queryset=Municipality.objects.none(),
        empty_label=None,
    )
    beleidskader = RowsChoiceField(
        label=_("Beleidskader"),
        queryset=PolicyFramework.objects.none(),
        empty_label=_("Alle beleidskaders"),
    )
    jaar = forms.TypedChoiceField(
        label=_("Jaar"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self,
        *args,
        municipality=None,
        municipalities=None,
        years=(),
        public: bool = True,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].validate_from_rows = True
        self.fields["gemeente"].queryset = self.municipalities(public=public)
        if municipalities is not None:
            # Already read by the view to find the municipality: no second query.
            self.fields["gemeente"].set_rows(municipalities)
        if municipality is not None:
            frameworks = PolicyFramework.objects.filter(municipality=municipality)
            if public:
                frameworks = frameworks.public()
            self.fields["beleidskader"].queryset = frameworks.order_by(
                "-period_start", "title"
            )
        self.fields["jaar"].choices = [(str(y), str(y)) for y in years]

    @staticmethod
    def municipalities(*, public: bool) -> QuerySet[Municipality]:
        """Those with schemes or a budget line: public ones, or any (the admin)."""
        schemes, lines = SubsidyScheme.objects.all(), BudgetLine.objects.all()
        if public:
            schemes, lines = schemes.public(), lines.public()
        return Municipality.objects.filter(
            Exists(schemes.filter(municipality=OuterRef("pk")))
            | Exists(lines.filter(framework__municipality=OuterRef("pk")))
        ).order_by("name")


class RegisterImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("Subsidieregister"),
        help_text=_("Een CSV-, XLSX- of JSON-bestand met één rij per subsidie."),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.all(),
        help_text=_("De gemeente die de subsidies verleende."),
    )
    beleidskader = forms.ModelChoiceField(
        label=_("Beleidskader"),
        queryset=PolicyFramework.objects.select_related("municipality"),
        required=False,
        help_text=_("Nieuwe regelingen komen onder dit beleidskader; mag leeg."),
    )

    def clean_bestand(self):
        """The checks of every import upload: size, type from the content, unpacked
        size (core/uploads/); the row limit applies while the file is read."""
        upload = self.cleaned_data["bestand"]
        detected = validate_upload(upload, "import")
        if detected.key not in REGISTER_TYPES:
            raise ValidationError(
                _("Een subsidieregister kan CSV, XLSX of JSON zijn, geen %(type)s."),
                code="wrong_type",
                params={"type": detected.label},
            )
        return upload

    def clean(self):
        data = super().clean()
        framework, municipality = data.get("beleidskader"), data.get("gemeente")
        if framework and municipality and framework.municipality_id != municipality.pk:
            self.add_error(
                "beleidskader",
                _("Dit beleidskader is van %(other)s, niet van %(municipality)s.")
                % {"other": framework.municipality, "municipality": municipality},
            )
        return data


class ConfirmImportForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    filename = forms.CharField(widget=forms.HiddenInput, max_length=255)
    gemeente = forms.ModelChoiceField(
        queryset=Municipality.objects.all(), widget=forms.HiddenInput
    )
    beleidskader = forms.ModelChoiceField(
        queryset=PolicyFramework.objects.all(),
        widget=forms.HiddenInput,
        required=False,
    )
