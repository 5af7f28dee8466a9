"""Seed data for the ground floor, as the source documents give it.

Sources (copies live outside the repository, in ../shared/sources):
- the Amersfoort vision "Welzijn in Amersfoort 2010-2015" (2010),
- De Schoor's note "Welzijn in het hart van het sociale domein" (Almere, 2014),
- Almere's "Werken aan een toekomstbestendig welzijnsbeleid" (2020),
- the ASD's advice on "WELzijn in Almere" (2021) and on "Sociale staat van Almere" (2023).

Only what the texts say is loaded: no street addresses, coordinates or opening hours,
because none of the documents gives them. `load()` is idempotent: every row is keyed
on a natural key (CBS code or slug) and many-to-many links are set, not added.

`load_demo()` (`manage.py seed --demo`, used by `make run`) adds a separate, clearly
fictional layer so the citizen's journey can be tried: see the demo section below.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import time
from decimal import Decimal

from django.db.models import Model, Q

from .geojson import geometry_marker_point
from .models import (
    Activity,
    ActivitySchedule,
    Facility,
    FacilityFunction,
    FacilityKind,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Organisation,
    OrganisationKind,
    OrganisationRole,
    PolicyField,
    Room,
    TargetGroup,
    Theme,
)

ALMERE = "GM0034"
AMERSFOORT = "GM0307"

MUNICIPALITIES: dict[str, tuple[str, str]] = {
    ALMERE: ("Almere", "almere"),
    AMERSFOORT: ("Amersfoort", "amersfoort"),
}

# Slugs other floors refer to (policy's framework target groups and themes).
VULNERABLE_RESIDENTS = "kwetsbare-bewoners"
ENTERPRISING_RESIDENTS = "initiatiefrijke-bewoners"
VULNERABLE_YOUTH = "kwetsbare-jongeren"
ENTERPRISING_YOUTH = "initiatiefrijke-jongeren"
SENIORS = "senioren"
CHILDREN = "kinderen"
INFORMAL_CARERS = "mantelzorgers"
VOLUNTEERS = "vrijwilligers"

# (slug, name, description). Descriptions quote the Amersfoort vision (§1.3, §2.1,
# §2.2.1) and, for carers and volunteers, Almere's announcement of 2020.
TARGET_GROUPS: list[tuple[str, str, str]] = [
    (
        VULNERABLE_RESIDENTS,
        "Kwetsbare bewoners",
        "Met de juiste vorm van ondersteuning kunnen mensen hun leven beter vormgeven "
        "en kunnen zij grip krijgen op hun eigen leven en invulling geven aan hun "
        "bestaan. Als het sociale netwerk rondom kwetsbare bewoners wordt versterkt, "
        "wordt mogelijk minder snel een beroep gedaan op geïndiceerde professionele "
        "zorg.",
    ),
    (
        ENTERPRISING_RESIDENTS,
        "Initiatiefrijke bewoners",
        "Bewoners die zich betrokken tonen bij de samenleving en zich actief inzetten "
        "om zelf en met elkaar hun stad tot een mooie en prettige stad te maken. Het "
        "welzijnswerk signaleert hun initiatieven, erkent ze, biedt kansen, coacht en "
        "verleidt hen om ook iets te betekenen voor de kwetsbare groepen.",
    ),
    (
        VULNERABLE_YOUTH,
        "Kwetsbare jongeren",
        "Wat voor kwetsbare bewoners geldt, geldt ook voor kwetsbare jongeren. Het is "
        "van belang dat het welzijnswerk werkt aan het versterken van het sociale "
        "netwerk rondom deze jongeren en als het nodig is de kwetsbare jongeren "
        "toeleidt naar onderwijs, arbeid en jeugdhulpverlening.",
    ),
    (
        ENTERPRISING_YOUTH,
        "Initiatiefrijke jongeren",
        "Jongeren die willen participeren, vaardigheden ontwikkelen, elkaar ontmoeten, "
        "netwerken opbouwen en zich creatief ontplooien; het jongerenwerk biedt hun "
        "voorzieningen en soms coaching of simpelweg een plek.",
    ),
    (
        SENIORS,
        "Senioren (zilveren kracht)",
        "De 'zilveren kracht': de capaciteiten en ervaringen van senioren, die zij "
        "gedurende hun leven hebben opgebouwd en ontwikkeld. Zij kunnen een "
        "belangrijke bindende factor zijn in hun buurt en een rol spelen in het "
        "betrekken van jongere generaties.",
    ),
    (
        CHILDREN,
        "Kinderen",
        "Het welzijnswerk biedt laagdrempelige, collectieve voorzieningen aan voor met "
        "name kinderen, jongeren, ouderen en kwetsbare volwassenen.",
    ),
    (
        INFORMAL_CARERS,
        "Mantelzorgers",
        "Het versterken en faciliteren van mantelzorgers hoort bij het welzijnsbeleid.",
    ),
    (
        VOLUNTEERS,
        "Vrijwilligers",
        "Mensen die 'zomaar' als vrijwilligers andere mensen willen helpen en samen "
        "sociale netwerken vormen om met elkaar activiteiten te organiseren en te "
        "ondernemen. Het versterken en faciliteren van vrijwilligers hoort bij het "
        "welzijnsbeleid.",
    ),
]

# Themes from Almere's announcement of 2020; sport, culture and health have policy
# frameworks of their own, with which the welfare framework makes cross-links.
WELFARE_THEMES: list[tuple[str, str, str]] = [
    ("buurtontmoeting", "Buurtontmoeting", "(Buurt)ontmoeting."),
    (
        "buurtinitiatieven",
        "Buurtinitiatieven",
        "Initiatieven van bewoners in de buurt.",
    ),
    (
        "informele-ondersteuning",
        "Informele ondersteuning",
        "Informele vormen van ondersteuning.",
    ),
    (
        "mantelzorg",
        "Mantelzorg",
        "Het versterken en faciliteren van mantelzorgers.",
    ),
    (
        "vrijwillige-inzet",
        "Vrijwillige inzet",
        "Het versterken en faciliteren van vrijwilligers.",
    ),
]
CROSS_LINK_THEMES: list[tuple[str, str, str]] = [
    ("sport", "Sport", PolicyField.SPORT),
    ("cultuur", "Cultuur", PolicyField.CULTURE),
    ("gezondheid", "Gezondheid", PolicyField.HEALTH),
]
CROSS_LINK_DESCRIPTION = (
    "Draagt op eigen manier bij aan meedoen en ontmoeting; kent een eigen beleidskader "
    "en eigen prioriteiten."
)
# The 2020 text says these fields contribute to "meedoen en ontmoeting".
CROSS_LINKED_TO = "buurtontmoeting"

# The functions the Amersfoort vision gives places (§1.2, §1.3, §2.2.4).
FUNCTIONS: list[tuple[str, str]] = [
    ("ontmoeting", "Ontmoeting"),
    ("ondersteuning", "Ondersteuning"),
    ("informatie-en-advies", "Informatie en advies"),
    ("activiteiten", "Deelname aan activiteiten"),
    ("signalering", "Signalering"),
    ("talentontwikkeling", "Talentontwikkeling"),
    ("loketfunctie", "Lichte loketfunctie"),
    ("cultureel-ankerpunt", "Cultureel ankerpunt"),
]


@dataclass(frozen=True)
class OrganisationSeed:
    slug: str
    name: str
    kind: str
    municipality: str | None
    description: str
    roles: tuple[str, ...] = ()
    # The Amersfoort vision calls subsidised providers "formeel" and the others,
    # clubs and scouting included, "informeel" (§3.1); this follows the vision.
    is_formal: bool = True
    is_subsidised: bool = False
    active_in: tuple[str, ...] = ()


PROVIDER = OrganisationRole.PROVIDER
BROKER = OrganisationRole.SOCIAL_BROKER
OPERATOR = OrganisationRole.FACILITY_OPERATOR

ORGANISATIONS: list[OrganisationSeed] = [
    # Amersfoort: "Alle spelers ... hebben in onze ogen de rol van sociaal makelaar".
    OrganisationSeed(
        slug="swa",
        name="Stichting Welzijnswerk Amersfoort (SWA)",
        kind=OrganisationKind.WELFARE,
        municipality=AMERSFOORT,
        roles=(PROVIDER, BROKER, OPERATOR),
        is_subsidised=True,
        description=(
            "Van oudsher bekende welzijnsorganisatie in Amersfoort en uitvoerder van "
            "het welzijnsbeleid onder 'Samen leven in welzijn 2002-2006'. SWA beheert "
            "en exploiteert wijkaccommodaties als plek voor het faciliteren van "
            "ontmoeting in de wijk; volgens de visie 'Welzijn in Amersfoort 2010-2015' "
            "is dat niet langer een primaire taak van de welzijnsorganisatie: 'meer in "
            "mensen, minder in stenen'."
        ),
    ),
    OrganisationSeed(
        slug="de-kamers",
        name="De Kamers",
        kind=OrganisationKind.WELFARE,
        municipality=AMERSFOORT,
        roles=(PROVIDER, BROKER, OPERATOR),
        is_subsidised=True,
        active_in=("Vathorst",),
        description=(
            "Welzijnsorganisatie voor Vathorst. De Buurtkamer voor 55-plussers uit "
            "Vathorst is onderdeel van De Kamers, in samenwerking met Beweging 3.0."
        ),
    ),
    OrganisationSeed(
        slug="versa",
        name="Versa",
        kind=OrganisationKind.WELFARE,
        municipality=AMERSFOORT,
        roles=(PROVIDER, BROKER),
        is_subsidised=True,
        active_in=("Vathorst",),
        description="Welzijnsorganisatie voor het jongerenwerk in Vathorst.",
    ),
    OrganisationSeed(
        slug="beweging-3-0",
        name="Beweging 3.0",
        kind=OrganisationKind.WELFARE,
        municipality=AMERSFOORT,
        roles=(PROVIDER, BROKER),
        is_subsidised=True,
        description=(
            "Aanbieder van ouderenwelzijnswerk in Amersfoort. Werkt met De Kamers "
            "samen in De Buurtkamer voor 55-plussers uit Vathorst."
        ),
    ),
    OrganisationSeed(
        slug="asc-nieuwland",
        name="ASC Nieuwland",
        kind=OrganisationKind.SPORTS_CLUB,
        municipality=AMERSFOORT,
        roles=(PROVIDER, BROKER),
        is_formal=False,
        active_in=("Nieuwland",),
        description=(
            "Voetbalclub. In Nieuwland is sprake van overlastgevende jongeren, onder "
            "wie enkele goede voetballers, op wie het jongerenwerk alleen moeilijk vat "
            "krijgt. De gemeente verkent of deze jongeren bij ASC Nieuwland hun "
            "talenten kunnen leren ontdekken: 'De voetbalclub die de welzijnsfunctie "
            "vervult!'"
        ),
    ),
    OrganisationSeed(
        slug="scouting-sint-anfridus",
        name="Scoutingvereniging Sint Anfridus",
        kind=OrganisationKind.SCOUTING,
        municipality=AMERSFOORT,
        roles=(PROVIDER, BROKER),
        is_formal=False,
        description=(
            "Bij scouting leren kinderen samen te werken, nieuwe ervaringen op te doen "
            "en respect te hebben voor elkaar en de natuur. De wethouder heeft met de "
            "besturen van scouting afgesproken te bekijken of scouting voor veel meer "
            "kinderen wat kan betekenen: 'Scouting als welzijnsorganisatie.'"
        ),
    ),
    OrganisationSeed(
        slug="het-stromenland",
        name="Het Stromenland",
        kind=OrganisationKind.SCHOOL,
        municipality=AMERSFOORT,
        roles=(PROVIDER, BROKER),
        description=(
            "School waar als pilot het jongerenwerk in de school is gebracht in de "
            "vorm van de combinatiefunctionaris. Deze functionaris legt de verbinding "
            "tussen jongeren op straat, thuis en op school."
        ),
    ),
    OrganisationSeed(
        slug="jong-centraal",
        name="Jong Centraal",
        kind=OrganisationKind.OTHER,
        municipality=AMERSFOORT,
        roles=(BROKER,),
        description=(
            "Waar het jongerenwerk kwetsbare jongeren naartoe leidt, naast "
            "jeugdhulpverlening, onderwijs en arbeid."
        ),
    ),
    OrganisationSeed(
        slug="anbo",
        name="ANBO",
        kind=OrganisationKind.OTHER,
        municipality=None,
        roles=(PROVIDER,),
        description=(
            "De algemene ouderenbond. Een werkgroep van de ANBO diende in Amersfoort "
            "een initiatief in om ouderen te ondersteunen bij het ontwikkelen van "
            "computervaardigheden; bij zes ouderensteunpunten in de stad worden "
            "cursussen gegeven, met name door oudere vrijwilligers."
        ),
    ),
    # Almere.
    OrganisationSeed(
        slug="de-schoor",
        name="De Schoor",
        kind=OrganisationKind.WELFARE,
        municipality=ALMERE,
        roles=(PROVIDER,),
        is_subsidised=True,
        description=(
            "Welzijnsorganisatie in Almere die bijdraagt aan presentie, preventie, "
            "participatie en perspectief voor Almeerders, onder meer via opbouwwerk "
            "in de sociale wijkteams. In februari 2014 was de formatie opbouwwerk "
            "toereikend voor acht sociale wijkteams, terwijl het gemeentebestuur er "
            "zestien beoogde. De Schoor had toen al € 700.000 bezuinigd, met voor "
            "2015 nog een taakstelling van ongeveer € 375.000."
        ),
    ),
    OrganisationSeed(
        slug="breed-overleg-plus",
        name="Breed Overleg Plus",
        kind=OrganisationKind.OTHER,
        municipality=ALMERE,
        description=(
            "Gesprekspartner van de gemeente Almere, naast de Adviesraad Sociaal "
            "Domein, bij de herziening van het welzijnsbeleid in 2020."
        ),
    ),
]


@dataclass(frozen=True)
class FacilitySeed:
    slug: str
    name: str
    kind: str
    municipality: str
    description: str
    neighbourhood: str = ""
    operator: str = ""
    is_subsidised: bool = False
    target_groups: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


FACILITIES: list[FacilitySeed] = [
    # Amersfoort vision §2.2.3, "Voorbeeld formele aanbieder als sociaal makelaar".
    FacilitySeed(
        slug="de-buurtkamer-vathorst",
        name="De Buurtkamer Vathorst",
        kind=FacilityKind.NEIGHBOURHOOD_ROOM,
        municipality=AMERSFOORT,
        neighbourhood="Vathorst",
        operator="de-kamers",
        # A formal provider's place; the vision counts formal providers as subsidised.
        is_subsidised=True,
        target_groups=(SENIORS,),
        functions=("ontmoeting", "activiteiten"),
        themes=("buurtontmoeting", "buurtinitiatieven"),
        description=(
            "De Buurtkamer is er voor 55-plussers uit Vathorst. De Buurtkamer is "
            "onderdeel van De Kamers in samenwerking met Beweging 3.0. De Buurtkamer "
            "is erop gericht 55-plussers bij elkaar te brengen en te stimuleren zelf "
            "ideeën te ontwikkelen en activiteiten te organiseren. Deze worden door de "
            "Buurtkamer ondersteund en gefaciliteerd. Er worden samenwerkingsverbanden "
            "gezocht met organisaties uit de wijk. Waar mogelijk worden verschillende "
            "doelgroepen met elkaar in contact gebracht, zodat kruisbestuivingen "
            "ontstaan. De Buurtkamer kan zich verheugen in een groeiende groep actieve "
            "deelnemers."
        ),
    ),
    # Amersfoort vision §2.2.1, "Voorbeeld economische activiteit op wijkniveau".
    FacilitySeed(
        slug="av-werkpunt",
        name="AV-werkpunt",
        kind=FacilityKind.OTHER,
        municipality=AMERSFOORT,
        target_groups=(ENTERPRISING_RESIDENTS, ENTERPRISING_YOUTH),
        functions=("ontmoeting",),
        themes=("buurtinitiatieven",),
        # The source misspells "wijkserviceteams" as "wijksericeteams".
        description=(
            "Het Amersfoort Vernieuwt-werkpunt zal naast een fysiek laagdrempelige "
            "ontmoetingsplek vooral als inspirerende omgeving fungeren voor nieuw te "
            "ontwikkelen bewonersinitiatieven, met als doel economische activiteiten "
            "die direct positief effect hebben op de bewoner zelf en de leefomgeving "
            "in de wijk. Onderdelen zijn de wijkserviceteams, maatschappelijke stages "
            "en het project 'Ondernemend Wijs in de Wijk'."
        ),
    ),
    # Almere: the ASD's advice of 2021. The letter names no kind of place; Jeugdland
    # and Speelhaven are Almere's staffed playgrounds (it speaks of their children's
    # workers). The budget cuts it objects to show the city funds all three.
    FacilitySeed(
        slug="jeugdland",
        name="Jeugdland",
        kind=FacilityKind.PLAYGROUND,
        municipality=ALMERE,
        is_subsidised=True,
        target_groups=(CHILDREN,),
        functions=("signalering",),
        description=(
            "Succesvolle welzijnsactiviteit in Almere. Het beleidskader WELzijn in "
            "Almere stelde voor Jeugdland en Speelhaven 'vaker open zonder extra "
            "kosten' te laten gaan door middel van vrijwilligers; volgens de Adviesraad "
            "Sociaal Domein zijn de kinderwerkers met hun pedagogische kwaliteiten dan "
            "uit beeld, waardoor de preventieve en signalerende functie verdwijnt."
        ),
    ),
    FacilitySeed(
        slug="speelhaven",
        name="Speelhaven",
        kind=FacilityKind.PLAYGROUND,
        municipality=ALMERE,
        is_subsidised=True,
        target_groups=(CHILDREN,),
        functions=("signalering",),
        description=(
            "Het beleidskader WELzijn in Almere stelde voor Jeugdland en Speelhaven "
            "'vaker open zonder extra kosten' te laten gaan door middel van "
            "vrijwilligers; volgens de Adviesraad Sociaal Domein zijn de kinderwerkers "
            "met hun pedagogische kwaliteiten dan uit beeld, waardoor de preventieve "
            "en signalerende functie verdwijnt."
        ),
    ),
    FacilitySeed(
        slug="de-meester",
        name="De Meester",
        kind=FacilityKind.OTHER,
        municipality=ALMERE,
        is_subsidised=True,
        description=(
            "Succesvolle welzijnsactiviteit in Almere. Het beleidskader WELzijn in "
            "Almere stelde voor De Meester te korten en onder te brengen bij Cultuur; "
            "volgens de Adviesraad Sociaal Domein ligt de nadruk dan niet meer op "
            "welzijnswerk."
        ),
    ),
]


def _neighbourhoods_named(municipality: Municipality, name: str) -> list[Neighbourhood]:
    """The CBS wijken that make up an area the texts name, if they were imported.

    CBS splits some areas into several wijken (Vathorst is "Vathorst-De Velden",
    "Vathorst-Centrum" …), so "Name-…" counts as part of "Name".
    """
    return list(
        Neighbourhood.objects.filter(
            Q(name__iexact=name) | Q(name__istartswith=f"{name}-"),
            municipality=municipality,
        )
    )


def load() -> dict[str, int]:
    """Create or update the ground-floor rows; return rows seeded per model label."""
    seeded: Counter[str] = Counter()

    def count(model: type[Model]) -> None:
        seeded[model._meta.label] += 1

    municipalities: dict[str, Municipality] = {}
    for cbs_code, (name, slug) in MUNICIPALITIES.items():
        municipalities[cbs_code], _ = Municipality.objects.update_or_create(
            cbs_code=cbs_code, defaults={"name": name, "slug": slug}
        )
        count(Municipality)

    target_groups: dict[str, TargetGroup] = {}
    for slug, name, description in TARGET_GROUPS:
        target_groups[slug], _ = TargetGroup.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        count(TargetGroup)

    themes: dict[str, Theme] = {}
    for slug, name, description in WELFARE_THEMES:
        themes[slug], _ = Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "policy_field": PolicyField.WELFARE,
            },
        )
        count(Theme)
    for slug, name, policy_field in CROSS_LINK_THEMES:
        themes[slug], _ = Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": CROSS_LINK_DESCRIPTION,
                "policy_field": policy_field,
            },
        )
        count(Theme)
    themes[CROSS_LINKED_TO].related_themes.add(
        *(themes[slug] for slug, _, _ in CROSS_LINK_THEMES)
    )

    functions: dict[str, FacilityFunction] = {}
    for slug, name in FUNCTIONS:
        functions[slug], _ = FacilityFunction.objects.update_or_create(
            slug=slug, defaults={"name": name}
        )
        count(FacilityFunction)

    organisations: dict[str, Organisation] = {}
    for seed in ORGANISATIONS:
        municipality = municipalities[seed.municipality] if seed.municipality else None
        organisation, _ = Organisation.objects.update_or_create(
            slug=seed.slug,
            defaults={
                "name": seed.name,
                "kind": seed.kind,
                "municipality": municipality,
                "roles": list(seed.roles),
                "is_formal": seed.is_formal,
                "is_subsidised": seed.is_subsidised,
                "description": seed.description,
            },
        )
        if municipality is not None:
            for area in seed.active_in:
                organisation.neighbourhoods.add(
                    *_neighbourhoods_named(municipality, area)
                )
        organisations[seed.slug] = organisation
        count(Organisation)

    for seed in FACILITIES:
        municipality = municipalities[seed.municipality]
        # A place lies in one wijk: only a wijk of exactly that name will do, never
        # one of the several an area such as Vathorst is split into.
        neighbourhood = (
            Neighbourhood.objects.filter(
                municipality=municipality, name__iexact=seed.neighbourhood
            ).first()
            if seed.neighbourhood
            else None
        )
        defaults: dict[str, object] = {
            "name": seed.name,
            "kind": seed.kind,
            "municipality": municipality,
            "description": seed.description,
            "operator": organisations[seed.operator] if seed.operator else None,
            "is_subsidised": seed.is_subsidised,
        }
        if neighbourhood is not None:
            defaults["neighbourhood"] = neighbourhood
        facility, _ = Facility.objects.update_or_create(
            slug=seed.slug, defaults=defaults
        )
        facility.target_groups.set(target_groups[slug] for slug in seed.target_groups)
        facility.functions.set(functions[slug] for slug in seed.functions)
        facility.themes.set(themes[slug] for slug in seed.themes)
        count(Facility)

    return dict(seeded)


# --- Demo layer (`manage.py seed --demo`) -------------------------------------------
# Fictional but plausible content so that every citizen journey can be tried: none of
# it comes from the sources. Demo places, organisations and activities are marked by
# DEMO_NOTE at the start of their description, and demo places and organisations by
# a slug starting with DEMO_PREFIX; demo rooms end in DEMO_ROOM_SUFFIX. On the real
# places the demo layer only fills what is empty (wijk, point, opening hours).

DEMO_PREFIX = "demo-"
DEMO_NOTE = "Voorbeeldgegevens: fictief, alleen om het portaal te kunnen uitproberen."
DEMO_ROOM_SUFFIX = " (voorbeeld)"

Hours = tuple[tuple[int, str, str], ...]  # (weekday, opens, closes)

WEEKDAYS_DAYTIME: Hours = tuple((day, "09:00", "17:00") for day in range(5))


@dataclass(frozen=True)
class DemoActivity:
    title: str
    description: str
    schedule: tuple[tuple[int, str, str], ...]
    target_groups: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoPlace:
    slug: str
    wijk: str  # CBS wijk code, used only when the place has no wijk yet
    hours: Hours
    rooms: tuple[tuple[str, int], ...]
    activities: tuple[DemoActivity, ...]
    # Only for demo places of their own (slug starting with DEMO_PREFIX):
    name: str = ""
    kind: str = FacilityKind.NEIGHBOURHOOD_HOUSE
    municipality: str = ""
    target_groups: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


def _coffee(day: int, target: str = ENTERPRISING_RESIDENTS) -> DemoActivity:
    return DemoActivity(
        "Koffieochtend",
        "Binnenlopen voor koffie, een praatje en het laatste nieuws uit de buurt.",
        ((day, "10:00", "12:00"),),
        (target, VULNERABLE_RESIDENTS),
        ("buurtontmoeting",),
    )


DEMO_ORGANISATIONS: dict[str, tuple[str, str]] = {
    ALMERE: (f"{DEMO_PREFIX}buurtwerk-almere", "Voorbeeld Buurtwerk Almere"),
    AMERSFOORT: (
        f"{DEMO_PREFIX}buurtwerk-amersfoort",
        "Voorbeeld Buurtwerk Amersfoort",
    ),
}

DEMO_PLACES: list[DemoPlace] = [
    DemoPlace(
        slug="de-buurtkamer-vathorst",
        wijk="WK030729",  # Vathorst-Centrum
        hours=(*WEEKDAYS_DAYTIME, (2, "19:00", "22:00")),
        rooms=(("Huiskamer", 25), ("Atelier", 12)),
        activities=(
            _coffee(1, SENIORS),
            DemoActivity(
                "Samen koken en eten",
                "Elke woensdagavond koken 55-plussers samen en eten ze met elkaar.",
                ((2, "19:00", "21:30"),),
                (SENIORS,),
                ("buurtontmoeting", "vrijwillige-inzet"),
            ),
            DemoActivity(
                "Wandelgroep Vathorst",
                "Een uur wandelen door de wijk in een rustig tempo.",
                ((4, "10:00", "11:00"),),
                (SENIORS,),
                ("sport", "gezondheid"),
            ),
        ),
    ),
    DemoPlace(
        slug="av-werkpunt",
        wijk="WK030710",  # Liendert
        hours=tuple((day, "09:00", "21:00") for day in range(4)),
        rooms=(("Werkplaats", 15), ("Spreekkamer", 4)),
        activities=(
            DemoActivity(
                "Spreekuur bewonersinitiatieven",
                "Een idee voor de buurt? Bespreek het met een opbouwwerker.",
                ((1, "19:00", "21:00"),),
                (ENTERPRISING_RESIDENTS,),
                ("buurtinitiatieven",),
            ),
            DemoActivity(
                "Ondernemerscafé voor jongeren",
                "Jongeren ontmoeten ondernemers uit de wijk.",
                ((3, "19:00", "21:00"),),
                (ENTERPRISING_YOUTH,),
                ("buurtinitiatieven", "vrijwillige-inzet"),
            ),
            _coffee(0),
        ),
    ),
    DemoPlace(
        slug="jeugdland",
        wijk="WK003426",  # Kruidenwijk
        hours=((2, "13:00", "17:00"), (5, "10:00", "16:00"), (6, "12:00", "16:00")),
        rooms=(("Knutselruimte", 20),),
        activities=(
            DemoActivity(
                "Vrij spelen met kinderwerkers",
                "Buiten spelen onder begeleiding van kinderwerkers.",
                ((2, "13:30", "16:30"), (5, "10:00", "16:00")),
                (CHILDREN,),
                ("sport",),
            ),
            DemoActivity(
                "Knutselmiddag",
                "Samen iets maken van hout, papier en verf.",
                ((6, "13:00", "15:00"),),
                (CHILDREN,),
                ("cultuur",),
            ),
        ),
    ),
    DemoPlace(
        slug="speelhaven",
        wijk="WK003405",  # De Grienden
        hours=(
            *((day, "14:00", "18:00") for day in range(1, 5)),
            (5, "10:00", "17:00"),
        ),
        rooms=(("Speelhuis", 30),),
        activities=(
            DemoActivity(
                "Speelmiddag",
                "Spelen in de speeltuin, met limonade halverwege.",
                ((2, "14:00", "17:00"), (5, "10:30", "12:30")),
                (CHILDREN,),
                ("buurtontmoeting",),
            ),
            DemoActivity(
                "Ouders ontmoeten ouders",
                "Terwijl de kinderen spelen drinken ouders samen koffie.",
                ((5, "11:00", "12:00"),),
                (INFORMAL_CARERS, ENTERPRISING_RESIDENTS),
                ("informele-ondersteuning",),
            ),
        ),
    ),
    DemoPlace(
        slug="de-meester",
        wijk="WK003417",  # Centrum Almere Stad
        hours=(*((day, "10:00", "22:00") for day in range(5)), (5, "10:00", "17:00")),
        rooms=(("Grote zaal", 80), ("Leslokaal", 16), ("Oefenruimte", 8)),
        activities=(
            DemoActivity(
                "Muziekles voor beginners",
                "Kennismaken met een instrument, in een kleine groep.",
                ((1, "19:00", "20:30"), (5, "11:00", "12:00")),
                (ENTERPRISING_YOUTH, CHILDREN),
                ("cultuur",),
            ),
            DemoActivity(
                "Theatergroep",
                "Oefenen voor een voorstelling in de wijk.",
                ((3, "19:30", "21:30"),),
                (ENTERPRISING_RESIDENTS,),
                ("cultuur", "buurtontmoeting"),
            ),
            DemoActivity(
                "Mantelzorgcafé",
                "Even op adem komen en ervaringen delen met andere mantelzorgers.",
                ((0, "14:00", "16:00"),),
                (INFORMAL_CARERS,),
                ("mantelzorg", "informele-ondersteuning"),
            ),
        ),
    ),
    DemoPlace(
        slug=f"{DEMO_PREFIX}wijkpunt-kruiskamp",
        name="Wijkpunt Kruiskamp (voorbeeld)",
        kind=FacilityKind.COMMUNITY_CENTRE,
        municipality=AMERSFOORT,
        wijk="WK030707",  # Kruiskamp
        target_groups=(VULNERABLE_RESIDENTS, VOLUNTEERS),
        functions=("ontmoeting", "informatie-en-advies"),
        themes=("buurtontmoeting", "vrijwillige-inzet"),
        hours=(*WEEKDAYS_DAYTIME, (0, "19:00", "21:30"), (6, "13:00", "17:00")),
        rooms=(("Ontmoetingsruimte", 40),),
        activities=(
            _coffee(3),
            DemoActivity(
                "Vrijwilligersavond",
                "Kennismaken met vrijwilligerswerk in de wijk.",
                ((0, "19:30", "21:00"),),
                (VOLUNTEERS,),
                ("vrijwillige-inzet",),
            ),
        ),
    ),
    DemoPlace(
        slug=f"{DEMO_PREFIX}buurthuis-filmwijk",
        name="Buurthuis Filmwijk (voorbeeld)",
        municipality=ALMERE,
        wijk="WK003418",  # Filmwijk
        target_groups=(SENIORS, ENTERPRISING_RESIDENTS),
        functions=("ontmoeting", "activiteiten"),
        themes=("buurtontmoeting",),
        hours=(*((day, "09:00", "22:00") for day in range(5)), (5, "09:00", "13:00")),
        rooms=(("Zaal", 50), ("Keuken", 10)),
        activities=(
            _coffee(5, SENIORS),
            DemoActivity(
                "Filmavond",
                "Een film kijken en er daarna over napraten.",
                ((4, "19:30", "22:00"),),
                (ENTERPRISING_RESIDENTS, SENIORS),
                ("cultuur", "buurtontmoeting"),
            ),
        ),
    ),
    DemoPlace(
        slug=f"{DEMO_PREFIX}jongerenplek-nobelhorst",
        name="Jongerenplek Nobelhorst (voorbeeld)",
        kind=FacilityKind.YOUTH_CENTRE,
        municipality=ALMERE,
        wijk="WK003476",  # Nobelhorst
        target_groups=(ENTERPRISING_YOUTH, VULNERABLE_YOUTH),
        functions=("ontmoeting", "talentontwikkeling"),
        themes=("sport", "buurtinitiatieven"),
        hours=(
            *((day, "15:00", "22:00") for day in range(1, 6)),
            (6, "12:00", "18:00"),
        ),
        rooms=(("Soos", 35),),
        activities=(
            DemoActivity(
                "Inloop jongerenwerk",
                "Chillen, gamen en praten met de jongerenwerker.",
                ((1, "19:00", "22:00"), (3, "19:00", "22:00")),
                (ENTERPRISING_YOUTH, VULNERABLE_YOUTH),
                ("buurtinitiatieven",),
            ),
            DemoActivity(
                "Zaalvoetbal",
                "Een potje voetbal in de gymzaal om de hoek.",
                ((5, "14:00", "16:00"),),
                (ENTERPRISING_YOUTH,),
                ("sport",),
            ),
        ),
    ),
]


def _demo_point(neighbourhood: Neighbourhood | None) -> dict[str, Decimal]:
    """Coordinates of a point inside the wijk's boundary, when it has one."""
    if neighbourhood is None or not neighbourhood.boundary:
        return {}
    lon, lat = geometry_marker_point(neighbourhood.boundary)
    return {
        "latitude": Decimal(f"{lat:.6f}"),
        "longitude": Decimal(f"{lon:.6f}"),
    }


def _parse_time(value: str) -> time:
    return time.fromisoformat(value)


def load_demo() -> dict[str, int]:
    """Add the fictional demo content; run after `load()`. Idempotent."""
    seeded: Counter[str] = Counter()
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    target_groups = {t.slug: t for t in TargetGroup.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    functions = {f.slug: f for f in FacilityFunction.objects.all()}

    organisations: dict[str, Organisation] = {}
    for cbs_code, (slug, name) in DEMO_ORGANISATIONS.items():
        organisations[cbs_code], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": OrganisationKind.WELFARE,
                "municipality": municipalities[cbs_code],
                "roles": [PROVIDER],
                "description": DEMO_NOTE,
            },
        )
        seeded[Organisation._meta.label] += 1

    for place in DEMO_PLACES:
        wijk = Neighbourhood.objects.filter(cbs_code=place.wijk).first()
        if place.slug.startswith(DEMO_PREFIX):
            if wijk is None:  # the CBS wijken were not imported
                continue
            facility, _ = Facility.objects.update_or_create(
                slug=place.slug,
                defaults={
                    "name": place.name,
                    "kind": place.kind,
                    "municipality": municipalities[place.municipality],
                    "neighbourhood": wijk,
                    "description": DEMO_NOTE,
                    "operator": organisations[place.municipality],
                    "wheelchair_accessible": True,
                    **_demo_point(wijk),
                },
            )
            facility.target_groups.set(target_groups[s] for s in place.target_groups)
            facility.functions.set(functions[s] for s in place.functions)
            facility.themes.set(themes[s] for s in place.themes)
        else:
            facility = Facility.objects.get(slug=place.slug)
            changed: dict[str, object] = {}
            if facility.neighbourhood is None and wijk is not None:
                changed["neighbourhood"] = wijk
            if facility.latitude is None:
                changed.update(_demo_point(changed.get("neighbourhood", wijk)))
            if changed:
                Facility.objects.filter(pk=facility.pk).update(**changed)
        seeded[Facility._meta.label] += 1

        if not facility.opening_hours.exists():
            OpeningHours.objects.bulk_create(
                OpeningHours(
                    facility=facility,
                    weekday=day,
                    opens=_parse_time(opens),
                    closes=_parse_time(closes),
                )
                for day, opens, closes in place.hours
            )
        seeded[OpeningHours._meta.label] += len(place.hours)

        for room_name, capacity in place.rooms:
            Room.objects.update_or_create(
                facility=facility,
                name=f"{room_name}{DEMO_ROOM_SUFFIX}",
                defaults={"capacity": capacity},
            )
            seeded[Room._meta.label] += 1

        organiser = organisations[facility.municipality.cbs_code]
        for demo in place.activities:
            activity, _ = Activity.objects.update_or_create(
                facility=facility,
                title=demo.title,
                organisation=organiser,
                defaults={"description": f"{DEMO_NOTE}\n\n{demo.description}"},
            )
            activity.target_groups.set(target_groups[s] for s in demo.target_groups)
            activity.themes.set(themes[s] for s in demo.themes)
            kept = [
                ActivitySchedule.objects.get_or_create(
                    activity=activity,
                    weekday=day,
                    starts_at=_parse_time(start),
                    ends_at=_parse_time(end),
                )[0].pk
                for day, start, end in demo.schedule
            ]
            activity.schedules.exclude(pk__in=kept).delete()
            seeded[Activity._meta.label] += 1
            seeded[ActivitySchedule._meta.label] += len(demo.schedule)

    return dict(seeded)
