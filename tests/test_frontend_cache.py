"""A caching proxy in front of the site is purged of everything a change shows on.

Wagtail's frontend cache app purges a page's own address when it is published or
unpublished; the package purges the lists, feeds, exports and pages that show it too,
in both languages of the example site (wagtail_internationellt.frontend_cache). A
backend that records what it is asked to purge stands in for Varnish; each test checks
the whole set of addresses it was given.
"""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache import signal_handlers as wagtail_purge
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Site

from tests.factories import (
    make_department,
    make_policy,
    make_section,
    make_trip,
    make_trip_index,
    make_twin_town,
    make_twin_town_index,
)
from wagtail_internationellt import frontend_cache
from wagtail_internationellt.models import TripReportPage

pytestmark = pytest.mark.django_db

LISTED_TRIPS = "/torsby/reserapporter/"
TRIP_LIST = {
    LISTED_TRIPS,
    f"{LISTED_TRIPS}feed/rss/",
    f"{LISTED_TRIPS}feed/atom/",
    f"{LISTED_TRIPS}data/csv/",
    f"{LISTED_TRIPS}data/json/",
}
TWIN_TOWN_LIST = {"/torsby/vanorter/", "/torsby/vanorter/data/csv/", "/torsby/vanorter/data/json/"}


class RecordingBackend(BaseBackend):
    """Records the addresses it is asked to purge instead of sending PURGE requests."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


def site():
    return Site.objects.get(is_default_site=True).root_url


def in_both_languages(*path_sets):
    """The full addresses of the paths in Swedish (no prefix) and English (/en/)."""
    paths = set().union(*path_sets)
    return {site() + path for path in paths} | {f"{site()}/en{path}" for path in paths}


def connect_wagtail_and_package():
    """What the two apps' ready() connect when wagtail.contrib.frontend_cache is installed."""
    wagtail_purge.register_signal_handlers()
    frontend_cache.connect_signals()


def disconnect_wagtail_and_package():
    for signal, receiver, sender, uid in frontend_cache.receivers():
        signal.disconnect(receiver, sender=sender, dispatch_uid=uid)
    for model in apps.get_models():
        wagtail_purge.page_published.disconnect(
            wagtail_purge.page_published_signal_handler, sender=model
        )
        wagtail_purge.page_unpublished.disconnect(
            wagtail_purge.page_unpublished_signal_handler, sender=model
        )


@pytest.fixture(autouse=True)
def recording_backend(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": f"{__name__}.{RecordingBackend.__qualname__}"}
    }
    RecordingBackend.purged = []
    yield RecordingBackend.purged
    RecordingBackend.purged = []


@pytest.fixture
def section():
    return make_section("Torsby kommun", slug="torsby")


@pytest.fixture
def towns(section):
    index = make_twin_town_index(section, slug="vanorter")
    return {
        "Skjern": make_twin_town(index, "Skjern", slug="skjern"),
        "Nykarleby": make_twin_town(index, "Nykarleby", slug="nykarleby", country="FI"),
    }


@pytest.fixture
def trip_index(section):
    return make_trip_index(section, slug="reserapporter")


@pytest.fixture
def trip(trip_index, towns, section):
    return make_trip(
        trip_index,
        make_department(section),
        "Vänortsbesök i Skjern",
        slug="skjern-2025",
        destination_twin_town=towns["Skjern"],
        board_approval_date=datetime.date(2025, 2, 1),
    )


@pytest.fixture
def policy(section):
    return make_policy(section, slug="policy")


@pytest.fixture
def other_municipality():
    """Sollefteå, with lists of its own, which a change in Torsby must leave alone."""
    other = make_section("Sollefteå kommun", slug="solleftea")
    make_twin_town(make_twin_town_index(other, slug="vanorter"), "Pöltsamaa", slug="poltsamaa")
    trip_index = make_trip_index(other, slug="reserapporter")
    make_trip(trip_index, make_department(other), "Studieresa", slug="bryssel")
    make_policy(other, slug="policy")
    return other


@pytest.fixture
def purged(recording_backend, section, towns, trip, policy):
    """Torsby's pages are built, then the purge is connected as the two apps connect it."""
    connect_wagtail_and_package()
    yield recording_backend
    disconnect_wagtail_and_package()


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Runs the purges that wait for the transaction to commit, as a real one would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def publish(page, committing, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with committing():
        page.save_revision().publish()


TRIP = "/torsby/reserapporter/skjern-2025/"
SKJERN = "/torsby/vanorter/skjern/"
NYKARLEBY = "/torsby/vanorter/nykarleby/"


def test_publishing_a_trip_report_purges_its_lists_feeds_exports_and_twin_town(
    other_municipality, purged, trip, committing
):
    publish(trip, committing, title="Vänortsbesök i Skjern, mars")

    assert set(purged) == in_both_languages({TRIP, "/torsby/", SKJERN}, TRIP_LIST)


def test_unpublishing_a_trip_report_purges_the_same(purged, trip, committing):
    with committing():
        trip.unpublish()

    assert set(purged) == in_both_languages({TRIP, "/torsby/", SKJERN}, TRIP_LIST)


def test_deleting_a_trip_report_purges_the_same(purged, trip, committing):
    with committing():
        trip.delete()

    assert set(purged) == in_both_languages({TRIP, "/torsby/", SKJERN}, TRIP_LIST)


def test_a_trip_report_that_names_another_twin_town_purges_both_towns(
    purged, trip, towns, committing
):
    publish(trip, committing, destination_twin_town=towns["Nykarleby"])

    assert set(purged) == in_both_languages({TRIP, "/torsby/", SKJERN, NYKARLEBY}, TRIP_LIST)


def test_a_draft_purges_nothing(purged, trip, committing):
    trip.title = "Ett utkast"
    with committing():
        trip.save_revision()

    assert purged == []


def test_moving_a_trip_report_purges_its_old_and_its_new_place(
    other_municipality, purged, trip, committing
):
    new_list = TripReportPage.objects.get(slug="bryssel").get_parent()

    with committing():
        trip.move(new_list, pos="last-child")

    moved_to = "/solleftea/reserapporter/"
    assert set(purged) == in_both_languages(
        {TRIP, "/torsby/", SKJERN},
        TRIP_LIST,
        {f"{moved_to}skjern-2025/", "/solleftea/"},
        {path.replace(LISTED_TRIPS, moved_to) for path in TRIP_LIST},
    )


def test_publishing_a_twin_town_purges_its_list_exports_and_what_names_it(
    purged, towns, committing
):
    publish(towns["Skjern"], committing, region="Region Midtjylland")

    assert set(purged) == in_both_languages(
        {SKJERN, "/torsby/", "/torsby/policy/", TRIP}, TWIN_TOWN_LIST, TRIP_LIST
    )


def test_publishing_a_policy_purges_the_start_page_and_the_other_policies(
    purged, section, policy, committing
):
    earlier = make_policy(section, "Policy 2012", slug="policy-2012")

    publish(policy, committing, supersedes=earlier)

    assert set(purged) == in_both_languages(
        {"/torsby/policy/", "/torsby/policy-2012/", "/torsby/"}
    )


def test_the_purge_waits_for_the_transaction_to_commit(
    purged, trip, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as on_commit:
        trip.title = "Vänortsbesök i Skjern, mars"
        trip.save_revision().publish()
    feed = f"{site()}{LISTED_TRIPS}feed/rss/"
    assert feed not in purged

    for callback in on_commit:
        callback()

    assert feed in purged


def test_publishing_a_section_purges_every_page_of_it(purged, section, committing):
    publish(section, committing, title="Internationellt")

    assert set(purged) == in_both_languages(
        {"/torsby/", "/torsby/policy/", SKJERN, NYKARLEBY, TRIP}, TWIN_TOWN_LIST, TRIP_LIST
    )


def test_another_municipality_is_not_purged(
    other_municipality, purged, trip, towns, policy, committing
):
    publish(trip, committing, title="Vänortsbesök i Skjern, mars")
    publish(towns["Nykarleby"], committing, region="Österbotten")
    publish(policy, committing, title="Policy 2026")

    assert purged
    assert [url for url in purged if "/solleftea/" in url] == []


def test_nothing_is_purged_without_the_frontend_cache_app(
    recording_backend, trip, towns, committing
):
    assert not apps.is_installed("wagtail.contrib.frontend_cache")

    publish(trip, committing, title="Vänortsbesök i Skjern, mars")
    publish(towns["Skjern"], committing, region="Region Midtjylland")
    with committing():
        trip.unpublish()

    assert recording_backend == []


def test_the_app_connects_the_purge_when_the_frontend_cache_app_is_installed(
    recording_backend, trip, committing, monkeypatch
):
    installed = apps.is_installed
    monkeypatch.setattr(
        apps,
        "is_installed",
        lambda name: name == "wagtail.contrib.frontend_cache" or installed(name),
    )
    try:
        apps.get_app_config("wagtail_internationellt").ready()
        publish(trip, committing, title="Vänortsbesök i Skjern, mars")
    finally:
        disconnect_wagtail_and_package()

    # Wagtail's own purge stays unconnected here: the feed is the package's doing.
    assert f"{site()}{LISTED_TRIPS}feed/rss/" in recording_backend


def queries_to_publish(trip, committing):
    trip.title += "."
    revision = trip.save_revision()
    with CaptureQueriesContext(connection) as queries, committing():
        revision.publish()
    return len(queries)


def test_the_purge_adds_a_few_queries_however_many_pages_it_purges(
    recording_backend, trip, trip_index, towns, section, committing
):
    def added_queries():
        wagtail_purge.register_signal_handlers()
        queries_to_publish(trip, committing)  # the site's root paths are cached now
        without = queries_to_publish(trip, committing)
        frontend_cache.connect_signals()
        try:
            with_purge = queries_to_publish(trip, committing)
        finally:
            disconnect_wagtail_and_package()
        return with_purge - without

    few = added_queries()
    department = make_department(section, "Barn- och utbildningsförvaltningen")
    for number in range(10):
        make_trip(
            trip_index,
            department,
            f"Skolutbyte {number}",
            destination_twin_town=towns["Skjern"],
            board_approval_date=datetime.date(2025, 2, 1),
        )
        make_policy(section, f"Policy {number}")
    many = added_queries()

    # The twin town it named when live, the section, the section's lists, the twin towns.
    assert few <= 4, f"{few} more queries to publish a trip report"
    assert many == few
