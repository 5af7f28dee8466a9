"""purge_audit_log removes audit entries and login attempts past their retention, shows
first what it would remove, and keeps everything younger."""

from datetime import UTC, date, datetime, time, timedelta
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pghistory.models import Context

from audit.models import Action, AuditEntry, UserSession
from testdata.neighbourhoods import OrganisationFactory

pytestmark = pytest.mark.django_db

START = datetime(2019, 1, 10, 12, 0, tzinfo=UTC)


def purge(apply: bool) -> str:
    out = StringIO()
    call_command("purge_audit_log", *(["--apply"] if apply else []), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("age", "kept"),
    [(timedelta(days=7 * 365 - 1), True), (timedelta(days=7 * 365 + 1), False)],
    ids=["one-day-within", "one-day-past"],
)
def test_audit_entries_are_kept_seven_years(age, kept):
    with time_machine.travel(START, tick=False):
        AuditEntry.objects.create(action=Action.LOGIN, username="oud")
    with time_machine.travel(START + age, tick=False):
        purge(apply=True)

    assert AuditEntry.objects.filter(username="oud").exists() is kept


@pytest.mark.parametrize(
    ("age", "kept"),
    [(timedelta(days=182), True), (timedelta(days=184), False)],
    ids=["within", "past"],
)
def test_login_attempts_are_kept_half_a_year(age, kept, official):
    with time_machine.travel(START, tick=False):
        for _ in range(2):
            Client().post(
                "/admin/login/", {"username": official.username, "password": "fout"}
            )
    assert AccessAttempt.objects.exists()
    with time_machine.travel(START + age, tick=False):
        purge(apply=True)

    assert AccessAttempt.objects.exists() is kept


def test_a_dry_run_deletes_nothing_and_says_what_it_would():
    with time_machine.travel(START, tick=False):
        AuditEntry.objects.create(action=Action.LOGIN, username="oud")
    with time_machine.travel(START + timedelta(days=8 * 365), tick=False):
        output = purge(apply=False)

    assert "auditregels: 1 zou worden verwijderd" in output
    assert "Dry run" in output
    assert AuditEntry.objects.filter(username="oud").exists()


def test_ended_sessions_and_their_bookkeeping_go(official):
    with time_machine.travel(START, tick=False):
        from testdata.otp import otp_login

        otp_login(Client(), official)
    assert UserSession.objects.filter(user=official).exists()
    with time_machine.travel(START + timedelta(days=2), tick=False):
        purge(apply=True)

    assert not Session.objects.exists()
    assert not UserSession.objects.exists()


# Accounts of former advisory council members (purge_personal_data) ------------------

TERM_END = date(2023, 12, 31)


def purge_members(apply: bool, *extra: str) -> str:
    out = StringIO()
    call_command(
        "purge_personal_data", *(["--apply"] if apply else []), *extra, stdout=out
    )
    return out.getvalue()


def former_member(**user):
    from testdata.advisories import MembershipFactory
    from testdata.factories import UserFactory

    membership = MembershipFactory(
        user=UserFactory(first_name="Fatima", last_name="de Vries", **user),
        ends_on=TERM_END,
    )
    return membership.user


@pytest.mark.parametrize(
    ("today", "anonymised"),
    [(date(2024, 12, 30), False), (date(2025, 1, 1), True)],
    ids=["one-day-within", "one-day-past"],
)
def test_a_former_members_account_is_anonymised_a_year_after_the_term(
    today, anonymised
):
    from testdata.advisories import AdviceFactory

    member = former_member(email="fatima@example.nl")
    advice = AdviceFactory(author=member, council=member.memberships.get().council)
    client = Client()
    client.force_login(member)
    assert Session.objects.exists()

    with time_machine.travel(datetime.combine(today, time(12), tzinfo=UTC)):
        purge_members(apply=True)

    member.refresh_from_db()
    advice.refresh_from_db()
    assert advice.author == member
    assert member.memberships.get().ends_on == TERM_END
    if anonymised:
        assert member.username == f"oud-lid-{member.pk}"
        assert member.get_full_name() == "oud-lid"
        assert member.email == ""
        assert not member.is_active
        assert not member.has_usable_password()
        assert not Session.objects.exists()
        entry = AuditEntry.objects.filter(object_id=str(member.pk)).latest("pk")
        assert "fatima" not in str(entry.changes).lower()
        assert "Vries" not in str(entry.changes)
    else:
        assert member.get_full_name() == "Fatima de Vries"
        assert member.email == "fatima@example.nl"
        assert member.is_active
        assert member.has_usable_password()
        assert Session.objects.exists()


def test_current_members_and_officials_are_never_anonymised():
    from testdata.advisories import MembershipFactory

    again = former_member()
    MembershipFactory(user=again, starts_on=date(2025, 1, 1))  # a second term
    official = former_member(is_staff=True)
    current = MembershipFactory(ends_on=None).user

    with time_machine.travel(datetime(2030, 1, 1, 12, tzinfo=UTC)):
        output = purge_members(apply=True)

    assert "oud-leden: 0 geanonimiseerd" in output
    for user in (again, official, current):
        user.refresh_from_db()
        assert user.is_active and user.email


def test_a_dry_run_of_the_member_purge_changes_nothing():
    member = former_member()
    with time_machine.travel(datetime(2025, 6, 1, 12, tzinfo=UTC)):
        output = purge_members(apply=False)
        shorter = purge_members(False, "--months", "24")

    assert "oud-leden: 1 zou worden geanonimiseerd" in output
    assert "Dry run" in output
    assert "oud-leden: 0 zou worden geanonimiseerd" in shorter
    member.refresh_from_db()
    assert member.get_full_name() == "Fatima de Vries"
    assert member.is_active


def test_the_row_history_is_kept_seven_years_like_the_audit_log():
    """Events are stamped by the database clock: age them in the table itself."""
    old, young = OrganisationFactory.create_batch(2)
    events = old.events.model.objects
    now = timezone.now()
    events.filter(pgh_obj=old).update(pgh_created_at=now - timedelta(days=7 * 365 + 1))
    events.filter(pgh_obj=young).update(
        pgh_created_at=now - timedelta(days=7 * 365 - 1)
    )
    Context.objects.update(updated_at=now - timedelta(days=7 * 365 + 1))

    output = purge(apply=False)
    assert (
        "wijzigingen neighbourhoods.OrganisationEvent: 1 zou worden verwijderd"
        in output
    )
    assert events.filter(pgh_obj=old).exists()
    purge(apply=True)

    assert not events.filter(pgh_obj=old).exists()
    assert events.filter(pgh_obj=young).exists()
