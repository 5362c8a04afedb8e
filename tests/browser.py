"""Headless Chromium for the browser tests: what they need, how it starts, what it checks.

The browser is Debian's Chromium (/usr/bin/chromium) driven by Playwright for Python;
axe-core comes inside the axe-playwright-python package. Nothing is downloaded while the
tests run, and a page's requests to any host but the live server are recorded and never
sent.
"""

import importlib.util
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PYTHON_PACKAGES = {"playwright": "playwright", "axe_playwright_python": "axe-playwright-python"}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SQLITE_ONLY = (
    "browser test: runs on SQLite in memory (make test), where the demo is built once and "
    "copied; the pages it checks do not depend on the database engine"
)

# Everything a keyboard user can reach with Tab, in the order of the document.
TABBABLE_JS = """() => {
    const selector = 'a[href], area[href], button, input:not([type="hidden"]), select, '
        + 'textarea, iframe, summary, [tabindex], [contenteditable="true"], [contenteditable=""]';
    return [...document.querySelectorAll(selector)].filter((element) => {
        const style = getComputedStyle(element);
        return element.tabIndex >= 0 && !element.disabled && !element.closest('[inert]')
            && style.visibility !== 'hidden' && element.getClientRects().length > 0;
    }).map((element, index) => {
        element.dataset.tabOrder = String(index);
        return describe(element);
    });

    function describe(element) {
        const text = (element.innerText || element.value || element.getAttribute('aria-label')
            || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
        return `<${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}`
            + `${element.className ? '.' + String(element.className).split(' ').join('.') : ''}`
            + `> ${text}`;
    }
}"""

# The focused element: its place in TABBABLE_JS's list, where it is, and how focus shows.
FOCUSED_JS = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        className: String(element.className),
        order: element.dataset.tabOrder ?? null,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
            ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : '',
        boxShadow: style.boxShadow === 'none' ? '' : style.boxShadow,
        box: {top: box.top, left: box.left, width: box.width, height: box.height},
        viewport: {width: window.innerWidth, height: window.innerHeight},
    };
}"""

# Elements that stick out past the right edge of the viewport, widest first.
OVERFLOWING_JS = """(limit) => [...document.body.querySelectorAll('*')]
    .map((element) => [element, element.getBoundingClientRect().right])
    .filter(([, right]) => right > document.documentElement.clientWidth + 1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([element, right]) => `<${element.tagName.toLowerCase()}`
        + `${element.className ? '.' + String(element.className).split(' ').join('.') : ''}`
        + `> right edge at ${Math.round(right)}px`)"""


def missing():
    """What this machine lacks for the browser tests, said for a skip or a failure;
    "" when nothing."""
    lacking = []
    if not os.access(CHROMIUM, os.X_OK):
        lacking.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    packages = [
        name
        for module, name in PYTHON_PACKAGES.items()
        if importlib.util.find_spec(module) is None
    ]
    if packages:
        lacking.append(f"the Python packages {', '.join(packages)} (pip install -e '.[dev]')")
    return " and ".join(lacking)


def required():
    """Under `.ci/run` (REQUIRE_BROWSER=1) a missing browser fails the tests instead."""
    return os.environ.get("REQUIRE_BROWSER") == "1"


def demo_paths():
    """The address of every page the demo command publishes, the site's start page first."""
    from wagtail_internationellt.demo import seeds
    from wagtail_internationellt.demo.builder import ascii_slug

    paths = ["/"]
    for municipality in seeds.MUNICIPALITIES:
        section = f"/{municipality['slug']}/"
        paths += [section, f"{section}{ascii_slug(municipality['policy']['title'])}/"]
        if municipality.get("twin_towns"):
            index = f"{section}{seeds.TWIN_TOWN_INDEX['slug']}/"
            towns = municipality["twin_towns"]["towns"]
            paths += [index, *(f"{index}{town['slug']}/" for town in towns)]
        index = f"{section}{seeds.TRIP_REPORT_INDEX['slug']}/"
        reports = municipality["trip_reports"]["reports"]
        paths += [index, *(f"{index}{report['slug']}/" for report in reports)]
    return paths


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class Visit:
    """A fresh browser context on the live server.

    ``requests`` lists every URL the pages asked for; a request to any other host is
    aborted, so that a test never reaches the network, and listed in ``foreign``.
    """

    def __init__(self, browser, server_url, **options):
        self.host = urlsplit(server_url).netloc
        self.requests = []
        self.requested_while_loading = 0
        self.context = browser.new_context(base_url=server_url, **options)
        elsewhere = re.compile("^(?!" + re.escape(server_url.rstrip("/") + "/") + ")")
        self.context.route(elsewhere, lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))

    def is_local(self, url):
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob", "about") or parts.netloc == self.host

    @property
    def foreign(self):
        return [url for url in self.requests if not self.is_local(url)]

    def open(self, path, wait_until="load"):
        response = self.page.goto(path, wait_until=wait_until)
        assert response is not None, path
        assert response.status == 200, f"{path} answered {response.status}"
        self.requested_while_loading = len(self.requests)
        return self.page

    def settle(self):
        """Wait for the network to go idle if the page asked for more after its load
        event, so that what scripts fetch later is recorded too."""
        if len(self.requests) > self.requested_while_loading:
            self.page.wait_for_load_state("networkidle")

    def close(self):
        self.context.close()


def run_axe(page, tags=WCAG_21_AA):
    """axe-core's violations of the rules with the given tags on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def describe_violations(violations):
    """One paragraph per axe violation: rule id, impact, help, and each offending node."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation.get('impact') or 'no impact given'}): "
            f"{violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(
                ", ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            lines.append(f"    {target}")
            lines.append(f"        {node['html'][:200]}")
    return "\n".join(lines)


class DatabaseSnapshot:
    """A copy of an in-memory SQLite database, written back over it in milliseconds.

    A live-server test empties the database when it ends; the demo is built once,
    copied here and written back before each test instead of being built again.
    """

    def __init__(self, connection):
        connection.ensure_connection()
        self.connection = connection
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self):
        self.connection.ensure_connection()
        self.copy.backup(self.connection.connection)

    def close(self):
        self.copy.close()


def is_sqlite_in_memory(connection):
    return connection.vendor == "sqlite" and connection.is_in_memory_db()
