"""The filter forms of the public lists; their field names are the Dutch URL parameters.

Every filter is a GET parameter, so a filtered list is a link that can be shared. An
unknown value (a neighbourhood that no longer exists) is reported next to the field
and ignored, while the other filters still apply.
"""

from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import (
    FacilityFunction,
    FacilityKind,
    Municipality,
    Neighbourhood,
    OrganisationKind,
    TargetGroup,
    Theme,
    Weekday,
)

ANY = pgettext_lazy("filter", "Alle")


class FetchOnceChoiceIterator(ModelChoiceIterator):
    """Reads the rows once: a template's {% for %} takes the length, then iterates,
    which would otherwise be a COUNT and a SELECT per field."""

    def _fetch(self) -> list:
        if not hasattr(self, "_rows"):
            self._rows = list(self.queryset)
        return self._rows

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self._fetch():
            yield self.choice(row)

    def __len__(self) -> int:
        return len(self._fetch()) + (self.field.empty_label is not None)


class SlugChoiceField(forms.ModelChoiceField):
    """A choice of a row by its slug, as it appears in the URL."""

    iterator = FetchOnceChoiceIterator

    def __init__(self, queryset, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", ANY)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Deze keuze bestaat niet (meer); kies een andere.")},
        )
        super().__init__(queryset, **kwargs)


class NeighbourhoodChoiceField(SlugChoiceField):
    """Neighbourhoods labelled with their municipality, which names can repeat."""

    def label_from_instance(self, obj: Neighbourhood) -> str:
        return f"{obj.name} ({obj.municipality.name})"


def _choices_with_any(choices) -> list[tuple[str, Any]]:
    return [("", ANY), *choices]


class PublicFilterForm(forms.Form):
    """Shared behaviour: valid values only, and which filters are active."""

    # Fields that are not filters but list settings (sorting).
    settings_fields: tuple[str, ...] = ("sorteer",)

    def __init__(self, data=None, **kwargs: Any) -> None:
        super().__init__(data if data is not None else {}, **kwargs)
        for field in self.fields.values():
            field.required = False

    @property
    def filters(self) -> dict[str, Any]:
        """The valid, non-empty values; invalid ones are left out (and reported)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: value
            for name, value in cleaned.items()
            if value not in (None, "", False) and name not in self.settings_fields
        }

    @property
    def sort(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("sorteer") or ""


class FacilityFilterForm(PublicFilterForm):
    """Filters of /plekken/."""

    SORTS = [
        ("", _("Naam")),
        ("wijk", _("Wijk")),
        ("soort", _("Soort")),
    ]

    q = forms.CharField(label=_("Zoekwoorden"), max_length=200)
    gemeente = SlugChoiceField(
        Municipality.objects.order_by("name"), label=_("Gemeente")
    )
    wijk = NeighbourhoodChoiceField(
        Neighbourhood.objects.select_related("municipality")
        .defer("boundary")
        .order_by("name", "municipality__name"),
        label=_("Wijk"),
    )
    soort = forms.ChoiceField(
        label=_("Soort plek"), choices=_choices_with_any(FacilityKind.choices)
    )
    functie = SlugChoiceField(FacilityFunction.objects.all(), label=_("Functie"))
    doelgroep = SlugChoiceField(TargetGroup.objects.all(), label=_("Doelgroep"))
    thema = SlugChoiceField(Theme.objects.all(), label=_("Thema"))
    nu_open = forms.BooleanField(label=_("Nu open"))
    toegankelijk = forms.BooleanField(label=_("Rolstoeltoegankelijk"))
    sorteer = forms.ChoiceField(label=_("Sorteer op"), choices=SORTS)


class ActivityFilterForm(PublicFilterForm):
    """Filters of /activiteiten/."""

    FREE, PAID = "gratis", "betaald"
    SORTS = [
        ("", _("Titel")),
        ("start", _("Startdatum")),
        ("kosten", _("Kosten")),
    ]

    q = forms.CharField(label=_("Zoekwoorden"), max_length=200)
    gemeente = SlugChoiceField(
        Municipality.objects.order_by("name"), label=_("Gemeente")
    )
    wijk = NeighbourhoodChoiceField(
        Neighbourhood.objects.select_related("municipality")
        .defer("boundary")
        .order_by("name", "municipality__name"),
        label=_("Wijk"),
    )
    doelgroep = SlugChoiceField(TargetGroup.objects.all(), label=_("Doelgroep"))
    thema = SlugChoiceField(Theme.objects.all(), label=_("Thema"))
    dag = forms.TypedChoiceField(
        label=_("Dag van de week"),
        choices=_choices_with_any(Weekday.choices),
        coerce=int,
        empty_value=None,
    )
    kosten = forms.ChoiceField(
        label=_("Kosten"),
        choices=[("", ANY), (FREE, _("Gratis")), (PAID, _("Betaald"))],
    )
    sorteer = forms.ChoiceField(label=_("Sorteer op"), choices=SORTS)


class OrganisationFilterForm(PublicFilterForm):
    """Filters of /organisaties/."""

    FORMAL, INFORMAL = "formeel", "informeel"

    q = forms.CharField(label=_("Zoekwoorden"), max_length=200)
    gemeente = SlugChoiceField(
        Municipality.objects.order_by("name"), label=_("Gemeente")
    )
    wijk = NeighbourhoodChoiceField(
        Neighbourhood.objects.select_related("municipality")
        .defer("boundary")
        .order_by("name", "municipality__name"),
        label=_("Wijk"),
    )
    soort = forms.ChoiceField(
        label=_("Soort organisatie"),
        choices=_choices_with_any(OrganisationKind.choices),
    )
    vorm = forms.ChoiceField(
        label=_("Formeel of informeel"),
        choices=[
            ("", ANY),
            (FORMAL, _("Formele organisaties")),
            (INFORMAL, _("Informele groepen")),
        ],
    )
    settings_fields = ()
