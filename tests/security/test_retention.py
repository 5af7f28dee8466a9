"""purge_audit_log removes audit entries and login attempts past their retention, shows
first what it would remove, and keeps everything younger."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client

from audit.models import Action, AuditEntry, UserSession

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
        from tests.otp import otp_login

        otp_login(Client(), official)
    assert UserSession.objects.filter(user=official).exists()
    with time_machine.travel(START + timedelta(days=2), tick=False):
        purge(apply=True)

    assert not Session.objects.exists()
    assert not UserSession.objects.exists()
