"""Fixtures shared by every test folder."""

import factory.random
import pytest
from django.utils import translation

from testdata.otp import OFFICIAL_PASSWORD, add_totp_device, otp_login


@pytest.fixture(autouse=True)
def _same_generated_data_every_run(request):
    # Factories fill texts and names with Faker; seeding per test makes a failure
    # reproducible and keeps a random word from matching a search in one run only.
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture(autouse=True)
def _dutch_to_begin_with():
    # A request in English leaves English active in the test thread (as Django's own
    # LocaleMiddleware does); every test starts in the portal's language instead.
    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache: a rolled-back test's rows are gone, but
    the public pages it cached (core/public_pages/) would still be there."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Keep uploads of a test in its own temporary folders (public and private)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private-media")},
        },
    }


@pytest.fixture
def official(db, django_user_model):
    """A staff superuser with a known password (``official.raw_password``, also
    ``testdata.otp.OFFICIAL_PASSWORD``) and a confirmed TOTP device with backup codes.

    Log in through the forms with the password and ``testdata.otp.totp_code(official)``,
    or skip the forms with ``testdata.otp.otp_login(client, official)``.
    """
    user = django_user_model.objects.create_superuser(
        username="ambtenaar",
        email="ambtenaar@almere.example.nl",
        password=OFFICIAL_PASSWORD,
        first_name="Anne",
        last_name="Ambtenaar",
    )
    user.raw_password = OFFICIAL_PASSWORD
    user.totp_device = add_totp_device(user)
    return user


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client, logged in with a verified second factor."""
    from django.test import Client

    client = Client()
    otp_login(client, admin_user)
    return client
