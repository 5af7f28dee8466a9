"""Every model of the three apps has a working admin, and its changelist stays cheap."""

from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import capfirst

from policy.models import FrameworkStatus, FrameworkStatusChange
from policy.services import REASON_REQUIRED
from testdata.factories import model_factories
from testdata.policy import PolicyFrameworkFactory

pytestmark = pytest.mark.django_db

APPS = ("neighbourhoods", "policy", "advisories")
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in APPS),
    key=lambda model: model._meta.label,
)
FACTORIES = model_factories()


def admin_url(model, view: str, *args) -> str:
    return reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args
    )


def admin_text(text: str, value) -> str:
    """Django's own admin text in Dutch, filled in and escaped as the page shows it."""
    with translation.override("nl"):
        return escape(translation.gettext(text) % value)


def changelist_queries(client, model) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == HTTPStatus.OK
    sql = "\n".join(query["sql"] for query in queries.captured_queries)
    return len(queries), sql


def test_every_model_of_the_three_apps_is_in_the_admin_with_a_factory():
    # Tables without permissions are written by the database alone (triggers).
    models = {
        model
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.default_permissions
    }

    assert sorted(m.__name__ for m in models - set(REGISTERED)) == []
    assert sorted(m.__name__ for m in models - set(FACTORIES)) == []


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_lists_the_rows_under_the_dutch_name(admin_client, model):
    FACTORIES[model].create_batch(2)

    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    plural = str(model._meta.verbose_name_plural)
    assert escape(capfirst(plural)) in content
    assert f"{model.objects.count()} {escape(plural)}" in content


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_add_form_opens_unless_the_model_is_a_record(
    admin_client, admin_user, rf, model
):
    request = rf.get("/")
    request.user = admin_user
    may_add = admin.site._registry[model].has_add_permission(request)

    response = admin_client.get(admin_url(model, "add"))

    if not may_add:
        assert response.status_code == HTTPStatus.FORBIDDEN
        return
    assert response.status_code == HTTPStatus.OK
    assert admin_text("Add %s", model._meta.verbose_name) in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_change_form_shows_the_instance(admin_client, model):
    instance = FACTORIES[model]()

    response = admin_client.get(admin_url(model, "change", instance.pk))

    assert response.status_code == HTTPStatus.OK
    assert f"<h2>{escape(str(instance))}</h2>" in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_queries_do_not_grow_with_the_rows(admin_client, model):
    factory = FACTORIES[model]
    factory.create_batch(3)
    # The first request fills per-process caches (content types, permissions).
    admin_client.get(admin_url(model, "changelist"))
    few, few_sql = changelist_queries(admin_client, model)

    factory.create_batch(20)
    many, many_sql = changelist_queries(admin_client, model)

    assert many == few, f"{few} queries for 3 rows, {many} for 23:\n{many_sql}"


# A FRAMEWORK'S STATUS IN THE ADMIN
# ------------------------------------------------------------------------------


def framework_form_data(client, framework, **changes) -> dict:
    """The framework's change form as posted unchanged, with `changes` applied."""
    response = client.get(admin_url(type(framework), "change", framework.pk))
    data = {
        "title": framework.title,
        "slug": framework.slug,
        "municipality": framework.municipality_id,
        "summary": framework.summary,
        "period_start": framework.period_start,
        "period_end": framework.period_end or "",
        "new_status": "",
        "status_on": "",
        "status_reason": "",
        "lock_version": framework.lock_version,
        "adopted_on": framework.adopted_on or "",
        "predecessor": "",
        "parent": "",
    }
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    data.update(changes)
    return data


def test_changing_the_status_records_the_transition_with_its_official(
    admin_client, admin_user
):
    framework = PolicyFrameworkFactory()
    url = admin_url(type(framework), "change", framework.pk)

    response = admin_client.post(
        url,
        framework_form_data(
            admin_client, framework, new_status=FrameworkStatus.ADOPTED
        ),
    )

    assert response.status_code == HTTPStatus.FOUND
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.ADOPTED
    assert framework.adopted_on == timezone.localdate()
    change = FrameworkStatusChange.objects.get(framework=framework)
    assert (change.from_status, change.to_status) == ("concept", "vastgesteld")
    assert change.changed_by == admin_user


def test_going_back_without_a_reason_is_refused_with_the_services_message(
    admin_client,
):
    framework = PolicyFrameworkFactory(adopted=True)
    url = admin_url(type(framework), "change", framework.pk)

    response = admin_client.post(
        url,
        framework_form_data(
            admin_client, framework, new_status=FrameworkStatus.CONCEPT
        ),
    )

    assert response.status_code == HTTPStatus.OK
    assert escape(str(REASON_REQUIRED)) in response.content.decode()
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.ADOPTED
    assert not FrameworkStatusChange.objects.filter(framework=framework).exists()


def test_going_back_with_a_reason_is_recorded(admin_client):
    framework = PolicyFrameworkFactory(adopted=True)
    url = admin_url(type(framework), "change", framework.pk)

    admin_client.post(
        url,
        framework_form_data(
            admin_client,
            framework,
            new_status=FrameworkStatus.CONCEPT,
            status_reason="Het college herziet het kader na het advies.",
        ),
    )

    change = FrameworkStatusChange.objects.get(framework=framework)
    assert change.to_status == FrameworkStatus.CONCEPT
    assert change.reason == "Het college herziet het kader na het advies."
    assert change.changed_on == timezone.localdate()


def test_the_status_itself_is_not_a_form_field(admin_client):
    framework = PolicyFrameworkFactory()
    url = admin_url(type(framework), "change", framework.pk)

    admin_client.post(
        url, framework_form_data(admin_client, framework, status="geevalueerd")
    )

    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.CONCEPT
    assert not FrameworkStatusChange.objects.filter(framework=framework).exists()


def test_a_transition_can_be_dated_but_not_before_the_last_one(admin_client):
    framework = PolicyFrameworkFactory()
    url = admin_url(type(framework), "change", framework.pk)
    admin_client.post(
        url,
        framework_form_data(
            admin_client,
            framework,
            new_status=FrameworkStatus.FOR_ADVICE,
            status_on="18-01-2021",
        ),
    )
    framework.refresh_from_db()

    response = admin_client.post(
        url,
        framework_form_data(
            admin_client,
            framework,
            new_status=FrameworkStatus.ADOPTED,
            status_on="01-01-2021",
        ),
    )

    assert response.status_code == HTTPStatus.OK
    assert "18-01-2021" in response.content.decode()
    changes = FrameworkStatusChange.objects.filter(framework=framework)
    assert [(c.to_status, c.changed_on.isoformat()) for c in changes] == [
        ("ter_advies", "2021-01-18")
    ]
