"""The generator: same seed, same rows; every constraint holds; the counts asked for."""

import pytest
from django.apps import apps
from django.db import IntegrityError, connection

from advisories.models import SENT_STATUSES, Advice, AdviceTerm, Recommendation
from bench.generate import (
    GENERATED_APPS,
    NotEmpty,
    app_tables,
    check_foreign_keys,
    generate,
)
from neighbourhoods.models import (
    Activity,
    Booking,
    Facility,
    Municipality,
    Neighbourhood,
    Room,
)
from policy.models import Grant

from .conftest import TINY

pytestmark = pytest.mark.django_db


def digest() -> dict[str, str]:
    """An md5 of every generated table's rows in id order."""
    sums = {}
    with connection.cursor() as cursor:
        for table in app_tables():
            cursor.execute(
                f"SELECT md5(COALESCE(string_agg(t::text, '|' ORDER BY t.id), '')) "
                f'FROM "{table}" t'
            )
            sums[table] = cursor.fetchone()[0]
    return sums


def test_same_seed_gives_the_same_rows(quiet):
    generate(TINY, seed=7, log=quiet, flush_first=True)
    first = digest()
    generate(TINY, seed=7, log=quiet, flush_first=True)
    assert digest() == first
    generate(TINY, seed=8, log=quiet, flush_first=True)
    other = digest()
    assert other["neighbourhoods_facility"] != first["neighbourhoods_facility"]
    assert other["neighbourhoods_booking"] != first["neighbourhoods_booking"]


def test_generates_the_counts_of_the_scale(quiet):
    loader = generate(TINY, seed=1, log=quiet, flush_first=True)
    assert Municipality.objects.count() == TINY.municipalities
    assert Neighbourhood.objects.count() == TINY.neighbourhoods
    assert Facility.objects.count() == TINY.facilities
    assert Room.objects.count() == TINY.rooms
    assert Activity.objects.count() == TINY.activities
    assert Booking.objects.count() == TINY.bookings
    assert Advice.objects.count() == TINY.advices
    assert Recommendation.objects.count() == TINY.recommendations
    assert Grant.objects.count() == TINY.grants
    # Timings are kept per table, for the command's report.
    assert loader.timings["neighbourhoods_booking"].rows == TINY.bookings


def test_every_row_passes_the_models_constraints(quiet):
    """The database accepted the rows; Django's own validation agrees, row by row."""
    generate(TINY, seed=3, log=quiet, flush_first=True)
    checked = 0
    for label in GENERATED_APPS:
        for model in apps.get_app_config(label).get_models():
            for instance in model._default_manager.all()[:50]:
                instance.validate_constraints()
                checked += 1
    assert checked > 100


def test_bookings_of_a_room_never_overlap(quiet):
    generate(TINY, seed=5, log=quiet, flush_first=True)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM neighbourhoods_booking a
              JOIN neighbourhoods_booking b
                ON a.room_id = b.room_id AND a.id < b.id AND a.period && b.period
             WHERE NOT a.is_cancelled AND NOT b.is_cancelled
            """
        )
        assert cursor.fetchone()[0] == 0
    # Series expand into occurrences that point back at them.
    assert Booking.objects.filter(series__isnull=False).exists()


def test_sequences_continue_after_the_generated_ids(quiet):
    generate(TINY, seed=1, log=quiet, flush_first=True)
    municipality = Municipality.objects.create(
        cbs_code="GM9999", name="Nieuw", slug="nieuw"
    )
    assert municipality.pk == TINY.municipalities + 1


def test_refuses_a_database_with_data_unless_flushed(quiet):
    Municipality.objects.create(cbs_code="GM0034", name="Almere", slug="almere")
    with pytest.raises(NotEmpty):
        generate(TINY, seed=1, log=quiet)
    assert Municipality.objects.count() == 1


def test_a_dangling_foreign_key_is_found(quiet):
    """Loaded without per-row triggers, the set-based check still finds a bad row."""
    generate(TINY, seed=1, log=quiet, flush_first=True)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "INSERT INTO neighbourhoods_room (facility_id, name, is_bookable) "
            "VALUES (999999, 'Nergens', true)"
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
    with pytest.raises(IntegrityError, match="neighbourhoods_room.facility_id"):
        check_foreign_keys()


def test_tables_the_database_keeps_are_filled_while_loading(quiet):
    """AdviceTerm is written by a trigger that fires also while the generator loads
    with session_replication_role = replica."""
    generate(TINY, seed=5, log=quiet, flush_first=True)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM advisories_advice a, unnest(a.search_vector)
             WHERE a.status = ANY(%s) AND a.sent_on IS NOT NULL
            """,
            [list(SENT_STATUSES)],
        )
        words = cursor.fetchone()[0]
    assert words > 0
    assert AdviceTerm.objects.count() == words
