"""Factories for the social map: geography, places, organisations, activities, teams.

CBS codes come from sequences in ranges no real municipality uses (GM5000 and up),
so factories and the seed data can share a database.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import factory
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from factory import fuzzy
from factory.django import DjangoModelFactory

from neighbourhoods.models import (
    Activity,
    ActivitySchedule,
    Booking,
    BookingKind,
    BookingSeries,
    Buurt,
    District,
    Facility,
    FacilityFunction,
    FacilityKind,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    OpeningException,
    OpeningHours,
    Organisation,
    OrganisationKind,
    OrganisationRole,
    Population,
    Room,
    SocialAgendaItem,
    TargetGroup,
    TeamMember,
    Theme,
    Weekday,
)
from testdata.factories import dutch

# Bookings from the sequence follow each other from here, an hour apart.
FIRST_BOOKING_START = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)


def booking_period(n: int) -> DateTimeTZRange:
    """The n-th booking slot: one hour, with an hour free before the next one."""
    start = FIRST_BOOKING_START + timedelta(hours=2 * n)
    return DateTimeTZRange(start, start + timedelta(hours=1), "[)")


# GEOGRAPHY
# ------------------------------------------------------------------------------


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality

    cbs_code = factory.Sequence(lambda n: f"GM{5000 + n % 5000:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Stadsdeel {n}")
    slug = factory.Sequence(lambda n: f"stadsdeel-{n}")


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    municipality = factory.SubFactory(MunicipalityFactory)
    district = factory.SubFactory(
        DistrictFactory, municipality=factory.SelfAttribute("..municipality")
    )
    cbs_code = factory.Sequence(lambda n: f"WK{500000 + n % 500000:06d}")
    cbs_year = 2024
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")


class BuurtFactory(DjangoModelFactory):
    class Meta:
        model = Buurt

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    cbs_code = factory.Sequence(lambda n: f"BU{50000000 + n % 50000000:08d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")


class PopulationFactory(DjangoModelFactory):
    """Inhabitants of a whole municipality; pass `neighbourhood` for a wijk."""

    class Meta:
        model = Population

    municipality = factory.SubFactory(MunicipalityFactory)
    neighbourhood = None
    year = factory.Sequence(lambda n: 2000 + n % 100)
    inhabitants = fuzzy.FuzzyInteger(1_000, 250_000)


# VOCABULARIES
# ------------------------------------------------------------------------------


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Doelgroep {n}")
    slug = factory.Sequence(lambda n: f"doelgroep-{n}")
    description = dutch("sentence")


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    description = dutch("sentence")


class FacilityFunctionFactory(DjangoModelFactory):
    class Meta:
        model = FacilityFunction

    name = factory.Sequence(lambda n: f"Functie {n}")
    slug = factory.Sequence(lambda n: f"functie-{n}")


# ORGANISATIONS AND FACILITIES
# ------------------------------------------------------------------------------


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = dutch("company")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = OrganisationKind.WELFARE
    roles = factory.LazyFunction(lambda: [OrganisationRole.PROVIDER])
    municipality = factory.SubFactory(MunicipalityFactory)
    website = dutch("url")
    email = dutch("company_email")
    phone = dutch("phone_number")

    class Params:
        # Registered with the Chamber of Commerce (KvK).
        registered = factory.Trait(
            kvk_number=factory.Sequence(lambda n: f"{50000000 + n % 50000000:08d}")
        )
        informal = factory.Trait(kind=OrganisationKind.RESIDENTS, is_formal=False)


class FacilityFactory(DjangoModelFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Wijkcentrum {n}")
    slug = factory.Sequence(lambda n: f"plek-{n}")
    kind = FacilityKind.COMMUNITY_CENTRE
    municipality = factory.SubFactory(MunicipalityFactory)
    neighbourhood = factory.SubFactory(
        NeighbourhoodFactory, municipality=factory.SelfAttribute("..municipality")
    )
    street = dutch("street_name")
    house_number = dutch("building_number")
    postcode = dutch("postcode")
    city = dutch("city")
    latitude = fuzzy.FuzzyDecimal(52.0, 52.5, precision=6)
    longitude = fuzzy.FuzzyDecimal(5.0, 5.5, precision=6)
    phone = dutch("phone_number")

    class Params:
        heart = factory.Trait(is_heart=True)
        subsidised = factory.Trait(
            is_subsidised=True,
            operator=factory.SubFactory(
                OrganisationFactory,
                municipality=factory.SelfAttribute("..municipality"),
            ),
        )


class OpeningHoursFactory(DjangoModelFactory):
    class Meta:
        model = OpeningHours

    facility = factory.SubFactory(FacilityFactory)
    weekday = factory.Iterator(Weekday.values)
    opens = time(9, 0)
    closes = time(17, 0)


class OpeningExceptionFactory(DjangoModelFactory):
    """A day the facility is closed; the `special_hours` trait opens it briefly."""

    class Meta:
        model = OpeningException

    facility = factory.SubFactory(FacilityFactory)
    date = factory.Sequence(lambda n: date(2030, 1, 1) + timedelta(days=n))
    is_closed = True
    reason = "Onderhoud"

    class Params:
        special_hours = factory.Trait(
            is_closed=False, opens=time(10, 0), closes=time(14, 0)
        )


class RoomFactory(DjangoModelFactory):
    class Meta:
        model = Room

    facility = factory.SubFactory(FacilityFactory)
    name = factory.Sequence(lambda n: f"Zaal {n}")
    capacity = 30
    area_m2 = Decimal("45.0")


class BookingSeriesFactory(DjangoModelFactory):
    class Meta:
        model = BookingSeries

    room = factory.SubFactory(RoomFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = BookingKind.SUBSIDISED
    purpose = "Koffieochtend"
    weekday = Weekday.TUESDAY
    starts_at = time(10, 0)
    ends_at = time(12, 0)
    first_date = date(2030, 1, 1)
    last_date = date(2030, 6, 30)


class BookingFactory(DjangoModelFactory):
    """A booking in a slot of its own, so bookings never overlap in one room."""

    class Meta:
        model = Booking

    room = factory.SubFactory(RoomFactory)
    period = factory.Sequence(booking_period)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = BookingKind.SUBSIDISED
    purpose = "Bewonersoverleg"

    class Params:
        ad_hoc = factory.Trait(kind=BookingKind.AD_HOC, organisation=None)
        commercial = factory.Trait(kind=BookingKind.COMMERCIAL)


# ACTIVITIES, AGENDA AND TEAMS
# ------------------------------------------------------------------------------


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Buurtmaaltijd {n}")
    description = dutch("paragraph")
    organisation = factory.SubFactory(OrganisationFactory)
    facility = factory.SubFactory(FacilityFactory)
    cost = Decimal("2.50")
    contact_email = dutch("email")

    class Params:
        free = factory.Trait(cost=Decimal("0"))


class ActivityScheduleFactory(DjangoModelFactory):
    class Meta:
        model = ActivitySchedule

    activity = factory.SubFactory(ActivityFactory)
    weekday = Weekday.WEDNESDAY
    starts_at = time(17, 30)
    ends_at = time(19, 30)


class NeighbourhoodTeamFactory(DjangoModelFactory):
    class Meta:
        model = NeighbourhoodTeam

    name = factory.Sequence(lambda n: f"Sociaal wijkteam {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    planned_fte = Decimal("6.00")
    email = factory.Sequence(lambda n: f"wijkteam{n}@example.nl")


class SocialAgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = SocialAgendaItem

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    title = factory.Sequence(lambda n: f"Eenzaamheid onder ouderen {n}")
    description = dutch("paragraph")
    priority = 2
    source = "Wijkschouw"


class TeamMemberFactory(DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(NeighbourhoodTeamFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..team.municipality")
    )
    role = factory.Iterator(
        ["Wijkverpleegkundige", "Maatschappelijk werker", "Opbouwwerker"]
    )
    fte = Decimal("0.80")
    starts_on = date(2024, 1, 1)
