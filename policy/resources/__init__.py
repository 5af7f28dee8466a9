"""Spreadsheet import and export (django-import-export) of policy data.

Rows are matched on natural keys: a framework by its slug, its numbered parts by
(framework slug, number), a grant by its reference (kenmerk).
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
from .subsidies import (
    REFERENCE_REQUIRED,
    BudgetLineResource,
    CutResource,
    GrantReportResource,
    GrantResource,
    PerformanceAgreementResource,
    SubsidySchemeResource,
)

__all__ = [
    "AgendaItemResource",
    "BudgetLineResource",
    "ConditionResource",
    "ConsultationResource",
    "CutResource",
    "FrameworkStatusChangeResource",
    "FrameworkTargetGroupResource",
    "FrameworkVersionResource",
    "GoalResource",
    "GoalRolloutResource",
    "GrantReportResource",
    "GrantResource",
    "IndicatorResource",
    "MeasurementResource",
    "MilestoneResource",
    "PerformanceAgreementResource",
    "PolicyFrameworkResource",
    "PrincipleResource",
    "REFERENCE_REQUIRED",
    "SubsidySchemeResource",
    "TaskGroupResource",
    "TrackResource",
]
