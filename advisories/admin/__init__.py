"""Admin of the advisory council: members, requests, advice and the responses to it.

Importing the package registers every model, and adds 'Verstuur naar de adviesraad'
to the policy admin's framework versions. Each changelist runs a fixed number of
queries: what a row's label needs is joined with ``list_select_related`` and counts
are annotated in ``get_queryset``.
"""

from . import advice, advice_parts, council, frameworks, requests, responses  # noqa: F401
