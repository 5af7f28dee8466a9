"""Setting up and checking a staff member's second factor."""

import base64
from io import BytesIO

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_DEVICE_NAME = "Authenticator-app"
BACKUP_DEVICE_NAME = "Noodcodes"


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return confirmed_totp_device(user) is not None


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device a user is setting up; one per user, made on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=TOTP_DEVICE_NAME, confirmed=False
        )
    return device


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an SVG QR code in a data: URI (CSP allows it)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_for_typing(device: TOTPDevice) -> str:
    """The device's key in base32, in groups of four, for apps without a camera."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise_token(token: str) -> str:
    return "".join(token.split()).lower()


@transaction.atomic
def confirm_totp_device(user, token: str) -> list[str] | None:
    """Confirm the pending device with a first code; return fresh backup codes, or None."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .first()
    )
    if device is None or not device.verify_token(normalise_token(token)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return regenerate_backup_codes(user)


@transaction.atomic
def regenerate_backup_codes(user) -> list[str]:
    """Replace all backup codes of a user by new ones; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME)
    codes = [
        StaticToken.random_token()
        for _ in range(getattr(settings, "OTP_BACKUP_CODE_COUNT", 10))
    ]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def remaining_backup_codes(user) -> list[str]:
    return list(
        StaticToken.objects.filter(device__user=user, device__confirmed=True)
        .order_by("pk")
        .values_list("token", flat=True)
    )


class Throttled(Exception):
    """Too many wrong codes in a row; the device refuses codes for a while."""


@transaction.atomic
def verify_second_factor(user, token: str):
    """The device (TOTP app or backup code) that accepts ``token``, or None.

    Raises Throttled when every device of the user is waiting after wrong codes.
    """
    token = normalise_token(token)
    throttled = True
    for device in django_otp.devices_for_user(user, for_verify=True):
        allowed, _ = device.verify_is_allowed()
        if allowed:
            throttled = False
        if device.verify_token(token):
            return device
    if throttled:
        raise Throttled
    return None
