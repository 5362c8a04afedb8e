"""The render cache: served from the cache, and never stale after a change.

Each test makes a page cached first (two requests), then changes something the
way an editor or a script would and checks what a resident gets next.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tests.factories import (
    add_page,
    make_policy,
    make_section,
    make_trip,
    make_twin_town,
    make_twin_town_index,
    site_root,
)
from wagtail_internationellt.models import TripReportPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = 600
    with translation.override("sv"):
        yield


def get(client, url, params=None, status=200):
    with translation.override("sv"):
        response = client.get(url, params or {})
    assert response.status_code == status, url
    return response.content.decode()


def queries_for(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        html = get(client, url, params)
    return len(queries), html


def rows(html):
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', html)


def test_a_second_request_is_served_from_the_cache_with_the_same_content(client, twin_town_index):
    make_twin_town(twin_town_index, "Skjern")

    first, first_html = queries_for(client, twin_town_index.url)
    second, second_html = queries_for(client, twin_town_index.url)

    assert second < first
    assert second_html == first_html


def test_turning_the_cache_off_renders_every_request(client, twin_town_index, settings):
    settings.WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = 0
    make_twin_town(twin_town_index, "Skjern")
    get(client, twin_town_index.url)

    first, _html = queries_for(client, twin_town_index.url)
    second, _html = queries_for(client, twin_town_index.url)

    assert second == first


def test_a_published_twin_town_appears_in_the_cached_list_at_once(client, twin_town_index):
    make_twin_town(twin_town_index, "Skjern")
    get(client, twin_town_index.url)
    get(client, twin_town_index.url)

    make_twin_town(twin_town_index, "Bömlo", country="NO")

    assert rows(get(client, twin_town_index.url)) == ["Skjern", "Bömlo"]


def test_an_unpublished_page_leaves_the_list_and_its_address_at_once(client, twin_town_index):
    town = make_twin_town(twin_town_index, "Skjern")
    for _ in range(2):
        get(client, twin_town_index.url)
        get(client, town.url)

    town.unpublish()

    assert rows(get(client, twin_town_index.url)) == []
    get(client, town.url, status=404)


def test_a_deleted_page_is_gone_at_once(client, twin_town_index):
    town = make_twin_town(twin_town_index, "Skjern")
    url = town.url
    get(client, url)
    get(client, url)

    town.delete()

    get(client, url, status=404)


def test_a_moved_page_is_found_at_its_new_address(client, section, twin_town_index):
    town = make_twin_town(twin_town_index, "Skjern")
    old_url = town.url
    other_index = make_twin_town_index(
        make_section("Motala kommun", slug="motala"), title="Vänorter"
    )
    get(client, old_url)
    get(client, twin_town_index.url)

    town.move(other_index, pos="last-child")

    # Wagtail's redirects app sends the old address on to the new one.
    with translation.override("sv"):
        assert client.get(old_url)["Location"] == other_index.url + "skjern/"
    assert rows(get(client, twin_town_index.url)) == []
    assert rows(get(client, other_index.url)) == ["Skjern"]
    get(client, other_index.url + "skjern/")


def test_a_changed_trip_shows_on_the_twin_town_page(
    client, twin_town_index, trip_index, department
):
    town = make_twin_town(twin_town_index, "Skjern")
    trip = make_trip(
        trip_index,
        department,
        "Ungdomsutbyte",
        destination_twin_town=town,
        destination_place="",
        board_approval_date=datetime.date(2025, 1, 1),
    )
    get(client, town.url)
    get(client, town.url)

    trip = TripReportPage.objects.get(pk=trip.pk)
    trip.title = "Ungdomsutbyte i Skjern"
    trip.save_revision().publish()

    assert "Ungdomsutbyte i Skjern" in get(client, town.url)


def test_a_renamed_department_shows_on_the_trip_page(client, trip_index, department):
    trip = make_trip(trip_index, department, "Studieresa")
    get(client, trip.url)
    get(client, trip.url)

    department.name = "Kultur- och fritidsnämnden"
    department.save()

    assert "Kultur- och fritidsnämnden" in get(client, trip.url)


def test_a_renamed_start_page_shows_in_the_breadcrumbs(client, twin_town_index):
    town = make_twin_town(twin_town_index, "Skjern")
    get(client, town.url)
    get(client, town.url)

    home = site_root()
    home.title = "Välkommen till kommunen"
    home.save_revision().publish()

    assert "Välkommen till kommunen" in get(client, town.url)


def test_a_change_in_another_municipality_leaves_this_cache_in_place(client, twin_town_index):
    make_twin_town(twin_town_index, "Skjern")
    get(client, twin_town_index.url)
    cached, _html = queries_for(client, twin_town_index.url)

    make_twin_town(make_twin_town_index(make_section("Motala kommun", slug="motala")), "Ry")

    after, _html = queries_for(client, twin_town_index.url)
    assert after == cached


def test_a_policy_comes_into_force_at_midnight_even_when_cached(client, section, monkeypatch):
    today = timezone.localdate()
    policy = make_policy(section, valid_from=today + datetime.timedelta(days=1))
    assert "Kommande" in get(client, policy.url)
    get(client, policy.url)

    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    html = get(client, policy.url)
    assert "Kommande" not in html and "Gällande" in html


def test_filters_are_cached_apart_and_unknown_parameters_are_not_cached(client, twin_town_index):
    make_twin_town(twin_town_index, "Skjern", country="DK")
    make_twin_town(twin_town_index, "Bömlo", country="NO")

    assert rows(get(client, twin_town_index.url, {"country": "NO"})) == ["Bömlo"]
    assert rows(get(client, twin_town_index.url, {"country": "DK"})) == ["Skjern"]
    get(client, twin_town_index.url, {"country": "DK", "utm_source": "nyhetsbrev"})
    first, _html = queries_for(client, twin_town_index.url, {"country": "DK", "utm_source": "x"})
    second, html = queries_for(client, twin_town_index.url, {"country": "DK", "utm_source": "x"})

    assert second == first
    assert rows(html) == ["Skjern"]


def test_a_preview_shows_the_draft_not_the_cached_live_page(twin_town_index):
    town = make_twin_town(twin_town_index, "Skjern")
    from django.test import Client

    client = Client()
    get(client, town.url)
    get(client, town.url)

    town.title = "Skjern (utkast)"
    town.save_revision()
    draft = town.get_latest_revision_as_object()

    assert "Skjern (utkast)" in draft.make_preview_request().content.decode()
    assert "Skjern (utkast)" not in get(client, town.url)


def test_cached_feeds_follow_publishing(client, trip_index, department):
    make_trip(trip_index, department, "Första resan")
    get(client, trip_index.url + "feed/rss/")
    get(client, trip_index.url + "feed/rss/")

    make_trip(trip_index, department, "Andra resan", slug="andra")

    assert "Andra resan" in get(client, trip_index.url + "feed/rss/")


def test_a_routable_pages_own_routes_win_over_a_child_of_the_same_name(
    client, trip_index, department
):
    trip = make_trip(trip_index, department, "Flöde", slug="feed")

    assert "<rss" in get(client, trip_index.url + "feed/rss/")
    assert "<h1" in get(client, trip.url)
    get(client, trip.url + "x/", status=404)


def test_a_child_of_a_plain_page_below_the_section_is_routed(client, section):
    from wagtail.models import Page

    # Sections allow only the package's page types; a host may still have placed
    # another page there through code. Routing must find it as Wagtail would.
    plain = add_page(section, Page(title="Om oss", slug="om-oss"))

    assert get(client, plain.url, status=200) is not None


# When the cache is on


LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SHARED = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache"}
}


def test_unset_the_cache_is_off_with_a_cache_each_process_keeps(settings):
    from wagtail_internationellt import render_cache

    del settings.WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT
    settings.CACHES = LOCMEM
    assert render_cache.timeout() == 0

    settings.CACHES = SHARED
    assert render_cache.timeout() == 600


def test_the_system_check_warns_of_a_per_process_cache_turned_on(settings):
    from wagtail_internationellt.checks import render_cache_shared

    settings.CACHES = LOCMEM
    assert [warning.id for warning in render_cache_shared(None)] == [
        "wagtail_internationellt.W003"
    ]
    settings.CACHES = SHARED
    assert render_cache_shared(None) == []
    settings.CACHES = LOCMEM
    settings.WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = 0
    assert render_cache_shared(None) == []
