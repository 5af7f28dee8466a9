"""Every public page, opened in Chromium: no axe violations and nothing the CSP blocks.

The journeys walk the main routes; this visits the pages they pass by (lists, details,
search, open data, the statement, the member login) so none of them is only ever seen
by the Django test client.
"""

from http import HTTPStatus

import pytest
from playwright.sync_api import Page

from testdata.neighbourhoods import ActivityFactory, ActivityScheduleFactory

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def activity():
    activity = ActivityFactory(title="Koffieochtend", description="Samen koffie.")
    ActivityScheduleFactory(activity=activity)
    return activity


def public_paths(activity) -> list[str]:
    place = activity.facility
    return [
        "/",
        "/wijken/",
        "/plekken/",
        place.get_absolute_url(),
        "/activiteiten/",
        activity.get_absolute_url(),
        "/organisaties/",
        activity.organisation.get_absolute_url(),
        "/zoeken/?q=koffie",
        "/open-data/",
        "/adviezen/",
        "/subsidies/",
        "/subsidies/begroting/",
        "/toegankelijkheid/",
        "/portaal/inloggen/",
    ]


def test_every_public_page_is_accessible_under_the_csp(
    page: Page, live_server, activity
):
    for path in public_paths(activity):
        response = page.goto(live_server.url + path)

        assert response.status == HTTPStatus.OK, path
        assert page.locator("html").get_attribute("lang") == "nl", path
        assert_accessible(page)
