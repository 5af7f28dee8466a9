"""Factories shared by every test folder: users, and Dutch fake data."""

import factory
from factory.django import DjangoModelFactory

# The portal is Dutch: names, addresses and phone numbers should look Dutch.
LOCALE = "nl_NL"


def dutch(provider: str, **kwargs) -> factory.Faker:
    """A Faker declaration in the Dutch locale."""
    return factory.Faker(provider, locale=LOCALE, **kwargs)


def numbered() -> factory.Sequence:
    """A number for a numbered part (goal, recommendation …), from 1 upwards.

    Parts are numbered per parent; each factory-made part gets a parent of its own,
    so a sequence keeps the numbers unique where two share one.
    """
    return factory.Sequence(lambda n: n % 30_000 + 1)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "auth.User"

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = dutch("first_name")
    last_name = dutch("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.nl")
    password = factory.django.Password("een-lang-testwachtwoord")


class StaffUserFactory(UserFactory):
    """A municipal official who may open the admin."""

    username = factory.Sequence(lambda n: f"beleidsmedewerker{n}")
    is_staff = True


def model_factories() -> dict[type, type[DjangoModelFactory]]:
    """The factory for each model of the three apps, found in their factory modules."""
    # Imported here: those modules import this one.
    from testdata import advisories, neighbourhoods, policy

    found = {}
    for module in (neighbourhoods, policy, advisories):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DjangoModelFactory)
                and value.__module__ == module.__name__
            ):
                found[value._meta.get_model_class()] = value
    return found
