"""Who is acting now: set per request by the middleware, read by the audit signals."""

import ipaddress
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import pghistory
from django.conf import settings


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    ip_address: str | None = None


_actor: ContextVar["Actor | None"] = ContextVar("audit_actor", default=None)
_request: ContextVar[object | None] = ContextVar("audit_request", default=None)


def client_ip(request) -> str | None:
    """The client's IP address: REMOTE_ADDR, or behind our proxy the address it appended
    last to X-Forwarded-For (settings.CLIENT_IP_FROM_FORWARDED_FOR)."""
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "CLIENT_IP_FROM_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            address = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def actor_from_request(request) -> Actor:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Actor(user.pk, user.get_username(), client_ip(request))
    return Actor(None, "", client_ip(request))


def get_actor() -> Actor | None:
    """The explicit actor of an ``acting_as`` block, else the user of the current request."""
    actor = _actor.get()
    if actor is not None:
        return actor
    request = _request.get()
    if request is not None:
        return actor_from_request(request)
    return None


@contextmanager
def acting_as(actor: Actor | None):
    """Attribute the changes inside the block to ``actor`` (commands, tests, jobs),
    in the audit log and in the row history."""
    token = _actor.set(actor)
    try:
        if actor is None:
            yield
        else:
            with pghistory.context(
                user=actor.user_id,
                username=actor.username,
                ip_address=actor.ip_address,
            ):
                yield
    finally:
        _actor.reset(token)


@contextmanager
def during_request(request):
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)
