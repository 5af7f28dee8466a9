"""Admin of policy: frameworks, goals and indicators, the agenda, budgets, subsidies.

Importing the package registers every model. Each changelist runs a fixed number of
queries: what a row's label needs is joined with ``list_select_related`` and counts
are annotated in ``get_queryset``.
"""

from . import agenda, frameworks, goals, subsidies  # noqa: F401
