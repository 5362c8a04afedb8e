"""The example site's Content Security Policy in a real browser (issue 6, production).

The production settings send a strict policy (scripts, styles and images from the site
itself, no inline script without a nonce, no inline style, no framing). Every page the
demo command publishes is opened in headless Chromium from a live server that sends it,
and the browser must report no violation: none of the package's or the example site's
templates may carry an inline script or style. The check is shown to catch one, and the
admin, which the policy leaves out, is shown to work: an editor logs in and edits a page.

The browser tests skip on a machine without Chromium or Playwright; `.ci/run` requires
them (REQUIRE_BROWSER=1).
"""

from urllib.parse import urlsplit

import pytest
from django.template.loader import render_to_string
from pytest_django.live_server_helper import LiveServer

from tests import browser as browser_support
from tests.test_production_settings import production_content_security_policy
from wagtail_internationellt.models import TripReportPage

# A live server reads only what is committed: every test here is transactional, and the
# demo is written back before each one (conftest: demo_site).
pytestmark = pytest.mark.django_db(transaction=True)

PAGES = browser_support.demo_paths()
EVERY_PAGE = PAGES + ["/en" + path for path in PAGES]
EDITOR_PASSWORD = "lösenord-för-testet"  # noqa: S105

# Collects what the browser reports, from before the page's own first line runs.
RECORD_VIOLATIONS_JS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.cspViolations.push(
        `${event.effectiveDirective} refused ${event.blockedURI || 'an inline part'}`
        + ` (${event.sourceFile || 'the page'}:${event.lineNumber}) ${event.sample}`.trim()
    );
});
"""
# Violation events are queued as tasks: let them run before they are read.
REPORTED_VIOLATIONS_JS = """() => new Promise((resolve) => {
    setTimeout(() => resolve(window.cspViolations || []), 50);
})"""


@pytest.fixture(scope="module")
def csp_server(demo_database):
    """A live server of its own that sends the production policy.

    pytest-django's live server is shared by the whole session and built its middleware
    when it started; this one starts with the policy's middleware in place.
    """
    with production_content_security_policy():
        server = LiveServer("localhost")
        yield server.url
        server.stop()


class PolicyVisit(browser_support.Visit):
    """A browser context that records the policy violations and errors of its pages."""

    def __init__(self, browser, server_url, **options):
        super().__init__(browser, server_url, **options)
        self.console_errors = []
        self.page.add_init_script(RECORD_VIOLATIONS_JS)
        self.page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )

    def violations(self):
        reported = self.page.evaluate(REPORTED_VIOLATIONS_JS)
        refused = [text for text in self.console_errors if "Content Security Policy" in text]
        return reported, refused


@pytest.fixture(scope="module")
def shared_visit(csp_server, browser):
    visit = PolicyVisit(browser, csp_server)
    yield visit
    visit.close()


@pytest.fixture
def visit(shared_visit, demo_site):
    shared_visit.requests.clear()
    shared_visit.console_errors.clear()
    return shared_visit


def describe(path, reported, refused):
    return f"{path}\n" + "\n".join(
        [*(f"reported: {text}" for text in reported), *(f"console: {text}" for text in refused)]
    )


@pytest.mark.browser
@pytest.mark.parametrize("path", EVERY_PAGE)
def test_page_keeps_to_the_content_security_policy(visit, path):
    response = visit.page.goto(path)

    assert response.status == 200, f"{path} answered {response.status}"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    reported, refused = visit.violations()
    assert not reported and not refused, describe(path, reported, refused)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/torsby/sok/?q=Skjern", 200),
        ("/en/torsby/sok/?q=Skjern", 200),
        ("/torsby/vanorter/?status=active", 200),
        ("/solleftea/reserapporter/?year=2024", 200),
        ("/finns-inte/", 404),
    ],
)
def test_search_filtered_lists_and_not_found_keep_to_the_policy(visit, path, status):
    response = visit.page.goto(path)

    assert response.status == status, f"{path} answered {response.status}"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    reported, refused = visit.violations()
    assert not reported and not refused, describe(path, reported, refused)


def test_the_server_error_page_has_no_inline_style_or_script():
    html = render_to_string("500.html")

    assert '<link rel="stylesheet"' in html
    assert "<style" not in html and " style=" not in html and "<script" not in html


@pytest.mark.browser
def test_an_inline_script_and_style_are_reported(visit):
    """The check can fail: a template that gains an inline script or style is caught.

    The policy page (with its JSON-LD, which is data and allowed) is served as the live
    server sends it, headers and all, with a script and a style attribute added.
    """
    path = PAGES[2]

    def add_inline_parts(route):
        response = route.fetch()
        html = response.text().replace(
            "</main>",
            "<script>document.title = 'changed';</script><p style=\"color: red\">Added</p></main>",
        )
        route.fulfill(response=response, body=html)

    visit.page.route(f"**{path}", add_inline_parts)
    try:
        visit.page.goto(path)
        reported, refused = visit.violations()
    finally:
        visit.page.unroute(f"**{path}")

    assert visit.page.locator('script[type="application/ld+json"]').count() == 1
    assert visit.page.title() != "changed", "the inline script ran"
    assert sorted(text.split(" ", 1)[0] for text in reported) == [
        "script-src-elem",
        "style-src-attr",
    ], describe(path, reported, refused)
    assert len(refused) == 2, describe(path, reported, refused)


@pytest.fixture
def editor_visit(csp_server, browser, demo_site):
    """A browser context in which an editor has logged in to the admin."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("redaktor", "redaktor@example.se", EDITOR_PASSWORD)
    visit = PolicyVisit(browser, csp_server)
    page = visit.page
    page.goto("/admin/login/")
    page.fill("input[name='username']", "redaktor")
    page.fill("input[name='password']", EDITOR_PASSWORD)
    with page.expect_navigation():
        page.click("button[type='submit']")
    assert urlsplit(page.url).path == "/admin/", "the editor was not logged in"
    yield visit
    visit.close()


@pytest.mark.browser
def test_the_admin_is_left_out_and_an_editor_can_edit_a_page(editor_visit):
    trip = TripReportPage.objects.live().order_by("path").first()
    page = editor_visit.page

    response = page.goto(f"/admin/pages/{trip.pk}/edit/")
    assert response.status == 200
    assert "content-security-policy" not in response.headers
    page.fill("input[name='title']", "Studieresa, ändrad")
    with page.expect_navigation():
        page.click(
            "button[type='submit']:has-text('Save draft'), "
            "button[type='submit']:has-text('Spara utkast')"
        )

    assert "Studieresa, ändrad" in page.locator(".messages").inner_text()
    trip.refresh_from_db()
    assert trip.get_latest_revision_as_object().title == "Studieresa, ändrad"
    reported, refused = editor_visit.violations()
    assert not reported and not refused, describe("admin", reported, refused)


@pytest.mark.browser
def test_an_editor_sees_a_public_page_with_the_user_bar_within_the_policy(editor_visit):
    page = editor_visit.page

    response = page.goto(PAGES[2])

    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert page.evaluate("customElements.get('wagtail-userbar') !== undefined"), (
        "the user bar's script did not run"
    )
    reported, refused = editor_visit.violations()
    assert not reported and not refused, describe(PAGES[2], reported, refused)
