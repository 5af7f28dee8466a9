"""The filter forms of the public lists; their field names are the Dutch URL parameters.

Every filter is a GET parameter, so a filtered list is a link that can be shared. An
unknown value (a neighbourhood that no longer exists) is reported next to the field
and ignored, while the other filters still apply.
"""

from html import escape
from typing import Any

from django import forms
from django.db.models import Exists, Q, QuerySet, Value
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
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

    # The column that labels an option (the models' __str__); see option_pairs.
    label_field = "name"

    def option_pairs(self) -> list[tuple[str, Any]]:
        """(value, label) of every option, read as tuples: the form shows hundreds of
        municipalities, and a model instance per option costs more than the query.

        A PublicFilterForm reads those of all its fields in one query
        (read_option_pairs); a field on its own reads its own.
        """
        if not hasattr(self, "_option_pairs"):
            form = getattr(self, "_form", None)
            if form is not None:
                form.read_option_pairs()
            else:
                self._option_pairs = list(self.option_rows())
        pairs = list(self._option_pairs)
        if self.empty_label is not None:
            pairs.insert(0, ("", self.empty_label))
        return pairs

    def option_rows(self, key: str = "") -> QuerySet:
        """(value, label) rows, or (key, value, label) with a key, by label."""
        columns = ((key,) if key else ()) + (self.to_field_name, self.label_field)
        return (
            self.queryset.annotate(filter_key=Value(key))
            .values_list(*("filter_key" if c == key else c for c in columns))
            .order_by(self.label_field)
        )

    def bind_form(self, form: forms.Form, name: str) -> None:
        """Called by the form on its own copy of the field."""
        self._form, self._name = form, name


class NeighbourhoodChoiceIterator(FetchOnceChoiceIterator):
    """The options the field shows (NeighbourhoodChoiceField.shown), not all it
    accepts."""

    def _fetch(self) -> list:
        return self.field.shown()


class NeighbourhoodChoiceField(SlugChoiceField):
    """Neighbourhoods labelled with their municipality, which names can repeat.

    Any neighbourhood's slug is accepted (a shared link keeps working), but the select
    shows only the neighbourhoods of the chosen municipality, or of the chosen
    neighbourhood's municipality. With neither chosen it shows all of them, as long as
    there are at most `limit`; a country has thousands, so beyond that it offers only
    "Alle" with a hint to choose a municipality first. The options cost one query.
    """

    iterator = NeighbourhoodChoiceIterator
    # Most options the select shows when no municipality narrows them down.
    limit = 300
    # The field of the same form whose municipality narrows the options.
    municipality_field = "gemeente"
    hint_text = _("Kies eerst een gemeente; dan staan hier haar wijken.")

    def label_from_instance(self, obj: Neighbourhood) -> str:
        return f"{obj.name} ({obj.municipality.name})"

    def option_pairs(self) -> list[tuple[str, Any]]:
        pairs = [(row.slug, self.label_from_instance(row)) for row in self.shown()]
        if self.empty_label is not None:
            pairs.insert(0, ("", self.empty_label))
        return pairs

    def shown(self) -> list[Neighbourhood]:
        """The neighbourhoods the select offers, read once."""
        if not hasattr(self, "_shown"):
            self._shown, self._too_many = self._read_shown()
        return self._shown

    @property
    def hint(self) -> str:
        """Why the select offers no neighbourhoods: there are too many to list."""
        self.shown()
        return self.hint_text if self._too_many else ""

    def _read_shown(self) -> tuple[list[Neighbourhood], bool]:
        municipality, chosen = self._scope()
        rows = self.queryset
        if chosen is not None:
            # The chosen one stays visible (and selected), even in another municipality.
            municipality_id = (
                municipality.pk if municipality is not None else chosen.municipality_id
            )
            return list(
                rows.filter(Q(municipality_id=municipality_id) | Q(pk=chosen.pk))
            ), False
        if municipality is not None:
            return list(rows.filter(municipality_id=municipality.pk)), False
        # All, unless there are more than `limit`: then none, without sorting them all
        # (a one-time filter; the database stops after limit + 1 index entries).
        more_than_limit = Exists(
            Neighbourhood.objects.order_by()[self.limit : self.limit + 1]
        )
        shown = list(rows.filter(~more_than_limit))
        # No rows either means too many, or none at all (then no hint is needed,
        # but the hint is harmless; telling them apart would cost a query).
        return shown, not shown

    def _scope(self) -> tuple[Municipality | None, Neighbourhood | None]:
        """The valid municipality and neighbourhood of the bound form, if any."""
        form = getattr(self, "_form", None)
        if form is None or not form.is_bound:
            return None, None
        form.is_valid()
        cleaned = getattr(form, "cleaned_data", {})
        return cleaned.get(self.municipality_field), cleaned.get(self._name)


def _choices_with_any(choices) -> list[tuple[str, Any]]:
    return [("", ANY), *choices]


def options_html(pairs, current: str) -> SafeString:
    """The <option>s for (value, label) pairs, ``current`` selected. Built in Python:
    a select can have hundreds of options, and a template loop renders each in
    several steps. (The subsidy register's filters use it too.)"""
    return mark_safe(
        "".join(
            f'<option value="{escape(str(choice))}"'
            f"{' selected' if str(choice) == current else ''}>"
            f"{escape(str(label))}</option>"
            for choice, label in pairs
        )
    )


class FilterBoundField(BoundField):
    """A filter as the form template shows it."""

    @cached_property
    def options_html(self) -> SafeString:
        """The <option>s of a select, the current value selected.

        Built here rather than in a template loop: a select can have hundreds of
        options (the municipalities), and a loop renders each in several steps.
        """
        value = self.value()
        current = "" if value is None else str(value)
        field = self.field
        # A field that reads its rows once gives them as pairs (no query of its own).
        pairs = (
            field.option_pairs() if hasattr(field, "option_pairs") else field.choices
        )
        return options_html(pairs, current)

    @property
    def hint(self) -> str:
        """An explanation below the field (a NeighbourhoodChoiceField's), or ""."""
        return getattr(self.field, "hint", "")


class PublicFilterForm(forms.Form):
    """Shared behaviour: valid values only, and which filters are active."""

    bound_field_class = FilterBoundField

    # Fields that are not filters but list settings (sorting).
    settings_fields: tuple[str, ...] = ("sorteer",)

    def __init__(self, data=None, **kwargs: Any) -> None:
        super().__init__(data if data is not None else {}, **kwargs)
        for name, field in self.fields.items():
            field.required = False
            if isinstance(field, SlugChoiceField):
                field.bind_form(self, name)

    def read_option_pairs(self) -> None:
        """The options of every slug field but the wijk (NeighbourhoodChoiceField,
        whose options depend on the other values), in one query: a UNION ALL of
        (field name, slug, label) rows, by field and label."""
        fields = {
            name: field
            for name, field in self.fields.items()
            if isinstance(field, SlugChoiceField)
            and not isinstance(field, NeighbourhoodChoiceField)
        }
        parts = [field.option_rows(name).order_by() for name, field in fields.items()]
        for field in fields.values():
            field._option_pairs = []
        if not parts:
            return
        rows = parts[0].union(*parts[1:], all=True).order_by("filter_key", "name")
        for key, value, label in rows:
            fields[key]._option_pairs.append((value, label))

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
