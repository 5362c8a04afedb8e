"""The demo's public pages in a real browser (W2): WCAG 2.1 A and AA by axe-core, keyboard
use, a 320 px wide screen, no JavaScript, and nothing fetched from other hosts.

Every page the demo command publishes, and the example site's start page, is opened in
Swedish and in English from a live server in headless Chromium (tests/browser.py). The
browser tests skip on a machine without Chromium or Playwright; `.ci/run` requires them
(REQUIRE_BROWSER=1).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from wagtail.models import Site

from tests import browser as browser_support

# A live server reads only what is committed: every test here is transactional, and the
# demo is written back before each one (conftest: demo_site).
pytestmark = pytest.mark.django_db(transaction=True)

PAGES = browser_support.demo_paths()
EVERY_PAGE = PAGES + ["/en" + path for path in PAGES]
TWIN_TOWN_LIST = "/torsby/vanorter/"
REPRESENTATIVE_PAGES = [
    "/torsby/",
    "/torsby/torsby-kommuns-policy-for-internationella-kontakter/",
    TWIN_TOWN_LIST,
    "/solleftea/reserapporter/",
]
NARROW_SCREEN = 320


@pytest.fixture
def visits(browser, demo_server):
    """Opens fresh browser contexts on the demo's live server and closes them afterwards."""
    opened = []

    def visit(**context_options):
        opened.append(browser_support.Visit(browser, demo_server, **context_options))
        return opened[-1]

    yield visit
    for each in opened:
        each.close()


@pytest.fixture(scope="module")
def shared_visit(browser, live_server):
    """One browser page for the tests that only load a page and look at it: a new
    context per test would cost Chromium a new renderer process each time."""
    visit = browser_support.Visit(browser, live_server.url)
    yield visit
    visit.close()


@pytest.fixture
def visit(shared_visit, demo_server):
    shared_visit.requests.clear()
    return shared_visit


def focused(page):
    return page.evaluate(browser_support.FOCUSED_JS)


def describe(element, tabbable):
    """The element as TABBABLE_JS listed it, or as it is if that list missed it."""
    if element["order"] is not None:
        return tabbable[int(element["order"])]
    return f"<{element['tag']}#{element['id']}.{element['className']}> (not listed)"


def shows_focus(element):
    return bool(element["outline"] or element["boxShadow"])


def is_on_screen(element):
    box, viewport = element["box"], element["viewport"]
    return (
        box["width"] > 0
        and box["height"] > 0
        and box["top"] >= 0
        and box["left"] >= 0
        and box["top"] + box["height"] <= viewport["height"]
        and box["left"] + box["width"] <= viewport["width"]
    )


def tab_to(page, locator, most=50):
    """Press Tab until ``locator`` has the focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{locator} was not reached with {most} presses of Tab")


def test_every_public_page_of_the_demo_is_checked(demo_site):
    root = Site.objects.get(is_default_site=True).root_page
    with translation.override("sv"):
        live = [page.get_url() for page in root.get_descendants(inclusive=True).live()]
    assert sorted(live) == sorted(PAGES)
    assert len(EVERY_PAGE) == 2 * len(live)


@pytest.mark.browser
def test_the_checks_see_a_violation_and_a_request_to_another_host(browser):
    visit = browser_support.Visit(browser, "http://localhost:9")
    try:
        visit.page.set_content(
            '<html lang="en"><title>Check</title><main><h1>Check</h1>'
            '<img src="http://example.invalid/logo.png"></main></html>'
        )
        violations = browser_support.run_axe(visit.page)
    finally:
        visit.close()
    assert [violation["id"] for violation in violations] == ["image-alt"]
    assert "\n    img\n" in browser_support.describe_violations(violations)
    assert visit.foreign == ["http://example.invalid/logo.png"]


@pytest.mark.browser
@pytest.mark.parametrize("path", EVERY_PAGE)
def test_page_meets_wcag_21_aa_and_asks_no_other_host(visit, path):
    # One load per page for both checks. The requests are recorded from the start until
    # axe-core is done, and until the network is idle if the page went on asking.
    page = visit.open(path)
    violations = browser_support.run_axe(page)
    visit.settle()

    assert urlsplit(visit.requests[0]).path == path
    problems = []
    if violations:
        problems.append(
            "axe-core finds WCAG 2.1 A/AA violations:\n"
            + browser_support.describe_violations(violations)
        )
    if visit.foreign:
        problems.append("the page asks other hosts for:\n" + "\n".join(visit.foreign))
    assert not problems, f"{path}\n" + "\n\n".join(problems)


@pytest.mark.browser
def test_twin_town_list_is_usable_with_the_keyboard_alone(visits):
    page = visits().open(TWIN_TOWN_LIST)

    page.keyboard.press("Tab")
    skip_link = focused(page)
    assert skip_link and "skip-link" in skip_link["className"].split(), (
        f"the first Tab stop is {skip_link}, not the skip link"
    )
    assert is_on_screen(skip_link), f"the focused skip link is not on screen: {skip_link}"
    assert shows_focus(skip_link), "the focused skip link shows no focus indicator"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"

    page.reload()
    tabbable = page.evaluate(browser_support.TABBABLE_JS)
    reached = {}
    for _ in range(len(tabbable) + 1):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None or describe(element, tabbable) in reached:
            break  # out of the page, or round to its start again
        reached[describe(element, tabbable)] = element
    unreachable = [each for each in tabbable if each not in reached]
    assert not unreachable, "not reached with Tab:\n" + "\n".join(unreachable)
    order = [int(element["order"]) for element in reached.values() if element["order"]]
    assert order == sorted(order), "Tab does not follow the order of the page"
    unmarked = [name for name, element in reached.items() if not shows_focus(element)]
    assert not unmarked, "no visible focus indicator:\n" + "\n".join(unmarked)


@pytest.mark.browser
def test_twin_town_list_filters_with_the_keyboard_alone(visits):
    page = visits().open(TWIN_TOWN_LIST)
    form = page.locator("form.intl-filters")
    assert form.count() == 1, "the twin-town list has no filter form"
    status = form.locator("select[name='status']")

    tab_to(page, status)
    before = status.input_value()
    page.keyboard.press("ArrowDown")
    if status.input_value() == before:  # the last option was chosen already
        page.keyboard.press("ArrowUp")
    chosen = status.input_value()
    assert chosen != before, "the arrow keys do not change the status filter"
    tab_to(page, form.locator("[type='submit']"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    address = urlsplit(page.url)
    assert address.path == TWIN_TOWN_LIST
    assert parse_qs(address.query, keep_blank_values=True).get("status") == [chosen], page.url


@pytest.mark.browser
@pytest.mark.parametrize("path", REPRESENTATIVE_PAGES)
def test_page_fits_a_320px_wide_screen(visits, path):
    page = visits(viewport={"width": NARROW_SCREEN, "height": 640}).open(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW_SCREEN + 1, (
        f"{path} is {width}px wide on a {NARROW_SCREEN}px screen:\n"
        + "\n".join(page.evaluate(browser_support.OVERFLOWING_JS, 5))
    )


@pytest.mark.browser
@pytest.mark.parametrize("path", REPRESENTATIVE_PAGES)
def test_page_reads_without_javascript(visits, path):
    page = visits(java_script_enabled=False).open(path)
    heading = page.locator("h1")
    assert heading.is_visible(), f"{path} shows no h1 without JavaScript"
    assert heading.inner_text().strip()
