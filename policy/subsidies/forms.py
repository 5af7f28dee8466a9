"""Forms of the subsidy pages: register filters, dashboard choice, register import."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Municipality, Neighbourhood, Theme

from ..models import Grant, PolicyFramework, SubsidyScheme

MAX_UPLOAD = 20 * 1024 * 1024
UPLOAD_SUFFIXES = (".csv", ".txt", ".xlsx", ".json")


def _year_choices(queryset) -> list[tuple[str, str]]:
    years = queryset.order_by("-year").values_list("year", flat=True).distinct()
    return [("", _("Alle jaren"))] + [(str(y), str(y)) for y in years]


class RegisterFilterForm(forms.Form):
    """The filters of the public register; every field optional, read from GET."""

    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.filter(schemes__isnull=False).distinct(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle gemeenten"),
    )
    jaar = forms.TypedChoiceField(
        label=_("Jaar"), coerce=int, required=False, empty_value=None
    )
    regeling = forms.ModelChoiceField(
        label=_("Regeling"),
        queryset=SubsidyScheme.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle regelingen"),
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.filter(grants__isnull=False).distinct(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle thema's"),
    )
    wijk = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.filter(grants__isnull=False).distinct(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle wijken"),
    )
    organisatie = forms.CharField(
        label=_("Organisatie"),
        required=False,
        max_length=200,
        help_text=_("Een deel van de naam, of het KvK-nummer."),
    )

    def __init__(self, *args, grants=None, **kwargs):
        super().__init__(*args, **kwargs)
        grants = grants if grants is not None else Grant.objects.all()
        municipality_slug = (self.data.get("gemeente") or "").strip()
        schemes = SubsidyScheme.objects.filter(grants__isnull=False).distinct()
        if municipality_slug:
            schemes = schemes.filter(municipality__slug=municipality_slug)
            grants = grants.filter(scheme__municipality__slug=municipality_slug)
        self.fields["regeling"].queryset = schemes.order_by("name")
        self.fields["jaar"].choices = _year_choices(grants)
        self.fields["wijk"].queryset = self.fields["wijk"].queryset.select_related(
            "municipality"
        )
        self.fields["wijk"].label_from_instance = lambda n: (
            f"{n.name} ({n.municipality.name})"
        )

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
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.filter(
            Q(schemes__isnull=False) | Q(frameworks__budget_lines__isnull=False)
        ).distinct(),
        to_field_name="slug",
        required=False,
        empty_label=None,
    )
    beleidskader = forms.ModelChoiceField(
        label=_("Beleidskader"),
        queryset=PolicyFramework.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle beleidskaders"),
    )
    jaar = forms.TypedChoiceField(
        label=_("Jaar"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, municipality=None, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.fields["beleidskader"].queryset = PolicyFramework.objects.filter(
                municipality=municipality
            ).order_by("-period_start", "title")
        self.fields["jaar"].choices = [(str(y), str(y)) for y in years]


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
        upload = self.cleaned_data["bestand"]
        if upload.size > MAX_UPLOAD:
            raise ValidationError(
                _("Het bestand is groter dan 20 MB; splits het register op.")
            )
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise ValidationError(
                _(
                    "Kies een bestand in CSV, XLSX of JSON; “%(name)s” is geen van drieën."
                )
                % {"name": upload.name}
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
