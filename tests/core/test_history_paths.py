"""Every write path leaves history: counted per path, before and after.

The triggers of core.history write the events; the request's user, IP address and
path come from the audit middleware. Each test counts the events of the tables it
writes before and after one path.
"""

import uuid
from http import HTTPStatus

import pytest
from django.db import connection, transaction
from django.urls import reverse

from advisories.models import Advice, AdviceSection, Question, Recommendation
from audit.context import Actor, acting_as
from core.history import row_history, without_history
from neighbourhoods.models import Activity, Facility, Organisation
from policy.models import Goal, Grant
from policy.subsidies.registers import import_register, read_register
from testdata.advisories import MembershipFactory
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from testdata.policy import GoalFactory
from tests.advisories.conftest import advice_form_data
from tests.core.admin_forms import change_form_data
from tests.policy.test_grants_import import REGISTER, csv_bytes
from tests.policy.test_import import confirm, upload

pytestmark = pytest.mark.django_db


def events(model, label: str | None = None):
    queryset = model.events.rel.related_model.objects.all()
    return queryset.filter(pgh_label=label) if label else queryset


def test_the_register_import_leaves_an_event_per_grant_and_organisation(official):
    almere = MunicipalityFactory(name="Almere")
    table = read_register(csv_bytes(REGISTER), "register.csv")
    grants_before = events(Grant).count()
    organisations_before = events(Organisation).count()

    with acting_as(Actor(official.pk, official.username)):
        plan = import_register(table, municipality=almere)

    assert plan.created == 3
    assert events(Grant, "insert").count() - grants_before == 3
    assert events(Organisation, "insert").count() - organisations_before == 3
    created = events(Grant, "insert").select_related("pgh_context").last()
    assert created.pgh_context.metadata["username"] == official.username


def test_portal_bulk_writes_leave_an_event_per_part(client):
    member = MembershipFactory().user
    client.force_login(member)
    before = {
        model: events(model).count()
        for model in (Advice, AdviceSection, Recommendation, Question)
    }

    response = client.post(
        reverse("advisories:portal-advice-create"),
        advice_form_data(
            recommendations=["Eén", "Twee", "Drie"],
            sections=[("Inleiding", "De ASD dankt het college.")],
            questions=["Hoe meet de gemeente het effect?"],
            creation_key=uuid.uuid4(),
        ),
    )

    assert response.status_code == HTTPStatus.FOUND
    assert events(Recommendation, "insert").count() - before[Recommendation] == 3
    assert events(AdviceSection, "insert").count() - before[AdviceSection] == 1
    assert events(Question, "insert").count() - before[Question] == 1
    assert events(Advice, "insert").count() - before[Advice] == 1
    event = events(Recommendation).select_related("pgh_context").last()
    assert event.pgh_context.metadata["username"] == member.username
    assert event.pgh_context.metadata["url"] == reverse(
        "advisories:portal-advice-create"
    )


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        pytest.param(OrganisationFactory, "name", id="organisation"),
        pytest.param(FacilityFactory, "name", id="facility"),
        pytest.param(ActivityFactory, "title", id="activity"),
    ],
)
def test_an_admin_save_leaves_an_update_event_with_who_and_where(
    admin_client, admin_user, factory, field
):
    obj = factory()
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = change_form_data(admin_client.get(url))
    before = events(type(obj), "update").count()

    response = admin_client.post(url, {**data, field: "Buurthuis De Schakel"})

    assert response.status_code == HTTPStatus.FOUND, response.context["errors"]
    assert events(type(obj), "update").count() - before == 1
    history = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    )
    content = history.content.decode()
    assert "Buurthuis De Schakel" in content
    assert admin_user.username in content
    assert url in content
    newest = row_history(obj)[0]
    assert newest.changes[field][1] == "Buurthuis De Schakel"


def test_an_import_through_import_export_leaves_events(admin_client, admin_user):
    goal = GoalFactory(
        framework__slug="welzijn-almere", number=1, title="Ontmoeten", due_on=None
    )
    text = (
        "framework,number,title,text,track,horizon,due_on,status\n"
        f"welzijn-almere,1,Ontmoeten in de wijk,{goal.text},,{goal.horizon},,"
        f"{goal.status}\n"
        f"welzijn-almere,2,Meedoen,Iedereen doet mee.,,{goal.horizon},,"
        f"{goal.status}\n"
    )
    updates, inserts = events(Goal, "update").count(), events(Goal, "insert").count()

    confirm(admin_client, Goal, upload(admin_client, Goal, text))

    assert events(Goal, "update").count() - updates == 1
    assert events(Goal, "insert").count() - inserts == 1
    newest = row_history(goal)[0]
    assert newest.username == admin_user.username
    assert newest.changes["title"] == ["Ontmoeten", "Ontmoeten in de wijk"]


def test_a_queryset_update_leaves_an_event_per_row():
    FacilityFactory.create_batch(3, is_heart=False)
    before = events(Facility, "update").count()

    changed = Facility.objects.update(is_heart=True)

    assert changed == 3
    assert events(Facility, "update").count() - before == 3


def test_a_delete_leaves_an_event_with_the_last_values():
    organisation = OrganisationFactory(name="Stichting De Schoor")
    pk = organisation.pk
    before = events(Organisation, "delete").count()

    Organisation.objects.filter(pk=pk).delete()

    assert events(Organisation, "delete").count() - before == 1
    deleted = events(Organisation, "delete").get(pgh_obj_id=pk)
    assert deleted.name == "Stichting De Schoor"


def test_generated_bulk_loads_write_no_history():
    activity = ActivityFactory()
    before = events(Activity).count()

    with transaction.atomic(), without_history():
        Activity.objects.filter(pk=activity.pk).update(title="Gegenereerd")
        # The benchmark's generator loads with COPY through the raw connection.
        with connection.connection.cursor() as cursor:
            cursor.execute(
                "UPDATE neighbourhoods_activity SET title = 'Ook gegenereerd'"
                " WHERE id = %s",
                [activity.pk],
            )

    assert events(Activity).count() == before
    Activity.objects.filter(pk=activity.pk).update(title="Door een mens")
    assert events(Activity).count() == before + 1
