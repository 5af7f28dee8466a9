"""Second-factor helpers for tests: the code an official's authenticator app shows now."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

# The password of the `official` fixture (tests/conftest.py).
OFFICIAL_PASSWORD = "Gemeente-Almere-2026!"


def totp_device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=True)


def totp_code(user) -> str:
    """The code the user's app shows now, as a six-digit string.

    A TOTP code is accepted once; if the current one was used already (two logins
    within one 30-second step), this gives the next step's code, which the device
    still accepts within its tolerance of one step.
    """
    device = totp_device(user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
        if (
            totp.t()
            - TOTP(
                device.bin_key, device.step, device.t0, device.digits, device.drift
            ).t()
            > device.tolerance
        ):
            raise RuntimeError("No unused TOTP code within the tolerance; wait a step.")
    return f"{totp.token():0{device.digits}d}"


def backup_codes(user) -> list[str]:
    return list(
        StaticToken.objects.filter(device__user=user)
        .order_by("pk")
        .values_list("token", flat=True)
    )


def add_totp_device(user) -> TOTPDevice:
    """Give ``user`` a confirmed TOTP device (as if set up) and ten backup codes."""
    from signin.services import TOTP_DEVICE_NAME, regenerate_backup_codes

    device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    regenerate_backup_codes(user)
    return device


def verify_client(client, user) -> None:
    """Mark the logged-in session of ``client`` as having passed the second factor."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        add_totp_device(user)
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def otp_login(client, user) -> None:
    """Log ``client`` in as ``user`` with a verified second factor, skipping the forms."""
    client.force_login(user)
    verify_client(client, user)
