"""`manage.py advice_reminders`: remind members of requests whose deadline nears.

Run daily (cron or a systemd timer); each request is reminded once.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from advisories.services import advice_request_send_reminders


class Command(BaseCommand):
    help = (
        "Herinnert de leden aan adviesaanvragen waarvan de termijn binnenkort afloopt."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dagen",
            type=int,
            default=7,
            help="Herinner bij een uiterste adviesdatum binnen dit aantal dagen.",
        )

    def handle(self, *args: Any, dagen: int = 7, **options: Any) -> None:
        reminded = advice_request_send_reminders(days=dagen)
        self.stdout.write(
            _("Herinneringen verstuurd voor %(count)d aanvragen.") % {"count": reminded}
        )
