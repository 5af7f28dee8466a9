"""The register's summed totals (policy_granttotal) stay exact whatever writes the
grants or moves a scheme, for the country and per municipality, and the register
shows the same totals as an aggregate over the grants themselves."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext

from policy.models import Grant, GrantStatus, SubsidyScheme
from policy.subsidies import selectors
from testdata.neighbourhoods import (
    MunicipalityFactory,
    OrganisationFactory,
    ThemeFactory,
)
from testdata.policy import GrantFactory, SubsidySchemeFactory

pytestmark = pytest.mark.django_db

URL = "/subsidies/"


def total_rows(where: str = "TRUE", params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT municipality_id, year, status, theme_id, grants, requested_grants,"
            f" requested, granted, settled FROM policy_granttotal WHERE {where}",
            params,
        )
        return cursor.fetchall()


def summed_rows(municipality_id=None) -> dict:
    """The country's rows, or a municipality's."""
    rows = (
        total_rows("municipality_id IS NULL")
        if municipality_id is None
        else total_rows("municipality_id = %s", [municipality_id])
    )
    return {tuple(row[1:4]): tuple(row[4:]) for row in rows}


def total_rows_versions() -> list:
    """Where each row version lies (ctid): a rewritten row moves, even within the
    same transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT ctid::text FROM policy_granttotal ORDER BY 1")
        return cursor.fetchall()


def grants_aggregate(grants=None) -> dict:
    zero = Decimal("0.00")
    grants = Grant.objects.all() if grants is None else grants
    return {
        (row["year"], row["status"], row["theme_id"]): (
            row["grants"],
            row["requested_grants"],
            row["requested"] or zero,
            row["granted"] or zero,
            row["settled"] or zero,
        )
        for row in grants.order_by()
        .values("year", "status", "theme_id")
        .annotate(
            grants=Count("pk"),
            requested_grants=Count("amount_requested"),
            requested=Sum("amount_requested"),
            granted=Sum("amount_granted"),
            settled=Sum("amount_settled"),
        )
    }


def assert_exact() -> None:
    assert summed_rows() == grants_aggregate()
    municipalities = set(
        SubsidyScheme.objects.filter(grants__isnull=False).values_list(
            "municipality_id", flat=True
        )
    )
    assert {row[0] for row in total_rows("municipality_id IS NOT NULL")} == (
        municipalities
    )
    for municipality_id in municipalities:
        assert summed_rows(municipality_id) == grants_aggregate(
            Grant.objects.filter(scheme__municipality_id=municipality_id)
        )


@pytest.fixture
def scheme():
    return SubsidySchemeFactory(ceiling=None)


def test_a_new_grant_is_counted(scheme):
    theme = ThemeFactory()
    GrantFactory(scheme=scheme, granted=True, theme=theme)
    GrantFactory(scheme=scheme, amount_requested=None)

    assert_exact()
    assert summed_rows()[(2024, GrantStatus.GRANTED, theme.pk)] == (
        1,
        1,
        Decimal("25000.00"),
        Decimal("20000.00"),
        Decimal("0.00"),
    )


def test_changed_amounts_status_scheme_year_and_theme_move_the_totals(scheme):
    theme = ThemeFactory()
    grant = GrantFactory(scheme=scheme, granted=True)
    other = GrantFactory(scheme=scheme, granted=True, theme=theme)

    grant.amount_granted = Decimal("12345.67")
    grant.save()
    assert_exact()

    grant.status = GrantStatus.SETTLED
    grant.amount_settled = Decimal("12000.00")
    grant.save()
    assert_exact()

    grant.scheme = SubsidySchemeFactory(ceiling=None)
    grant.year = 2022
    grant.theme = theme
    grant.save()
    assert_exact()

    other.amount_requested = None
    other.save()
    assert_exact()
    # The only grant left in 2024 lost its amount requested: that row says so.
    assert summed_rows()[(2024, GrantStatus.GRANTED, theme.pk)][:3] == (
        1,
        0,
        Decimal("0.00"),
    )


def test_a_scheme_moved_to_another_municipality_takes_its_totals_along(scheme):
    GrantFactory(scheme=scheme, granted=True)
    GrantFactory(scheme=SubsidySchemeFactory(ceiling=None), granted=True)
    country = summed_rows()
    elsewhere = MunicipalityFactory()

    scheme.municipality = elsewhere
    scheme.save()

    assert_exact()
    assert summed_rows() == country
    assert summed_rows(elsewhere.pk)[(2024, GrantStatus.GRANTED, None)][0] == 1


def test_a_row_whose_last_grant_leaves_is_removed(scheme):
    grant = GrantFactory(scheme=scheme, granted=True)
    grant.year = 2023
    grant.save()

    assert set(summed_rows()) == {(2023, GrantStatus.GRANTED, None)}
    assert len(total_rows()) == 2  # the country's and the municipality's

    grant.delete()
    assert total_rows() == []


def test_bulk_create_queryset_update_and_delete(scheme):
    themes = [ThemeFactory(), ThemeFactory()]
    organisation = OrganisationFactory(municipality=scheme.municipality)
    Grant.objects.bulk_create(
        Grant(
            scheme=scheme,
            organisation=organisation,
            year=2020 + n % 3,
            purpose=f"Plan {n}",
            theme=themes[n % 2] if n % 5 else None,
            status=GrantStatus.GRANTED if n % 2 else GrantStatus.REQUESTED,
            amount_requested=Decimal(1000 + n) if n % 4 else None,
            amount_granted=Decimal(900 + n) if n % 2 else None,
        )
        for n in range(40)
    )
    assert_exact()

    Grant.objects.filter(year=2021).update(year=2025)
    Grant.objects.filter(theme=themes[0]).update(amount_requested=Decimal("5.50"))
    assert_exact()

    Grant.objects.filter(year=2020).delete()
    assert_exact()


def test_a_write_that_changes_no_total_leaves_the_rows_alone(scheme):
    grant = GrantFactory(scheme=scheme, granted=True)
    before = total_rows()
    versions = total_rows_versions()

    Grant.objects.filter(pk=grant.pk).update(purpose="Een ander doel")

    assert total_rows() == before
    # Not even rewritten: no lock on rows every writer shares.
    assert total_rows_versions() == versions
    assert_exact()


def test_a_load_without_ordinary_triggers_still_counts(scheme):
    """The benchmark's generator loads as superuser with replication triggers off."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            pytest.skip("only a superuser may turn ordinary triggers off")
        cursor.execute("SET LOCAL session_replication_role = replica")
        try:
            GrantFactory(scheme=scheme, granted=True)
        finally:
            cursor.execute("SET LOCAL session_replication_role = origin")

    assert_exact()
    assert [row[4] for row in total_rows()] == [1, 1]


def test_emptying_the_grants_empties_the_totals(scheme):
    GrantFactory(scheme=scheme, granted=True)
    with connection.cursor() as cursor:
        # TRUNCATE refuses to run while deferred foreign-key checks are pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE policy_grant CASCADE")

    assert total_rows() == []


# THE REGISTER
# ------------------------------------------------------------------------------


@pytest.fixture
def register():
    """Grants of every public status and one still requested, in two years, with and
    without a theme, in two municipalities."""
    themes = [ThemeFactory(slug="ontmoeting"), ThemeFactory(slug="mantelzorg")]
    schemes = [SubsidySchemeFactory(ceiling=None) for _n in range(2)]
    for n in range(12):
        GrantFactory(
            scheme=schemes[n % 2],
            year=2023 + n % 2,
            theme=themes[n % 3] if n % 3 < 2 else None,
            status=GrantStatus.GRANTED,
            amount_granted=Decimal(1000 * (n + 1)),
        )
    GrantFactory(scheme=schemes[0], settled=True, theme=themes[0])
    GrantFactory(scheme=schemes[1], status=GrantStatus.REFUSED, year=2023)
    GrantFactory(
        scheme=schemes[1],
        status=GrantStatus.WITHDRAWN,
        amount_granted=Decimal("700.00"),
        amount_requested=None,
    )
    GrantFactory(scheme=schemes[0])  # aangevraagd: not public
    return themes, schemes


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"year": 2023},
        {"theme": 0},
        {"year": 2024, "theme": 1},
        {"year": 1999},
        {"municipality": 0},
        {"municipality": 1, "year": 2023},
        {"municipality": 0, "year": 2024, "theme": 0},
        {"municipality": 1, "organisation": "Stichting"},
    ],
)
def test_the_register_totals_equal_the_grants_aggregate(register, filters):
    themes, schemes = register
    if "theme" in filters:
        filters["theme"] = themes[filters["theme"]]
    if "municipality" in filters:
        filters["municipality"] = schemes[filters["municipality"]].municipality

    expected = selectors.grant_totals(
        selectors.filter_grants(selectors.public_grant_list(), **filters)
    )

    assert selectors.register_totals(filters) == expected


def test_no_amount_requested_sums_to_unknown_not_zero(scheme):
    GrantFactory(scheme=scheme, granted=True, amount_requested=None)

    totals = selectors.register_totals({})

    assert totals["requested"] is None
    assert totals["granted"] == Decimal("20000.00")
    assert totals["settled"] is None
    assert selectors.register_totals({"year": 1999})["count"] == 0


@pytest.mark.parametrize("municipality", [False, True])
def test_the_register_sums_the_totals_not_the_grants(client, register, municipality):
    params = {"thema": "ontmoeting"}
    if municipality:
        params["gemeente"] = register[1][0].municipality.slug
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)

    sums = [q["sql"] for q in captured.captured_queries if "sum(" in q["sql"].lower()]
    assert len(sums) == 1
    summed, hidden = sums[0].split("UNION ALL")
    assert "FROM policy_granttotal" in summed
    assert "policy_grant " not in summed and '"policy_grant"' not in summed
    # The grants are read only under the schemes that are not public.
    assert '"policy_grant"."scheme_id" IN (SELECT' in hidden
    assert not any(
        "DISTINCT" in q["sql"] and '"policy_grant"' in q["sql"]
        for q in captured.captured_queries
    )
    html = response.content.decode()
    if municipality:
        # 1 and 7 thousand (the first scheme's) and the settled one of 20,000.
        assert '<dd data-testid="register-count">3</dd>' in html
        assert "€\u00a028.000" in html
    else:
        # 1, 4, 7 and 10 thousand (every third grant) and the settled one of 20,000.
        assert '<dd data-testid="register-count">5</dd>' in html
        assert "€\u00a042.000" in html
    assert set(response.context["totals"]) == {
        "count",
        "granted_count",
        "requested",
        "granted",
        "settled",
    }
