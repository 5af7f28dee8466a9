"""`manage.py purge_pending_imports`: remove register files nobody confirmed.

Run daily (cron or a systemd timer), beside purge_audit_log and purge_personal_data.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from policy.subsidies.pending import pending_purge


class Command(BaseCommand):
    help = "Verwijdert subsidieregisters die na het voorbeeld niet zijn bevestigd."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = pending_purge()
        self.stdout.write(
            _("%(count)d onbevestigde imports verwijderd.") % {"count": removed}
        )
