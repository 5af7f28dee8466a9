"""Real-browser fixtures: Debian's Chromium driven by Playwright, axe-core on each page."""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright

from core.accessibility import AXE_TAGS

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = list(AXE_TAGS)
# A one-colour PNG as the map's tile layer: the maps draw as in production while the
# tests stay off the network.
OFFLINE_TILE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGN4"
    "8e4JVsQwtCQAL8SugSFby5AAAAAASUVORK5CYII="
)
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


@pytest.fixture(autouse=True)
def _map_tiles_without_network(settings) -> None:
    settings.MAP_TILE_URL = OFFLINE_TILE
    settings.MAP_TILE_ATTRIBUTION = "© Kadaster"


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
    # The portal's Content-Security-Policy is enforced: anything it blocks (an inline
    # script or style, a resource from elsewhere) fails the test that loaded it.
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    blocked: list[str] = []

    def note_blocked(message) -> None:
        if "Content Security Policy" in message.text and not is_known_admin_block(
            page.url, message.text
        ):
            blocked.append(f"{page.url}: {message.text}")

    page.on("console", note_blocked)
    yield page
    context.close()
    assert not blocked, "The CSP blocked:\n" + "\n".join(blocked)


# Inline styles that third-party admin code applies and our CSP blocks, with no visible
# effect on the pages (the journeys through them pass): listed one by one so that any
# new one, and any one on our own pages, fails the test.
KNOWN_ADMIN_CSP_BLOCKS = {
    # The stock admin pages (their bundled scripts apply two small inline styles).
    "sha256-bM6i/Qb6snN4zpfDg6WZt+vuPtz+OLCqu86Osj+sOCo=",
    "sha256-6V0jFG+sl4XTL422gIA4M3FiBc2Xb3Wm+wY/koWzLvs=",
    # django-import-export's import page (style attributes in its markup and script).
    "sha256-AFyijjilwBx8kC+SMDLzasw2VV9MWz1VYVQ8xIgdMlA=",
}


def is_known_admin_block(url: str, text: str) -> bool:
    return "/admin/" in url and any(known in text for known in KNOWN_ADMIN_CSP_BLOCKS)


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def assert_accessible(page: Page, *, exclude_rules: tuple[str, ...] = ()) -> None:
    """Run axe-core on the current page and fail on any WCAG 2.1 A/AA violation."""
    # Evaluated through the DevTools protocol, which the page's CSP does not govern, so
    # the policy stays on for everything the page itself loads.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
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
