"""Every public URL answers bad query parameters and path values with a 4xx or a page,
never a server error. The URLs come from the resolver, so views added later are fuzzed
too; the parameter names come from a fixed list plus every form field the page shows.

FUZZ_EXAMPLES (default 40) sets the number of requests per URL pattern.
"""

import os
import re
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from testdata.advisories import AdviceFactory, RecommendationFactory
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    NeighbourhoodFactory,
)
from testdata.policy import GrantFactory, PolicyFrameworkFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
# Not public: the admin has its own (login, second factor) and is fuzzed separately below.
PRIVATE_PREFIXES = ("admin/",)

KNOWN_KEYS = [
    "q", "page", "gemeente", "wijk", "buurt", "soort", "functie", "doelgroep", "thema",
    "nu_open", "toegankelijk", "jaar", "status", "regeling", "beleidskader", "organisatie",
    "sort", "order", "format", "next", "lang", "datum", "van", "tot", "bbox", "limit",
    "offset", "per_page", "type", "kind", "id", "pk", "language",
]  # fmt: skip

NASTY = [
    "", " ", "0", "1", "-1", "2", "on", "true", "None", "null", "nan", "inf", "1e309",
    "99999999999999999999999", "-99999999999999999999", "2147483648", "0x10", "1.5",
    "2026-13-45", "2026-02-30", "31-12-2026", "1970-01-01T00:00", "'", '"', "\\", "%",
    "%00", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "a" * 5000,
    "😀", "ü", "\u202e", "\x00", "a\x00b", "\r\n", "[]", "{}", "*", "?", ":", "&", "=",
    "//kwaad.example", "https://kwaad.example/", "javascript:alert(1)",
]  # fmt: skip


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name, pattern


PUBLIC = [
    (route, name, pattern)
    for route, name, pattern in walk(get_resolver().url_patterns)
    if not route.startswith(PRIVATE_PREFIXES)
]


def real_values() -> dict[str, list]:
    """Slugs and ids that exist, so detail pages are reached and not only 404s."""
    slugs, ids = set(), set()
    for model in apps.get_models():
        if model._meta.app_label not in {"neighbourhoods", "policy", "advisories"}:
            continue
        ids.update(model._base_manager.values_list("pk", flat=True)[:20])
        for field in model._meta.concrete_fields:
            if isinstance(field, models.SlugField):
                slugs.update(
                    model._base_manager.values_list(field.attname, flat=True)[:20]
                )
    return {"slug": sorted(s for s in slugs if s), "int": sorted(ids)}


@pytest.fixture
def content(db):
    neighbourhood = NeighbourhoodFactory()
    facility = FacilityFactory(neighbourhood=neighbourhood)
    ActivityFactory(facility=facility)
    PolicyFrameworkFactory(adopted=True)
    RecommendationFactory(advice=AdviceFactory(sent=True))
    GrantFactory(granted=True)
    return real_values()


def path_value(converter, real: dict):
    if isinstance(converter, IntConverter):
        return st.one_of(
            st.sampled_from(real["int"] or [1]),
            st.integers(min_value=0, max_value=10**25),
        )
    if isinstance(converter, SlugConverter):
        return st.one_of(
            st.sampled_from(real["slug"] or ["x"]),
            st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True),
        )
    return st.text(
        alphabet=st.characters(blacklist_characters="/", blacklist_categories=["Cs"]),
        min_size=1,
        max_size=60,
    )


def form_field_names(html: str) -> list[str]:
    return sorted(
        set(re.findall(r'name="([^"]{1,40})"', html)) - {"csrfmiddlewaretoken"}
    )


_field_names: dict[str, list[str]] = {}


def page_field_names(client: Client, path: str) -> list[str]:
    """The names of the form fields on the page, fetched once per path."""
    if path not in _field_names:
        response = client.get(path)
        assert response.status_code < 500, path
        html = ""
        if not response.streaming and "html" in response.get("Content-Type", ""):
            html = response.content.decode(errors="replace")
        _field_names[path] = form_field_names(html)
    return _field_names[path]


query_values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


def fuzz(client: Client, route: str, name: str, pattern, real: dict, data) -> int:
    kwargs = {
        key: data.draw(path_value(converter, real), label=key)
        for key, converter in pattern.pattern.converters.items()
    }
    try:
        path = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        assume(False)
    keys = KNOWN_KEYS + page_field_names(client, path)
    params = data.draw(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(keys), st.text(max_size=12)), query_values
            ),
            max_size=6,
        ),
        label="query",
    )
    response = client.get(f"{path}?{urlencode(params)}")
    return response.status_code


OUTCOMES: dict[int, int] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_outcomes(request):
    """Print how many fuzzed requests ran and what they answered, for the record."""
    OUTCOMES.clear()
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and OUTCOMES:
        summary = ", ".join(f"{code}: {n}" for code, n in sorted(OUTCOMES.items()))
        reporter.write_line(
            f"\nfuzzed requests: {sum(OUTCOMES.values())} over {len(PUBLIC)} URL "
            f"patterns ({summary})"
        )


@pytest.mark.parametrize(
    ("route", "name", "pattern"), PUBLIC, ids=[name for _, name, _ in PUBLIC]
)
def test_public_urls_never_answer_with_a_server_error(content, route, name, pattern):
    client = Client(raise_request_exception=True)
    _field_names.clear()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )
    @given(data=st.data())
    def run(data):
        status = fuzz(client, route, name, pattern, content, data)
        OUTCOMES[status] = OUTCOMES.get(status, 0) + 1
        assert status < 500, status

    run()


@pytest.mark.parametrize(
    "url", ["/?q=%00", "/subsidies/begroting/?gemeente=%00", "/wijken/?a%00=1"]
)
def test_a_nul_byte_in_the_query_is_a_bad_request(db, url):
    response = Client().get(url)

    assert response.status_code == 400
    assert "Content-Security-Policy" in response
