"""Asking for a new password: the same answer and the same work for every address, and
a few requests an hour per e-mail address and per client address."""

import logging
import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from advisories.forms import PASSWORD_RESET_THROTTLED
from core import redis_cache
from testdata.advisories import MembershipFactory

pytestmark = pytest.mark.django_db

RESET = reverse("advisories:portal-password-reset")
UNKNOWN = "niemand@almere.example.nl"


@pytest.fixture
def member():
    return MembershipFactory().user


def ask(email: str, ip: str = "192.0.2.40"):
    return Client().post(RESET, {"email": email}, REMOTE_ADDR=ip)


def without_tokens(html: str, email: str = "") -> str:
    """The page with the CSRF token (new per request) and the typed address left out."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return html.replace(email, "ADRES") if email else html


def test_a_known_and_an_unknown_address_get_the_same_answer(member):
    known = ask(member.email, ip="192.0.2.41")
    unknown = ask(UNKNOWN, ip="192.0.2.42")

    assert known.status_code == unknown.status_code == HTTPStatus.FOUND
    assert known["Location"] == unknown["Location"]
    done_known = Client().get(known["Location"]).content.decode()
    done_unknown = Client().get(unknown["Location"]).content.decode()
    assert without_tokens(done_known) == without_tokens(done_unknown)
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_an_unknown_address_gets_its_mail_rendered_as_a_known_one_does(member):
    known = ask(member.email, ip="192.0.2.41")
    unknown = ask(UNKNOWN, ip="192.0.2.42")

    rendered_known = [template.name for template in known.templates]
    rendered_unknown = [template.name for template in unknown.templates]
    assert "advisories/email/password_reset.txt" in rendered_known
    assert rendered_unknown == rendered_known


def test_the_fourth_request_in_an_hour_for_one_address_is_refused(member):
    answers = [ask(member.email, ip=f"192.0.2.{50 + n}") for n in range(4)]

    assert [a.status_code for a in answers] == [HTTPStatus.FOUND] * 3 + [
        HTTPStatus.TOO_MANY_REQUESTS
    ]
    assert str(PASSWORD_RESET_THROTTLED) in answers[-1].content.decode()
    assert len(mail.outbox) == 3


def test_the_eleventh_request_in_an_hour_from_one_client_is_refused(member):
    answers = [ask(f"lid{n}@almere.example.nl", ip="203.0.113.9") for n in range(10)]
    eleventh = ask(member.email, ip="203.0.113.9")

    assert {a.status_code for a in answers} == {HTTPStatus.FOUND}
    assert eleventh.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert str(PASSWORD_RESET_THROTTLED) in eleventh.content.decode()
    assert mail.outbox == []
    from_elsewhere = ask(member.email, ip="198.51.100.9")
    assert from_elsewhere.status_code == HTTPStatus.FOUND
    assert len(mail.outbox) == 1


def test_a_refusal_reads_the_same_for_a_known_and_an_unknown_address(member, settings):
    settings.PASSWORD_RESET_HOURLY_PER_EMAIL = 1
    ask(member.email, ip="192.0.2.41")
    ask(UNKNOWN, ip="192.0.2.42")

    known = ask(member.email, ip="192.0.2.41")
    unknown = ask(UNKNOWN, ip="192.0.2.42")

    assert known.status_code == unknown.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert without_tokens(known.content.decode(), member.email) == without_tokens(
        unknown.content.decode(), UNKNOWN
    )


def test_without_a_cache_the_reset_still_works_and_says_why_in_the_log(
    member, settings, caplog, monkeypatch
):
    # The failure is logged once a minute per process: start a new minute.
    monkeypatch.setattr(redis_cache, "_last_logged", float("-inf"))
    # Nothing listens on port 1: the Redis client's connection is refused.
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/13",
        }
    }

    with caplog.at_level(logging.ERROR, logger="core.redis_cache"):
        answer = ask(member.email)

    assert answer.status_code == HTTPStatus.FOUND
    assert answer["Location"] == reverse("advisories:portal-password-reset-done")
    assert len(mail.outbox) == 1
    assert "De cache (Redis) antwoordt niet" in caplog.text
