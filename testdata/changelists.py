"""The policy changelists measured at a thousand rows, by their test and the benchmark:
the models, rows inserted in bulk beside one factory-made row, and one changelist
request with the queries it ran."""

from http import HTTPStatus

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

from .factories import model_factories
from .neighbourhoods import NeighbourhoodFactory, TargetGroupFactory

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
