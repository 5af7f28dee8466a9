"""Every policy changelist this issue owns runs a bounded number of queries at 1,000 rows."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policy.models import (
    AgendaItem,
    Condition,
    Consultation,
    FrameworkStatusChange,
    FrameworkTargetGroup,
    FrameworkVersion,
    Goal,
    GoalRollout,
    Indicator,
    Measurement,
    Milestone,
    PolicyFramework,
    Principle,
    TaskGroup,
    Track,
)
from tests.factories import model_factories
from tests.neighbourhoods.factories import NeighbourhoodFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

ROWS = 1000
# The most queries any of these changelists may run, whatever the number of rows:
# session, user, the count, the page, filters' choices and the date hierarchy.
MAX_QUERIES = 20
MODELS = [
    PolicyFramework,
    FrameworkVersion,
    FrameworkStatusChange,
    FrameworkTargetGroup,
    Track,
    Condition,
    Principle,
    Goal,
    GoalRollout,
    Indicator,
    Measurement,
    TaskGroup,
    AgendaItem,
    Milestone,
    Consultation,
]
FACTORIES = model_factories()


def create_rows(model, count: int) -> None:
    """`count` rows sharing the parents of one factory-made row, inserted in bulk."""
    factory = FACTORIES[model]
    first = factory()
    parents = {
        field.name: getattr(first, field.name)
        for field in model._meta.concrete_fields
        if field.is_relation
    }
    # Rows unique per parent pair get a parent of their own.
    if model is FrameworkTargetGroup:
        groups = TargetGroupFactory.create_batch(count - 1)
        rows = [
            factory.build(framework=first.framework, target_group=group)
            for group in groups
        ]
    elif model is GoalRollout:
        places = NeighbourhoodFactory.create_batch(
            count - 1, municipality=first.neighbourhood.municipality
        )
        rows = [factory.build(goal=first.goal, neighbourhood=p) for p in places]
    else:
        rows = factory.build_batch(count - 1, **parents)
    model.objects.bulk_create(rows, batch_size=500)


def changelist(client, model) -> tuple[int, str]:
    url = reverse(f"admin:policy_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries), "\n".join(q["sql"] for q in queries.captured_queries)


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
