"""Admin of the social map: geography, places, organisations, activities and teams.

Importing the package registers every model. Each changelist runs a fixed number of
queries: what a row's label needs is joined with ``list_select_related`` and counts
are annotated in ``get_queryset``.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import activities, bookings, facilities, geography, organisations  # noqa: F401

# The officials' side of the whole portal; this floor loads first, so it is set here.
admin.site.site_header = _("Welzijnsportaal – beheer")
admin.site.site_title = _("Welzijnsportaal – beheer")
admin.site.index_title = _("Beheer")
