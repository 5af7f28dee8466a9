"""Staff read every trigger-written change in the admin, in Dutch, deleted rows too."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from neighbourhoods.models import Organisation
from testdata.neighbourhoods import OrganisationFactory
from tests.core.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

LIST = reverse("admin:audit_rowchange_changelist")


def test_the_list_shows_who_changed_what_also_after_a_delete(admin_client, admin_user):
    organisation = OrganisationFactory(name="Stichting De Schoor")
    url = reverse("admin:neighbourhoods_organisation_change", args=[organisation.pk])
    data = change_form_data(admin_client.get(url))
    admin_client.post(url, {**data, "name": "Stichting De Schakel"})
    Organisation.objects.filter(pk=organisation.pk).delete()

    response = admin_client.get(
        LIST, {"soort": "neighbourhoods.OrganisationEvent", "handeling": "delete"}
    )

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Wijzigingen in de database" in content
    assert "verwijderd" in content
    rows = list(response.context["cl"].result_list)
    assert [row.pgh_obj_id for row in rows] == [str(organisation.pk)]
    updates = admin_client.get(
        LIST, {"soort": "neighbourhoods.OrganisationEvent", "handeling": "update"}
    )
    content = updates.content.decode()
    assert admin_user.username in content
    assert "Stichting De Schakel" in content


def test_nobody_adds_changes_or_deletes_history_in_the_admin(admin_client):
    assert admin_client.get(LIST).status_code == HTTPStatus.OK
    add = reverse("admin:audit_rowchange_add")
    assert admin_client.get(add).status_code == HTTPStatus.FORBIDDEN
