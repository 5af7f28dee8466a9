"""One draft open in two sessions: the later save is refused, nothing is lost."""

import json
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from advisories.models import Advice
from core.concurrency import CONFLICT
from testdata.advisories import AdviceFactory
from tests.advisories.conftest import advice_form_data

pytestmark = pytest.mark.django_db


def edit_url(advice) -> str:
    return reverse("advisories:portal-advice-edit", args=[advice.pk])


@pytest.fixture
def draft(member, council):
    return AdviceFactory(council=council, author=member, title="Advies over welzijn")


def opened_version(client, advice) -> str:
    page = client.get(edit_url(advice))
    assert page.status_code == HTTPStatus.OK
    return page.context["form"]["lock_version"].value()


def test_the_second_session_is_refused_told_who_saved_and_keeps_the_typing(
    member, draft
):
    laptop, phone = Client(), Client()
    laptop.force_login(member)
    phone.force_login(member)
    laptop_version = opened_version(laptop, draft)
    phone_version = opened_version(phone, draft)
    assert laptop_version == phone_version == 0

    saved = laptop.post(
        edit_url(draft),
        advice_form_data(
            title="Advies van de laptop",
            recommendations=["De ASD adviseert de buurthuizen open te houden."],
            lock_version=laptop_version,
        ),
    )
    assert saved.status_code == HTTPStatus.FOUND
    refused = phone.post(
        edit_url(draft),
        advice_form_data(
            title="Advies van de telefoon",
            recommendations=["De ASD adviseert bewoners te betrekken."],
            lock_version=phone_version,
        ),
    )

    assert refused.status_code == HTTPStatus.BAD_REQUEST
    content = refused.content.decode()
    assert escape(str(CONFLICT)) in content
    today = timezone.localdate().strftime("%d-%m-%Y")
    assert escape(f"Laatst gewijzigd door {member.username} op {today}") in content
    assert 'value="Advies van de telefoon"' in content
    assert "De ASD adviseert bewoners te betrekken." in content
    draft = Advice.objects.get(pk=draft.pk)
    assert draft.title == "Advies van de laptop"
    assert list(draft.recommendations.values_list("text", flat=True)) == [
        "De ASD adviseert de buurthuizen open te houden."
    ]


def test_autosave_hands_back_the_new_version_and_refuses_a_stale_one(member, draft):
    client = Client()
    client.force_login(member)
    autosave = {"HTTP_X_AUTOSAVE": "1"}

    first = client.post(
        edit_url(draft), advice_form_data(title="Eerste", lock_version=0), **autosave
    )
    assert json.loads(first.content)["lock_version"] == 1
    second = client.post(
        edit_url(draft), advice_form_data(title="Tweede", lock_version=1), **autosave
    )
    stale = client.post(
        edit_url(draft), advice_form_data(title="Oud", lock_version=1), **autosave
    )

    assert json.loads(second.content)["saved"] is True
    assert stale.status_code == HTTPStatus.BAD_REQUEST
    result = json.loads(stale.content)
    assert result["saved"] is False
    assert str(CONFLICT) in result["errors"]
    assert Advice.objects.get(pk=draft.pk).title == "Tweede"
