"""Admin of policy: frameworks, goals and indicators, the agenda, budgets, subsidies.

Importing the package registers every model. Each changelist runs a fixed number of
queries: what a row's label needs is joined with ``list_select_related`` and counts
are annotated in ``get_queryset``. The admin of subsidies lives with the rest of
subsidies in ``policy/subsidies/admin.py``; importing it here is what lets Django's
admin autodiscovery find it.
"""

from ..subsidies import admin as subsidies  # noqa: F401
from . import agenda, frameworks, goals  # noqa: F401
