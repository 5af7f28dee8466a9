"""Real-browser fixtures: Debian's Chromium driven by Playwright, axe-core on each page."""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.1 A and AA rules; the portal promises AA on every page.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Flags that keep Chromium from reaching out to the network on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright() -> None:
    # Playwright's sync API runs an event loop in the test thread; the ORM calls the
    # tests make there are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # bypass_csp lets the test inject axe-core under the portal's strict CSP.
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def assert_accessible(page: Page, *, exclude_rules: tuple[str, ...] = ()) -> None:
    """Run axe-core on the current page and fail on any WCAG 2.1 A/AA violation."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    if exclude_rules:
        options["rules"] = {rule: {"enabled": False} for rule in exclude_rules}
    result = page.evaluate("options => axe.run(document, options)", options)
    violations = [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]
    assert not violations, f"axe on {page.url}:\n{json.dumps(violations, indent=2)}"


def tab_to(page: Page, text: str, *, limit: int = 200) -> None:
    """Press Tab until the focused element's accessible text contains `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => (document.activeElement.innerText"
            " || document.activeElement.value || '').trim()"
        )
        if text in focused:
            return
    raise AssertionError(f"'{text}' not reached with {limit} presses of Tab")
