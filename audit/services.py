"""Writing audit entries and ending a user's sessions."""

import datetime
import decimal
import uuid
from importlib import import_module

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .context import get_actor
from .models import Action, AuditEntry, UserSession

# Fields whose values never go into the log; a change shows as "(gewijzigd)".
SECRET_FIELDS = {"password", "key", "token", "secret"}
HIDDEN = "(verborgen)"
CHANGED = "(gewijzigd)"
DEFAULT_AUDITED = [
    "policy",
    "advisories",
    "neighbourhoods.Booking",
    "neighbourhoods.BookingSeries",
    "auth.User",
    "auth.Group",
]


def is_audited(model) -> bool:
    audited = set(getattr(settings, "AUDIT_MODELS", DEFAULT_AUDITED))
    meta = model._meta
    if meta.auto_created:  # an m2m through table: logged from m2m_changed
        return False
    return meta.app_label in audited or meta.label in audited


def jsonable(value):
    """A field value as something JSON can hold, readable in the log."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if hasattr(value, "name") and isinstance(getattr(value, "name", None), str):
        return value.name  # files: the stored name
    return str(value)


# Bookkeeping that changes on every save or login and says nothing about the content.
IGNORED_FIELDS = {"last_login"}
# Counters that move with every save: shown with a real change, never an entry alone.
BOOKKEEPING_FIELDS = {"lock_version"}


def tracked_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and f.attname not in IGNORED_FIELDS
        and not getattr(f, "auto_now", False)
    ]


def snapshot(instance) -> dict:
    """The instance's field values, JSON-ready (secrets included: never store this as is)."""
    return {
        field.attname: jsonable(field.value_from_object(instance))
        for field in tracked_fields(type(instance))
    }


def masked(values: dict) -> dict:
    """A snapshot fit for the log: secret fields only say whether they are set."""
    return {
        name: (HIDDEN if value else "") if name in SECRET_FIELDS else value
        for name, value in values.items()
    }


def diff(old: dict, new: dict) -> dict:
    """{field: [old, new]} of what changed; secret fields show only that they changed."""
    changes = {}
    for name, value in new.items():
        if old.get(name) == value:
            continue
        if name in SECRET_FIELDS:
            changes[name] = [HIDDEN, CHANGED]
        else:
            changes[name] = [old.get(name), value]
    return changes


def record(
    action: str, obj=None, *, changes=None, user=None, username="", ip_address=None
):
    """Write one audit entry; the acting user comes from the request unless given."""
    actor = get_actor()
    if user is None and actor is not None and actor.user_id is not None:
        user_id, username = actor.user_id, username or actor.username
    else:
        user_id = getattr(user, "pk", None)
        username = username or (user.get_username() if user is not None else "")
    if ip_address is None and actor is not None:
        ip_address = actor.ip_address
    entry = AuditEntry(
        action=action,
        user_id=user_id,
        username=username[:150],
        ip_address=ip_address,
        changes=changes or {},
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(
            obj, for_concrete_model=False
        )
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


def record_change(action: str, obj, changes: dict):
    if action == Action.UPDATE and set(changes) <= BOOKKEEPING_FIELDS:
        return None
    return record(action, obj, changes=changes)


# SESSIONS
# ------------------------------------------------------------------------------


def remember_session(request, previous_key: str | None = None, user=None) -> None:
    """Note the current session of the logged-in user (after login or a key rotation)."""
    user = user or getattr(request, "user", None)
    key = request.session.session_key
    if user is None or not user.is_authenticated or not key:
        return
    if previous_key:
        UserSession.objects.filter(session_key=previous_key).delete()
    UserSession.objects.update_or_create(session_key=key, defaults={"user": user})


def end_all_sessions(user) -> int:
    """Delete every session the user logged in with; returns how many were ended."""
    engine = import_module(settings.SESSION_ENGINE)
    keys = list(
        UserSession.objects.filter(user=user).values_list("session_key", flat=True)
    )
    for key in keys:
        engine.SessionStore(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)
