"""core.choices.ChoiceLabelsMixin: get_FOO_display() from a dict built once."""

from django.utils import translation

from neighbourhoods.models import Facility, FacilityKind, OpeningHours, Weekday


def test_display_is_the_label_in_the_language_of_the_moment():
    place = Facility(kind=FacilityKind.NEIGHBOURHOOD_HOUSE)
    with translation.override("nl"):
        assert place.get_kind_display() == "Buurthuis"
    with translation.override("en"):
        # The dict keeps the lazy labels: built while Dutch was active, it still
        # translates to the language asked later.
        assert place.get_kind_display() == "Neighbourhood house"
    assert Facility._meta.get_field("kind").__dict__["_choice_labels"]


def test_integer_choices_and_unknown_values():
    hours = OpeningHours(weekday=Weekday.WEDNESDAY)
    with translation.override("nl"):
        assert hours.get_weekday_display() == "woensdag"
    # Like Django: a value that is not a choice is shown as it is.
    assert Facility(kind="onbekend").get_kind_display() == "onbekend"


def test_every_model_of_the_apps_shows_its_choices_from_the_dict():
    from django.apps import apps
    from pghistory.models import Event

    checked = 0
    for label in ("neighbourhoods", "policy", "advisories", "audit"):
        for model in apps.get_app_config(label).get_models():
            # A row's history (core.history) keeps its values; it shows no labels.
            if issubclass(model, Event):
                continue
            for field in model._meta.concrete_fields:
                if not field.choices or not hasattr(model, f"get_{field.name}_display"):
                    continue
                value = field.flatchoices[0][0]
                instance = model(**{field.attname: value})
                getattr(instance, f"get_{field.name}_display")()
                assert "_choice_labels" in field.__dict__, (
                    f"{model.__name__}.{field.name}"
                )
                checked += 1
    assert checked > 20
