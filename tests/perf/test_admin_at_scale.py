"""The admin of the largest tables opens fast at country scale (issue 9).

At a million rows a changelist must not count the whole table (the paginator and
"n in total" each ran ``SELECT COUNT(*)`` over it), must run the same queries
whatever the number of rows, and a change form must not render a <select> with an
<option> for every place, room or organisation of the country.
"""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisories.models import Advice, AdviceSection, Recommendation, Response
from audit.models import Action, AuditEntry
from core.admin import EstimatedCountPaginator
from neighbourhoods.models import (
    Activity,
    ActivitySchedule,
    Booking,
    BookingSeries,
    Facility,
    OpeningHours,
    Organisation,
    Room,
)
from policy.models import Grant
from testdata.factories import model_factories
from testdata.neighbourhoods import (
    ActivityFactory,
    BookingFactory,
    DistrictFactory,
    FacilityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    RoomFactory,
)
from testdata.policy import GrantFactory

pytestmark = pytest.mark.django_db

LARGE_MODELS = [
    Activity,
    ActivitySchedule,
    Booking,
    BookingSeries,
    Facility,
    OpeningHours,
    Organisation,
    Room,
    Grant,
    Advice,
    AdviceSection,
    Recommendation,
    Response,
]
FACTORIES = model_factories()


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def get(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return [query["sql"] for query in queries.captured_queries]


def full_counts(sqls: list[str], model) -> list[str]:
    """Counts whose rows are the whole table: a top-level COUNT with no LIMIT."""
    table = f'"{model._meta.db_table}"'
    return [
        sql
        for sql in sqls
        if sql.startswith("SELECT COUNT(") and table in sql and " LIMIT " not in sql
    ]


@pytest.mark.parametrize("model", LARGE_MODELS, ids=lambda model: model.__name__)
def test_changelist_never_counts_the_whole_table(admin_client, model):
    FACTORIES[model].create_batch(2)

    sqls = get(admin_client, changelist_url(model))

    assert full_counts(sqls, model) == [], "\n".join(sqls)


@pytest.mark.parametrize("model", LARGE_MODELS, ids=lambda model: model.__name__)
def test_changelist_queries_do_not_grow_with_the_rows(admin_client, model):
    FACTORIES[model].create_batch(2)
    get(admin_client, changelist_url(model))  # fills per-process caches
    few = get(admin_client, changelist_url(model))

    FACTORIES[model].create_batch(38)
    many = get(admin_client, changelist_url(model))

    assert len(many) == len(few), "\n".join(many)


@pytest.mark.parametrize(
    ("model", "order_by"),
    [
        (Booking, r'ORDER BY "neighbourhoods_booking"."room_id" ASC'),
        (Room, r'ORDER BY "neighbourhoods_room"."facility_id" ASC'),
        (OpeningHours, r'ORDER BY "neighbourhoods_openinghours"."facility_id" ASC'),
        (
            ActivitySchedule,
            r'ORDER BY "neighbourhoods_activityschedule"."activity_id" ASC',
        ),
        (Grant, r'ORDER BY "policy_grant"."year" DESC, "policy_grant"."id" DESC'),
        (Recommendation, r'ORDER BY "advisories_recommendation"."advice_id" ASC'),
        (Response, r'ORDER BY "advisories_response"."recommendation_id" ASC'),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_changelist_orders_by_an_indexed_column_of_its_own_table(
    admin_client, model, order_by
):
    """The model's ordering follows a foreign key to a name: a sort of every row."""
    FACTORIES[model].create_batch(2)

    sqls = get(admin_client, changelist_url(model))

    table = model._meta.db_table
    page = [sql for sql in sqls if sql.startswith(f'SELECT "{table}"."id"')]
    assert page, "\n".join(sqls)
    assert re.search(order_by, page[-1]), page[-1]


def test_counts_per_row_are_subqueries_not_a_grouped_join(admin_client):
    """A joined Count groups all rooms of the country before the first place shows."""
    facility = FacilityFactory()
    RoomFactory.create_batch(3, facility=facility)

    sqls = get(admin_client, changelist_url(Facility))

    page = [s for s in sqls if s.startswith('SELECT "neighbourhoods_facility"."id"')]
    assert page, "\n".join(sqls)
    assert 'GROUP BY "neighbourhoods_facility"."id"' not in page[-1]


def test_a_large_unfiltered_list_is_estimated_and_a_filtered_one_counted():
    class FewRows(EstimatedCountPaginator):
        exact_up_to = 5

    RoomFactory.create_batch(8)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE neighbourhoods_room")

    with CaptureQueriesContext(connection) as queries:
        estimated = FewRows(Room.objects.select_related("facility"), 100).count
    assert estimated == 8  # the planner's figure, exact right after ANALYZE
    assert full_counts([q["sql"] for q in queries.captured_queries], Room) == []

    few = EstimatedCountPaginator(Room.objects.all(), 100)
    assert few.count == 8  # small tables: exact, read up to the bound only

    one = Room.objects.first()
    filtered = FewRows(Room.objects.filter(facility=one.facility), 100)
    assert filtered.count == 1


def test_an_estimated_total_says_about(admin_client, monkeypatch):
    # The bound is a setting of the paginator; 5 stands in for 10,000 rows.
    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 5)
    RoomFactory.create_batch(8)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE neighbourhoods_room")

    unfiltered = admin_client.get(changelist_url(Room)).content.decode()
    assert re.search(r'<p class="paginator">\s*ongeveer 8 ruimtes', unfiltered)

    one = Room.objects.first()
    filtered = admin_client.get(changelist_url(Room), {"q": one.name})
    assert filtered.status_code == HTTPStatus.OK
    html = filtered.content.decode()
    assert re.search(r'<p class="paginator">\s*1 ruimte\b', html), html


def options_for(html: str, objects) -> list[str]:
    return [
        str(obj.pk)
        for obj in objects
        if re.search(rf'<option value="{obj.pk}"(?: selected)?>', html)
    ]


@pytest.mark.parametrize(
    ("factory", "model"),
    [
        (BookingFactory, Booking),
        (ActivityFactory, Activity),
        (RoomFactory, Room),
        (GrantFactory, Grant),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_change_form_renders_no_option_per_place_room_or_organisation(
    admin_client, factory, model
):
    obj = factory()
    others = {
        "facility": FacilityFactory.create_batch(5),
        "room": RoomFactory.create_batch(5),
        "organisation": OrganisationFactory.create_batch(5),
        "activities": ActivityFactory.create_batch(5),
    }
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
    )

    response = admin_client.get(url)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    # Places, rooms, organisations and activities are picked by search, not listed.
    for name, objects in others.items():
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
        if select is not None:
            assert options_for(select.group(1), objects) == [], name


def test_neighbourhood_form_picks_its_district_by_search(admin_client):
    """3,400 neighbourhoods in 1,368 districts: the form listed every district."""
    neighbourhood = NeighbourhoodFactory()
    others = DistrictFactory.create_batch(5)
    url = reverse("admin:neighbourhoods_neighbourhood_change", args=[neighbourhood.pk])

    html = admin_client.get(url).content.decode()

    select = re.search(r'<select name="district"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    assert options_for(select.group(1), others) == []


@pytest.mark.parametrize(
    ("model", "columns"),
    [
        (Activity, ["title", "id"]),
        (Grant, ["year", "id"]),
        (Advice, ["dated", "created_at", "id"]),
        (Room, ["facility_id", "name"]),
        (Recommendation, ["advice_id", "number"]),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_changelist_order_is_the_order_of_an_index(admin_client, model, columns):
    """One direction over an index's leading columns: the first page reads 100 rows."""
    FACTORIES[model].create_batch(2)

    sqls = get(admin_client, changelist_url(model))

    table = model._meta.db_table
    page = [sql for sql in sqls if sql.startswith(f'SELECT "{table}"."id"')][-1]
    order_by = re.search(r" ORDER BY (.*?)(?: LIMIT \d+)?$", page).group(1)
    terms = re.findall(rf'"{table}"\."(\w+)" (ASC|DESC)', order_by)
    assert [column for column, _direction in terms] == columns, order_by
    assert len({direction for _column, direction in terms}) == 1, order_by
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    assert any(
        (info["index"] or info["unique"]) and info["columns"][: len(columns)] == columns
        for info in constraints.values()
    ), f"no index on {table} ({', '.join(columns)})"


def test_filtered_audit_log_does_not_count_every_entry_besides(admin_client):
    """The audit log only grows; a filtered list counted the whole log for its total."""
    AuditEntry.objects.bulk_create(
        AuditEntry(action=action, username="ambtenaar")
        for action in (Action.LOGIN, Action.LOGOUT) * 3
    )

    sqls = get(admin_client, changelist_url(AuditEntry) + "?action__exact=login")

    unfiltered = 'SELECT COUNT(*) AS "__count" FROM "audit_auditentry"'
    assert unfiltered not in [sql.strip() for sql in sqls], "\n".join(sqls)
