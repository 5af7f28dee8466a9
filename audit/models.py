"""The audit log: who did what, when, to which object, and which fields changed."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pghistory.models import Events

from core.choices import ChoiceLabelsMixin


class Action(models.TextChoices):
    LOGIN = "login", _("aangemeld")
    LOGIN_FAILED = "login_failed", _("aanmelden mislukt")
    LOCKOUT = "lockout", _("geblokkeerd na mislukte pogingen")
    LOGOUT = "logout", _("afgemeld")
    SECOND_FACTOR = "second_factor", _("tweede stap gegeven")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("tweede stap mislukt")
    CREATE = "create", _("aangemaakt")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(
                obj, for_concrete_model=False
            ),
            object_id=str(obj.pk),
        )


class AuditEntry(ChoiceLabelsMixin, models.Model):
    """One event. Never changed or deleted through the portal (only by the retention job)."""

    timestamp = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    action = models.CharField(_("handeling"), max_length=24, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the account is deleted; for a failed login, the name that was typed.
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("soort gegeven"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    # {field: [old, new]} for an update, {field: value} for a create or delete.
    changes = models.JSONField(
        _("wijzigingen"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-timestamp", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-timestamp"])]

    def __str__(self):
        who = self.username or _("onbekend")
        what = f" {self.object_repr}" if self.object_repr else ""
        return (
            f"{self.timestamp:%Y-%m-%d %H:%M} {who}: {self.get_action_display()}{what}"
        )


class UserSession(ChoiceLabelsMixin, models.Model):
    """The sessions a user logged in with, so logout and deactivation can end all of them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        default_permissions = ()

    def __str__(self):
        return f"{self.user_id} {self.created:%Y-%m-%d %H:%M}"


class RowChange(Events):
    """Every trigger-written change of the three apps (core/history.py), for the
    admin's list: also the history of rows deleted since."""

    class Meta:
        proxy = True
        verbose_name = _("wijziging in de database")
        verbose_name_plural = _("wijzigingen in de database")
        default_permissions = ("view",)
