"""What a mail says: plain text as written, a one-line subject, a link to its page."""

import pytest
from django.core import mail
from django.urls import reverse

from advisories import notifications
from advisories.services import advice_request_send_version
from testdata.advisories import (
    AdviceFactory,
    AdviceRequestFactory,
    MembershipFactory,
    RecommendationFactory,
)
from testdata.policy import FrameworkVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://welzijn.example.nl"


def test_a_plain_text_mail_shows_ampersands_and_quotes_as_typed(council, chair):
    advice = AdviceFactory(council=council, title='Jeugd & zorg: "samen" <sterker>')

    notifications.notify_submitted(advice)

    message = mail.outbox[0]
    assert message.subject == (
        'Advies ingediend ter vaststelling: Jeugd & zorg: "samen" <sterker>'
    )
    assert 'het advies "Jeugd & zorg: "samen" <sterker>" ingediend' in message.body
    for escaped in ("&amp;", "&quot;", "&lt;", "&#x27;"):
        assert escaped not in message.subject + message.body


def test_a_title_with_line_breaks_gives_a_one_line_subject(council, chair):
    advice = AdviceFactory(
        council=council, title="Eerste regel\r\nBcc: iemand@example.nl\nderde"
    )

    assert notifications.notify_submitted(advice) == 1

    message = mail.outbox[0]
    assert message.subject == (
        "Advies ingediend ter vaststelling: Eerste regel Bcc: iemand@example.nl derde"
    )
    headers = message.message()
    assert headers["Bcc"] is None
    assert message.body.startswith("Aan de voorzitter,")


def test_the_queue_flattens_a_subject_it_is_given_with_line_breaks():
    from core.mail import message_to_data

    data = message_to_data(mail.EmailMessage("Twee\r\nregels", "x", to=["a@b.nl"]))

    assert data["subject"] == "Twee regels"


def test_a_new_request_names_its_subject_once(council):
    member = MembershipFactory(council=council).user
    version = FrameworkVersionFactory(
        framework__municipality=council.municipality, framework__title="Welzijn 2030"
    )

    [(request, _created)] = advice_request_send_version(version=version)
    notifications.notify_new_request(request)

    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].subject == "Nieuwe adviesaanvraag: Welzijn 2030"


def test_each_mail_links_to_the_page_it_is_about(council, chair):
    request = AdviceRequestFactory(council=council)
    draft = AdviceFactory(council=council, request=request)
    sent = AdviceFactory(council=council, sent=True)
    RecommendationFactory(advice=sent)
    site = "https://welzijn.example.nl"
    expected = {
        "new_request": site
        + reverse("advisories:portal-request-detail", args=[request.pk]),
        "deadline_reminder": site
        + reverse("advisories:portal-request-detail", args=[request.pk]),
        "submitted": site + reverse("advisories:portal-advice-detail", args=[draft.pk]),
        "sent": site + sent.get_absolute_url(),
        "response_recorded": site + sent.get_absolute_url(),
    }

    notifications.notify_new_request(request)
    notifications.notify_deadline_reminder(request)
    notifications.notify_submitted(draft)
    notifications.notify_sent(sent)
    notifications.notify_response_recorded(sent)

    bodies = [message.body for message in mail.outbox]
    assert len(bodies) == len(expected)
    for body, (name, url) in zip(bodies, expected.items(), strict=True):
        assert url in body.splitlines(), name
