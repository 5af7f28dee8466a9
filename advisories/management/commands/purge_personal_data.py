"""Anonymise the accounts of advisory council members whose last term ended more than
MEMBER_RETENTION_MONTHS (default 12) months ago. The account is kept, so the advice,
comments and memberships they wrote or held stay in the record, but it no longer says
who they were: the name becomes "oud-lid", user name "oud-lid-<id>", e-mail address
empty, the password unusable, the account inactive and its sessions ended.

Staff accounts (officials) are never touched, nor members with a current or future term
on any council. Shows what it would do unless --apply is given."""

import calendar
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from advisories.models import Membership
from audit.models import Action
from audit.services import end_all_sessions, record

FORMER_MEMBER_NAME = "oud-lid"
DEFAULT_MONTHS = 12


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def former_members(today: date, months: int):
    """Active accounts of non-staff users whose every term ended before the limit."""
    limit = months_before(today, months)
    still_counts = Membership.objects.filter(user=OuterRef("pk")).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=limit)
    )
    return (
        get_user_model()
        .objects.filter(memberships__isnull=False, is_staff=False, is_superuser=False)
        .exclude(username__startswith=f"{FORMER_MEMBER_NAME}-")
        .exclude(Exists(still_counts))
        .distinct()
        .order_by("pk")
    )


def anonymise(user) -> None:
    user.username = f"{FORMER_MEMBER_NAME}-{user.pk}"
    user.first_name = FORMER_MEMBER_NAME
    user.last_name = ""
    user.email = ""
    user.is_active = False
    user.set_unusable_password()
    # update() bypasses the audit signals, which would copy the old name and address
    # into the log; the entry below says what happened without repeating them.
    type(user).objects.filter(pk=user.pk).update(
        username=user.username,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        is_active=False,
        password=user.password,
    )
    record(
        Action.UPDATE,
        user,
        changes={"geanonimiseerd": ["username", "name", "email", "password"]},
        username="purge_personal_data",
    )
    end_all_sessions(user)


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
