"""`manage.py seed` loads the source documents idempotently; demo users only on request."""

import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from advisories.models import Advice, AdviceKind, AdvisoryCouncil, Membership
from neighbourhoods.models import (
    Facility,
    Municipality,
    Neighbourhood,
    Organisation,
)
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
