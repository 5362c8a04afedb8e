import functools
import os
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from tests import browser as browser_support


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skip without a PostgreSQL DATABASE_URL.

    Under `.ci/run` (REQUIRE_POSTGRES=1) they are required: a missing URL stops
    the run instead of skipping them.
    """
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres:", "postgresql:"))
    if on_postgres:
        return
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        raise pytest.UsageError("REQUIRE_POSTGRES=1 needs DATABASE_URL=postgres://…")
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_ignore_collect(collection_path, config):
    """tests/test_custom_base_page.py runs under tests.settings_custom_page only (make test
    runs it so); under any other settings the base page model is Wagtail's own."""
    if collection_path.name == "test_custom_base_page.py":
        from django.conf import settings

        return getattr(settings, "WAGTAIL_PAGE_MODEL", "wagtailcore.Page") == "wagtailcore.Page"
    return None


# Browser tests (marker "browser"): headless Chromium on a live server with the demo.


@functools.cache
def _browser_missing():
    return browser_support.missing()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Browser tests skip, before any fixture runs, on a machine without Chromium or
    Playwright (under `.ci/run`, REQUIRE_BROWSER=1, the `browser` fixture fails them
    instead) and on a database other than SQLite in memory (`demo_database`).
    """
    if "browser" not in item.keywords:
        return
    if not browser_support.is_sqlite_in_memory(connection):
        pytest.skip(browser_support.SQLITE_ONLY)
    if not browser_support.required() and _browser_missing():
        pytest.skip(f"browser test: needs {_browser_missing()}")


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module and xdist worker."""
    if _browser_missing():
        pytest.fail(f"REQUIRE_BROWSER=1 and the browser tests need {_browser_missing()}")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # Playwright's synchronous API keeps an asyncio event loop running in the test's
        # thread while it is open, which Django's async-safety check takes for async code.
        # The tests and the live server stay synchronous. Django's connections are then
        # kept apart from those the thread had before; on SQLite in memory they all open
        # the same shared database.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = browser_support.launch(playwright)
            yield chromium
            chromium.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database; on SQLite in memory also a copy of it as the
    migrations left it, before any test that empties the database (`demo_database`)."""
    if not browser_support.is_sqlite_in_memory(connection):
        yield None
        return
    with django_db_blocker.unblock():
        migrated = browser_support.DatabaseSnapshot(connection)
    yield migrated
    migrated.close()


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker):
    """The demo command's content, built once per module on SQLite in memory.

    The built database is copied aside and written back before each test (`demo_site`);
    the database as the migrations left it is written back when the module is done.
    """
    migrated = django_db_setup
    if migrated is None:
        pytest.skip(browser_support.SQLITE_ONLY)
    with django_db_blocker.unblock():
        migrated.restore()
        _forget_cached_rows()
        call_command("internationellt_demo", stdout=StringIO())
        demo = browser_support.DatabaseSnapshot(connection)
    yield demo
    with django_db_blocker.unblock():
        migrated.restore()
    _forget_cached_rows()
    demo.close()


@pytest.fixture
def demo_site(transactional_db, demo_database):
    """The five municipalities of the demo in a database that a live server reads.

    The test's database is emptied when it ends (`transactional_db`), so the demo is
    written back before each test.
    """
    demo_database.restore()
    _forget_cached_rows()


@pytest.fixture
def demo_server(live_server, demo_site):
    """The address of a live server showing the demo."""
    return live_server.url


def _forget_cached_rows():
    ContentType.objects.clear_cache()
    for alias in caches:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def empty_render_cache():
    """Each test starts with an empty cache.

    The render cache keys pages by their path, and a rolled-back test leaves
    paths (and primary keys) free for the next test to use again.
    """
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()


# The page tree most tests start from: one municipality's section with its lists.
# A module may define its own `section` (another municipality); the lists follow it.


@pytest.fixture
def section():
    from tests.factories import make_section

    return make_section("Torsby kommun", slug="torsby")


@pytest.fixture
def twin_town_index(section):
    from tests.factories import make_twin_town_index

    return make_twin_town_index(section)


@pytest.fixture
def trip_index(section):
    from tests.factories import make_trip_index

    return make_trip_index(section)


@pytest.fixture
def department(section):
    from tests.factories import make_department

    return make_department(section, name="Kultur- och fritidsförvaltningen")
