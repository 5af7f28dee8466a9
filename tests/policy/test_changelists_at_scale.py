"""Every policy changelist this issue owns runs a bounded number of queries at 1,000 rows."""

import pytest

from testdata.changelists import FACTORIES, MODELS, changelist, create_rows

pytestmark = pytest.mark.django_db

ROWS = 1000
# The most queries any of these changelists may run, whatever the number of rows:
# session, user, the count, the page, filters' choices and the date hierarchy.
MAX_QUERIES = 20


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_queries_are_bounded_at_a_thousand_rows(admin_client, model):
    FACTORIES[model].create_batch(2)
    changelist(admin_client, model)  # fills per-process caches
    few, _sql = changelist(admin_client, model)

    create_rows(model, ROWS)
    assert model.objects.count() >= ROWS
    many, sql = changelist(admin_client, model)

    assert many <= MAX_QUERIES, sql
    assert many == few, f"{few} queries for 2 rows, {many} for {ROWS}:\n{sql}"
