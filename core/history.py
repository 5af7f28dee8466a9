"""The history of every row people edit, written by PostgreSQL triggers.

A trigger on each tracked table copies the row into its event table on every
insert, update and delete (django-pghistory), so no write path can leave it out:
the admin, the member portal, spreadsheet imports, ``bulk_create``,
``QuerySet.update()`` and raw SQL all leave an event. The acting user, their IP
address and the path come from ``pghistory.context``, which the audit middleware
opens for every request that may write.

Each app lists its tracked models once, at the end of its ``models`` package:
``track_history(Facility, Room, ...)``. The event model of ``Facility`` is
``FacilityEvent``; ``facility.events`` holds its trail.
"""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

# Derived from other columns (search indexes): a copy says nothing a person changed.
UNTRACKED_FIELDS = ("search_vector",)
# The triggers' event labels in the reader's words.
LABELS = {
    "insert": _("aangemaakt"),
    "update": _("gewijzigd"),
    "delete": _("verwijderd"),
}


def track_history(*tracked: type[models.Model]) -> None:
    """Install insert, update and delete history triggers on each model."""
    for model in tracked:
        names = {field.name for field in model._meta.concrete_fields}
        pghistory.track(
            pghistory.InsertEvent(),
            pghistory.UpdateEvent(),
            pghistory.DeleteEvent(),
            exclude=[name for name in UNTRACKED_FIELDS if name in names] or None,
            obj_field=pghistory.ObjForeignKey(
                related_name="events", related_query_name="event"
            ),
        )(model)


def event_models() -> list[type[models.Model]]:
    """Every event model of the tracked tables."""
    return pghistory.core.event_models()
