"""Every public page of the portal, each with a row to show: the pages a citizen
reaches without a login, for tests that walk them all."""

from django.urls import reverse

from testdata.advisories import AdviceFactory, RecommendationFactory
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
)
from testdata.policy import GrantFactory, PolicyFrameworkFactory

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.3, 52.1], [5.4, 52.1], [5.4, 52.2], [5.3, 52.2], [5.3, 52.1]]],
}


def every_public_page() -> list[str]:
    """Create one row of each kind and return the paths of every public page (each
    answers 200)."""
    wijk = NeighbourhoodFactory(boundary=SQUARE)
    place = FacilityFactory(neighbourhood=wijk)
    activity = ActivityFactory(facility=place)
    organisation = OrganisationFactory()
    PolicyFrameworkFactory(adopted=True)
    advice = AdviceFactory(sent=True)
    RecommendationFactory(advice=advice)
    GrantFactory(granted=True)
    gemeente = wijk.district.municipality.slug
    return [
        reverse("neighbourhoods:home"),
        reverse("neighbourhoods:neighbourhood-list"),
        reverse("neighbourhoods:neighbourhood-list") + f"?gemeente={gemeente}",
        reverse("neighbourhoods:neighbourhood-boundaries"),
        reverse("neighbourhoods:neighbourhood-detail", args=[wijk.slug]),
        reverse("neighbourhoods:neighbourhood-boundary", args=[wijk.slug]),
        reverse("neighbourhoods:facility-list"),
        reverse("neighbourhoods:facility-list") + f"?gemeente={gemeente}",
        reverse("neighbourhoods:facility-points"),
        reverse("neighbourhoods:facility-detail", args=[place.slug]),
        reverse("neighbourhoods:activity-list"),
        reverse("neighbourhoods:activity-detail", args=[activity.pk]),
        reverse("neighbourhoods:organisation-list"),
        reverse("neighbourhoods:organisation-detail", args=[organisation.slug]),
        reverse("neighbourhoods:search") + f"?q={place.name.split()[0]}",
        reverse("neighbourhoods:open-data"),
        reverse("neighbourhoods:open-data-download", args=["plekken", "csv"]),
        reverse("neighbourhoods:accessibility"),
        reverse("policy:subsidy-register"),
        reverse("policy:subsidy-register-csv"),
        reverse("policy:subsidy-register-json"),
        reverse("policy:budget-dashboard"),
        reverse("advisories:advice-list"),
        reverse("advisories:advice-feed"),
        reverse("advisories:advice-detail", args=[advice.slug]),
        reverse("advisories:advice-print", args=[advice.slug]),
    ]
