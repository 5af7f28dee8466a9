"""Who changed what and when, on the page of every policy object."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils.html import escape

from policy.admin.base import PolicyAdmin
from policy.models import Goal
from testdata.policy import GoalFactory
from tests.policy.test_concurrency import goal_form
from tests.policy.test_import import confirm, upload

pytestmark = pytest.mark.django_db

POLICY_ADMINS = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "policy"
        and model._meta.model_name
        not in {
            "budgetline",
            "cut",
            "subsidyscheme",
            "grant",
            "grantreport",
            "performanceagreement",
        }
    ),
    key=lambda pair: pair[0]._meta.label,
)


@pytest.mark.parametrize(
    ("model", "model_admin"), POLICY_ADMINS, ids=lambda v: getattr(v, "__name__", "")
)
def test_every_policy_admin_shows_the_audit_trail_as_history(model, model_admin):
    assert callable(getattr(model_admin, "history_view", None))
    assert type(model_admin).history_view.__qualname__.startswith("AuditHistoryMixin")
    if model._meta.model_name != "frameworkstatuschange":
        assert isinstance(model_admin, PolicyAdmin)


def history_url(obj) -> str:
    return reverse(f"admin:policy_{obj._meta.model_name}_history", args=[obj.pk])


def test_a_change_in_the_admin_shows_who_changed_which_value(admin_client, admin_user):
    goal = GoalFactory(title="Elke wijk een kloppend hart")
    url = reverse("admin:policy_goal_change", args=[goal.pk])

    admin_client.post(url, goal_form(goal, title="Een kloppend hart in elke wijk"))

    response = admin_client.get(history_url(goal))
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert admin_user.username in content
    assert escape("Een kloppend hart in elke wijk") in content
    assert escape("Elke wijk een kloppend hart") in content


def test_an_import_is_in_the_history_of_the_rows_it_changed(admin_client, admin_user):
    goal = GoalFactory(
        framework__slug="welzijn-almere", number=1, title="Ontmoeten", due_on=None
    )
    text = (
        "framework,number,title,text,track,horizon,due_on,status\n"
        f"welzijn-almere,1,Ontmoeten in de wijk,{goal.text},,{goal.horizon},,"
        f"{goal.status}\n"
    )
    confirm(admin_client, Goal, upload(admin_client, Goal, text))

    content = admin_client.get(history_url(goal)).content.decode()
    assert escape("Ontmoeten in de wijk") in content
    assert admin_user.username in content
