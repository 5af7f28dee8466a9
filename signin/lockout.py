"""The page django-axes shows when a login is locked out, in Dutch."""

from http import HTTPStatus

from axes.helpers import get_cool_off
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(
        request,
        "registration/lockout.html",
        {"cooloff_minutes": minutes},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )
