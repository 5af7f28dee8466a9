"""Anonymise the accounts of advisory council members whose last term ended more than
MEMBER_RETENTION_MONTHS (default 12) months ago. The account is kept, so the advice,
comments and memberships they wrote or held stay in the record, but it no longer says
who they were: the name becomes "oud-lid", user name "oud-lid-<id>", e-mail address
empty, the password unusable, the account inactive and its sessions ended.

Staff accounts (officials) are never touched, nor members with a current or future term
on any council. Shows what it would do unless --apply is given."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from advisories.retention import DEFAULT_MONTHS, anonymise, former_members


class Command(BaseCommand):
    help = (
        "Anonimiseert accounts van adviesraadsleden van wie de laatste termijn langer "
        "dan MEMBER_RETENTION_MONTHS maanden geleden eindigde. Zonder --apply alleen "
        "een overzicht (dry run)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Echt anonimiseren (anders alleen tellen).",
        )
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Bewaartermijn in maanden na het einde van de laatste termijn.",
        )

    def handle(self, *args, apply: bool, months: int | None, **options):
        if months is None:
            months = getattr(settings, "MEMBER_RETENTION_MONTHS", DEFAULT_MONTHS)
        if months < 0:
            raise CommandError("De bewaartermijn in maanden mag niet negatief zijn.")
        today = timezone.localdate()
        with transaction.atomic():
            users = list(former_members(today, months))
            verb = "geanonimiseerd" if apply else "zou worden geanonimiseerd"
            self.stdout.write(f"oud-leden: {len(users)} {verb}")
            if apply:
                for user in users:
                    anonymise(user)
        if not apply:
            self.stdout.write(
                "Dry run: er is niets gewijzigd. Gebruik --apply om te anonimiseren."
            )
