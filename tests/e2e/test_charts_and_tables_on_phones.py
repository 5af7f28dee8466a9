"""Pages with drawn charts and wide tables, at a desktop and a phone width: chart text
is at least 12 CSS pixels and inside its drawing, every table wider than its place
scrolls in its own focusable, labelled box with its caption whole, and no page is
wider than the window."""

from decimal import Decimal

import pytest
from playwright.sync_api import Page

from policy.models import BudgetCategory
from testdata.neighbourhoods import (
    ActivityFactory,
    ActivityScheduleFactory,
    NeighbourhoodTeamFactory,
    OrganisationFactory,
    PopulationFactory,
    SocialAgendaItemFactory,
)
from testdata.policy import (
    BudgetLineFactory,
    CutFactory,
    GrantFactory,
    PolicyFrameworkFactory,
    SubsidySchemeFactory,
)

from .conftest import assert_accessible
from .test_form_layout import WIDER_THAN_WINDOW, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SMALLEST_TEXT = 12  # CSS pixels

# Each text of each chart on show: its size as drawn (the font size times the scale
# of its drawing) and the box of its glyphs, which must lie inside the drawing.
CHART_PROBLEMS = """
(smallest) => {
  const problems = [];
  const charts = [...document.querySelectorAll("svg[role=img]")]
    .filter((svg) => svg.checkVisibility());
  for (const svg of charts) {
    const name = svg.querySelector("title")?.textContent || "svg";
    const drawing = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;
    for (const text of svg.querySelectorAll("text")) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      const box = text.getBoundingClientRect();
      const where = `"${name}", text "${text.textContent}"`;
      if (size < smallest || box.height < smallest) {
        problems.push(`${where} is ${size.toFixed(1)} px (box ${box.height} px high)`);
      }
      if (box.left < drawing.left - 1 || box.right > drawing.right + 1) {
        problems.push(`${where} is cut off at the side of its drawing`);
      }
    }
  }
  return problems;
}
"""

# Each table that does not fit its place: its box must scroll and be a focusable,
# named region, and the text of its caption must show whole inside that box.
TABLE_PROBLEMS = """
() => {
  const problems = [];
  for (const table of document.querySelectorAll("main table")) {
    if (!table.checkVisibility()) continue;
    const box = table.parentElement;
    const caption = table.caption?.textContent.trim().replace(/\\s+/g, " ") || "";
    const where = `table "${caption}"`;
    if (table.getBoundingClientRect().width > box.clientWidth + 1) {
      const overflow = getComputedStyle(box).overflowX;
      if (!["auto", "scroll"].includes(overflow)) {
        problems.push(`${where} is wider than its box, which does not scroll`);
      }
      if (box.tabIndex !== 0 || box.getAttribute("role") !== "region"
          || !(box.getAttribute("aria-labelledby") || box.getAttribute("aria-label"))) {
        problems.push(`${where} scrolls in a box that is not a focusable, named region`);
      }
    }
    // A caption kept for screen readers only (visually hidden, 1 px) shows nothing.
    if (!table.caption || table.caption.getBoundingClientRect().width <= 1) continue;
    const seen = box.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(table.caption);
    const lines = [...range.getClientRects()].filter((r) => r.width > 1);
    for (const line of lines) {
      if (line.left < seen.left - 1 || line.right > seen.right + 1) {
        problems.push(`${where}: its caption runs out of sight`);
        break;
      }
    }
  }
  return problems;
}
"""


@pytest.fixture
def money_and_tables(official):
    """A budget with every chart filled (years, categories, wijken, cuts,
    recipients), a register, a place and wijk with tables, and an official."""
    activity = ActivityFactory(title="Koffieochtend")
    ActivityScheduleFactory(activity=activity)
    place = activity.facility
    wijk = place.neighbourhood
    municipality = place.municipality
    SocialAgendaItemFactory(neighbourhood=wijk)
    NeighbourhoodTeamFactory(municipality=municipality).neighbourhoods.add(wijk)
    framework = PolicyFrameworkFactory(
        municipality=municipality, title="WELzijn", adopted=True
    )
    schemes = {
        category: SubsidySchemeFactory(
            municipality=municipality,
            framework=framework,
            category=category,
            ceiling=None,
        )
        for category in (BudgetCategory.BUILDINGS, BudgetCategory.INITIATIVES)
    }
    PopulationFactory(municipality=municipality, year=2024, inhabitants=215_000)
    PopulationFactory(
        municipality=municipality, neighbourhood=wijk, year=2024, inhabitants=12_500
    )
    for year, amount in ((2022, 950_000), (2023, 1_125_000), (2024, 1_000_000)):
        for category in schemes:
            BudgetLineFactory(
                framework=framework, year=year, category=category, amount=amount
            )
    CutFactory(framework=framework, year=2014, amount=Decimal("700000"))
    for number, category in enumerate(schemes):
        GrantFactory(
            scheme=schemes[category],
            organisation=OrganisationFactory(
                name=f"Stichting Welzijn en Ontmoeting Almere {number}",
                municipality=municipality,
            ),
            year=2024,
            settled=True,
            amount_granted=Decimal("480000"),
            amount_settled=Decimal("475000"),
            neighbourhood=wijk,
        )
    return {"place": place, "wijk": wijk, "official": official}


def problems_on(page: Page, url: str) -> list[str]:
    page.goto(url)
    problems = (
        page.evaluate(CHART_PROBLEMS, SMALLEST_TEXT)
        + page.evaluate(TABLE_PROBLEMS)
        + page.evaluate(WIDER_THAN_WINDOW)
    )
    return [f"{url}: {problem}" for problem in problems]


@pytest.mark.parametrize("width", [1280, 390])
def test_charts_stay_legible_and_tables_scroll_in_their_own_box(
    page: Page, live_server, money_and_tables, width
):
    page.set_viewport_size({"width": width, "height": 900})
    paths = [
        "/subsidies/begroting/",
        "/subsidies/",
        money_and_tables["wijk"].get_absolute_url(),
        money_and_tables["place"].get_absolute_url(),
        "/open-data/",
    ]
    problems = []
    for path in paths:
        problems += problems_on(page, live_server.url + path)
    # The same charts and tables in the admin's budget dashboard, in the admin's font.
    sign_in(page, live_server, money_and_tables["official"], second_factor=True)
    problems += problems_on(page, live_server.url + "/admin/policy/grant/dashboard/")
    page.context.clear_cookies()
    assert not problems, f"At {width} px:\n" + "\n".join(problems)

    # The budget page draws every chart, and axe finds nothing at this width.
    page.goto(live_server.url + "/subsidies/begroting/")
    shown = page.locator("svg[role=img]:visible")
    assert shown.count() == 5
    assert_accessible(page)
