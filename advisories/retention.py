"""Retention of the personal data of former advisory council members.

An account whose every term ended more than MEMBER_RETENTION_MONTHS months ago is
anonymised, not deleted, so the advice, comments and memberships it wrote or held stay
in the record without saying who that was. Staff accounts (officials) are never touched.
"""

import calendar
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from audit.models import Action
from audit.services import end_all_sessions, record

from .models import Membership

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
