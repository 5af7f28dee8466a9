"""Signal receivers that fill the audit log and end sessions at logout and deactivation."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from signin.signals import second_factor_failed, second_factor_verified

from . import services
from .context import client_ip
from .models import Action

# LOGIN, LOGOUT, LOCKOUT
# ------------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="audit_login")
def logged_in(sender, request, user, **kwargs):
    services.record(
        Action.LOGIN, user=user, ip_address=client_ip(request) if request else None
    )
    if request is not None and hasattr(request, "session"):
        services.remember_session(request, user=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    # Django masks the password in ``credentials``; only the typed name is kept.
    username = str(
        credentials.get(
            get_user_model().USERNAME_FIELD, credentials.get("username", "")
        )
    )
    services.record(
        Action.LOGIN_FAILED,
        username=username,
        ip_address=client_ip(request) if request is not None else None,
    )


@receiver(user_locked_out, dispatch_uid="audit_lockout")
def locked_out(sender, request, username, ip_address, **kwargs):
    services.record(Action.LOCKOUT, username=username or "", ip_address=ip_address)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    services.record(Action.LOGOUT, user=user, ip_address=client_ip(request))
    services.end_all_sessions(user)


@receiver(second_factor_verified, dispatch_uid="audit_second_factor")
def second_factor_ok(sender, request, user, device, previous_session_key, **kwargs):
    services.remember_session(request, previous_session_key)
    services.record(Action.SECOND_FACTOR, user=user, ip_address=client_ip(request))


@receiver(second_factor_failed, dispatch_uid="audit_second_factor_failed")
def second_factor_wrong(sender, request, user, **kwargs):
    services.record(
        Action.SECOND_FACTOR_FAILED, user=user, ip_address=client_ip(request)
    )


# DATA CHANGES
# ------------------------------------------------------------------------------


@receiver(pre_save, dispatch_uid="audit_pre_save")
def remember_old_values(sender, instance, raw=False, **kwargs):
    if raw or not services.is_audited(sender):
        return
    instance._audit_old = None
    if instance.pk is not None and not instance._state.adding:
        old = sender._base_manager.filter(pk=instance.pk).first()
        if old is not None:
            instance._audit_old = services.snapshot(old)
    if sender is get_user_model() and instance._audit_old is not None:
        was_active = instance._audit_old.get("is_active")
        if was_active and not instance.is_active:
            transaction.on_commit(lambda: services.end_all_sessions(instance))


@receiver(post_save, dispatch_uid="audit_post_save")
def saved(sender, instance, created, raw=False, **kwargs):
    if raw or not services.is_audited(sender):
        return
    new = services.snapshot(instance)
    old = getattr(instance, "_audit_old", None)
    if created or old is None:
        services.record_change(Action.CREATE, instance, services.masked(new))
    else:
        services.record_change(Action.UPDATE, instance, services.diff(old, new))
    instance._audit_old = new


@receiver(post_delete, dispatch_uid="audit_post_delete")
def deleted(sender, instance, **kwargs):
    if services.is_audited(sender):
        services.record_change(
            Action.DELETE, instance, services.masked(services.snapshot(instance))
        )


@receiver(m2m_changed, dispatch_uid="audit_m2m")
def m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not services.is_audited(type(instance)):
        return
    field = next(
        (
            f.name
            for f in type(instance)._meta.many_to_many
            if f.remote_field.through is sender
        ),
        sender._meta.model_name,
    )
    verb = {
        "post_add": "toegevoegd",
        "post_remove": "weggehaald",
        "post_clear": "leeggemaakt",
    }[action]
    services.record_change(
        Action.UPDATE, instance, {field: {verb: sorted(pk_set or [])}}
    )
