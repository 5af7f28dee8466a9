"""The query audit counts every query of a page and explains the slowest."""

import pytest
import time_machine

from bench import pages as bench_pages
from bench import queries
from bench.generate import generate

from .conftest import SMALL, TINY

pytestmark = pytest.mark.django_db


def test_counts_the_queries_of_a_page(client, settings, quiet):
    settings.ROOT_URLCONF = "tests.bench.urls_for_audit"
    generate(TINY, seed=1, log=quiet, flush_first=True)
    result = queries.audit_page(client, "/drie/")
    assert result["status"] == 200
    assert result["queries"] == 3
    assert result["queries_warm"] == 3
    assert "Execution Time" in result["explain"]
    assert result["slowest_sql"].startswith("SELECT")
    # Parameters are filled in, so the SQL can be pasted into psql.
    assert "%s" not in result["slowest_sql"]


def test_the_recorder_sees_what_django_counts(
    client, settings, django_assert_num_queries
):
    settings.ROOT_URLCONF = "tests.bench.urls_for_audit"
    with django_assert_num_queries(3):
        status, recorded, _ = queries.record(client, "/drie/")
    assert status == 200
    assert len(recorded) == 3


def counts(quiet, scale) -> dict[str, tuple[int, int]]:
    generate(scale, seed=1, log=quiet, flush_first=True)
    return {
        row["name"]: (row["status"], row["queries"])
        for row in queries.audit(with_explain=False)
        if "skipped" not in row
    }


# A weekday morning in Amsterdam: "nu open" finds places at both scales. (At night
# the filtered list was empty at one scale and skipped the queries for its rows.)
OPEN_MOMENT = "2026-11-25 10:00:00 +01:00"


@time_machine.travel(OPEN_MOMENT, tick=False)
def test_pages_run_as_many_queries_at_a_larger_scale(quiet):
    """Three times the rows, more per neighbourhood and place: the same queries.

    Pages not built yet (404) are skipped by the audit itself.
    """
    small = counts(quiet, TINY)
    large = counts(quiet, SMALL)
    assert small, "no page answered"
    assert large == small


def test_pages_include_the_floor_and_a_logged_in_page():
    names = [page.name for page in bench_pages.pages()]
    assert names[-1] == bench_pages.FLOOR
    assert any(page.login for page in bench_pages.pages())
