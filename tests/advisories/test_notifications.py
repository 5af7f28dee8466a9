"""Deadline reminders go once per request; advice is found by the site-wide search."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from advisories.services import advice_index, advice_request_send_reminders
from core import search
from testdata.advisories import (
    AdviceFactory,
    AdviceRequestFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


def test_members_are_reminded_once_of_a_deadline_within_a_week():
    today = date(2021, 2, 20)
    due = AdviceRequestFactory(
        received_on=date(2021, 1, 18), deadline=today + timedelta(days=6)
    )
    AdviceRequestFactory(
        received_on=date(2021, 1, 18), deadline=today + timedelta(days=30)
    )
    member = MembershipFactory(council=due.council).user
    MembershipFactory(council=due.council, former=True)

    assert advice_request_send_reminders(on=today) == 1
    assert advice_request_send_reminders(on=today) == 0

    assert [m.to for m in mail.outbox] == [[member.email]]
    assert due.subject in mail.outbox[0].subject


def test_the_reminder_command_reports_how_many_it_sent():
    out = StringIO()

    call_command("advice_reminders", stdout=out)

    assert "Herinneringen verstuurd voor 0 aanvragen." in out.getvalue()


def test_sent_advice_is_a_source_of_the_site_wide_search():
    sent = AdviceFactory(sent=True, title="Advies over buurthuizen in Almere Haven")
    draft = AdviceFactory(title="Concept over buurthuizen")
    advice_index(advice=sent)
    advice_index(advice=draft)

    outcome = search.search("buurthuizen", keys=["adviezen"])

    assert [result.title for result in outcome.results] == [sent.title]
    assert outcome.results[0].url == sent.get_absolute_url()
