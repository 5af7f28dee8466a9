"""Nothing a citizen may not see reaches a public page, feed, search, download or
total: no framework that is not adopted (and nothing under it: versions, goals, budget
lines, cuts, schemes, grants), no advice that has not left the council, no grant
application not yet decided, no unpublished activity.

The walk starts from every public URL pattern of the resolver (every slug and id in
the database filled in), follows every link on every page, and tries every option of
every select, a search for each secret word and each secret slug in every known filter.
A pattern it never reaches fails the test, so a new page cannot slip by.
"""

import re
from collections import deque
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Sum
from django.test import Client
from django.urls import Resolver404, resolve

from advisories.models import AdviceStatus
from neighbourhoods.models import Activity
from policy.models import FrameworkStatus, Grant, GrantStatus
from testdata.advisories import (
    AdviceFactory,
    AdviceSectionFactory,
    RecommendationFactory,
    ResponseFactory,
)
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
)
from testdata.policy import (
    BudgetLineFactory,
    CutFactory,
    FrameworkVersionFactory,
    GoalFactory,
    GrantFactory,
    PolicyFrameworkFactory,
    SubsidySchemeFactory,
)
from tests.security.test_fuzz import PUBLIC

pytestmark = pytest.mark.django_db

# Pages behind a login: not public, checked by the portal's own tests.
NOT_PUBLIC = ("portaal/", "i18n/", "_bench/")
# Words only the hidden rows carry: the search looks for them.
SECRET_WORDS = ("zwaluwstaart", "kwartelkoning", "ijsvogel", "roerdomp")
# Their titles, names, texts and slugs: none may appear. A page that repeats a query
# value (a search field, a link to the next page) shows only the word searched for,
# or the slug asked for, which is removed before looking.
SECRET_SLUGS = (
    "zwaluwstaart-kader",
    "zwaluwstaart-ter-advies",
    "zwaluwstaart-regeling",
    "kwartelkoning-advies-0",
    "kwartelkoning-advies-1",
    "kwartelkoning-advies-2",
)
SECRET_TEXTS = (
    "zwaluwstaart welzijnskader",
    "zwaluwstaart eerste versie",
    "zwaluwstaartdoel",
    "zwaluwstaartbegroting",
    "zwaluwstaartregeling",
    "zwaluwstaartsubsidie",
    "zwaluwstaart ter advies",
    "ijsvogelaanvraag",
    "kwartelkoningadvies",
    "kwartelkoninghoofdstuk",
    "kwartelkoningaanbeveling",
    "roerdompactiviteit",
    *SECRET_SLUGS,
)
# Amounts only the hidden rows carry, as digits without separators.
SECRET_AMOUNTS = ("7654321", "3456789", "9182736", "83417", "61923", "4718293")
# Filters that take a slug: each page is tried with every secret slug in each.
SLUG_FILTERS = ("beleidskader", "kader", "regeling", "q")
MAX_REQUESTS = 3000


@pytest.fixture
def portal(db):
    """A municipality with adopted policy and public advice, and beside it every kind
    of thing the public may not see."""
    municipality = MunicipalityFactory(name="Almere", slug="almere")
    neighbourhood = NeighbourhoodFactory(
        municipality=municipality,
        boundary={
            "type": "Polygon",
            "coordinates": [[[5.2, 52.3], [5.3, 52.3], [5.3, 52.4], [5.2, 52.3]]],
        },
    )
    facility = FacilityFactory(neighbourhood=neighbourhood)
    organisation = OrganisationFactory(municipality=municipality)
    ActivityFactory(facility=facility, organisation=organisation)

    adopted = PolicyFrameworkFactory(municipality=municipality, adopted=True)
    BudgetLineFactory(framework=adopted, year=2024, amount=Decimal("1000000.00"))
    CutFactory(framework=adopted, year=2024, amount=Decimal("50000.00"))
    scheme = SubsidySchemeFactory(municipality=municipality, framework=adopted)
    GrantFactory(scheme=scheme, organisation=organisation, granted=True)
    GrantFactory(scheme=scheme, organisation=organisation, settled=True)
    # Decided but not yet under any framework: public.
    loose_scheme = SubsidySchemeFactory(municipality=municipality, framework=None)
    GrantFactory(scheme=loose_scheme, organisation=organisation, granted=True)
    sent = AdviceFactory(sent=True, framework=adopted)
    ResponseFactory(recommendation=RecommendationFactory(advice=sent))

    # THE HIDDEN ROWS
    concept = PolicyFrameworkFactory(
        municipality=municipality,
        title="Zwaluwstaart welzijnskader",
        slug="zwaluwstaart-kader",
        status=FrameworkStatus.CONCEPT,
    )
    FrameworkVersionFactory(framework=concept, title="Zwaluwstaart eerste versie")
    GoalFactory(framework=concept, title="Zwaluwstaartdoel")
    BudgetLineFactory(
        framework=concept,
        year=2024,
        description="Zwaluwstaartbegroting",
        amount=Decimal("7654321.00"),
    )
    CutFactory(framework=concept, year=2024, amount=Decimal("3456789.00"))
    concept_scheme = SubsidySchemeFactory(
        municipality=municipality,
        framework=concept,
        name="Zwaluwstaartregeling",
        slug="zwaluwstaart-regeling",
        ceiling=Decimal("9182736.00"),
    )
    for status in ("granted", "settled"):
        GrantFactory(
            scheme=concept_scheme,
            organisation=organisation,
            purpose="Zwaluwstaartsubsidie",
            amount_requested=Decimal("83417.00"),
            amount_granted=Decimal("83417.00"),
            **{status: True},
        )
    for_advice = PolicyFrameworkFactory(
        municipality=municipality,
        title="Zwaluwstaart ter advies",
        slug="zwaluwstaart-ter-advies",
        status=FrameworkStatus.FOR_ADVICE,
    )
    BudgetLineFactory(
        framework=for_advice,
        year=2024,
        description="Zwaluwstaart ter advies begroting",
        amount=Decimal("4718293.00"),
    )
    # An application not yet decided, under the public scheme.
    GrantFactory(
        scheme=scheme,
        organisation=organisation,
        purpose="Ijsvogelaanvraag",
        amount_requested=Decimal("61923.00"),
    )
    for number, status in enumerate(
        (AdviceStatus.DRAFT, AdviceStatus.SUBMITTED, AdviceStatus.ADOPTED)
    ):
        advice = AdviceFactory(
            title=f"Kwartelkoningadvies {number}",
            slug=f"kwartelkoning-advies-{number}",
            status=status,
            framework=concept,
        )
        AdviceSectionFactory(advice=advice, heading="Kwartelkoninghoofdstuk")
        RecommendationFactory(advice=advice, text="Kwartelkoningaanbeveling.")
    ActivityFactory(
        facility=facility,
        organisation=organisation,
        title="Roerdompactiviteit",
        is_published=False,
    )
    return municipality


def _secret_in(body: str, asked: list[str]) -> str | None:
    text = unescape(body).lower()
    for value in asked:
        if value in SECRET_SLUGS:
            text = text.replace(value, "")
    for secret in SECRET_TEXTS:
        if secret in text:
            return secret
    digits = re.sub(r"[\s.,'\u00a0\u202f]", "", text)
    for amount in SECRET_AMOUNTS:
        if amount in digits:
            return amount
    return None


def _public(path: str) -> bool:
    return path.startswith("/") and not path.lstrip("/").startswith(
        ("admin/", "static/", "media/", *NOT_PUBLIC)
    )


def _seed_paths() -> list[str]:
    """Every public pattern with every slug and id in the database filled in."""
    slugs, ids = set(), set()
    for model in apps.get_models():
        if model._meta.app_label not in {"neighbourhoods", "policy", "advisories"}:
            continue
        ids.update(model._base_manager.values_list("pk", flat=True))
        for field in model._meta.concrete_fields:
            if isinstance(field, models.SlugField):
                slugs.update(model._base_manager.values_list(field.attname, flat=True))
    paths = []
    for route, _name, pattern in PUBLIC:
        if route.startswith(NOT_PUBLIC):
            continue
        converters = pattern.pattern.converters
        kinds = {type(c).__name__ for c in converters.values()}
        if not converters:
            paths.append("/" + route)
        elif kinds == {"SlugConverter"} and len(converters) == 1:
            (key,) = converters
            paths += ["/" + route.replace(f"<slug:{key}>", s) for s in sorted(slugs)]
        elif kinds == {"IntConverter"} and len(converters) == 1:
            (key,) = converters
            paths += ["/" + route.replace(f"<int:{key}>", str(i)) for i in sorted(ids)]
    return paths


def _links(body: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"#]+)"', body)]


def _select_variants(path: str, body: str) -> list[str]:
    """The page with each option of each select on it, one at a time."""
    variants = []
    for name, options in re.findall(
        r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', body, re.S
    ):
        for value in re.findall(r'<option[^>]*value="([^"]*)"', options):
            if value:
                variants.append(f"{path}?{urlencode({name: unescape(value)})}")
    return variants


def _query_variants(path: str) -> list[str]:
    variants = [f"{path}?{urlencode({'q': word})}" for word in SECRET_WORDS]
    for key in SLUG_FILTERS:
        variants += [f"{path}?{urlencode({key: slug})}" for slug in SECRET_SLUGS]
    return variants


def walk_public_site(client: Client) -> tuple[dict, set, int]:
    """Request every public page reachable; the leaks found, the patterns seen and
    the number of requests."""
    queue = deque(_seed_paths())
    seen: set[str] = set(queue)
    leaks: dict[str, str] = {}
    reached: set[str] = set()
    varied: set[str] = set()
    requests = 0
    while queue and requests < MAX_REQUESTS:
        url = queue.popleft()
        response = client.get(url)
        requests += 1
        assert response.status_code < 500, url
        path = urlsplit(url).path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if response.status_code == 200:
            reached.add(match.route)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        ).decode("utf-8", errors="replace")
        asked = [value for _key, value in parse_qsl(urlsplit(url).query)]
        secret = _secret_in(body, asked)
        if secret and response.status_code == 200:
            leaks[url] = secret
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        found = [link for link in _links(body) if _public(link)]
        # Every select option and secret query on each page without a query, once
        # per pattern: the detail pages of one pattern share their filters.
        if "?" not in url and match.route not in varied:
            varied.add(match.route)
            found += _select_variants(path, body) + _query_variants(path)
        for link in found:
            parts = urlsplit(link)
            # One link per page number is enough: the pages repeat in their links.
            query = dict(parse_qsl(parts.query))
            if int(query.get("page", "1") or 1) > 3:
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return leaks, reached, requests


def test_no_page_shows_what_is_not_adopted_or_not_public(portal, client):
    leaks, reached, requests = walk_public_site(client)
    assert requests < MAX_REQUESTS, "the walk stopped before it was done"
    assert leaks == {}, "\n".join(f"{url}: {word}" for url, word in leaks.items())
    unreached = {
        route
        for route, _name, _pattern in PUBLIC
        if not route.startswith(NOT_PUBLIC)
        and route not in reached
        # An advice's attachment needs a stored file (test_private_downloads.py).
        and "bijlagen" not in route
    }
    assert unreached == set(), unreached


def _public_grants(**filters):
    """The grants the register may count, by the rule itself, not the code under
    test: decided, and under no framework or an adopted one."""
    return Grant.objects.filter(
        status__in=[
            GrantStatus.GRANTED,
            GrantStatus.SETTLED,
            GrantStatus.REFUSED,
            GrantStatus.WITHDRAWN,
        ],
        **filters,
    ).exclude(
        scheme__framework__status__in=[
            FrameworkStatus.CONCEPT,
            FrameworkStatus.FOR_ADVICE,
        ]
    )


def test_the_registers_totals_are_the_sum_of_the_public_grants_only(portal, client):
    for query in ({}, {"gemeente": "almere"}, {"jaar": 2024}):
        response = client.get("/subsidies/", query)
        totals = response.context["totals"]
        public = _public_grants()
        assert totals["count"] == public.count() == 3, query
        assert totals["granted"] == public.aggregate(s=Sum("amount_granted"))["s"]
        assert totals["requested"] == public.aggregate(s=Sum("amount_requested"))["s"]


def test_the_budget_dashboard_counts_only_adopted_frameworks(portal, client):
    response = client.get("/subsidies/begroting/", {"gemeente": "almere", "jaar": 2024})
    dashboard = response.context["dashboard"]
    assert dashboard.current.budget == Decimal("1000000.00")
    assert dashboard.current.cuts == Decimal("50000.00")
    assert (
        dashboard.current.granted
        == _public_grants(year=2024)
        .filter(status__in=[GrantStatus.GRANTED, GrantStatus.SETTLED])
        .aggregate(s=Sum("amount_granted"))["s"]
    )
    framework_choices = [
        value
        for value, _label in response.context["form"].fields["beleidskader"].choices
    ]
    assert "zwaluwstaart-kader" not in str(framework_choices)


def test_an_unpublished_activity_and_unsent_advice_stay_hidden(portal, client):
    assert Activity.objects.filter(is_published=False).count() == 1
    hidden = client.get("/adviezen/kwartelkoning-advies-0/")
    assert hidden.status_code == 404
    assert (
        client.get("/subsidies/begroting/?beleidskader=zwaluwstaart-kader")
        .context["dashboard"]
        .framework
        is None
    )
