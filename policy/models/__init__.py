"""Policy: frameworks, goals and indicators, the agenda, budgets and subsidies."""

from core.history import track_history

from .agenda import AgendaItem, AgendaItemStatus, Milestone, TaskGroup
from .budgets import BudgetCategory, BudgetLine, Cut
from .concurrency import CONFLICT, ConcurrentEditError, Versioned
from .consultation import Consultation, ConsultationKind
from .frameworks import (
    Condition,
    FrameworkStatus,
    FrameworkStatusChange,
    FrameworkTargetGroup,
    FrameworkVersion,
    PolicyFramework,
    Principle,
    Track,
)
from .goals import (
    Goal,
    GoalHorizon,
    GoalRollout,
    GoalStatus,
    Indicator,
    IndicatorUnit,
    Measurement,
    TargetDirection,
)
from .subsidies import (
    Grant,
    GrantReport,
    GrantReportKind,
    GrantStatus,
    PerformanceAgreement,
    SchemeKind,
    SubsidyScheme,
)

# Every table people edit keeps a trigger-written history (core/history.py).
track_history(
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
    BudgetLine,
    Cut,
    SubsidyScheme,
    Grant,
    PerformanceAgreement,
    GrantReport,
)

__all__ = [
    "AgendaItem",
    "AgendaItemStatus",
    "BudgetCategory",
    "BudgetLine",
    "CONFLICT",
    "ConcurrentEditError",
    "Condition",
    "Consultation",
    "ConsultationKind",
    "Cut",
    "FrameworkStatus",
    "FrameworkStatusChange",
    "FrameworkTargetGroup",
    "FrameworkVersion",
    "Goal",
    "GoalHorizon",
    "GoalRollout",
    "GoalStatus",
    "Grant",
    "GrantReport",
    "GrantReportKind",
    "GrantStatus",
    "Indicator",
    "IndicatorUnit",
    "Measurement",
    "Milestone",
    "PerformanceAgreement",
    "PolicyFramework",
    "Principle",
    "SchemeKind",
    "SubsidyScheme",
    "TargetDirection",
    "TaskGroup",
    "Track",
    "Versioned",
]
