"""A reproducible volume of realistic data for the benchmarks: `manage.py generate`.

Everything comes from one seeded `random.Random` per table, with explicit ids, so the
same seed gives the same rows. Rows go in with COPY (bench/copy.py) inside one
transaction: either the whole data set is there, or nothing changed. Every check,
unique and exclusion constraint of the schema holds; foreign keys are checked by
PostgreSQL at commit.

The `country` scale is the whole of the Netherlands on one portal; `municipality` is
1/342 of it. Tests use a smaller `Scale` of their own.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from zoneinfo import ZoneInfo

import pghistory.models
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils.text import slugify
from psycopg.types.range import Range

from advisories.models import (
    SENT_STATUSES,
    Advice,
    AdviceRequest,
    AdviceSection,
    AdvisoryCouncil,
    Membership,
    Recommendation,
    Response,
)
from core.history import without_history
from neighbourhoods import seed as neighbourhood_seed
from neighbourhoods.models import (
    Activity,
    ActivitySchedule,
    Booking,
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
)
from policy.models import (
    BudgetCategory,
    BudgetLine,
    FrameworkStatus,
    FrameworkVersion,
    Goal,
    GoalHorizon,
    GoalStatus,
    Grant,
    Indicator,
    IndicatorUnit,
    Measurement,
    PolicyFramework,
    SchemeKind,
    SubsidyScheme,
)

from .copy import Loader

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Bookings and activities are laid out around this date, not today: same seed, same rows.
EPOCH = date(2026, 1, 5)
# The user the benchmark logs in as on the member portal (no password: see bench/run.py).
BENCH_MEMBER = "bench-lid"


@dataclass(frozen=True)
class Scale:
    """How many rows of each main table; the rest follows from these."""

    name: str
    municipalities: int
    neighbourhoods: int
    organisations: int
    facilities: int
    rooms: int
    activities: int
    bookings: int
    advices: int
    recommendations: int
    grants: int

    def divided(self, by: int, name: str) -> Scale:
        counts = {
            f.name: max(1, round(getattr(self, f.name) / by))
            for f in fields(self)
            if f.name != "name"
        }
        return replace(self, name=name, **counts)


COUNTRY = Scale(
    name="country",
    municipalities=342,
    neighbourhoods=3_400,
    organisations=30_000,
    facilities=100_000,
    rooms=300_000,
    activities=1_000_000,
    bookings=2_000_000,
    advices=20_000,
    recommendations=150_000,
    grants=200_000,
)
MUNICIPALITY = COUNTRY.divided(342, "municipality")
SCALES = {scale.name: scale for scale in (COUNTRY, MUNICIPALITY)}

# Word lists for names that look Dutch.
TOWN_STEMS = [
    "Amstel",
    "Berg",
    "Brug",
    "Dal",
    "Eem",
    "Hoog",
    "Laar",
    "Maas",
    "Rijn",
    "Zand",
    "Wester",
    "Ooster",
    "Noorder",
    "Zuider",
    "Lange",
    "Groen",
    "Linde",
    "Beek",
    "Heide",
    "Vlie",
    "Wold",
    "Hout",
    "Bree",
    "Oud",
    "Nieuw",
    "Meer",
    "Venne",
    "Esch",
]
TOWN_ENDS = [
    "dam",
    "veen",
    "hoven",
    "broek",
    "wijk",
    "dijk",
    "horst",
    "rode",
    "zijl",
    "loo",
    "meer",
    "berg",
    "land",
    "wolde",
    "stein",
    "voorde",
    "haven",
    "sloot",
    "burg",
]
WIJK_NAMES = [
    "Centrum",
    "Bloemenbuurt",
    "Kruidenwijk",
    "Vogelwijk",
    "Schildersbuurt",
    "Componistenwijk",
    "Stationskwartier",
    "Havenkwartier",
    "De Velden",
    "De Hoven",
    "Molenwijk",
    "Waterwijk",
    "De Vaart",
    "Parkwijk",
    "Bomenbuurt",
    "Sterrenwijk",
    "De Gaarden",
    "De Akkers",
    "Landerijen",
    "De Weiden",
    "Oude Dorp",
    "Nieuwland",
    "Het Hof",
    "De Kamp",
    "Bergkwartier",
    "Rivierenwijk",
    "Zeeheldenbuurt",
    "Dichterswijk",
    "Muziekwijk",
    "Tuinstad",
]
DISTRICTS = ["Noord", "Oost", "Zuid", "West"]
STREETS = [
    "Dorpsstraat",
    "Kerkstraat",
    "Schoolstraat",
    "Molenweg",
    "Stationsweg",
    "Lindelaan",
    "Eikenlaan",
    "Beukenlaan",
    "Wilhelminastraat",
    "Julianastraat",
    "Oranjelaan",
    "Parkweg",
    "Tulpstraat",
    "Rozenstraat",
    "Marktplein",
    "Havenkade",
    "Brinkweg",
    "Kastanjelaan",
    "Populierenlaan",
    "Vogelweg",
]
PLACE_WORDS = [
    "De Linde",
    "De Eik",
    "Het Anker",
    "De Brug",
    "De Schakel",
    "Het Trefpunt",
    "De Kroon",
    "Het Baken",
    "De Boog",
    "De Vonk",
    "Het Kompas",
    "De Wissel",
    "De Horizon",
    "De Kern",
    "Het Plein",
    "De Ster",
    "De Meent",
    "De Hoeksteen",
    "De Regenboog",
    "Het Lichtpunt",
    "De Kastanje",
    "De Uitkijk",
    "Het Wiel",
]
KIND_WEIGHTS = {
    FacilityKind.COMMUNITY_CENTRE: 10,
    FacilityKind.NEIGHBOURHOOD_HOUSE: 12,
    FacilityKind.NEIGHBOURHOOD_ROOM: 10,
    FacilityKind.YOUTH_CENTRE: 6,
    FacilityKind.SENIOR_CENTRE: 6,
    FacilityKind.COMMUNITY_SCHOOL: 10,
    FacilityKind.SPORTS: 14,
    FacilityKind.PLAYGROUND: 8,
    FacilityKind.MULTI_PURPOSE: 5,
    FacilityKind.CHURCH: 8,
    FacilityKind.MOSQUE: 3,
    FacilityKind.LIBRARY: 4,
    FacilityKind.CULTURE: 3,
    FacilityKind.OTHER: 1,
}
ORGANISATION_FORMS = [
    ("Stichting Welzijn {town}", OrganisationKind.WELFARE),
    ("Zorggroep {word}", OrganisationKind.CARE),
    ("Sportvereniging {word}", OrganisationKind.SPORTS_CLUB),
    ("Scouting {word}", OrganisationKind.SCOUTING),
    ("Protestantse gemeente {word}", OrganisationKind.CHURCH),
    ("Stichting Moskee {word}", OrganisationKind.MOSQUE),
    ("Basisschool {word}", OrganisationKind.SCHOOL),
    ("Woonstichting {word}", OrganisationKind.HOUSING),
    ("Bewonersgroep {word}", OrganisationKind.RESIDENTS),
    ("Vrijwilligerscentrale {town}", OrganisationKind.VOLUNTEERS),
    ("Muziekschool {word}", OrganisationKind.CULTURE),
    ("Buurtbedrijf {word}", OrganisationKind.BUSINESS),
]
ACTIVITY_TITLES = [
    "Koffieochtend",
    "Taalcafé",
    "Huiswerkbegeleiding",
    "Beweegclub 55+",
    "Mantelzorgcafé",
    "Repair Café",
    "Buurtmaaltijd",
    "Kinderclub",
    "Jongerenavond",
    "Yoga op de stoel",
    "Computerspreekuur",
    "Breicafé",
    "Sjoelclub",
    "Wandelgroep",
    "Spreekuur geldzaken",
    "Samen koken",
    "Filmavond",
    "Buurtkoor",
    "Tekenles",
    "Voorleesuurtje",
    "Opvoedspreekuur",
    "Klaverjassen",
    "Bingo",
    "Fietsles",
    "Digitaal café",
    "Moestuinclub",
    "Vrijwilligerspunt",
    "Meidenclub",
    "Tienerinloop",
    "Ouderensoos",
    "Inloopspreekuur wijkteam",
    "Valpreventie",
]
SENTENCES = [
    "Iedereen uit de buurt is welkom, ook als u nog niemand kent.",
    "Vrijwilligers uit de wijk organiseren dit samen met de welzijnsorganisatie.",
    "Wie mantelzorger is, vindt hier steun en herkenning.",
    "De activiteit is laagdrempelig en toegankelijk voor mensen met een beperking.",
    "Samen met de sociaal makelaar zoeken we wat de buurt nodig heeft.",
    "Senioren zetten hun zilveren kracht in voor jongere generaties.",
    "Het wijkteam is aanwezig voor vragen over zorg, geld en wonen.",
    "Jongeren krijgen ruimte voor eigen initiatieven en talentontwikkeling.",
    "Er is koffie en thee; neem gerust een buur mee.",
    "Aanmelden is niet nodig; kom gewoon langs.",
    "Kwetsbare bewoners worden zo vroeg mogelijk gesignaleerd en ondersteund.",
    "Eenzaamheid voorkomen begint met ontmoeting in de eigen wijk.",
]
ADVICE_SUBJECTS = [
    "Herijking welzijnsbeleid",
    "Sociale staat van de gemeente",
    "Mantelzorgbeleid",
    "Inkoop Wmo-begeleiding",
    "Armoede en schulden",
    "Eenzaamheid onder ouderen",
    "Jeugdhulp in de wijk",
    "Toegankelijkheid van voorzieningen",
    "Wijkteams",
    "Vrijwilligersbeleid",
    "Beschermd wonen",
    "Preventie en gezondheid",
]
RECOMMENDATIONS = [
    "De ASD adviseert het college om bewoners vanaf het begin te betrekken bij de "
    "uitwerking.",
    "De ASD adviseert om de inzet van wijkteams jaarlijks te evalueren met cliënten.",
    "De ASD adviseert de toegankelijkheid van buurthuizen voor rolstoelgebruikers te "
    "verbeteren.",
    "De ASD adviseert mantelzorgers een vast aanspreekpunt in de wijk te geven.",
    "De ASD adviseert om de bezuiniging niet ten koste te laten gaan van "
    "kwetsbare bewoners.",
    "De ASD adviseert meetbare doelen en indicatoren op te nemen in het kader.",
    "De ASD adviseert vrijwilligersorganisaties meerjarige subsidie te verlenen.",
    "De ASD adviseert eenzaamheid onder ouderen met buurtgerichte activiteiten aan te "
    "pakken.",
]
GOALS = [
    "Elke wijk heeft een kloppend hart",
    "Minder eenzaamheid",
    "Meer vrijwillige inzet",
    "Mantelzorgers ontlast",
    "Jongeren doen mee",
    "Vroegsignalering van schulden",
    "Voorzieningen toegankelijk",
    "Bezettingsgraad accommodaties 85 %",
]
SCHEMES = [
    ("Subsidieregeling welzijn", SchemeKind.MULTI_YEAR, BudgetCategory.FUNCTIONS),
    ("Bewonersinitiatieven", SchemeKind.ONE_OFF, BudgetCategory.INITIATIVES),
    ("Mantelzorgondersteuning", SchemeKind.YEARLY, BudgetCategory.FUNCTIONS),
    ("Jongerenwerk", SchemeKind.YEARLY, BudgetCategory.FUNCTIONS),
    ("Exploitatie accommodaties", SchemeKind.YEARLY, BudgetCategory.BUILDINGS),
]
GRANT_PURPOSES = [
    "Ontmoetingsactiviteiten in de wijk",
    "Ondersteuning van mantelzorgers",
    "Jongerenwerk en talentontwikkeling",
    "Exploitatie van het buurthuis",
    "Vrijwilligersondersteuning",
    "Buurtinitiatief: straatfeest en moestuin",
    "Preventie van eenzaamheid",
    "Taallessen en digitale vaardigheden",
]
# Weekly opening patterns: (weekdays, [(opens, closes), …]); closes before opens
# means open past midnight.
OPENING_PATTERNS = [
    (range(5), [(9, 17)]),
    (range(5), [(9, 12), (13, 22)]),
    (range(7), [(8, 23)]),
    (range(1, 6), [(14, 22)]),
    (range(6), [(19, 1)]),
    (range(6), [(10, 16)]),
]
BOOKING_SLOTS = [(9, 12), (13, 17), (19, 22)]


def split(total: int, parts: int, rng: random.Random, minimum: int = 0) -> list[int]:
    """`total` divided over `parts` unevenly (×0.5–1.5), each at least `minimum`."""
    if parts <= 0:
        return []
    minimum = min(minimum, total // parts)
    rest = total - minimum * parts
    weights = [rng.random() + 0.5 for _ in range(parts)]
    scale = rest / sum(weights)
    counts = [minimum + int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def _rng(seed: int, table: str) -> random.Random:
    return random.Random(f"{seed}:{table}")


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.sample(SENTENCES, sentences))


def _aware(day: date, hour: int) -> datetime:
    return datetime.combine(day, clock(hour), tzinfo=AMSTERDAM)


@dataclass
class Ids:
    """The id ranges of what was generated, for the tables that refer to them."""

    municipalities: list[tuple[int, str, str]]  # (id, name, slug)
    wijken_of: dict[int, range]  # municipality id -> neighbourhood ids
    orgs_of: dict[int, range]
    facilities_of: dict[int, range]


class Generator:
    def __init__(self, scale: Scale, seed: int, log: Callable[[str], None]) -> None:
        self.scale = scale
        self.seed = seed
        self.log = log
        self.loader = Loader()

    def rng(self, table: str) -> random.Random:
        return _rng(self.seed, table)

    def copy(self, model, names, rows: Iterator) -> None:
        count = self.loader.copy(model, names, rows)
        timing = self.loader.timings[model._meta.db_table]
        self.log(
            f"  {model._meta.db_table:<40} {count:>10,} rows {timing.seconds:8.1f} s"
        )

    # -- vocabularies -------------------------------------------------------------
    def vocabularies(self) -> None:
        groups = neighbourhood_seed.TARGET_GROUPS
        themes = neighbourhood_seed.WELFARE_THEMES
        cross = neighbourhood_seed.CROSS_LINK_THEMES
        functions = neighbourhood_seed.FUNCTIONS
        self.copy(
            TargetGroup,
            ["id", "slug", "name", "description"],
            ((i, *row) for i, row in enumerate(groups, 1)),
        )
        theme_rows = [(slug, name, text, "welzijn") for slug, name, text in themes]
        theme_rows += [
            (slug, name, neighbourhood_seed.CROSS_LINK_DESCRIPTION, field)
            for slug, name, field in cross
        ]
        self.copy(
            Theme,
            ["id", "slug", "name", "description", "policy_field"],
            ((i, *row) for i, row in enumerate(theme_rows, 1)),
        )
        self.copy(
            FacilityFunction,
            ["id", "slug", "name"],
            ((i, *row) for i, row in enumerate(functions, 1)),
        )
        self.target_group_ids = list(range(1, len(groups) + 1))
        self.theme_ids = list(range(1, len(theme_rows) + 1))
        self.function_ids = list(range(1, len(functions) + 1))

    # -- geography ----------------------------------------------------------------
    def geography(self) -> Ids:
        rng = self.rng("geography")
        names = [stem + end.lower() for stem in TOWN_STEMS for end in TOWN_ENDS]
        rng.shuffle(names)
        count = self.scale.municipalities
        while len(names) < count:  # more than the word lists give: number them
            names.append(f"{names[len(names) % 500]} {len(names) // 500 + 1}")
        municipalities = [
            (i, names[i - 1], slugify(names[i - 1])) for i in range(1, count + 1)
        ]
        self.copy(
            Municipality,
            ["id", "cbs_code", "name", "slug"],
            ((i, f"GM{i:04d}", name, slug) for i, name, slug in municipalities),
        )
        self.copy(
            District,
            ["id", "municipality", "name", "slug"],
            (
                ((m - 1) * 4 + d + 1, m, name, f"{slug}-{name.lower()}")
                for m, _, slug in municipalities
                for d, name in enumerate(DISTRICTS)
            ),
        )
        per_town = split(self.scale.neighbourhoods, count, rng, minimum=1)
        wijken_of: dict[int, range] = {}
        wijk_rows = []
        next_id = 1
        for (m, _town, slug), n in zip(municipalities, per_town, strict=True):
            wijken_of[m] = range(next_id, next_id + n)
            # A square of ~10 km around a point in the Netherlands per municipality.
            lat0 = 51.4 + (m * 0.618 % 1.0) * 1.8
            lon0 = 4.0 + (m * 0.382 % 1.0) * 2.6
            side = max(1, math.ceil(math.sqrt(n)))
            for j in range(n):
                name = WIJK_NAMES[j % len(WIJK_NAMES)]
                if j >= len(WIJK_NAMES):
                    name += f" {j // len(WIJK_NAMES) + 1}"
                lat = lat0 + (j // side) * 0.02
                lon = lon0 + (j % side) * 0.03
                ring = [
                    [lon, lat],
                    [lon + 0.03, lat],
                    [lon + 0.03, lat + 0.02],
                    [lon, lat + 0.02],
                    [lon, lat],
                ]
                boundary = json.dumps({"type": "Polygon", "coordinates": [ring]})
                wijk_rows.append(
                    (
                        next_id,
                        m,
                        (m - 1) * 4 + rng.randrange(4) + 1,
                        f"WK{m:04d}{j:02d}",
                        2024,
                        name,
                        f"{slug}-{slugify(name)}",
                        boundary,
                    )
                )
                self.wijk_corner[next_id] = (lat, lon)
                next_id += 1
        self.copy(
            Neighbourhood,
            [
                "id",
                "municipality",
                "district",
                "cbs_code",
                "cbs_year",
                "name",
                "slug",
                "boundary",
            ],
            iter(wijk_rows),
        )
        self.copy(
            Buurt,
            ["id", "neighbourhood", "cbs_code", "name"],
            (
                (row[0] * 3 + b - 2, row[0], f"BU{row[3][2:]}{b:02d}", f"{row[5]} {b}")
                for row in wijk_rows
                for b in range(1, 4)
            ),
        )

        def populations():
            pid = 1
            for m, _, _ in municipalities:
                wijk_ids = wijken_of[m]
                inhabitants = split(rng.randrange(15_000, 250_000), len(wijk_ids), rng)
                yield pid, m, None, 2024, sum(inhabitants)
                pid += 1
                for wijk, people in zip(wijk_ids, inhabitants, strict=True):
                    yield pid, m, wijk, 2024, people
                    pid += 1

        self.copy(
            Population,
            ["id", "municipality", "neighbourhood", "year", "inhabitants"],
            populations(),
        )
        return Ids(municipalities, wijken_of, {}, {})

    # -- organisations and teams -------------------------------------------------
    def organisations(self, ids: Ids) -> None:
        rng = self.rng("organisations")
        per_town = split(self.scale.organisations, len(ids.municipalities), rng, 3)
        rows, links = [], []
        next_id = 1
        for (m, town, _slug), n in zip(ids.municipalities, per_town, strict=True):
            ids.orgs_of[m] = range(next_id, next_id + n)
            wijken = ids.wijken_of[m]
            for k in range(n):
                form, kind = ORGANISATION_FORMS[k % len(ORGANISATION_FORMS)]
                word = rng.choice(PLACE_WORDS)
                name = form.format(town=town, word=word)
                roles = [OrganisationRole.PROVIDER]
                if kind == OrganisationKind.WELFARE:
                    roles += [
                        OrganisationRole.SOCIAL_BROKER,
                        OrganisationRole.FACILITY_OPERATOR,
                    ]
                elif kind == OrganisationKind.HOUSING:
                    roles = [OrganisationRole.OWNER]
                rows.append(
                    (
                        next_id,
                        name,
                        f"{slugify(name)}-{next_id}",
                        kind,
                        roles,
                        kind not in (OrganisationKind.RESIDENTS,),
                        rng.random() < 0.4,
                        None if rng.random() < 0.05 else m,
                        f"{10_000_000 + next_id:08d}"
                        if kind != OrganisationKind.RESIDENTS
                        else None,
                        _text(rng, 2),
                        f"info@{slugify(word)}-{next_id}.example.nl",
                    )
                )
                for wijk in rng.sample(wijken, min(len(wijken), rng.randint(1, 3))):
                    links.append((len(links) + 1, next_id, wijk))
                next_id += 1
        self.copy(
            Organisation,
            [
                "id",
                "name",
                "slug",
                "kind",
                "roles",
                "is_formal",
                "is_subsidised",
                "municipality",
                "kvk_number",
                "description",
                "email",
            ],
            iter(rows),
        )
        self.copy(
            Organisation.neighbourhoods.through,
            ["id", "organisation", "neighbourhood"],
            iter(links),
        )

        team_rows, team_links, members, agenda, agenda_groups = [], [], [], [], []
        for m, _town, _slug in ids.municipalities:
            wijken = list(ids.wijken_of[m])
            orgs = ids.orgs_of[m]
            for t in range(0, len(wijken), 3):
                team_id = len(team_rows) + 1
                team_rows.append(
                    (team_id, f"Wijkteam {t // 3 + 1}", m, Decimal(rng.randint(4, 12)))
                )
                for wijk in wijken[t : t + 3]:
                    team_links.append((len(team_links) + 1, team_id, wijk))
                for role in (
                    "Wijkverpleegkundige",
                    "Maatschappelijk werker",
                    "Jongerenwerker",
                ):
                    members.append(
                        (
                            len(members) + 1,
                            team_id,
                            rng.choice(orgs),
                            role,
                            Decimal(rng.choice(["0.50", "0.80", "1.00"])),
                        )
                    )
            for wijk in wijken:
                for _ in range(2):
                    item = len(agenda) + 1
                    agenda.append(
                        (
                            item,
                            wijk,
                            rng.choice(GOALS),
                            _text(rng, 2),
                            rng.randint(1, 5),
                            "wijkschouw",
                            rng.choice(["open", "in_behandeling", "opgepakt"]),
                        )
                    )
                    agenda_groups.append(
                        (item, item, rng.choice(self.target_group_ids))
                    )
        self.copy(
            NeighbourhoodTeam,
            ["id", "name", "municipality", "planned_fte"],
            iter(team_rows),
        )
        self.copy(
            NeighbourhoodTeam.neighbourhoods.through,
            ["id", "neighbourhoodteam", "neighbourhood"],
            iter(team_links),
        )
        self.copy(
            TeamMember, ["id", "team", "organisation", "role", "fte"], iter(members)
        )
        self.copy(
            SocialAgendaItem,
            [
                "id",
                "neighbourhood",
                "title",
                "description",
                "priority",
                "source",
                "status",
            ],
            iter(agenda),
        )
        self.copy(
            SocialAgendaItem.target_groups.through,
            ["id", "socialagendaitem", "targetgroup"],
            iter(agenda_groups),
        )

    # -- places -------------------------------------------------------------------
    def facilities(self, ids: Ids) -> None:
        rng = self.rng("facilities")
        kinds = list(KIND_WEIGHTS)
        weights = list(KIND_WEIGHTS.values())
        per_wijk = split(self.scale.facilities, len(self.wijk_corner), rng)
        wijk_town = {w: m for m, r in ids.wijken_of.items() for w in r}
        self.facility_town: list[int] = [0]  # index = facility id
        rows = []
        next_id = 1
        for wijk, n in zip(sorted(self.wijk_corner), per_wijk, strict=True):
            m = wijk_town[wijk]
            town = ids.municipalities[m - 1][1]
            orgs = ids.orgs_of[m]
            lat0, lon0 = self.wijk_corner[wijk]
            start = ids.facilities_of.get(m, range(next_id, next_id)).start
            for k in range(n):
                kind = rng.choices(kinds, weights)[0]
                name = f"{kind.label} {rng.choice(PLACE_WORDS)}"
                rows.append(
                    (
                        next_id,
                        name,
                        f"{slugify(name)}-{next_id}",
                        kind,
                        m,
                        wijk,
                        _text(rng, 3),
                        rng.choice(STREETS),
                        str(rng.randint(1, 250)),
                        f"{1000 + (m * 26) % 8900 + rng.randrange(90)} "
                        f"{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABEHKLPRSTZ')}",
                        town,
                        Decimal(f"{lat0 + rng.random() * 0.02:.6f}"),
                        Decimal(f"{lon0 + rng.random() * 0.03:.6f}"),
                        rng.choice(orgs) if rng.random() < 0.7 else None,
                        rng.choice(orgs) if rng.random() < 0.8 else None,
                        rng.random() < 0.5,
                        k == 0,
                        rng.random() < 0.7,
                    )
                )
                self.facility_town.append(m)
                next_id += 1
            ids.facilities_of[m] = range(start, next_id)
        self.copy(
            Facility,
            [
                "id",
                "name",
                "slug",
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
                "wheelchair_accessible",
            ],
            iter(rows),
        )
        del rows
        facility_ids = range(1, next_id)

        def links(choices: list[int], low: int, high: int):
            counter = 0
            for facility in facility_ids:
                for value in rng.sample(choices, rng.randint(low, high)):
                    counter += 1
                    yield counter, facility, value

        self.copy(
            Facility.functions.through,
            ["id", "facility", "facilityfunction"],
            links(self.function_ids, 1, 3),
        )
        self.copy(
            Facility.target_groups.through,
            ["id", "facility", "targetgroup"],
            links(self.target_group_ids, 1, 3),
        )
        self.copy(
            Facility.themes.through,
            ["id", "facility", "theme"],
            links(self.theme_ids, 1, 2),
        )

        def hours():
            counter = 0
            for facility in facility_ids:
                days, periods = rng.choice(OPENING_PATTERNS)
                for day in days:
                    for opens, closes in periods:
                        counter += 1
                        yield counter, facility, day, clock(opens), clock(closes)

        self.copy(
            OpeningHours, ["id", "facility", "weekday", "opens", "closes"], hours()
        )
        self.copy(
            OpeningException,
            ["id", "facility", "date", "is_closed", "reason"],
            (
                (
                    i,
                    facility,
                    EPOCH + timedelta(days=rng.randrange(365)),
                    True,
                    "Onderhoud",
                )
                for i, facility in enumerate(
                    (f for f in facility_ids if rng.random() < 0.05), 1
                )
            ),
        )

        room_names = [
            "Grote zaal",
            "Kleine zaal",
            "Keuken",
            "Vergaderruimte",
            "Atelier",
        ]
        per_facility = split(self.scale.rooms, len(facility_ids), rng, minimum=1)
        self.room_count = self.scale.rooms

        def rooms():
            room = 0
            for facility, n in zip(facility_ids, per_facility, strict=True):
                for k in range(n):
                    room += 1
                    name = room_names[k] if k < len(room_names) else f"Ruimte {k + 1}"
                    yield (
                        room,
                        facility,
                        name,
                        rng.choice([8, 12, 20, 40, 80, 150]),
                        Decimal(rng.choice(["16.0", "24.5", "40.0", "80.0", "150.0"])),
                        rng.random() < 0.9,
                    )

        self.room_facility = [
            f for f, n in zip(facility_ids, per_facility, strict=True) for _ in range(n)
        ]
        self.copy(
            Room,
            ["id", "facility", "name", "capacity", "area_m2", "is_bookable"],
            rooms(),
        )

    def activities(self, ids: Ids) -> None:
        rng = self.rng("activities")
        facility_count = len(self.facility_town) - 1
        per_facility = split(self.scale.activities, facility_count, rng)
        costs = [Decimal("0")] * 6 + [
            Decimal(c) for c in ("1.00", "2.50", "3.00", "5.00")
        ]

        def activities():
            activity = 0
            for facility, n in enumerate(per_facility, 1):
                orgs = ids.orgs_of[self.facility_town[facility]]
                for _ in range(n):
                    activity += 1
                    starts = (
                        None
                        if rng.random() < 0.3
                        else EPOCH + timedelta(days=rng.randrange(-700, 200))
                    )
                    ends = (
                        starts + timedelta(days=rng.randrange(30, 400))
                        if starts and rng.random() < 0.4
                        else None
                    )
                    yield (
                        activity,
                        rng.choice(ACTIVITY_TITLES),
                        _text(rng, 2),
                        rng.choice(orgs),
                        facility,
                        rng.choice(costs),
                        starts,
                        ends,
                        rng.random() < 0.95,
                    )

        self.copy(
            Activity,
            [
                "id",
                "title",
                "description",
                "organisation",
                "facility",
                "cost",
                "starts_on",
                "ends_on",
                "is_published",
            ],
            activities(),
        )
        activity_ids = range(1, self.scale.activities + 1)

        def schedules():
            counter = 0
            for activity in activity_ids:
                for day in rng.sample(range(7), 1 if rng.random() < 0.8 else 2):
                    counter += 1
                    start = rng.randint(9, 20)
                    yield (
                        counter,
                        activity,
                        day,
                        clock(start),
                        clock(start + rng.randint(1, 3)),
                    )

        self.copy(
            ActivitySchedule,
            ["id", "activity", "weekday", "starts_at", "ends_at"],
            schedules(),
        )

        def links(choices: list[int], two: float):
            counter = 0
            for activity in activity_ids:
                for value in rng.sample(choices, 2 if rng.random() < two else 1):
                    counter += 1
                    yield counter, activity, value

        self.copy(
            Activity.target_groups.through,
            ["id", "activity", "targetgroup"],
            links(self.target_group_ids, 0.3),
        )
        self.copy(
            Activity.themes.through,
            ["id", "activity", "theme"],
            links(self.theme_ids, 0.1),
        )

    def bookings(self, ids: Ids) -> None:
        """Bookings per room on distinct (day, slot) pairs: never two at once."""
        rng = self.rng("bookings")
        per_room = split(self.scale.bookings, self.room_count, rng)
        series_rows = []
        purposes = ACTIVITY_TITLES
        kinds = ["gesubsidieerd", "niet_gesubsidieerd", "commercieel"]

        def bookings():
            booking = 0
            for room, n in enumerate(per_room, 1):
                orgs = ids.orgs_of[self.facility_town[self.room_facility[room - 1]]]
                taken: set[tuple[int, int]] = set()
                if n >= 4 and rng.random() < 0.5:
                    weeks = min(n, rng.randint(4, 12))
                    day0 = rng.randrange(7)
                    slot = rng.randrange(len(BOOKING_SLOTS))
                    series = len(series_rows) + 1
                    org = rng.choice(orgs)
                    kind = rng.choice(kinds)
                    purpose = rng.choice(purposes)
                    hours = BOOKING_SLOTS[slot]
                    first = EPOCH + timedelta(days=day0)
                    series_rows.append(
                        (
                            series,
                            room,
                            org,
                            kind,
                            purpose,
                            first.weekday(),
                            clock(hours[0]),
                            clock(hours[1]),
                            first,
                            first + timedelta(weeks=weeks - 1),
                        )
                    )
                    for w in range(weeks):
                        day = day0 + 7 * w
                        taken.add((day, slot))
                        booking += 1
                        on = EPOCH + timedelta(days=day)
                        yield (
                            booking,
                            room,
                            Range(_aware(on, hours[0]), _aware(on, hours[1]), "[)"),
                            org,
                            kind,
                            purpose,
                            series,
                            False,
                        )
                    n -= weeks
                while n > 0:
                    day, slot = rng.randrange(365), rng.randrange(len(BOOKING_SLOTS))
                    if (day, slot) in taken:
                        continue
                    taken.add((day, slot))
                    n -= 1
                    booking += 1
                    on = EPOCH + timedelta(days=day)
                    hours = BOOKING_SLOTS[slot]
                    ad_hoc = rng.random() < 0.3
                    yield (
                        booking,
                        room,
                        Range(_aware(on, hours[0]), _aware(on, hours[1]), "[)"),
                        None if ad_hoc and rng.random() < 0.5 else rng.choice(orgs),
                        "ad_hoc" if ad_hoc else rng.choice(kinds),
                        rng.choice(purposes),
                        None,
                        rng.random() < 0.02,
                    )

        self.copy(
            Booking,
            [
                "id",
                "room",
                "period",
                "organisation",
                "kind",
                "purpose",
                "series",
                "is_cancelled",
            ],
            bookings(),
        )
        # Bookings refer to their series; foreign keys are checked at commit.
        self.copy(
            BookingSeries,
            [
                "id",
                "room",
                "organisation",
                "kind",
                "purpose",
                "weekday",
                "starts_at",
                "ends_at",
                "first_date",
                "last_date",
            ],
            iter(series_rows),
        )

    # -- policy -------------------------------------------------------------------
    def policy(self, ids: Ids) -> None:
        rng = self.rng("policy")
        frameworks, versions, goals, indicators, measurements, budget = (
            [],
            [],
            [],
            [],
            [],
            [],
        )
        self.current_version: dict[int, int] = {}
        self.current_framework: dict[int, int] = {}
        self.goals_of: dict[int, range] = {}
        for m, town, slug in ids.municipalities:
            old, new = len(frameworks) + 1, len(frameworks) + 2
            frameworks.append(
                (
                    old,
                    m,
                    f"Welzijn in {town} 2015-2019",
                    f"welzijn-{slug}-2015",
                    _text(rng, 3),
                    2015,
                    2019,
                    FrameworkStatus.EVALUATED,
                    date(2015, 3, 1),
                    None,
                )
            )
            frameworks.append(
                (
                    new,
                    m,
                    f"Welzijn in {town} 2020-2025",
                    f"welzijn-{slug}-2020",
                    _text(rng, 3),
                    2020,
                    2025,
                    rng.choice([FrameworkStatus.ADOPTED, FrameworkStatus.IN_EXECUTION]),
                    date(2020, 6, 1),
                    old,
                )
            )
            self.current_framework[m] = new
            for fw, year in ((old, 2015), (new, 2020)):
                versions.append(
                    (len(versions) + 1, fw, 1, f"Ontwerp {year}", date(year, 1, 15))
                )
            versions.append(
                (len(versions) + 1, new, 2, "Herzien na advies", date(2020, 5, 1))
            )
            self.current_version[m] = len(versions)
            first_goal = len(goals) + 1
            for number, title in enumerate(GOALS, 1):
                goal = len(goals) + 1
                goals.append(
                    (
                        goal,
                        new,
                        number,
                        title,
                        _text(rng, 2),
                        rng.choice(GoalHorizon.values),
                        date(2025, 12, 31),
                        rng.choice(GoalStatus.values),
                    )
                )
                indicators.append(
                    (
                        goal,
                        goal,
                        f"Aandeel: {title.lower()}",
                        IndicatorUnit.PERCENT,
                        Decimal(rng.randint(50, 95)),
                        Decimal(rng.randint(20, 60)),
                    )
                )
                for year in (2023, 2024):
                    measurements.append(
                        (
                            len(measurements) + 1,
                            goal,
                            date(year, 12, 31),
                            Decimal(rng.randint(20, 95)),
                            "Monitor",
                        )
                    )
            self.goals_of[m] = range(first_goal, len(goals) + 1)
            for year in (2024, 2025, 2026):
                for category in ("exploitatie", "functies", "initiatieven"):
                    budget.append(
                        (
                            len(budget) + 1,
                            new,
                            year,
                            category,
                            f"Begroting {category}",
                            Decimal(rng.randrange(100_000, 5_000_000)),
                        )
                    )
        self.copy(
            PolicyFramework,
            [
                "id",
                "municipality",
                "title",
                "slug",
                "summary",
                "period_start",
                "period_end",
                "status",
                "adopted_on",
                "predecessor",
            ],
            iter(frameworks),
        )
        self.copy(
            FrameworkVersion,
            ["id", "framework", "number", "title", "dated"],
            iter(versions),
        )
        self.copy(
            Goal,
            [
                "id",
                "framework",
                "number",
                "title",
                "text",
                "horizon",
                "due_on",
                "status",
            ],
            iter(goals),
        )
        self.copy(
            Indicator,
            ["id", "goal", "name", "unit", "target_value", "baseline_value"],
            iter(indicators),
        )
        self.copy(
            Measurement,
            ["id", "indicator", "measured_on", "value", "source"],
            iter(measurements),
        )
        self.copy(
            BudgetLine,
            ["id", "framework", "year", "category", "description", "amount"],
            iter(budget),
        )

        schemes = []
        for m, town, slug in ids.municipalities:
            for name, kind, category in SCHEMES:
                schemes.append(
                    (
                        len(schemes) + 1,
                        self.current_framework[m],
                        m,
                        f"{name} {town}",
                        f"{slugify(name)}-{slug}",
                        kind,
                        category,
                        None if category == "initiatieven" else Decimal(50_000_000),
                        "Organisaties en bewonersgroepen in de gemeente.",
                    )
                )
        self.copy(
            SubsidyScheme,
            [
                "id",
                "framework",
                "municipality",
                "name",
                "slug",
                "kind",
                "category",
                "ceiling",
                "eligibility",
            ],
            iter(schemes),
        )
        per_town = split(self.scale.grants, len(ids.municipalities), rng)
        statuses = [
            "aangevraagd",
            "verleend",
            "vastgesteld",
            "afgewezen",
            "ingetrokken",
        ]
        status_weights = [10, 30, 45, 10, 5]

        def grants():
            grant = 0
            for (m, _town, _slug), n in zip(ids.municipalities, per_town, strict=True):
                orgs = ids.orgs_of[m]
                facilities = ids.facilities_of.get(m)
                wijken = ids.wijken_of[m]
                for _ in range(n):
                    grant += 1
                    scheme = (m - 1) * len(SCHEMES) + rng.randrange(len(SCHEMES)) + 1
                    year = rng.randint(2019, 2026)
                    status = rng.choices(statuses, status_weights)[0]
                    requested = Decimal(rng.randrange(500, 60_000))
                    granted = (
                        (
                            requested * Decimal(rng.choice(["1", "0.9", "0.75"]))
                        ).quantize(Decimal("0.01"))
                        if status in ("verleend", "vastgesteld", "ingetrokken")
                        else None
                    )
                    yield (
                        grant,
                        scheme,
                        rng.choice(orgs),
                        f"SUB-{year}-{grant:07d}",
                        year,
                        year + rng.randint(1, 3) if rng.random() < 0.2 else None,
                        rng.choice(GRANT_PURPOSES),
                        rng.choice(self.theme_ids),
                        requested,
                        granted,
                        granted if status == "vastgesteld" else None,
                        status,
                        None
                        if status == "aangevraagd"
                        else date(year, 1, 1) + timedelta(days=rng.randrange(300)),
                        rng.choice(facilities)
                        if facilities and rng.random() < 0.5
                        else None,
                        rng.choice(wijken) if rng.random() < 0.5 else None,
                    )

        self.copy(
            Grant,
            [
                "id",
                "scheme",
                "organisation",
                "reference",
                "year",
                "last_year",
                "purpose",
                "theme",
                "amount_requested",
                "amount_granted",
                "amount_settled",
                "status",
                "decided_on",
                "facility",
                "neighbourhood",
            ],
            grants(),
        )

    # -- advisory councils ---------------------------------------------------------
    def advisories(self, ids: Ids) -> None:
        rng = self.rng("advisories")
        self.copy(
            AdvisoryCouncil,
            ["id", "municipality", "name", "short_name", "slug", "email"],
            (
                (
                    m,
                    m,
                    f"Adviesraad Sociaal Domein {town}",
                    "ASD",
                    f"asd-{slug}",
                    f"asd@{slug}.example.nl",
                )
                for m, town, slug in ids.municipalities
            ),
        )
        per_council = split(self.scale.advices, len(ids.municipalities), rng, minimum=1)
        per_advice = split(
            self.scale.recommendations, self.scale.advices, rng, minimum=1
        )
        status_choices = [
            "gepubliceerd",
            "beantwoord",
            "verzonden",
            "vastgesteld",
            "ingediend",
            "concept",
        ]
        status_weights = [40, 25, 20, 5, 5, 5]
        requests, advices, sections, recommendations, responses = [], [], [], [], []
        advice = 0
        for (m, _town, _slug), n in zip(ids.municipalities, per_council, strict=True):
            for k in range(n):
                advice += 1
                subject = rng.choice(ADVICE_SUBJECTS)
                dated = EPOCH - timedelta(days=rng.randrange(3_000))
                status = rng.choices(status_choices, status_weights)[0]
                sent = status in SENT_STATUSES
                request = None
                if rng.random() < 0.6:
                    request = len(requests) + 1
                    received = dated - timedelta(days=rng.randrange(20, 60))
                    requests.append(
                        (
                            request,
                            m,
                            f"Adviesaanvraag {subject.lower()}",
                            self.current_version[m] if k == 0 else None,
                            _text(rng, 2),
                            received,
                            received + timedelta(weeks=6),
                        )
                    )
                kind = "Advies" if request else "Ongevraagd advies"
                title = f"{kind} {subject.lower()} {dated.year}"
                advices.append(
                    (
                        advice,
                        m,
                        request,
                        self.current_framework[m] if request else None,
                        "gevraagd" if request else "ongevraagd",
                        title,
                        f"{slugify(title)}-{advice}",
                        rng.choice(["college", "raad", "beide"]),
                        dated,
                        _text(rng, 4),
                        status,
                        "De voorzitter van de adviesraad",
                        dated if sent else None,
                        dated + timedelta(weeks=6) if sent else None,
                        dated + timedelta(weeks=10)
                        if status == "gepubliceerd"
                        else None,
                    )
                )
                for position, heading in enumerate(("Aanleiding", "Overwegingen"), 1):
                    sections.append(
                        (len(sections) + 1, advice, position, heading, _text(rng, 5))
                    )
                answered = status in ("beantwoord", "gepubliceerd")
                for number in range(1, per_advice[advice - 1] + 1):
                    recommendation = len(recommendations) + 1
                    recommendations.append(
                        (recommendation, advice, number, rng.choice(RECOMMENDATIONS))
                    )
                    if answered and rng.random() < 0.9:
                        responses.append(
                            (
                                len(responses) + 1,
                                recommendation,
                                rng.choice(
                                    ["overgenomen", "deels", "niet_overgenomen"]
                                ),
                                "Het college neemt dit mee in de uitwerking.",
                                dated + timedelta(days=rng.randrange(20, 60)),
                            )
                        )
        self.copy(
            AdviceRequest,
            [
                "id",
                "council",
                "subject",
                "framework_version",
                "description",
                "received_on",
                "deadline",
            ],
            iter(requests),
        )
        self.copy(
            Advice,
            [
                "id",
                "council",
                "request",
                "framework",
                "kind",
                "title",
                "slug",
                "addressee",
                "dated",
                "summary",
                "status",
                "signed_by",
                "sent_on",
                "response_due_on",
                "published_on",
            ],
            iter(advices),
        )
        self.copy(
            AdviceSection,
            ["id", "advice", "position", "heading", "body"],
            iter(sections),
        )
        self.copy(
            Recommendation, ["id", "advice", "number", "text"], iter(recommendations)
        )
        self.copy(
            Response,
            ["id", "recommendation", "verdict", "reasons", "responded_on"],
            iter(responses),
        )

    def search_index(self) -> None:
        """The Dutch full-text index of public advice, as advisories.services builds it."""
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE advisories_advice a
                   SET search_vector =
                       setweight(to_tsvector('dutch', a.title), 'A')
                    || setweight(to_tsvector('dutch', a.summary), 'B')
                    || setweight(to_tsvector('dutch', COALESCE(r.words, '')), 'B')
                    || setweight(to_tsvector('dutch', COALESCE(s.headings, '')), 'C')
                    || setweight(to_tsvector('dutch', COALESCE(s.words, '')), 'D')
                  FROM advisories_advice b
                  LEFT JOIN (SELECT advice_id, string_agg(DISTINCT text, ' ') AS words
                               FROM advisories_recommendation GROUP BY advice_id) r
                         ON r.advice_id = b.id
                  LEFT JOIN (SELECT advice_id, string_agg(DISTINCT heading, ' ') AS headings,
                                    string_agg(DISTINCT body, ' ') AS words
                               FROM advisories_advicesection GROUP BY advice_id) s
                         ON s.advice_id = b.id
                 WHERE a.id = b.id AND a.status = ANY(%s)
                """,
                [list(SENT_STATUSES)],
            )
        self.log(
            f"  {'advice search index':<40} {'':>15} {time.perf_counter() - started:8.1f} s"
        )

    def member(self) -> None:
        """The council member the benchmark logs in as: chair of the first council."""
        user, _ = get_user_model().objects.update_or_create(
            username=BENCH_MEMBER,
            defaults={"first_name": "Bench", "last_name": "Lid", "is_active": True},
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.filter(user=user).delete()
        Membership.objects.create(
            council_id=1, user=user, role="voorzitter", starts_on=date(2024, 1, 1)
        )

    def run(self) -> Loader:
        self.wijk_corner: dict[int, tuple[float, float]] = {}
        self.vocabularies()
        ids = self.geography()
        self.organisations(ids)
        self.facilities(ids)
        self.activities(ids)
        self.bookings(ids)
        self.policy(ids)
        self.advisories(ids)
        self.search_index()
        self.loader.reset_sequences()
        self.member()
        return self.loader


class NotEmpty(Exception):
    """The database already holds data; generate only adds to an empty one."""


# The apps whose tables `--flush` empties before generating.
GENERATED_APPS = ("neighbourhoods", "policy", "advisories")


def app_tables(*, history: bool = False) -> list[str]:
    """The tables of the three apps; their history tables (core/history.py) only
    with ``history``: the generator writes none of their rows."""
    from django.apps import apps

    tables = []
    for label in GENERATED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            if issubclass(model, pghistory.models.Event) and not history:
                continue
            tables.append(model._meta.db_table)
    return tables


def flush() -> None:
    """Empty every table of the three apps (and what refers to them)."""
    tables = ", ".join(connection.ops.quote_name(t) for t in app_tables(history=True))
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def is_empty() -> bool:
    return not (Municipality.objects.exists() or Facility.objects.exists())


def may_skip_triggers() -> bool:
    """Whether this role may load without per-row triggers (a superuser may)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def check_foreign_keys() -> int:
    """Every foreign key of the generated tables, checked with one anti-join each.

    Replaces PostgreSQL's per-row checks when those were skipped while loading: at
    country scale ~15 million trigger calls take far longer than ~60 set queries.
    """
    from django.apps import apps

    quote = connection.ops.quote_name
    checked = 0
    with connection.cursor() as cursor:
        for label in GENERATED_APPS:
            config = apps.get_app_config(label)
            for model in config.get_models(include_auto_created=True):
                for f in model._meta.concrete_fields:
                    if not (f.many_to_one or f.one_to_one):
                        continue
                    target = f.target_field
                    cursor.execute(
                        f"SELECT count(*) FROM {quote(model._meta.db_table)} c "
                        f"WHERE c.{quote(f.column)} IS NOT NULL AND NOT EXISTS ("
                        f"SELECT 1 FROM {quote(target.model._meta.db_table)} p "
                        f"WHERE p.{quote(target.column)} = c.{quote(f.column)})"
                    )
                    missing = cursor.fetchone()[0]
                    if missing:
                        raise IntegrityError(
                            f"{missing} rows of {model._meta.db_table}.{f.column} refer "
                            f"to no row of {target.model._meta.db_table}"
                        )
                    checked += 1
    return checked


def check_grant_ceilings() -> None:
    """What policy's statement trigger checks on insert, over every scheme and year."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT s.name, g.year FROM policy_grant g
              JOIN policy_subsidyscheme s ON s.id = g.scheme_id
             WHERE s.ceiling IS NOT NULL AND g.status IN ('verleend', 'vastgesteld')
             GROUP BY s.id, s.name, g.year, s.ceiling
            HAVING SUM(g.amount_granted) > s.ceiling
             LIMIT 1
            """
        )
        over = cursor.fetchone()
    if over:
        raise IntegrityError(f"grants of {over[0]} in {over[1]} exceed the ceiling")


def generate(
    scale: Scale,
    *,
    seed: int = 1,
    log: Callable[[str], None] = print,
    flush_first: bool = False,
) -> Loader:
    """Fill the database with `scale`'s data in one transaction; returns the timings.

    Check, unique and exclusion constraints hold row by row while loading. Foreign keys
    and policy's grant-ceiling trigger are triggers: a superuser loads without them
    (session_replication_role = replica, for this transaction only) and checks them
    afterwards, set by set; any other role has PostgreSQL check them at the end.
    """
    with transaction.atomic():
        skip_triggers = may_skip_triggers()
        with connection.cursor() as cursor:
            if skip_triggers:
                cursor.execute("SET LOCAL session_replication_role = replica")
            else:
                # Rows may refer to rows copied later (bookings to their series).
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        # Generated rows are not people's changes: the history triggers skip them
        # (and the rows a flush deletes), else millions of events double the load.
        with without_history():
            if flush_first:
                flush()
            elif not is_empty():
                raise NotEmpty
            loader = Generator(scale, seed, log).run()
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if skip_triggers:
                cursor.execute("SET LOCAL session_replication_role = origin")
                checked = check_foreign_keys()
                check_grant_ceilings()
                what = f"{checked} foreign keys, ceilings checked"
            else:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                what = "foreign keys checked"
        log(f"  {what:<40} {'':>15} {time.perf_counter() - started:8.1f} s")
    return loader
