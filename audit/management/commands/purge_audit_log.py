"""Delete what the privacy statement says is kept only for a while: audit entries and
the row history (core/history.py) after AUDIT_RETENTION_DAYS, login attempts after
LOGIN_ATTEMPT_RETENTION_DAYS, and ended sessions. Shows what it would delete unless
--apply is given."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from pghistory.models import Context

from audit.models import AuditEntry, UserSession
from core.history import event_models


class Command(BaseCommand):
    help = (
        "Verwijdert auditregels, wijzigingsgeschiedenis, aanmeldpogingen en verlopen "
        "sessies ouder dan de "
        "bewaartermijn. Zonder --apply alleen een overzicht (dry run)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Echt verwijderen (anders alleen tellen).",
        )

    def handle(self, *args, apply: bool, **options):
        now = timezone.now()
        audit_limit = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
        attempts_limit = now - timedelta(days=settings.LOGIN_ATTEMPT_RETENTION_DAYS)
        targets = [
            ("auditregels", AuditEntry.objects.filter(timestamp__lt=audit_limit)),
            *(
                (
                    f"wijzigingen {model._meta.label}",
                    model.objects.filter(pgh_created_at__lt=audit_limit),
                )
                for model in event_models()
            ),
            (
                "context van wijzigingen",
                Context.objects.filter(updated_at__lt=audit_limit),
            ),
            (
                "mislukte aanmeldingen",
                AccessFailureLog.objects.filter(attempt_time__lt=attempts_limit),
            ),
            (
                "aanmeldpogingen",
                AccessAttempt.objects.filter(attempt_time__lt=attempts_limit),
            ),
            ("aanmeldingen", AccessLog.objects.filter(attempt_time__lt=attempts_limit)),
            ("verlopen sessies", Session.objects.filter(expire_date__lt=now)),
        ]
        with transaction.atomic():
            for label, queryset in targets:
                count = queryset.count()
                verb = "verwijderd" if apply else "zou worden verwijderd"
                self.stdout.write(f"{label}: {count} {verb}")
                if apply:
                    queryset.delete()
            live = Session.objects.filter(expire_date__gte=now).values("session_key")
            orphans = UserSession.objects.exclude(session_key__in=live)
            if apply:
                orphans.delete()
        if not apply:
            self.stdout.write(
                "Dry run: er is niets verwijderd. Gebruik --apply om te verwijderen."
            )
