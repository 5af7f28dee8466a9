"""Seed data for the advisory council: the ASD of Almere, its request and two advices.

The letters' full texts are in `seed_texts/` (see its README); recommendations and
questions below are sentences quoted from those texts, in the order they appear.
No responses are loaded: the sources contain none.
"""

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Model, Q
from django.utils import timezone

from neighbourhoods.models import Municipality
from neighbourhoods.seed import ALMERE
from policy.models import FrameworkVersion, PolicyFramework
from policy.seed import ALMERE_WELFARE

from .models import (
    Addressee,
    Advice,
    AdviceKind,
    AdviceRequest,
    AdviceRequestDocument,
    AdviceSection,
    AdviceStatus,
    AdvisoryCouncil,
    MemberRole,
    Membership,
    Question,
    Recommendation,
)
from .services import advice_index

TEXTS = Path(__file__).resolve().parent / "seed_texts"

COUNCIL_SLUG = "adviesraad-sociaal-domein-almere"
# From the foot of the 2021 letter, without its "t.a.v." line naming a staff member.
COUNCIL_ADDRESS = "Adviesraad Sociaal Domein Almere\nSpoordreef 24\n1315 GP Almere"

REQUEST_SUBJECT = "Advies over het beleidskader WELzijn in Almere"
REQUEST_DESCRIPTION = (
    "Aanvraag van het college voor een advies over het beleidskader WELzijn in "
    "Almere. Op verzoek van de ASD volgde op 19 februari 2021 het aangepaste "
    "beleidskader."
)
REQUEST_RECEIVED_ON = date(2021, 1, 18)
# (title, received on): the revised framework the ASD asked for.
REQUEST_DOCUMENTS: list[tuple[str, date]] = [
    ("Aangepast beleidskader WELzijn in Almere", date(2021, 2, 19)),
]


@dataclass(frozen=True)
class AdviceSeed:
    slug: str
    title: str
    kind: str
    addressee: str
    dated: date
    signed_by: str
    summary: str
    text_file: str
    recommendations: tuple[str, ...]
    questions: tuple[str, ...] = ()
    framework: str = ""


ADVICES: list[AdviceSeed] = [
    AdviceSeed(
        slug="2021-02-26-advies-beleidskader-welzijn-in-almere",
        title="Advies ten aanzien van het beleidskader WELzijn in Almere",
        kind=AdviceKind.REQUESTED,
        addressee=Addressee.COLLEGE,
        dated=date(2021, 2, 26),
        signed_by="Klaas Jongejan, voorzitter",
        framework=ALMERE_WELFARE,
        text_file="2021-02-26-advies-beleidskader-welzijn-in-almere.txt",
        summary=(
            "De grote lijn en visie op het welzijnswerk zoals beschreven in het "
            "beleidskader, kan de ASD onderschrijven. Wel constateert de ASD dat er "
            "geen samenhang (tussen welzijn, jeugd, wijknetwerken, wmo) in het "
            "voorgestelde beleid terug te vinden is."
        ),
        # Every "De ASD adviseert …" sentence and every bolded sentence of the letter.
        recommendations=(
            "Daarom adviseert de ASD om beide sporen verder uit te werken: wat willen "
            "we bereiken (ambitie en visie) en hoe gaan we dat samen met alle partners "
            "(vrijwillig en professioneel) doen (randvoorwaarden en budgetten).",
            "De ASD vindt het niet juist dat deze plekken, net als de "
            "(vrijwilligers)organisaties die lokaal of in de wijk actief zijn, gekort "
            "worden op hun budget.",
            "De ASD adviseert om na te gaan naar welke kosten bij welke afdeling horen "
            "(beleidsgebonden budgetfinanciering), en het overige budget te "
            "ontschotten.",
            "De ASD adviseert onderscheid te maken tussen exploitatie enerzijds en het "
            "financieren van de functies die buurtontmoetingsplekken moeten vervullen "
            "anderzijds.",
            "De ASD adviseert de gemeente deze initiatieven zichtbaar maken en hen "
            "waar nodig te helpen.",
        ),
    ),
    # About the research report "Sociale staat van Almere", not about a framework.
    AdviceSeed(
        slug="2023-11-03-ongevraagd-advies-sociale-staat-van-almere",
        title=(
            "Ongevraagd advies betreffende adviesrapport 'Sociale staat van Almere'"
        ),
        kind=AdviceKind.UNSOLICITED,
        addressee=Addressee.BOTH,
        dated=date(2023, 11, 3),
        signed_by="Vera Kampschoer, voorzitter Adviesraad Sociaal Domein Almere",
        text_file="2023-11-03-ongevraagd-advies-sociale-staat-van-almere.txt",
        summary=(
            "De kern van ons advies: het belang van een breed gedragen kennis van de "
            "knelpunten en uitdagingen; met deze kennis kiezen voor een "
            "meerjarenprogramma; het organiseren van betrokkenheid en zeggenschap van "
            "inwoners en alle partijen; ordenen en benutten van alle voorzieningen "
            "tot een stevig fundament voor de sociale en pedagogische infrastructuur."
        ),
        # The four points the letter calls "de kern van ons advies", then the two
        # sentences in which the council "adviseert".
        recommendations=(
            "Het belang van een breed gedragen kennis van de knelpunten en uitdagingen "
            "voor de ontwikkeling van de bestaande en de nieuw te bouwen stad.",
            "Met deze kennis kiezen voor een meerjarenprogramma, niet alleen in het "
            "sociale domein maar ook in aanverwante sectoren.",
            "Het organiseren van betrokkenheid en zeggenschap van inwoners en alle "
            "partijen (formeel en informeel) in de stad en in de wijken, ook of juist "
            "bij de uitvoering",
            "Ordenen en benutten van alle nu aanwezig/beschikbare voorzieningen tot "
            "een stevig fundament voor de sociale en pedagogische infrastructuur, "
            "dichtbij en wijkgericht.",
            "Wij adviseren om dit geintegreerd vorm te geven, omdat deze elkaar sterk "
            "beinvioeden.",
            "Wij kunnen ons vinden in deze leidende principes en adviseren om deze "
            "terug te laten komen in het gemeentebeleid, maar ook in de samenwerking "
            "op wijkniveau.",
        ),
        questions=(
            "In welke mate onderschrijven de gemeenteraad en het college de analyses "
            "van dit rapport? Is er een gedeeld beeld van de huidige stad en haar "
            "uitdagingen?",
            "Onderschrijven gemeenteraad en college de drie speerpunten en de notie "
            "dat deze vragen om een langdurige consistente domeinoverstijgende aanpak "
            "over meerdere collegeperioden heen?",
            "Welke waarden zijn voor gemeenteraad en college belangrijk om te komen "
            "tot een langjarige uitwerking van deze speerpunten? Kan de raad en het "
            "college zich vinden in de leidende principes voor het Almeerse sociaal "
            "domein?",
        ),
    ),
]


def read_sections(path: Path) -> list[tuple[str, str]]:
    """(heading, body) per section of a letter in the seed_texts format."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        else:
            sections[-1][1].append(line)
    result = [(heading, "\n".join(lines).strip()) for heading, lines in sections]
    return [(heading, body) for heading, body in result if heading or body]


def _replace_numbered(
    model: type[Recommendation | Question], advice: Advice, texts: tuple[str, ...]
) -> None:
    """Make an advice's numbered rows equal `texts`, keeping rows that still match."""
    for number, text in enumerate(texts, start=1):
        model.objects.update_or_create(
            advice=advice, number=number, defaults={"text": text}
        )
    model.objects.filter(advice=advice, number__gt=len(texts)).delete()


# STAFF GROUPS (here, on the top floor, because they name every app's permissions)
# ------------------------------------------------------------------------------

POLICY_OFFICER = "Beleidsmedewerker"
APPLICATION_MANAGER = "Functioneel beheerder"
COUNCIL_CLERK = "Raadsgriffie"
# What an official does on the council's side: ask for advice and answer it.
OFFICER_ADVISORY_MODELS = ("advicerequest", "response", "advicerequestdocument")


def group_permissions() -> dict[str, list[Permission]]:
    """The permissions of each group, from the permissions Django created.

    - Beleidsmedewerker: edits all policy data and the places, organisations and
      activities of the social map (import included); reads the council's side and
      sends advice requests and records responses.
    - Functioneel beheerder: everything, users and groups included.
    - Raadsgriffie: reads policy, the social map and the advice; changes nothing.
    """
    permissions = Permission.objects.select_related("content_type")
    by_app = {
        app: list(permissions.filter(content_type__app_label=app))
        for app in ("policy", "neighbourhoods", "advisories")
    }

    def views(app: str) -> list[Permission]:
        return [p for p in by_app[app] if p.codename.startswith("view_")]

    officer = [
        *by_app["policy"],
        *[p for p in by_app["neighbourhoods"] if not p.codename.startswith("delete_")],
        *views("advisories"),
        *[
            p
            for p in by_app["advisories"]
            if p.content_type.model in OFFICER_ADVISORY_MODELS
            and not p.codename.startswith("delete_")
        ],
    ]
    clerk = [*views("policy"), *views("neighbourhoods"), *views("advisories")]
    return {
        POLICY_OFFICER: officer,
        APPLICATION_MANAGER: list(permissions),
        COUNCIL_CLERK: clerk,
    }


def load_groups() -> int:
    """Create or update the three groups with exactly their permissions."""
    groups = group_permissions()
    for name, permissions in groups.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
    return len(groups)


def load() -> dict[str, int]:
    """Create or update the council, request and advices; return rows per model.

    Expects neighbourhoods.seed.load() and policy.seed.load() to have run.
    """
    seeded: Counter[str] = Counter()

    def count(model: type[Model], rows: int = 1) -> None:
        seeded[model._meta.label] += rows

    council, _ = AdvisoryCouncil.objects.update_or_create(
        slug=COUNCIL_SLUG,
        defaults={
            "municipality": Municipality.objects.get(cbs_code=ALMERE),
            "name": "Adviesraad Sociaal Domein Almere",
            "short_name": "ASD",
            "postal_address": COUNCIL_ADDRESS,
        },
    )
    count(AdvisoryCouncil)

    frameworks = {
        framework.slug: framework
        for framework in PolicyFramework.objects.filter(
            slug__in=[seed.framework for seed in ADVICES if seed.framework]
        )
    }
    request, _ = AdviceRequest.objects.update_or_create(
        council=council,
        subject=REQUEST_SUBJECT,
        defaults={
            "framework_version": FrameworkVersion.objects.get(
                framework__slug=ALMERE_WELFARE, number=1
            ),
            "description": REQUEST_DESCRIPTION,
            "received_on": REQUEST_RECEIVED_ON,
        },
    )
    count(AdviceRequest)
    for title, received_on in REQUEST_DOCUMENTS:
        AdviceRequestDocument.objects.update_or_create(
            request=request, title=title, defaults={"received_on": received_on}
        )
        count(AdviceRequestDocument)

    for seed in ADVICES:
        is_requested = seed.kind == AdviceKind.REQUESTED
        fields = {
            "council": council,
            "request": request if is_requested else None,
            "framework": frameworks.get(seed.framework),
            "kind": seed.kind,
            "title": seed.title,
            "addressee": seed.addressee,
            "dated": seed.dated,
            "summary": seed.summary,
            "signed_by": seed.signed_by,
            "sent_on": seed.dated,
            "response_due_on": seed.dated
            + timedelta(weeks=council.response_period_weeks),
        }
        # Sent on the letter's date. Not "gepubliceerd": that follows the answer,
        # and no answer is in the sources. Set on creation only, so that seeding
        # again never undoes a later step such as recording the answer.
        advice, _ = Advice.objects.update_or_create(
            slug=seed.slug,
            defaults=fields,
            create_defaults={**fields, "status": AdviceStatus.SENT},
        )
        count(Advice)

        sections = read_sections(TEXTS / seed.text_file)
        for position, (heading, body) in enumerate(sections, start=1):
            AdviceSection.objects.update_or_create(
                advice=advice,
                position=position,
                defaults={"heading": heading, "body": body},
            )
        AdviceSection.objects.filter(advice=advice, position__gt=len(sections)).delete()
        count(AdviceSection, len(sections))

        _replace_numbered(Recommendation, advice, seed.recommendations)
        count(Recommendation, len(seed.recommendations))
        _replace_numbered(Question, advice, seed.questions)
        count(Question, len(seed.questions))
        advice_index(advice=advice)

    count(Group, load_groups())
    return dict(seeded)


@dataclass(frozen=True)
class DemoUser:
    username: str
    last_name: str
    role: str = ""  # a MemberRole on the ASD; empty for the official
    is_staff: bool = False


# Fictional accounts for trying the portal; no name belongs to a real person.
DEMO_USERS: list[DemoUser] = [
    DemoUser("demo-voorzitter", "Voorzitter", role=MemberRole.CHAIR),
    DemoUser("demo-lid", "Lid", role=MemberRole.MEMBER),
    DemoUser("demo-lid2", "Lid twee", role=MemberRole.MEMBER),
    DemoUser("demo-ambtenaar", "Ambtenaar", is_staff=True),
]
# Officials keep policy and places, record requests and responses, and read (and,
# once answered, publish) advice; the council's own writing happens in the portal.
OFFICIAL_PERMISSIONS = (
    Q(content_type__app_label__in=["policy", "neighbourhoods"])
    | Q(
        content_type__app_label="advisories",
        content_type__model__in=["advicerequest", "advicerequestdocument", "response"],
    )
    | Q(
        content_type__app_label="advisories",
        codename__in=["view_advice", "view_recommendation"],
    )
)


def load_demo_users() -> list[tuple[str, str]]:
    """Create or reset the demo accounts; return (username, new password) pairs.

    Passwords are new on every call: they are shown once and stored only as hashes.
    """
    user_model = get_user_model()
    council = AdvisoryCouncil.objects.get(slug=COUNCIL_SLUG)
    credentials: list[tuple[str, str]] = []
    for demo in DEMO_USERS:
        user, _ = user_model.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": "Demo",
                "last_name": demo.last_name,
                "email": f"{demo.username}@example.org",
                "is_staff": demo.is_staff,
                "is_superuser": False,
                "is_active": True,
            },
        )
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        if demo.is_staff:
            user.user_permissions.set(Permission.objects.filter(OFFICIAL_PERMISSIONS))
        if demo.role:
            Membership.objects.update_or_create(
                council=council,
                user=user,
                defaults={"role": demo.role},
                create_defaults={"role": demo.role, "starts_on": timezone.localdate()},
            )
        credentials.append((demo.username, password))
    return credentials
