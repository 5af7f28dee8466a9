"""Two people on the same row: the second save is refused, says who saved and when,
and keeps what the second person typed."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from core.concurrency import CONFLICT
from testdata.advisories import AdviceRequestFactory
from testdata.neighbourhoods import FacilityFactory
from testdata.otp import otp_login
from testdata.policy import BudgetLineFactory, GrantFactory
from tests.core.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

# (factory, the text field both officials change)
EDITED = [
    pytest.param(GrantFactory, "purpose", id="grant"),
    pytest.param(BudgetLineFactory, "description", id="budgetline"),
    pytest.param(AdviceRequestFactory, "subject", id="advicerequest"),
    pytest.param(FacilityFactory, "name", id="facility"),
]


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@pytest.fixture
def second_official(django_user_model):
    user = django_user_model.objects.create_superuser(
        username="tweede-ambtenaar", email="tweede@almere.example.nl", password="x"
    )
    client = Client()
    otp_login(client, user)
    return client


@pytest.mark.parametrize(("factory", "field"), EDITED)
def test_the_second_official_is_refused_told_who_saved_and_keeps_the_typing(
    admin_client, admin_user, second_official, factory, field
):
    obj = factory()
    first_page = admin_client.get(change_url(obj))
    second_page = second_official.get(change_url(obj))
    assert first_page.status_code == second_page.status_code == HTTPStatus.OK
    first_form = change_form_data(first_page)
    second_form = change_form_data(second_page)
    assert first_form["lock_version"] == second_form["lock_version"] == "0"

    saved = admin_client.post(
        change_url(obj), {**first_form, field: "Wat de eerste opsloeg"}
    )
    assert saved.status_code == HTTPStatus.FOUND, saved.context["errors"]
    refused = second_official.post(
        change_url(obj), {**second_form, field: "Wat de tweede typte"}
    )

    assert refused.status_code == HTTPStatus.OK
    content = refused.content.decode()
    assert escape(str(CONFLICT)) in content
    today = timezone.localdate().strftime("%d-%m-%Y")
    assert escape(f"Laatst gewijzigd door {admin_user.username} op {today}") in content
    assert "Wat de tweede typte" in content
    obj.refresh_from_db()
    assert getattr(obj, field) == "Wat de eerste opsloeg"
    assert obj.lock_version == 1
