"""The demo layer's teams, social agenda and a month of bookings (`seed --demo`).

Fictional, like the rest of the demo layer (seed.load_demo): teams and agenda items
carry DEMO_NOTE in their description and a name or source saying "voorbeeld";
bookings lie only in demo rooms (names ending in DEMO_ROOM_SUFFIX). Run after
seed.load_demo(). Idempotent: the same day gives the same rows.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from .models import (
    Booking,
    BookingKind,
    Facility,
    Neighbourhood,
    NeighbourhoodTeam,
    Organisation,
    Room,
    SocialAgendaItem,
    SocialAgendaStatus,
    TargetGroup,
    TeamMember,
    Theme,
)
from .occupancy import four_weeks_from
from .opening_hours import AMSTERDAM
from .seed import (
    DEMO_NOTE,
    DEMO_ORGANISATIONS,
    DEMO_PLACES,
    DEMO_ROOM_SUFFIX,
    SENIORS,
    VULNERABLE_YOUTH,
)

# Per team: (role, fte) seconded by the municipality's demo organisation.
DEMO_TEAM_MEMBERS = (
    ("Opbouwwerker", Decimal("1.00")),
    ("Jongerenwerker", Decimal("0.80")),
    ("Wijkconsulent Wmo", Decimal("1.00")),
)
DEMO_TEAM_PLANNED_FTE = Decimal("4.00")

# (title, description, target group, theme, priority, status)
DEMO_AGENDA = (
    (
        "Eenzaamheid onder ouderen",
        "Bij de bewonersavond noemden veel bewoners ouderen die weinig buiten komen.",
        SENIORS,
        "buurtontmoeting",
        1,
        SocialAgendaStatus.IN_PROGRESS,
    ),
    (
        "Geen plek voor jongeren 's avonds",
        "Jongeren hangen 's avonds rond het winkelcentrum; er is geen inloop.",
        VULNERABLE_YOUTH,
        "vrijwillige-inzet",
        2,
        SocialAgendaStatus.OPEN,
    ),
)

# A week of a demo room: (weekday, start, end, kind, purpose); organisation bookings
# fill most of the opening hours, some commercial and ad hoc use beside them.
DEMO_WEEK = (
    (0, "09:30", "12:00", BookingKind.SUBSIDISED, "Inloopochtend"),
    (0, "13:00", "16:30", BookingKind.NON_SUBSIDISED, "Taalcafé"),
    (1, "09:30", "12:00", BookingKind.SUBSIDISED, "Koffieochtend"),
    (1, "13:30", "15:00", BookingKind.COMMERCIAL, "Yogales"),
    (2, "09:30", "12:30", BookingKind.SUBSIDISED, "Spreekuur wijkteam"),
    (2, "13:00", "16:00", BookingKind.NON_SUBSIDISED, "Huiswerkbegeleiding"),
    (3, "09:30", "12:00", BookingKind.SUBSIDISED, "Samen koken"),
    (3, "13:00", "16:30", BookingKind.NON_SUBSIDISED, "Creatieve middag"),
    (4, "10:00", "12:00", BookingKind.SUBSIDISED, "Repair café"),
    (4, "14:00", "15:00", BookingKind.AD_HOC, "Overleg bewonerscommissie"),
)


def demo_wijken() -> list[Neighbourhood]:
    """The wijken of the demo places (those the CBS import brought in)."""
    return list(
        Neighbourhood.objects.filter(
            facilities__slug__in=[place.slug for place in DEMO_PLACES]
        )
        .distinct()
        .defer("boundary")
        .order_by("cbs_code")
    )


def _moment(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), AMSTERDAM)


def load_demo_teams_and_agenda() -> dict[str, int]:
    """A team per demo wijk, staffed by the demo organisation, and two agenda items."""
    seeded: Counter[str] = Counter()
    organisations = {
        organisation.municipality_id: organisation
        for organisation in Organisation.objects.filter(
            slug__in=[slug for slug, _name in DEMO_ORGANISATIONS.values()]
        )
    }
    target_groups = {group.slug: group for group in TargetGroup.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for wijk in demo_wijken():
        team, _ = NeighbourhoodTeam.objects.update_or_create(
            municipality_id=wijk.municipality_id,
            name=f"Sociaal wijkteam {wijk.name} (voorbeeld)",
            defaults={"planned_fte": DEMO_TEAM_PLANNED_FTE},
        )
        team.neighbourhoods.add(wijk)
        seeded[NeighbourhoodTeam._meta.label] += 1
        organisation = organisations.get(wijk.municipality_id)
        if organisation is not None:
            for role, fte in DEMO_TEAM_MEMBERS:
                TeamMember.objects.update_or_create(
                    team=team,
                    organisation=organisation,
                    role=role,
                    defaults={"fte": fte},
                )
                seeded[TeamMember._meta.label] += 1
        for title, text, group, theme, priority, status in DEMO_AGENDA:
            item, _ = SocialAgendaItem.objects.update_or_create(
                neighbourhood=wijk,
                title=title,
                defaults={
                    "description": f"{DEMO_NOTE}\n\n{text}",
                    "priority": priority,
                    "status": status,
                    "source": "Bewonersavond (voorbeeld)",
                    "team": team,
                },
            )
            if group in target_groups:
                item.target_groups.set([target_groups[group]])
            if theme in themes:
                item.themes.set([themes[theme]])
            seeded[SocialAgendaItem._meta.label] += 1
    return dict(seeded)


def load_demo_bookings(today: date | None = None) -> dict[str, int]:
    """The demo week in every demo room, for the four weeks the place page shows.

    A booking that would overlap one an official entered is left out.
    """
    monday, last = four_weeks_from(today or timezone.localdate())
    rooms = Room.objects.filter(name__endswith=DEMO_ROOM_SUFFIX).select_related(
        "facility__operator"
    )
    demo_operators = {slug for slug, _name in DEMO_ORGANISATIONS.values()}
    fallback = {
        organisation.municipality_id: organisation
        for organisation in Organisation.objects.filter(slug__in=demo_operators)
    }
    seeded: Counter[str] = Counter()
    for room in rooms:
        facility: Facility = room.facility
        organisation = facility.operator or fallback.get(facility.municipality_id)
        day = monday
        while day <= last:
            for weekday, start, end, kind, purpose in DEMO_WEEK:
                if day.weekday() != weekday:
                    continue
                period = DateTimeTZRange(_moment(day, start), _moment(day, end), "[)")
                taken = Booking.objects.filter(room=room, period__overlap=period)
                if not taken.exists():
                    Booking.objects.create(
                        room=room,
                        period=period,
                        organisation=None
                        if kind == BookingKind.AD_HOC
                        else organisation,
                        kind=kind,
                        purpose=f"{purpose} (voorbeeld)",
                    )
                seeded[Booking._meta.label] += 1
            day += timedelta(days=1)
    return dict(seeded)
