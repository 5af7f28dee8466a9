"""Every page with a form, at a desktop and a phone width: each visible control's label
is on screen and not covered (by its own input or anything else), no page is wider
than the window, and axe finds nothing.

axe-core only asks whether a label exists; this asks what a sighted person asks: can
I read it? A label counts as readable when it has a size and the points across its
middle hit the label itself (`document.elementFromPoint`).
"""

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import Page

from testdata.advisories import (
    AdviceFactory,
    AdviceRequestFactory,
    AdvisoryCouncilFactory,
    MembershipFactory,
    RecommendationFactory,
)
from testdata.factories import UserFactory
from testdata.neighbourhoods import (
    ActivityFactory,
    ActivityScheduleFactory,
    SocialAgendaItemFactory,
)
from testdata.otp import otp_login
from testdata.policy import (
    BudgetLineFactory,
    GrantFactory,
    PolicyFrameworkFactory,
)

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (1280, 390)

# For each visible control: its labels (<label for>, a wrapping <label>, or the
# elements named by aria-labelledby) must have a size, and the points at a quarter,
# half and three quarters of each line of label text must hit that label. A control
# named only by aria-label has no visible label to hide and is left to axe.
LABEL_PROBLEMS = """
() => {
  const problems = [];
  const describe = (element) =>
    element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + (element.name ? "[name=" + element.name + "]" : "");
  const controls = document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])"
    + ", select, textarea"
  );
  for (const control of controls) {
    const box = control.getBoundingClientRect();
    const shown = control.checkVisibility({opacityProperty: true,
                                           visibilityProperty: true});
    if (!shown || box.width <= 1 || box.height <= 1) continue;
    let labels = [...control.labels];
    if (!labels.length && control.getAttribute("aria-labelledby")) {
      labels = control.getAttribute("aria-labelledby").split(/\\s+/)
        .map((id) => document.getElementById(id)).filter(Boolean);
    }
    if (!labels.length) continue;
    for (const label of labels) {
      const text = label.textContent.trim().replace(/\\s+/g, " ");
      const where = describe(control) + ' label "' + text + '"';
      label.scrollIntoView({block: "center", inline: "center"});
      const lines = [...label.getClientRects()].filter((r) => r.width && r.height);
      if (!lines.length) {
        problems.push(where + ": has no size");
        continue;
      }
      for (const line of lines) {
        for (const share of [0.25, 0.5, 0.75]) {
          const x = line.left + line.width * share;
          const y = line.top + line.height / 2;
          const hit = document.elementFromPoint(x, y);
          if (!hit || !label.contains(hit)) {
            problems.push(where + ": at (" + Math.round(x) + ", " + Math.round(y)
              + ") lies " + (hit ? describe(hit) : "nothing on screen"));
            break;
          }
        }
      }
    }
  }
  window.scrollTo(0, 0);
  return problems;
}
"""

# The page's width, and the outermost elements that stick out past the window (not
# those scrolling inside a box of their own).
WIDER_THAN_WINDOW = """
() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const sticksOut = (element) => element.getBoundingClientRect().right > width + 1;
  const scrolledInABox = (element) => {
    for (let box = element.parentElement; box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  const outermost = [...document.body.querySelectorAll("*")]
    .filter((element) => sticksOut(element) && !sticksOut(element.parentElement)
                         && !scrolledInABox(element))
    .slice(0, 3)
    .map((element) => [element.tagName.toLowerCase(),
                       ...(element.getAttribute("class") || "").split(" ")]
      .filter(Boolean).join("."));
  return ["the page is " + document.documentElement.scrollWidth + " px wide in a window"
    + " of " + width + " px; sticking out: " + outermost.join(", ")];
}
"""


def layout_problems(page: Page) -> list[str]:
    return page.evaluate(LABEL_PROBLEMS) + page.evaluate(WIDER_THAN_WINDOW)


@pytest.fixture
def forms_world(official):
    """One of everything that has a form: the social map, the archive, the budget,
    a member with a draft, and the admin pages that are templated here."""
    activity = ActivityFactory(title="Koffieochtend", description="Samen koffie.")
    ActivityScheduleFactory(activity=activity)
    place = activity.facility
    municipality = place.municipality
    SocialAgendaItemFactory(neighbourhood=place.neighbourhood)
    # A long title, as real frameworks have: the filters show it in full.
    framework = PolicyFrameworkFactory(
        municipality=municipality,
        title="Beleidskader WELzijn in Almere: meedoen, ontmoeten en ondersteunen",
    )
    BudgetLineFactory(framework=framework, year=2024, amount=800_000)
    GrantFactory(
        scheme__municipality=municipality,
        scheme__framework=framework,
        year=2024,
        granted=True,
        amount_granted=50_000,
        neighbourhood=place.neighbourhood,
    )
    council = AdvisoryCouncilFactory(municipality=municipality)
    member = MembershipFactory(council=council).user
    advice_request = AdviceRequestFactory(council=council)
    draft = AdviceFactory(council=council, request=advice_request, author=member)
    sent = AdviceFactory(council=council, sent=True, author=member)
    RecommendationFactory(advice=sent)
    return {
        "place": place,
        "activity": activity,
        "framework": framework,
        "member": member,
        "request": advice_request,
        "draft": draft,
        "sent": sent,
        "official": official,
    }


def public_paths(world) -> list[str]:
    place, activity, sent = world["place"], world["activity"], world["sent"]
    return [
        "/",
        "/wijken/",
        place.neighbourhood.get_absolute_url(),
        "/plekken/",
        "/plekken/?doelgroep=bestaat-niet",
        place.get_absolute_url(),
        "/activiteiten/",
        activity.get_absolute_url(),
        "/organisaties/",
        activity.organisation.get_absolute_url(),
        "/zoeken/?q=koffie",
        "/open-data/",
        "/adviezen/",
        sent.get_absolute_url(),
        "/subsidies/",
        "/subsidies/begroting/",
        "/toegankelijkheid/",
        "/portaal/inloggen/",
        "/portaal/wachtwoord-vergeten/",
        "/admin/login/",
    ]


def member_paths(world) -> list[str]:
    draft, sent = world["draft"], world["sent"]
    member = world["member"]
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    return [
        "/portaal/",
        "/portaal/aanvragen/",
        f"/portaal/aanvragen/{world['request'].pk}/",
        "/portaal/adviezen/nieuw/",
        f"/portaal/adviezen/{draft.pk}/bewerken/",
        f"/portaal/adviezen/{draft.pk}/",
        f"/portaal/adviezen/{sent.pk}/",
        f"/portaal/wachtwoord-herstellen/{uid}/{token}/",
    ]


def official_paths(world) -> list[str]:
    framework, sent = world["framework"], world["sent"]
    return [
        "/admin/tweestapsverificatie/noodcodes/",
        "/admin/neighbourhoods/booking/",
        "/admin/neighbourhoods/booking/bezetting/",
        "/admin/neighbourhoods/socialagendaitem/",
        "/admin/neighbourhoods/socialagendaitem/witte-vlekken/",
        "/admin/policy/grant/",
        "/admin/policy/grant/register-importeren/",
        "/admin/policy/grant/dashboard/",
        "/admin/policy/policyframework/import/",
        f"/admin/policy/policyframework/{framework.pk}/change/",
        f"/admin/policy/policyframework/{framework.pk}/overzicht/",
        f"/admin/advisories/advice/{sent.pk}/reacties/",
        f"/admin/advisories/advice/{sent.pk}/publiceren/",
    ]


def second_factor_paths() -> list[str]:
    return ["/admin/tweestapsverificatie/", "/admin/tweestapsverificatie/instellen/"]


def sign_in(page: Page, live_server, user, *, second_factor: bool) -> None:
    """Give the browser the session of a Django test client signed in as `user`."""
    client = Client()
    if second_factor:
        otp_login(client, user)
    else:
        client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


# Pages that are Django's admin as it comes, with third-party widgets whose markup
# axe flags (select2's unnamed combobox); their layout is checked, axe is not run.
STOCK_ADMIN = ("/admin/login/", "/change/")
# On the admin pages templated here, the admin's own stylesheet colours the links in
# its breadcrumbs and result counts without an underline, which axe flags.
ADMIN_STYLESHEET_RULES = ("link-in-text-block",)


def problems_on(page: Page, live_server, paths: list[str]) -> list[str]:
    problems = []
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.ok, f"{path}: {response.status}"
        problems += [f"{path}: {problem}" for problem in layout_problems(page)]
        if path.startswith("/admin/"):
            if not path.endswith(STOCK_ADMIN):
                assert_accessible(page, exclude_rules=ADMIN_STYLESHEET_RULES)
        else:
            assert_accessible(page)
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_every_form_label_is_visible_and_no_page_is_wider_than_the_window(
    page: Page, live_server, forms_world, width
):
    page.set_viewport_size({"width": width, "height": 900})
    problems = problems_on(page, live_server, public_paths(forms_world))

    sign_in(page, live_server, forms_world["member"], second_factor=False)
    problems += problems_on(page, live_server, member_paths(forms_world))

    sign_in(page, live_server, forms_world["official"], second_factor=True)
    problems += problems_on(page, live_server, official_paths(forms_world))

    # An official without a second factor yet: the page that sets one up; and one
    # with a device who has not given its code: the page that asks for it.
    newcomer = UserFactory(is_staff=True, is_superuser=True)
    sign_in(page, live_server, newcomer, second_factor=False)
    problems += problems_on(page, live_server, second_factor_paths()[1:])
    sign_in(page, live_server, forms_world["official"], second_factor=False)
    problems += problems_on(page, live_server, second_factor_paths()[:1])

    assert not problems, f"At {width} px:\n" + "\n".join(problems)


def test_the_check_sees_a_label_under_its_input(page: Page, live_server, db):
    """The check itself: a label drawn under its field is found, a clear one is not."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + "/toegankelijkheid/")
    assert page.evaluate(LABEL_PROBLEMS) == []
    page.evaluate(
        """() => {
          const main = document.querySelector("main");
          main.insertAdjacentHTML("afterbegin",
            '<div id="covered"><label for="naam">Naam</label>'
            + '<input id="naam" name="naam"></div>');
          const field = document.getElementById("covered");
          field.style.display = "grid";
          field.firstChild.style.gridArea = "1 / 1";
          field.lastChild.style.gridArea = "1 / 1";
        }"""
    )
    [problem] = page.evaluate(LABEL_PROBLEMS)
    assert problem.startswith('input#naam[name=naam] label "Naam": at (')
