"""An organisation's roles show on public pages, and a wijk lists every organisation
that is active at its places, not only those that named the wijk themselves."""

from http import HTTPStatus

import pytest
from django.utils.html import escape

from neighbourhoods.models import OrganisationRole
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker():
    return OrganisationFactory(
        name="Makelaar Midden",
        slug="makelaar-midden",
        roles=[OrganisationRole.SOCIAL_BROKER, OrganisationRole.PROVIDER],
    )


def test_the_organisation_page_names_its_roles(client, broker):
    response = client.get(broker.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Rollen" in html
    assert "Aanbieder, Sociaal makelaar" in html


def test_the_wijk_list_names_each_organisations_roles(client, broker):
    neighbourhood = NeighbourhoodFactory()
    broker.neighbourhoods.add(neighbourhood)

    html = client.get(neighbourhood.get_absolute_url()).content.decode()

    assert "Rollen: Aanbieder, Sociaal makelaar" in html


def test_a_wijk_lists_who_runs_owns_or_offers_something_at_its_places(client):
    neighbourhood = NeighbourhoodFactory()
    elsewhere = NeighbourhoodFactory()
    operator = OrganisationFactory(name="Beheer Centrum")
    owner = OrganisationFactory(name="Corporatie Thuis")
    provider = OrganisationFactory(name="Sportclub Bal")
    stranger = OrganisationFactory(name="Elders Actief")
    centre = FacilityFactory(
        neighbourhood=neighbourhood,
        municipality=neighbourhood.municipality,
        operator=operator,
        owner=owner,
    )
    ActivityFactory(facility=centre, organisation=provider)
    ActivityFactory(
        facility=FacilityFactory(
            neighbourhood=elsewhere, municipality=elsewhere.municipality
        ),
        organisation=stranger,
    )

    html = client.get(neighbourhood.get_absolute_url()).content.decode()

    for organisation in (operator, owner, provider):
        assert escape(organisation.name) in html
    assert "Elders Actief" not in html
    assert "Er zijn nog geen organisaties bekend" not in html
    listed = client.get(f"/organisaties/?wijk={neighbourhood.slug}").content.decode()
    assert escape(operator.name) in listed and "Elders Actief" not in listed
