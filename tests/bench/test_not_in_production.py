"""The benchmark app, whose `generate --flush` empties every table, loads only with
BENCH=1 and never under the production settings."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from bench.management.commands.generate import Command as GenerateCommand

STRONG_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2
# Nothing listens here: were a command to get as far as the database, it finds none.
NO_DATABASE = "postgres://postgres@127.0.0.1:9/nergens"

SHOW_APPS = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'bench': 'bench' in settings.INSTALLED_APPS, "
    "'mounted': settings.BENCH}))"
)


def run(args: list[str], *, settings_module: str, **extra_env: str):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": NO_DATABASE,
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "welzijn.example.nl",
            "EMAIL_URL": "smtp://127.0.0.1:25",
            **extra_env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def loaded(settings_module: str, **extra_env: str) -> dict:
    result = run(["-c", SHOW_APPS], settings_module=settings_module, **extra_env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("flag", ["", "1"])
def test_production_never_loads_the_benchmark_app(flag):
    assert loaded("welzijn.settings.production", BENCH=flag) == {
        "bench": False,
        "mounted": False,
    }


def test_the_flag_loads_it_and_without_it_the_app_stays_out():
    assert loaded("welzijn.settings.local") == {"bench": False, "mounted": False}
    assert loaded("welzijn.settings.local", BENCH="1") == {
        "bench": True,
        "mounted": True,
    }


def test_generate_flush_is_no_command_under_production_settings():
    result = run(
        ["manage.py", "generate", "--flush"],
        settings_module="welzijn.settings.production",
        BENCH="1",
    )

    assert result.returncode != 0
    assert "Unknown command: 'generate'" in result.stderr


def test_generate_refuses_to_run_without_the_flag(settings):
    settings.BENCH = False

    with pytest.raises(CommandError, match="alleen met BENCH=1"):
        call_command(GenerateCommand(), "--flush", "--scale", "municipality")
