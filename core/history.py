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

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import pghistory
import pgtrigger
from django.db import connections, models
from django.utils.translation import gettext_lazy as _

# Derived from other columns (search indexes): a copy says nothing a person changed.
UNTRACKED_FIELDS = ("search_vector",)
# Counters that move with every save (core.concurrency.Versioned).
BOOKKEEPING_FIELDS = ("lock_version",)
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
            # A save that only moves the edit counter or a timestamp changes nothing
            # a person wrote: no event.
            pghistory.UpdateEvent(
                condition=pgtrigger.AnyChange(
                    exclude=[name for name in BOOKKEEPING_FIELDS if name in names],
                    exclude_auto=True,
                )
            ),
            pghistory.DeleteEvent(),
            exclude=[name for name in UNTRACKED_FIELDS if name in names] or None,
            obj_field=pghistory.ObjForeignKey(
                related_name="events", related_query_name="event"
            ),
            # Written by the database alone: nobody adds, changes or deletes events.
            meta={"default_permissions": ()},
        )(model)


def event_models() -> list[type[models.Model]]:
    """Every event model of the tracked tables."""
    return pghistory.core.event_models()


def history_trigger_uris() -> list[str]:
    """The pgtrigger URIs ("app.Model:trigger") of every history trigger."""
    names = {f"{label}_{label}" for label in LABELS}
    return [
        f"{model._meta.label}:{trigger.name}"
        for model, trigger in pgtrigger.registered()
        if trigger.name in names
    ]


@contextmanager
def without_history(using: str = "default") -> Iterator[None]:
    """Write generated bulk data without history (the benchmark's generator only).

    Inside a transaction: the history triggers skip every row written in the block,
    also rows loaded with COPY through the raw connection, because the setting that
    tells them to lives in the transaction.
    """
    with pgtrigger.ignore(*history_trigger_uris(), databases=[using]):
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT 1")  # sets pgtrigger.ignore for the transaction
        yield


def changes_between(previous: dict | None, current: dict) -> dict:
    """{field: [old, new]} of what an event changed against the one before."""
    if previous is None:
        return {name: [None, value] for name, value in current.items() if value}
    return {
        name: [previous.get(name), value]
        for name, value in current.items()
        if previous.get(name) != value
    }


@dataclass(frozen=True)
class HistoryRow:
    """One event as a person reads it."""

    moment: datetime
    action: str
    username: str
    url: str
    changes: dict


def row_history(obj: models.Model, *, limit: int = 500) -> list[HistoryRow]:
    """The trigger-written trail of ``obj``, newest first, with what each event
    changed; empty for a model without history."""
    events = getattr(obj, "events", None)
    if events is None or not hasattr(events, "order_by"):
        return []
    event_model = events.model
    names = [
        field.attname
        for field in event_model._meta.concrete_fields
        if not field.name.startswith("pgh_") and field.attname != "id"
    ]
    rows = list(
        events.select_related("pgh_context").order_by("-pgh_created_at", "-pgh_id")[
            : limit + 1
        ]
    )
    history = []
    for index, event in enumerate(rows[:limit]):
        current = {name: _readable(getattr(event, name)) for name in names}
        older = rows[index + 1] if index + 1 < len(rows) else None
        previous = (
            {name: _readable(getattr(older, name)) for name in names}
            if older is not None
            else None
        )
        if event.pgh_label == "delete":
            changes = {}
        else:
            changes = changes_between(previous, current)
        metadata = event.pgh_context.metadata if event.pgh_context else {}
        history.append(
            HistoryRow(
                moment=event.pgh_created_at,
                action=LABELS.get(event.pgh_label, event.pgh_label),
                username=metadata.get("username") or "",
                url=metadata.get("url") or "",
                changes=changes,
            )
        )
    return history


def _readable(value):
    if hasattr(value, "name") and isinstance(getattr(value, "name", None), str):
        return value.name  # files: the stored name
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
