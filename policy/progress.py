"""How far a framework is: indicators against their target, and goals rolled up.

A goal carries its own status (set by the official who follows it). A track's state
rolls up the states of its goals; a framework's state rolls up its tracks, with each
goal outside a track counting on its own.

Roll-up of a set of states:
- nothing to roll up: no state (None);
- any goal at risk, or missed while others still run: at risk;
- all achieved: achieved; all finished with at least one missed: missed;
- none started: not started; otherwise on track.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from .models import GoalStatus, TargetDirection

FINISHED = {GoalStatus.ACHIEVED, GoalStatus.MISSED}


def roll_up(states: Iterable[str | None]) -> GoalStatus | None:
    present = [GoalStatus(state) for state in states if state]
    if not present:
        return None
    kinds = set(present)
    if kinds == {GoalStatus.ACHIEVED}:
        return GoalStatus.ACHIEVED
    if kinds <= FINISHED:
        return GoalStatus.MISSED
    if GoalStatus.AT_RISK in kinds or GoalStatus.MISSED in kinds:
        return GoalStatus.AT_RISK
    if kinds == {GoalStatus.NOT_STARTED}:
        return GoalStatus.NOT_STARTED
    return GoalStatus.ON_TRACK


def framework_state(goals: Iterable) -> GoalStatus | None:
    """Roll goals up per track, then the tracks (and goals without one) together."""
    by_track: dict[int, list[str]] = defaultdict(list)
    loose: list[str] = []
    for goal in goals:
        if goal.track_id is None:
            loose.append(goal.status)
        else:
            by_track[goal.track_id].append(goal.status)
    return roll_up([*(roll_up(states) for states in by_track.values()), *loose])


def target_met(value: Decimal | None, target: Decimal, direction: str) -> bool | None:
    """Whether a measured value reaches the target; None when nothing is measured."""
    if value is None:
        return None
    if direction == TargetDirection.AT_MOST:
        return value <= target
    return value >= target
