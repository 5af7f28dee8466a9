"""Production settings are safe by default and refuse to start without secrets."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "welzijn.settings.production",
    "DATABASE_URL": os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/welzijn"
    ),
    "EMAIL_URL": "smtp+tls://welzijn:wachtwoord@smtp.example.nl:587",
}


def run_manage(*args: str, extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION_ENV, **extra_env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", extra_env={"ALLOWED_HOSTS": "welzijn.example.nl"})
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


STRONG_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", extra_env={"SECRET_KEY": STRONG_KEY})
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in result.stderr


def test_production_settings_pass_the_deploy_checklist_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        extra_env={
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "welzijn.example.nl",
        },
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_tests_never_run_on_sqlite():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    "weak",
    [
        "change-me",
        "x" * 60,
        "kort-maar-uniek-123",
        "abcde" * 10,
        "change-me-" + STRONG_KEY,
        "django-insecure-" + STRONG_KEY,
    ],
)
def test_production_refuses_a_weak_secret_key(weak):
    result = run_manage(
        "check", extra_env={"SECRET_KEY": weak, "ALLOWED_HOSTS": "welzijn.example.nl"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


@pytest.mark.parametrize("hosts", ["*", "welzijn.example.nl,*"])
def test_production_refuses_any_host(hosts):
    result = run_manage(
        "check", extra_env={"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": hosts}
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS may not contain '*'" in result.stderr


def test_production_refuses_to_start_without_a_mail_server():
    env = {
        **PRODUCTION_ENV,
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "welzijn.example.nl",
    }
    del env["EMAIL_URL"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Set the EMAIL_URL environment variable" in result.stderr


@pytest.mark.parametrize(
    "email_url", ["consolemail://", "memorymail://", "dummymail://"]
)
def test_production_refuses_mail_that_goes_nowhere(email_url):
    result = run_manage(
        "check",
        extra_env={
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "welzijn.example.nl",
            "EMAIL_URL": email_url,
        },
    )
    assert result.returncode != 0
    assert "EMAIL_URL must name an SMTP server" in result.stderr


PRODUCTION_REQUESTS = """
import json
import django
django.setup()
from django.test import Client
from django.conf import settings
from django.test.utils import override_settings, setup_test_environment
setup_test_environment()
# The manifest needs collectstatic; the headers do not depend on it.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client(HTTP_HOST="welzijn.example.nl")
plain = client.get("/toegankelijkheid/")
secure = client.get("/admin/login/", secure=True)
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "hsts": secure.get("Strict-Transport-Security"),
    "csrf_cookie": str(secure.cookies.get("csrftoken")),
    "csp": secure.get("Content-Security-Policy"),
    "xfo": secure.get("X-Frame-Options"),
    "referrer": secure.get("Referrer-Policy"),
    "permissions": secure.get("Permissions-Policy"),
}))
"""


def test_production_serves_https_only_with_hsts_and_secure_cookies():
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_REQUESTS],
        cwd=settings.BASE_DIR,
        env={
            **PRODUCTION_ENV,
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "welzijn.example.nl",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])

    assert served["plain_status"] == 301
    assert served["plain_location"] == "https://welzijn.example.nl/toegankelijkheid/"
    assert served["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "Secure" in served["csrf_cookie"]
    assert "HttpOnly" in served["csrf_cookie"]
    assert "SameSite=Lax" in served["csrf_cookie"]
    assert "frame-ancestors 'none'" in served["csp"]
    assert served["xfo"] == "DENY"
    assert served["referrer"] == "same-origin"
    assert "camera=()" in served["permissions"]
