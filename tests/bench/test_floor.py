"""The floor view exists only when BENCH=1 (settings.BENCH, read from the environment)."""

import importlib
import os
import subprocess
import sys

import pytest
from django.urls import clear_url_caches

import welzijn.urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def mount(settings):
    """Rebuild the root URLconf with BENCH on or off; restore it afterwards."""

    def remount(bench: bool) -> None:
        settings.BENCH = bench
        importlib.reload(welzijn.urls)
        clear_url_caches()

    yield remount
    remount(False)


def test_floor_is_absent_without_bench(client, mount):
    mount(False)
    assert client.get("/_bench/floor/").status_code == 404


def test_floor_answers_plain_text_with_bench(client, mount, django_assert_num_queries):
    mount(True)
    with django_assert_num_queries(0):
        response = client.get("/_bench/floor/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok\n"


def bench_setting(environment: dict[str, str]) -> str:
    """settings.BENCH as a fresh process with `environment` sees it."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.BENCH)"
    )
    env = {k: v for k, v in os.environ.items() if k != "BENCH"}
    env.update(environment, DJANGO_SETTINGS_MODULE="welzijn.settings.test")
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_bench_setting_comes_from_the_environment():
    assert bench_setting({"BENCH": "1"}) == "True"
    assert bench_setting({}) == "False"
