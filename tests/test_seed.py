"""`manage.py seed` loads the source documents idempotently; demo users only on request."""

import re
from datetime import date, datetime, time
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Q

from advisories.models import Advice, AdviceKind, AdvisoryCouncil, Membership
from neighbourhoods.geojson import geometry_bbox, point_in_geometry
from neighbourhoods.models import (
    Activity,
    ActivitySchedule,
    Facility,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Organisation,
    Room,
)
from neighbourhoods.seed import DEMO_NOTE, DEMO_PREFIX
from policy.models import GoalHorizon, PolicyFramework

pytestmark = pytest.mark.django_db

SEEDED_APPS = ["neighbourhoods", "policy", "advisories", "auth"]
# Every person named in the source documents.
REAL_PEOPLE = [
    "Gert Boeve",
    "Maarten Wolterink",
    "Florentius Kist",
    "Wyanne Huitema",
    "Han Jetten",
    "Wim Carabain",
    "Klaas Jongejan",
    "Saskia Schurman",
    "Vera Kampschoer",
]
REAL_NAME_WORDS = {part.lower() for name in REAL_PEOPLE for part in name.split()}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app_label in SEEDED_APPS
        for model in apps.get_app_config(app_label).get_models()
    }


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


def test_seeding_twice_gives_the_same_row_count_for_every_model():
    seed()
    first = row_counts()
    seed()
    assert row_counts() == first
    assert first["neighbourhoods.Municipality"] == 2
    assert first["advisories.Advice"] == 2


def test_amersfoort_vision_has_its_conditions_goals_and_relatives():
    seed()
    vision = PolicyFramework.objects.get(title="Welzijn in Amersfoort 2010-2015")

    assert vision.municipality.cbs_code == "GM0307"
    assert vision.predecessor.title == "Samen leven in welzijn 2002-2006"
    assert vision.parent.title == "Amersfoort Ondersteunt 2008-2011"
    assert list(vision.conditions.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert vision.conditions.get(number=1).title == "Zelfredzaamheid"
    goals = {goal.number: goal for goal in vision.goals.all()}
    assert sorted(goals) == list(range(1, 9))
    short = {n for n, goal in goals.items() if goal.horizon == GoalHorizon.SHORT}
    assert short == {1, 2, 3}
    indicator = goals[4].indicators.get()
    assert (indicator.unit, indicator.target_value) == ("procent", Decimal("85"))
    assert indicator.computation == "room_occupancy"
    assert "kwetsbare-bewoners" in vision.target_groups.values_list("slug", flat=True)


def test_amersfoort_agenda_has_dated_steps():
    seed()
    vision = PolicyFramework.objects.get(title="Welzijn in Amersfoort 2010-2015")
    step_one = vision.agenda_items.get(topic="Uitwerkingsproces").milestones.get(
        title__startswith="Stap 1"
    )
    assert (step_one.period.lower, step_one.period.upper) == (
        date(2010, 3, 1),
        date(2010, 5, 1),
    )


def test_seeding_again_keeps_a_status_changed_since():
    seed()
    Advice.objects.filter(dated=date(2021, 2, 26)).update(status="beantwoord")
    PolicyFramework.objects.filter(slug="welzijn-in-almere").update(
        status="vastgesteld"
    )
    seed()

    assert Advice.objects.get(dated=date(2021, 2, 26)).status == "beantwoord"
    assert Advice.objects.get(dated=date(2023, 11, 3)).status == "verzonden"
    assert PolicyFramework.objects.get(slug="welzijn-in-almere").status == (
        "vastgesteld"
    )


def test_almere_framework_is_up_for_advice_with_two_versions_and_tracks():
    seed()
    framework = PolicyFramework.objects.get(slug="welzijn-in-almere")

    assert framework.status == "ter_advies"
    assert [(v.number, v.dated) for v in framework.versions.order_by("number")] == [
        (1, date(2021, 1, 18)),
        (2, date(2021, 2, 19)),
    ]
    assert list(framework.tracks.values_list("title", flat=True)) == [
        "Almeerders aan zet",
        "Formele ondersteuning verminderen of voorkomen",
    ]


def test_the_requested_advice_of_2021_answers_the_request_of_18_january():
    seed()
    advice = Advice.objects.get(dated=date(2021, 2, 26))

    assert advice.kind == AdviceKind.REQUESTED
    assert advice.council.short_name == "ASD"
    assert advice.request.received_on == date(2021, 1, 18)
    assert advice.request.framework_version.number == 1
    assert advice.request.framework_version.framework == advice.framework
    assert list(advice.request.documents.values_list("received_on", flat=True)) == [
        date(2021, 2, 19)
    ]
    assert advice.sent_on == date(2021, 2, 26)
    assert advice.signed_by == "Klaas Jongejan, voorzitter"
    assert advice.recommendations.count() == 5
    assert advice.sections.filter(heading="Is de basis op orde?").exists()


def test_the_unsolicited_advice_of_2023_asks_three_questions():
    seed()
    advice = Advice.objects.get(dated=date(2023, 11, 3))

    assert advice.kind == AdviceKind.UNSOLICITED
    assert advice.request is None
    assert advice.recommendations.exists()
    assert advice.questions.count() == 3
    assert advice.questions.get(number=1).text.startswith("In welke mate")


def test_every_recommendation_and_question_is_quoted_from_its_letter():
    seed()
    council = AdvisoryCouncil.objects.get(short_name="ASD")
    assert council.advices.count() == 2
    for advice in council.advices.all():
        letter = "\n".join(advice.sections.values_list("body", flat=True))
        assert advice.sections.count() > 1
        quoted = [r.text for r in advice.recommendations.all()]
        quoted += [q.text for q in advice.questions.all()]
        assert quoted
        for text in quoted:
            assert text in letter, text


def test_organisations_join_the_imported_wijken_of_their_area_places_only_their_own():
    amersfoort = Municipality.objects.create(
        cbs_code="GM0307", name="Amersfoort", slug="amersfoort"
    )
    for code, name in [
        ("WK030724", "Nieuwland"),
        ("WK030728", "Vathorst-De Velden"),
        ("WK030729", "Vathorst-Centrum"),
    ]:
        Neighbourhood.objects.create(
            municipality=amersfoort, cbs_code=code, name=name, slug=code.lower()
        )
    seed()

    nieuwland = Organisation.objects.get(slug="asc-nieuwland").neighbourhoods
    assert list(nieuwland.values_list("name", flat=True)) == ["Nieuwland"]
    kamers = Organisation.objects.get(slug="de-kamers").neighbourhoods
    assert sorted(kamers.values_list("name", flat=True)) == [
        "Vathorst-Centrum",
        "Vathorst-De Velden",
    ]
    # CBS has no wijk called Vathorst, so the place is left without one.
    buurtkamer = Facility.objects.get(slug="de-buurtkamer-vathorst")
    assert buurtkamer.neighbourhood is None
    assert buurtkamer.street == "" and buurtkamer.latitude is None
    assert not buurtkamer.opening_hours.exists()


def test_seed_creates_no_user_unless_asked():
    output = seed()

    assert get_user_model().objects.count() == 0
    assert Membership.objects.count() == 0
    assert "demo-" not in output


def test_demo_users_are_fictional_and_get_a_printed_working_password():
    seed("--demo-users")
    output = seed("--demo-users")

    users = get_user_model().objects.order_by("username")
    assert list(users.values_list("username", flat=True)) == [
        "demo-ambtenaar",
        "demo-lid",
        "demo-lid2",
        "demo-voorzitter",
    ]
    roles = Membership.objects.values_list("user__username", "role")
    assert sorted(roles) == [
        ("demo-lid", "lid"),
        ("demo-lid2", "lid"),
        ("demo-voorzitter", "voorzitter"),
    ]
    for user in users:
        printed = re.search(rf"^  {user.username}: (\S+)$", output, re.MULTILINE)
        assert printed and user.check_password(printed.group(1))
        assert not user.is_superuser
        words = set(re.findall(r"\w+", f"{user.get_full_name()} {user.email}".lower()))
        assert not words & REAL_NAME_WORDS, user.username
    official = users.get(username="demo-ambtenaar")
    assert official.is_staff and official.has_perm("policy.change_goal")
    assert not official.has_perm("advisories.change_advice")


AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SEEDED_PLACES = [
    "av-werkpunt",
    "de-buurtkamer-vathorst",
    "de-meester",
    "jeugdland",
    "speelhaven",
]


def l_shape(lon: float, lat: float) -> dict:
    """A concave wijk whose bbox centre and centroid both lie outside it."""
    ring = [
        [lon, lat],
        [lon + 0.02, lat],
        [lon + 0.02, lat + 0.005],
        [lon + 0.005, lat + 0.005],
        [lon + 0.005, lat + 0.02],
        [lon, lat + 0.02],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def wijken() -> None:
    """Every CBS wijk the demo layer uses, as import_wijken would store them."""
    municipalities = {
        "GM0034": Municipality.objects.create(
            cbs_code="GM0034", name="Almere", slug="almere"
        ),
        "GM0307": Municipality.objects.create(
            cbs_code="GM0307", name="Amersfoort", slug="amersfoort"
        ),
    }
    for number, (code, name) in enumerate(
        [
            ("WK030729", "Vathorst-Centrum"),
            ("WK030710", "Liendert"),
            ("WK030707", "Kruiskamp"),
            ("WK030724", "Nieuwland"),
            ("WK003426", "Kruidenwijk"),
            ("WK003405", "De Grienden"),
            ("WK003417", "Centrum Almere Stad"),
            ("WK003418", "Filmwijk"),
            ("WK003476", "Nobelhorst"),
        ]
    ):
        Neighbourhood.objects.create(
            municipality=municipalities[f"GM{code[2:6]}"],
            cbs_code=code,
            name=name,
            slug=code.lower(),
            boundary=l_shape(5.0 + number * 0.03, 52.2),
        )


def test_seed_without_demo_creates_no_demo_rows(wijken):
    seed()

    assert not Facility.objects.filter(slug__startswith=DEMO_PREFIX).exists()
    assert not Organisation.objects.filter(slug__startswith=DEMO_PREFIX).exists()
    assert not Facility.objects.filter(latitude__isnull=False).exists()
    assert not Facility.objects.filter(neighbourhood__isnull=False).exists()
    for model in (OpeningHours, Room, Activity, ActivitySchedule):
        assert model.objects.count() == 0, model


def test_seeding_demo_twice_gives_the_same_rows(wijken):
    seed("--demo")
    first = row_counts()
    hours = sorted(OpeningHours.objects.values_list("pk", flat=True))
    schedules = sorted(ActivitySchedule.objects.values_list("pk", flat=True))
    output = seed("--demo")

    assert row_counts() == first
    assert sorted(OpeningHours.objects.values_list("pk", flat=True)) == hours
    assert sorted(ActivitySchedule.objects.values_list("pk", flat=True)) == schedules
    assert "Voorbeeldgegevens" in output
    demo_places = Facility.objects.filter(slug__startswith=DEMO_PREFIX)
    assert demo_places.count() == 3
    assert all(place.description == DEMO_NOTE for place in demo_places)
    assert all(room.name.endswith("(voorbeeld)") for room in Room.objects.all())
    for activity in Activity.objects.all():
        assert activity.description.startswith(DEMO_NOTE)
        assert activity.organisation.slug.startswith(DEMO_PREFIX)
        assert activity.schedules.exists()
        assert activity.target_groups.exists() and activity.themes.exists()


def test_demo_places_lie_inside_their_wijk_and_have_activities(wijken):
    seed("--demo")

    places = Facility.objects.filter(
        Q(slug__in=SEEDED_PLACES) | Q(slug__startswith=DEMO_PREFIX)
    ).select_related("neighbourhood")
    assert places.count() == len(SEEDED_PLACES) + 3
    for place in places:
        boundary = place.neighbourhood.boundary
        point = float(place.longitude), float(place.latitude)
        assert point_in_geometry(*point, boundary), place.slug
        min_lon, min_lat, max_lon, max_lat = geometry_bbox(boundary)
        bbox_centre = (min_lon + max_lon) / 2, (min_lat + max_lat) / 2
        assert not point_in_geometry(*bbox_centre, boundary)
        assert place.opening_hours.exists(), place.slug
        assert place.rooms.exists(), place.slug
        assert place.activities.count() >= 2, place.slug
    # The places' own wijk from the source is kept: only empty fields are filled.
    assert Facility.objects.get(slug="de-buurtkamer-vathorst").neighbourhood.name == (
        "Vathorst-Centrum"
    )


def test_demo_keeps_what_an_official_entered():
    seed()
    buurtkamer = Facility.objects.get(slug="de-buurtkamer-vathorst")
    OpeningHours.objects.create(
        facility=buurtkamer, weekday=0, opens="13:00", closes="15:00"
    )
    seed("--demo")

    assert list(buurtkamer.opening_hours.values_list("weekday", "opens")) == [
        (0, time(13))
    ]


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 1, 19, 0, tzinfo=AMSTERDAM),  # a Tuesday evening
        datetime(2026, 12, 3, 19, 0, tzinfo=AMSTERDAM),  # a Thursday evening
        datetime(2026, 12, 5, 11, 0, tzinfo=AMSTERDAM),  # a Saturday morning
        datetime(2026, 12, 6, 14, 0, tzinfo=AMSTERDAM),  # a Sunday afternoon
    ],
)
def test_now_open_finds_demo_places_evenings_and_weekends(moment):
    seed()
    assert not Facility.objects.open_at(moment).exists()

    seed("--demo")
    assert Facility.objects.open_at(moment).exists()
