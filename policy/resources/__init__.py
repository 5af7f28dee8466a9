"""Spreadsheet import and export (django-import-export) of policy data.

Rows are matched on natural keys: a framework by its slug, its numbered parts by
(framework slug, number). The resources of subsidies (a grant matched by its
reference, its kenmerk) live in ``policy.subsidies.resources``.
"""

from .agenda import (
    AgendaItemResource,
    ConsultationResource,
    MilestoneResource,
    TaskGroupResource,
)
from .frameworks import (
    ConditionResource,
    FrameworkStatusChangeResource,
    FrameworkTargetGroupResource,
    FrameworkVersionResource,
    PolicyFrameworkResource,
    PrincipleResource,
    TrackResource,
)
from .goals import (
    GoalResource,
    GoalRolloutResource,
    IndicatorResource,
    MeasurementResource,
)

__all__ = [
    "AgendaItemResource",
    "ConditionResource",
    "ConsultationResource",
    "FrameworkStatusChangeResource",
    "FrameworkTargetGroupResource",
    "FrameworkVersionResource",
    "GoalResource",
    "GoalRolloutResource",
    "IndicatorResource",
    "MeasurementResource",
    "MilestoneResource",
    "PolicyFrameworkResource",
    "PrincipleResource",
    "TaskGroupResource",
    "TrackResource",
]
