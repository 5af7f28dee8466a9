"""The pages the benchmark and the query audit measure, with addresses from the data.

Pages that other issues build may not exist yet: whoever measures asks for each one
first and skips (and says so) what answers 404.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from neighbourhoods.models import Facility, Municipality, Neighbourhood, TargetGroup

from .generate import BENCH_MEMBER

FLOOR = "floor"
# Words people search for that occur in the generated texts (bench/generate.py), as
# they are written there: the Dutch stemmer makes "mantelzorger(s)" 'mantelzorger',
# which "mantelzorg" does not match (until 25 November the benchmark searched for
# that, and measured a search without results). Both find thousands of rows at
# country scale: tests/bench/test_pages.py checks they find some at any scale.
SEARCH_WORDS = {"zoeken": "mantelzorgers", "adviezen": "eenzaamheid"}
OPEN_DATA = "/open-data/"
# A link to a download on the open-data page: a CSV first, else JSON or GeoJSON.
DOWNLOAD_LINK = re.compile(r'href="([^"]*(?:csv|CSV)[^"]*)"')


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    login: bool = False
    public: bool = True


def _first(model, field: str = "slug") -> str:
    value = model.objects.order_by("pk").values_list(field, flat=True).first()
    return value or "geen"


def pages() -> list[Page]:
    """The pages to measure, in order; the floor last. Needs data in the database."""
    municipality = _first(Municipality)
    group = _first(TargetGroup)
    return [
        Page("home", "/"),
        Page("wijk", f"/wijken/{_first(Neighbourhood)}/"),
        Page("plekken", "/plekken/"),
        Page(
            "plekken gefilterd",
            f"/plekken/?gemeente={municipality}&doelgroep={group}&nu_open=1",
        ),
        Page("plek", f"/plekken/{_first(Facility)}/"),
        Page("zoeken", f"/zoeken/?q={SEARCH_WORDS['zoeken']}"),
        Page("adviezen", f"/adviezen/?q={SEARCH_WORDS['adviezen']}"),
        Page("subsidies", "/subsidies/"),
        # One municipality's open data: replaced by its first download, see below.
        Page("open data", f"{OPEN_DATA}?gemeente={municipality}"),
        Page("portaal", "/portaal/", login=True, public=False),
        Page(FLOOR, "/_bench/floor/"),
    ]


def download_path(html: str) -> str | None:
    """The first CSV download linked from the open-data page's HTML."""
    match = DOWNLOAD_LINK.search(html)
    return match.group(1).replace("&amp;", "&") if match else None


def member():
    """The council member generate made (bench/generate.py), or None."""
    return get_user_model().objects.filter(username=BENCH_MEMBER).first()


def logged_in_client(host: str = "127.0.0.1") -> Client | None:
    """A test client with the bench member's session (stored in the database)."""
    user = member()
    if user is None:
        return None
    client = Client(SERVER_NAME=host, raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def session_cookie(client: Client) -> str:
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
