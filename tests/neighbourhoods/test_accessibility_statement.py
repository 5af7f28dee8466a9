"""/toegankelijkheid/ says what the accessibility tests check: the norms axe-core
runs, every browser test module, the widths; and it lists its known problems."""

from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

from core.accessibility import AXE_TAGS, BROWSER_CHECKS, CHECKED_WIDTHS
from tests.e2e.conftest import WCAG_TAGS

pytestmark = pytest.mark.django_db

E2E = Path(settings.BASE_DIR) / "tests" / "e2e"


@pytest.fixture
def statement(client) -> str:
    response = client.get("/toegankelijkheid/")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_the_statement_names_every_norm_the_browser_tests_run(statement):
    assert WCAG_TAGS == list(AXE_TAGS)
    assert "wcag22aa" in WCAG_TAGS
    for label in AXE_TAGS.values():
        assert f'<li class="utrecht-unordered-list__item">{label}</li>' in statement


def test_the_statement_describes_every_browser_test_module():
    on_disk = {path.stem for path in E2E.glob("test_*.py")}

    assert on_disk == set(BROWSER_CHECKS), (
        "Describe each browser test in core.accessibility.BROWSER_CHECKS "
        "(and nothing that is gone), so /toegankelijkheid/ stays true."
    )


def test_the_statement_lists_each_check_the_widths_and_the_known_problems(statement):
    for check in BROWSER_CHECKS.values():
        assert escape(str(check)) in statement
    wide, narrow = CHECKED_WIDTHS
    assert f"{wide} en {narrow} pixels" in statement
    assert "Er is nog niet getest met een echte schermlezer" in statement
    assert "Status: voldoet gedeeltelijk" in statement
    assert "geen problemen bekend" not in statement
    problems = statement.split('id="problemen"')[1].split("</ul>")[0]
    assert problems.count("Wat gebeurt eraan") >= 4
    # Every refused form the portal templates, the admin's included, focuses its
    # summary (tests/test_error_summary.py, tests/e2e/test_keyboard_feedback.py).
    assert "de focus" not in problems


def test_the_statement_follows_the_model_of_digitoegankelijk(statement):
    for heading in (
        "Over welke website en welke norm",
        "Status: voldoet gedeeltelijk",
        "Wat er is getest, hoe en wanneer",
        "Bekende problemen en wat eraan gebeurt",
        "Een probleem melden",
        "Nationale ombudsman",
        "Datum",
    ):
        assert heading in statement
