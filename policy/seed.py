"""Seed data for policy: the frameworks the source documents describe.

- Amersfoort's vision "Welzijn in Amersfoort 2010-2015" (February 2010) with its
  predecessor, its parent Wmo framework, five conditions, three principles, target-group
  priorities, the eight goals of its streefbeeld and its implementation agenda.
- Almere's "beleidskader WELzijn in Almere" as the Adviesraad Sociaal Domein received it
  (two versions, two tracks), with the themes of the 2020 announcement, and the expired
  social-domain framework the 2023 advice mentions.

Not loaded, because no framework in the sources owns them: De Schoor's cuts of 2014
(€ 700.000 realised, about € 375.000 still to find for 2015) belong to Almere's budget
of that time, whose framework the note does not name; they are on De Schoor's
description instead. Texts are quoted from the documents; dates the documents do not
give (adoption dates, goal due dates) stay empty.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.backends.postgresql.psycopg_any import DateRange
from django.db.models import Model

from neighbourhoods.models import Municipality, TargetGroup, Theme
from neighbourhoods.seed import (
    ALMERE,
    AMERSFOORT,
    ENTERPRISING_RESIDENTS,
    ENTERPRISING_YOUTH,
    INFORMAL_CARERS,
    SENIORS,
    VOLUNTEERS,
    VULNERABLE_RESIDENTS,
    VULNERABLE_YOUTH,
)

from .models import (
    AgendaItem,
    Condition,
    FrameworkStatus,
    FrameworkTargetGroup,
    FrameworkVersion,
    Goal,
    GoalHorizon,
    Indicator,
    IndicatorUnit,
    Milestone,
    PolicyFramework,
    Principle,
    TargetDirection,
    Track,
)

AMERSFOORT_VISION = "welzijn-in-amersfoort-2010-2015"
AMERSFOORT_PREDECESSOR = "samen-leven-in-welzijn-2002-2006"
AMERSFOORT_WMO = "amersfoort-ondersteunt-2008-2011"
ALMERE_WELFARE = "welzijn-in-almere"
ALMERE_SOCIAL_DOMAIN = "anticiperen-op-wat-nodig-is-2019-2022"


@dataclass(frozen=True)
class FrameworkSeed:
    slug: str
    title: str
    municipality: str
    period_start: int
    period_end: int | None
    status: str
    summary: str


FRAMEWORKS: list[FrameworkSeed] = [
    FrameworkSeed(
        slug=AMERSFOORT_WMO,
        title="Amersfoort Ondersteunt 2008-2011",
        municipality=AMERSFOORT,
        period_start=2008,
        period_end=2011,
        status=FrameworkStatus.ADOPTED,
        summary=(
            "Het Wmo-beleidskader van Amersfoort, met de kaders voor het stimuleren "
            "van een samenleving waarin alle Amersfoorters op gelijkwaardige wijze "
            "kunnen meedoen. Het heeft vier kernopgaven: het bevorderen van "
            "zelfstandigheid en zelfredzaamheid van mensen; het versterken van de "
            "sociale samenhang in wijken; mensen langer in hun omgeving laten wonen; "
            "en het bieden van een vangnet voor specifieke, kwetsbare groepen."
        ),
    ),
    FrameworkSeed(
        slug=AMERSFOORT_PREDECESSOR,
        title="Samen leven in welzijn 2002-2006",
        municipality=AMERSFOORT,
        period_start=2002,
        period_end=2006,
        status=FrameworkStatus.ADOPTED,
        summary=(
            "Het vorige welzijnsbeleidskader van Amersfoort. Het accent lag op twee "
            "zaken: het leveren van een bijdrage aan het aanbod aan "
            "vrijetijdsbesteding en aan het inzetten van een interventieprogramma. "
            "Uitvoerders waren de welzijnsorganisaties SWA en later ook De Kamers voor "
            "Vathorst en Versa voor het jongerenwerk in Vathorst. Het beleidskader "
            "stelde dat het beschikbaar stellen en beheren van wijkcentra een "
            "belangrijke taak is van het welzijnswerk."
        ),
    ),
    # Published February 2010 with adoption by the council "voorzien in februari
    # 2010"; the implementation steps that follow assume it was adopted.
    FrameworkSeed(
        slug=AMERSFOORT_VISION,
        title="Welzijn in Amersfoort 2010-2015",
        municipality=AMERSFOORT,
        period_start=2010,
        period_end=2015,
        status=FrameworkStatus.ADOPTED,
        summary=(
            "Visie op welzijnswerk in Amersfoort: stad met een hart. De visie is een "
            "verdere uitwerking van het Wmo-beleidskader 'Amersfoort Ondersteunt "
            "2008-2011' en gaat in op de rol en de bijdrage van welzijnswerk. Via "
            "gerichte inzet van het welzijnswerk willen we eraan bijdragen dat onze "
            "bewoners aan de samenleving kunnen meedoen en zich daar 'wel' bij "
            "voelen. Met onze visie willen we komen tot een andere, slimmere en "
            "vooral betere inzet van onze middelen voor welzijnswerk in onze stad."
        ),
    ),
    # Sent for advice in January 2021; no source says it was adopted afterwards.
    FrameworkSeed(
        slug=ALMERE_WELFARE,
        title="Beleidskader WELzijn in Almere",
        municipality=ALMERE,
        period_start=2021,
        period_end=None,
        status=FrameworkStatus.FOR_ADVICE,
        summary=(
            "Het welzijnsbeleid helpt inwoners om zo lang mogelijk mee te doen en "
            "contact te leggen met anderen. Het stimuleren van zelfredzaamheid en "
            "samenredzaamheid staat centraal. Thema's die hier bij horen zijn "
            "bijvoorbeeld (buurt)ontmoeting, buurtinitiatieven, informele vormen van "
            "ondersteuning en het versterken en faciliteren van mantelzorgers en "
            "vrijwilligers."
        ),
    ),
    FrameworkSeed(
        slug=ALMERE_SOCIAL_DOMAIN,
        title="Anticiperen op wat nodig is (beleidskader sociaal domein 2019-2022)",
        municipality=ALMERE,
        period_start=2019,
        period_end=2022,
        status=FrameworkStatus.ADOPTED,
        summary=(
            "Het beleidskader sociaal domein 2019-2022 van Almere. Het aflopen ervan "
            "en de afspraken in het coalitieakkoord 2022 ('Bouwen aan een gezonde "
            "toekomst') waren aanleiding voor een onderzoek- en adviesproces over de "
            "sociaal-maatschappelijke staat van Almere."
        ),
    ),
]

FRAMEWORK_THEMES: dict[str, list[str]] = {
    AMERSFOORT_VISION: [
        "buurtontmoeting",
        "buurtinitiatieven",
        "informele-ondersteuning",
        "vrijwillige-inzet",
    ],
    ALMERE_WELFARE: [
        "buurtontmoeting",
        "buurtinitiatieven",
        "informele-ondersteuning",
        "mantelzorg",
        "vrijwillige-inzet",
        "sport",
        "cultuur",
        "gezondheid",
    ],
}

PRIMARY = (
    "Het welzijnswerk richt zich primair op twee groepen: het ondersteunen van "
    "kwetsbare inwoners en het faciliteren van initiatiefrijke inwoners."
)
YOUTH = (
    "Ook in het jongerenwerk spreken we voortaan over het ondersteunen van kwetsbare "
    "en het faciliteren van initiatiefrijke jongeren."
)
ALMERE_CARERS = (
    "Het versterken en faciliteren van mantelzorgers en vrijwilligers hoort bij het "
    "welzijnsbeleid."
)
# (framework, target group, priority, note); 1 is the highest priority.
FRAMEWORK_TARGET_GROUPS: list[tuple[str, str, int, str]] = [
    (AMERSFOORT_VISION, VULNERABLE_RESIDENTS, 1, PRIMARY),
    (AMERSFOORT_VISION, ENTERPRISING_RESIDENTS, 1, PRIMARY),
    (AMERSFOORT_VISION, VULNERABLE_YOUTH, 1, YOUTH),
    (AMERSFOORT_VISION, ENTERPRISING_YOUTH, 1, YOUTH),
    # Named "speciaal in dit verband" under the enterprising residents.
    (
        AMERSFOORT_VISION,
        SENIORS,
        2,
        "Speciaal noemen we het benutten van de 'zilveren kracht': de capaciteiten "
        "en ervaringen van senioren.",
    ),
    (ALMERE_WELFARE, INFORMAL_CARERS, 1, ALMERE_CARERS),
    (ALMERE_WELFARE, VOLUNTEERS, 1, ALMERE_CARERS),
]

# Amersfoort vision §1.2, "Voorwaarden voor het welzijn van mensen".
CONDITIONS: list[tuple[str, str]] = [
    (
        "Zelfredzaamheid",
        "De eerste voorwaarde is dat onze bewoners zelfredzaam zijn in de samenleving "
        "en daardoor zelf keuzes kunnen maken over hoe ze meedoen aan de samenleving "
        "en in staat zijn eigen initiatieven te nemen en zich mede verantwoordelijk "
        "te voelen. Pas als een bewoner de mogelijkheid heeft om zelf te bepalen waar "
        "hij of zij zich goed bij voelt en de mogelijkheid heeft om mee te doen aan "
        "de samenleving en te verkennen waar hij of zij goed in is, wat bij iemand "
        "past, waar iemand zich tevreden mee voelt, pas dan hebben we een samenleving "
        "waar veel mensen zich wel in kunnen bevinden.",
    ),
    (
        "Beschikbaarheid sociale netwerken",
        "Een tweede voorwaarde voor het beleven van welzijn is het hebben van een "
        "netwerk van familie, vrienden, kennissen, collega's enzovoorts. Deze sociale "
        "netwerken zijn van cruciaal belang voor de zelfredzaamheid, ontplooiing, "
        "aandacht en steun aan de bewoners. Maar sociale netwerken zijn breder van "
        "belang: voor het maken van keuzes over opleiding en beroep, als opstap bij "
        "het vinden van werk, voor het samen doen van sport of gewoon om je prettig "
        "te voelen in gezelschap van anderen. En naast familie en vrienden beschikken "
        "we in Amersfoort over veel mensen die 'zomaar' als vrijwilligers andere "
        "mensen willen helpen en samen sociale netwerken vormen om met elkaar "
        "activiteiten te organiseren en te ondernemen, waar ze plezier aan beleven. "
        "Ook deze vrijwilligers zijn van grote waarde; dat kunnen we niet genoeg "
        "benadrukken.",
    ),
    (
        "Beschikbaarheid collectieve voorzieningen",
        "De derde voorwaarde is dat we in Amersfoort beschikken over een breed palet "
        "aan voorzieningen om bewoners te ondersteunen in hun zelfredzaamheid en "
        "participatie in de samenleving. We hebben scholen om te kwalificeren voor "
        "een zelfstandig beroep en voor het zorgen van een eigen inkomen; de sociale "
        "dienst voor inkomensondersteuning en (arbeids)participatie; het UWV "
        "WERKbedrijf om mensen te bemiddelen naar werk; huisartsen voor directe "
        "medische zorg; sport- en cultuurvoorzieningen voor vrijetijdsbesteding; "
        "wijkaccommodaties en ouderensteunpunten voor ontmoeting en jongerencentra "
        "voor ontmoeting, signalering en talentontwikkeling et cetera. Al deze "
        "voorzieningen en projecten bieden samen een extra steun om zelfredzaamheid "
        "te versterken of sociale contacten te verbreden.",
    ),
    (
        "Leefbare woonomgeving",
        "Een vierde voorwaarde is dat bewoners kunnen beschikken over een leefbare "
        "woonomgeving. Vaak wordt gesproken over schoon, heel, veilig. Ook de waarde "
        "van een aantrekkelijke groene leefomgeving is evident, bijvoorbeeld om in te "
        "spelen. Vanuit de welzijnsvisie voegen we daar de termen sociaal en "
        "betrokken aan toe. Leefbaar betekent ook dat er op buurtniveau een sfeer is "
        "waarin mensen elkaar durven aan te spreken, respectvol en betrokken met "
        "elkaar omgaan en er een balans bestaat tussen tolerantie en eigen "
        "verantwoordelijkheid voor de buurt en de burens.",
    ),
    (
        "Individuele en/of groepsondersteuning",
        "Een vijfde voorwaarde is dat de bewoners toegang hebben tot individuele "
        "ondersteuning op maat, als zij dat vanwege beperkingen nodig hebben of omdat "
        "het algemene voorzieningennetwerk in een gemeente hen onvoldoende kan "
        "ondersteunen. In die gevallen is er, indien dat blijkt uit een "
        "indicatiestelling, professionele ondersteuning voorhanden door daarvoor "
        "opgeleide medewerkers. Naast deze individuele ondersteuning wordt er ook "
        "groepsondersteuning geboden met of zonder indicatie.",
    ),
]

# Amersfoort vision §3.1, "Uitgangspunten".
PRINCIPLES: list[tuple[str, str]] = [
    (
        "Wijkgericht",
        "We zien werken op wijkniveau als een grondslag voor ons welzijnsbeleid. We "
        "blijven streven naar bruisende wijken: wijken, waarin mensen elkaar weten te "
        "vinden en waar op basis van de vraag, een aanbod aanwezig is aan "
        "sociaal-culturele en recreatieve activiteiten en faciliteiten. Dit aanbod "
        "kan worden geboden door een niet-gesubsidieerde instelling (informele "
        "aanbieder) of een gesubsidieerde instelling (formele aanbieder). Kortom, "
        "wijken waarin mensen graag wonen. Als we willen dat mensen meer zelf en met "
        "elkaar problemen oppakken, moet dat ook laagdrempelig, dichtbij en op een "
        "voor mensen overzichtelijke schaal plaatsvinden.",
    ),
    (
        "Vraaggericht",
        "We willen dat het aanbod van welzijnswerk beter aansluit bij de vraag van "
        "kwetsbare en initiatiefrijke bewoners in de wijk. Dat lijkt vanzelfsprekend, "
        "maar dat vraagt om een versterking van onze vraaggerichte werkwijze. Dit is "
        "daarmee één van de vraagstukken op onze uitwerkingsagenda.",
    ),
    (
        "Sturing",
        "Algemeen geldt dat als wij tot een meer samenhangend en op de vraag "
        "toegesneden aanbod van welzijnswerk willen komen, we ook tot een meer "
        "integrale wijze van aansturing van uitvoerende instellingen moeten komen. "
        "Wijkgericht en vraaggericht werken aan welzijn brengt een aantal "
        "sturingsvraagstukken met zich mee:\n"
        "- Hoe organiseren we een goed samenspel tussen de veelheid aan spelers?\n"
        "- Hoe zorgen we ervoor dat nieuwe en andere aanbieders van welzijnswerk een "
        "plek krijgen: hoe brengen we deze groepen/spelers in stelling?\n"
        "- Hoe bepalen we de inzet van de spelers?\n"
        "- Wat is de regie-rol van de gemeente hierbij?",
    ),
]

SHORT, LONG = GoalHorizon.SHORT, GoalHorizon.LONG
# Amersfoort vision §2.3: points 1–3 under "Korte termijn, over 1 tot 2 jaar",
# points 4–8 under "Langere termijn, over 2 tot 5 jaar". (title, horizon, text)
GOALS: list[tuple[str, str, str]] = [
    (
        "Een team van professionals in iedere wijk",
        SHORT,
        "Binnen 2 jaar is er in iedere wijk een team gevormd bestaande uit "
        "professionals onder regie van de gemeente die in beeld brengen / hebben wat "
        "het aanbod is (activiteiten, functies en gebouwen en het gebruik hiervan) "
        "voor zowel de formele als de informele aanbieder en de vraag. Korte termijn "
        "resultaat (2 jaar).",
    ),
    (
        "Een sociale kaart en een sociale agenda per wijk",
        SHORT,
        "Over 1 jaar is er een sociale kaart en binnen 2 jaar is er een sociale "
        "agenda per wijk beschikbaar op basis waarvan de gemeente na weging op wijk "
        "en stedelijk niveau de benodigde inzet van het welzijnswerk per wijk kan "
        "toewijzen. De sociale kaart is een korte termijn resultaat (resultaat binnen "
        "1 jaar in die wijken waar gestart wordt) en de sociale agenda volgt hierna "
        "(verwacht resultaat na 1 tot 2 jaar met doorloop tot 5 jaar).",
    ),
    (
        "Heldere rollen voor het jongerenwerk en allianties",
        SHORT,
        "Over 1 jaar zijn de verschillende rollen van het jongerenwerk helder en zijn "
        "allianties aangegaan met andere spelers. Resultaat rollen korte termijn "
        "(resultaat binnen 1 jaar) en het aangaan van allianties gefaseerd.",
    ),
    (
        "85 % van de ruimten in wijkcentra in gebruik",
        LONG,
        "Het streven is dat na 2 jaar 85% van de ruimten in de op dat moment "
        "bestaande gemeentelijke gebouwen (wijkcentra) gebruikt wordt door "
        "gesubsidieerde en niet-gesubsidieerde organisaties en instellingen. De "
        "overige 15% van de ruimten is nodig om ad hoc vragen op te vangen. Deze "
        "organisaties hebben voorrang op eventuele commerciële partijen. De "
        "wijkcentra functioneren volgens een van tevoren vastgesteld concept "
        "(maatwerk). Resultaat voor de langere termijn (verwacht resultaat na 1 tot 2 "
        "jaar met doorloop tot 5 jaar).",
    ),
    (
        "Een systeem voor slimmer gebruik van gebouwen en functies",
        LONG,
        "Er is een systeem ontwikkeld voor een anders, beter en/of slimmer gebruik "
        "van de gebouwen en functies in een wijk. Resultaat voor de langere termijn "
        "(verwacht resultaat over 2 jaar met doorloop tot 5 jaar).",
    ),
    (
        "Een gekozen en toegepast meetinstrument",
        LONG,
        "Na verkenning van verschillende toe te passen meetinstrumenten, wordt een "
        "meetinstrument gekozen en toegepast. Resultaat voor de langere termijn "
        "(verwacht resultaat over 2 jaar met doorloop tot 5 jaar).",
    ),
    (
        "Een kloppend hart in iedere wijk",
        LONG,
        "Beschikt iedere wijk over een centrale ontmoetingsplek(ken), kloppend(e) "
        "hart(en). Dit kan zijn vanuit een gesubsidieerde voorziening, maar ook "
        "vanuit een niet-gesubsidieerde voorziening. Afhankelijk van de wijk kan dit "
        "een kleine huiskamer zijn of vanuit een multifunctionele accommodatie.",
    ),
    (
        "Jongerencentra ingezet volgens een vastgestelde visie",
        LONG,
        "Worden de jongerencentra volgens een van tevoren vastgestelde visie ingezet "
        "voor de wijk en stad voor kwetsbare en/of initiatiefrijke burgers. Resultaat "
        "voor de langere termijn (verwacht resultaat over 2 jaar met doorloop tot 5 "
        "jaar).",
    ),
]
OCCUPANCY_GOAL = 4

# Amersfoort vision §3.2, "Uitwerkingsagenda": (topic, questions). The vision leaves
# task groups and their leads to be set in step 1, so none are loaded.
AGENDA: list[tuple[str, list[str]]] = [
    (
        "Vraaggericht werken aan Welzijn in Amersfoort",
        [
            "Hoe krijg je de vraag op wijkniveau in beeld? Hoe voer je wijkanalyses "
            "uit? Hoe betrek je partners en bewoners in de wijken bij de keuze voor je "
            "welzijnsinzet?",
            "Hoe krijgen we kwetsbare bewoners in een wijk in beeld? Hoe kunnen we hun "
            "sociale netwerken versterken en hen toeleiden naar collectieve en "
            "individuele voorzieningen?",
            "Hoe krijgen we de vraag van de initiatiefrijke burger en informele "
            "aanbieder beter in beeld?",
            "Hoe geef je vorm aan het proces met partners in de wijk?",
        ],
    ),
    (
        "Inzet van middelen; functies, activiteiten en plekken",
        [
            "Met de wijkanalyse (wijkatlas en analyse van andere spelers) als basis.",
            "Hoe komen we tot een coherent en efficiënt accommodatiebeleid, waarbij "
            "meer gebruik wordt gemaakt van bestaande 'plekken in de wijk' om het "
            "ontmoeten en meedoen van onze inwoners te bevorderen en faciliteren?",
            "Inzet financiële middelen: De uitwerking van de visie op de inzet van het "
            "welzijnswerk zal plaatsvinden uitgaande van het beschikbare budget "
            "opgenomen in de meerjarenbegroting.",
        ],
    ),
    (
        "Betekenis voor welzijnsorganisaties",
        [
            "Hoe geven we de rol van coördinator/facilitator, regisseur en sociaal "
            "makelaar vorm en inhoud?",
            "Wat betekent deze benadering voor de competenties, rollen, taken en "
            "functies van (medewerkers van) organisaties?",
            "Hoe kan het welzijnswerk een sterkere rol vervullen voor kwetsbare "
            "groepen en initiatiefrijke burgers waaronder ook het benutten van de "
            "zilveren kracht (senioren)?",
            "Hoe kan het welzijnswerk een bijdrage leveren aan de versterking van de "
            "keten welzijn-zorg?",
            "Wat betekent deze nieuwe manier van werken aan welzijn voor de "
            "bedrijfsvoering van de uitvoerende organisatie bijvoorbeeld als het gaat "
            "om het vraagstuk van flexibiliteit in het aanbod en continuïteit van de "
            "organisatie?",
        ],
    ),
    (
        "Sturingsvraagstukken",
        [
            "Hoe bepaal je de inzet in de wijk van de verschillende organisaties? Hoe "
            "kunnen we de reeds in gang gezette ontwikkeling van woonservicegebieden "
            "hierbij benutten?",
            "Hoe geeft de gemeente vorm aan haar regierol?",
        ],
    ),
    (
        "Jongerenwerk",
        [
            "Hoe gaat het jongerenwerk verder vorm krijgen, op basis van de "
            "uitgangspunten in onze visie 'Welzijn in Amersfoort'?",
            "Hoe gaan de jongerencentra anders en beter benut worden door "
            "initiatiefrijke jongeren en kwetsbare jongeren en met welke visie?",
        ],
    ),
]

# §3.3, "Uitwerkingsproces". Milestones hang off an agenda item, and the vision's
# steps cover the whole agenda, so they get an item of their own after the questions.
PROCESS_TOPIC = "Uitwerkingsproces"
PROCESS_TEXT = (
    "Na vaststelling van de visie door de Raad, voorzien in februari 2010, wordt de "
    "uitwerkingsagenda ter hand genomen in drie stappen: stap 1, start "
    "uitwerkingsagenda en benoemen trekkers (maart – april 2010); stap 2, de "
    "uitwerking van de agenda (april – oktober 2010); stap 3, implementatie (nader te "
    "bepalen). De (tussentijdse) resultaten van de taakgroepen zullen leidend zijn "
    "voor het voorstel omtrent de implementatie."
)
# (title, first day, day after the last). Step 3 has no dates, so it is no milestone.
MILESTONES: list[tuple[str, date, date]] = [
    (
        "Stap 1: Start uitwerkingsagenda en benoemen trekkers",
        date(2010, 3, 1),
        date(2010, 5, 1),
    ),
    ("Stap 2: De uitwerking van de agenda", date(2010, 4, 1), date(2010, 11, 1)),
    (
        "Voorstel aan de Raad over de invulling van de bezuinigingstaakstelling voor "
        "welzijn",
        date(2010, 9, 1),
        date(2010, 10, 1),
    ),
    (
        "Totale resultaten van de taakgroepen aan de Raad",
        date(2010, 10, 1),
        date(2010, 11, 1),
    ),
]

# Almere's two tracks, described in the words of the ASD's advice of 2021.
TRACKS: list[tuple[str, str]] = [
    (
        "Almeerders aan zet",
        "Initiatieven van Almeerders worden gestimuleerd en gefaciliteerd.",
    ),
    (
        "Formele ondersteuning verminderen of voorkomen",
        "Door middel van verdieping van de inzet van welzijn verwacht de gemeente dat "
        "een beroep op de formele ondersteuning zal verminderen.",
    ),
]

# The versions the ASD received; the documents' own dates are not in the sources.
# (number, title, received on, change note)
ALMERE_VERSIONS: list[tuple[int, str, date, str]] = [
    (
        1,
        "Beleidskader WELzijn in Almere",
        date(2021, 1, 18),
        "De versie waarover de Adviesraad Sociaal Domein op 18 januari 2021 een "
        "adviesaanvraag ontving.",
    ),
    (
        2,
        "Aangepast beleidskader WELzijn in Almere",
        date(2021, 2, 19),
        "Aangepast beleidskader, op verzoek van de Adviesraad Sociaal Domein "
        "toegestuurd en op 19 februari 2021 ontvangen.",
    ),
]


def load() -> dict[str, int]:
    """Create or update the policy rows; return rows seeded per model label.

    Expects neighbourhoods.seed.load() to have run (municipalities, target groups and
    themes are looked up by their natural keys).
    """
    seeded: Counter[str] = Counter()

    def count(model: type[Model], rows: int = 1) -> None:
        seeded[model._meta.label] += rows

    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    frameworks: dict[str, PolicyFramework] = {}
    for seed in FRAMEWORKS:
        fields = {
            "title": seed.title,
            "municipality": municipalities[seed.municipality],
            "period_start": seed.period_start,
            "period_end": seed.period_end,
            "summary": seed.summary,
        }
        # The status is set on creation only: seeding again must not undo a status
        # change an official recorded since.
        frameworks[seed.slug], _ = PolicyFramework.objects.update_or_create(
            slug=seed.slug,
            defaults=fields,
            create_defaults={**fields, "status": seed.status},
        )
        count(PolicyFramework)

    vision = frameworks[AMERSFOORT_VISION]
    vision.predecessor = frameworks[AMERSFOORT_PREDECESSOR]
    vision.parent = frameworks[AMERSFOORT_WMO]
    vision.save(update_fields=["predecessor", "parent"])

    for slug, theme_slugs in FRAMEWORK_THEMES.items():
        frameworks[slug].themes.set(Theme.objects.filter(slug__in=theme_slugs))

    target_groups = {group.slug: group for group in TargetGroup.objects.all()}
    for framework_slug, group_slug, priority, note in FRAMEWORK_TARGET_GROUPS:
        FrameworkTargetGroup.objects.update_or_create(
            framework=frameworks[framework_slug],
            target_group=target_groups[group_slug],
            defaults={"priority": priority, "note": note},
        )
        count(FrameworkTargetGroup)

    numbered_parts: list[tuple[type[Condition | Principle | Track], str, list]] = [
        (Condition, AMERSFOORT_VISION, CONDITIONS),
        (Principle, AMERSFOORT_VISION, PRINCIPLES),
        (Track, ALMERE_WELFARE, TRACKS),
    ]
    for model, framework_slug, parts in numbered_parts:
        for number, (title, description) in enumerate(parts, start=1):
            model.objects.update_or_create(
                framework=frameworks[framework_slug],
                number=number,
                defaults={"title": title, "description": description},
            )
            count(model)

    for number, (title, horizon, text) in enumerate(GOALS, start=1):
        goal, _ = Goal.objects.update_or_create(
            framework=vision,
            number=number,
            defaults={"title": title, "horizon": horizon, "text": text},
        )
        count(Goal)
        if number == OCCUPANCY_GOAL:
            Indicator.objects.update_or_create(
                goal=goal,
                name="Bezettingsgraad van de ruimten in gemeentelijke wijkcentra",
                defaults={
                    "unit": IndicatorUnit.PERCENT,
                    "direction": TargetDirection.AT_LEAST,
                    "target_value": Decimal("85"),
                    "computation": "room_occupancy",
                },
            )
            count(Indicator)

    number = 0
    for topic, questions in AGENDA:
        for question in questions:
            number += 1
            AgendaItem.objects.update_or_create(
                framework=vision,
                number=number,
                defaults={"topic": topic, "question": question},
            )
            count(AgendaItem)
    process, _ = AgendaItem.objects.update_or_create(
        framework=vision,
        number=number + 1,
        defaults={"topic": PROCESS_TOPIC, "question": PROCESS_TEXT},
    )
    count(AgendaItem)
    for title, first_day, day_after in MILESTONES:
        Milestone.objects.update_or_create(
            agenda_item=process,
            title=title,
            defaults={"period": DateRange(first_day, day_after)},
        )
        count(Milestone)

    for number, title, received_on, change_note in ALMERE_VERSIONS:
        FrameworkVersion.objects.update_or_create(
            framework=frameworks[ALMERE_WELFARE],
            number=number,
            defaults={"title": title, "dated": received_on, "change_note": change_note},
        )
        count(FrameworkVersion)

    return dict(seeded)
