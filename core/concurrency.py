"""Optimistic locking: a second save of the same object from a stale copy is refused.

Every table people edit carries ``lock_version``, a counter raised by one on each
save. A form hands the counter it was opened with back on save; when the stored row
has moved on in the meantime, someone else saved first and the save is refused with
``ConcurrentEditError`` instead of silently overwriting their work. The check and the
write happen under a row lock (SELECT … FOR UPDATE), so two saves that arrive at the
same moment cannot both pass.
"""

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CONFLICT = _(
    "Iemand anders heeft dit intussen opgeslagen. Uw wijzigingen zijn niet "
    "opgeslagen, zodat niets van die andere wijziging verloren gaat. Wat u invulde "
    "staat hieronder nog; open het object opnieuw om de nieuwe versie te zien en "
    "breng uw wijzigingen daarin aan."
)


LAST_CHANGED = _("Laatst gewijzigd door %(user)s op %(date)s om %(time)s.")


class ConcurrentEditError(ValidationError):
    """The row changed since the copy being saved was read."""

    def __init__(self, message=CONFLICT):
        super().__init__(message, code="concurrent_edit")


class Versioned(models.Model):
    lock_version = models.PositiveIntegerField(
        _("bewerkingsversie"),
        default=0,
        # Rows written by SQL alone (bulk loads, other tools) start at 0 too.
        db_default=0,
        help_text=_("Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            stored = self.stored_lock_version(lock=True)
            if stored is not None and stored != self.lock_version:
                raise ConcurrentEditError()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "lock_version"}
            read_version = self.lock_version
            self.lock_version = read_version + 1
            try:
                return super().save(*args, **kwargs)
            except BaseException:
                self.lock_version = read_version
                raise

    def stored_lock_version(self, *, lock: bool = False) -> int | None:
        """The counter as the database holds it now (None if the row is gone)."""
        rows = (
            type(self)
            ._base_manager.using(router.db_for_write(type(self), instance=self))
            .filter(pk=self.pk)
        )
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("lock_version", flat=True).first()


def last_change_note(instance) -> list[ValidationError]:
    """'Laatst gewijzigd door X op 25-11-2026 om 14:32.' from the row's history.

    The history is written by database triggers (django-pghistory), so the note names
    the last writer whichever path the write took (admin, portal, import, bulk).
    """
    events = getattr(instance, "events", None)
    if events is None or not hasattr(events, "order_by"):
        return []
    event = (
        events.filter(pgh_label__in=("insert", "update"))
        .select_related("pgh_context")
        .order_by("-pgh_created_at", "-pgh_id")
        .first()
    )
    if event is None:
        return []
    metadata = event.pgh_context.metadata if event.pgh_context else {}
    moment = timezone.localtime(event.pgh_created_at)
    return [
        ValidationError(
            LAST_CHANGED,
            code="concurrent_edit_by",
            params={
                "user": metadata.get("username") or _("onbekend"),
                "date": moment.strftime("%d-%m-%Y"),
                "time": moment.strftime("%H:%M"),
            },
        )
    ]
