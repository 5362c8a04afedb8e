"""The response cache: whole public pages for visitors without a session, never stale.

Each test has a page answered once (and so kept), then checks what the next request
gets: the kept response without a query, or, after a change, the page afresh.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from tests.factories import make_policy, make_trip, make_twin_town

pytestmark = pytest.mark.django_db

MIDDLEWARE = "wagtail_internationellt.response_cache.ResponseCacheMiddleware"


@pytest.fixture(autouse=True)
def response_cache_on(settings):
    settings.WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = 600
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.middleware.locale.LocaleMiddleware") + 1, MIDDLEWARE
    )
    settings.MIDDLEWARE = middleware
    with translation.override("sv"):
        yield


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, url
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def queries_for(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        body = get(client, url, params)
    return len(queries), body


def test_a_kept_page_is_answered_without_a_query_and_unchanged(client, twin_town_index):
    make_twin_town(twin_town_index, "Skjern")

    first, first_html = queries_for(client, twin_town_index.url)
    second, second_html = queries_for(client, twin_town_index.url)

    assert first > 0
    assert second == 0
    assert second_html == first_html
    assert "Skjern" in second_html


def test_a_kept_page_has_the_headers_of_a_rendered_one(client, twin_town_index):
    rendered = client.get(twin_town_index.url)
    kept = client.get(twin_town_index.url)

    for header in ("Content-Type", "Content-Language", "X-Frame-Options"):
        assert kept[header] == rendered[header], header
    assert "Cookie" in kept["Vary"]
    assert int(kept["Content-Length"]) == len(kept.content)


def test_a_published_page_shows_at_once(client, twin_town_index):
    make_twin_town(twin_town_index, "Skjern")
    get(client, twin_town_index.url)

    make_twin_town(twin_town_index, "Bömlo", country="NO")

    assert "Bömlo" in get(client, twin_town_index.url)


def test_an_unpublished_page_is_gone_at_once(client, twin_town_index):
    town = make_twin_town(twin_town_index, "Skjern")
    get(client, town.url)

    town.unpublish()

    get(client, town.url, status=404)


def test_a_page_made_private_is_not_served_from_the_cache(client, twin_town_index):
    town = make_twin_town(twin_town_index, "Skjern")
    get(client, town.url)

    PageViewRestriction.objects.create(page=town, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(town.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_private_page_is_never_kept(client, twin_town_index):
    town = make_twin_town(twin_town_index, "Skjern")
    PageViewRestriction.objects.create(
        page=town, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    get(client, town.url)

    queries, html = queries_for(client, town.url)

    assert queries > 0
    assert 'name="password"' in html


def test_a_logged_in_editor_gets_the_page_rendered_for_them(
    client, twin_town_index, django_user_model
):
    make_twin_town(twin_town_index, "Skjern")
    anonymous_html = get(client, twin_town_index.url)
    editor = django_user_model.objects.create_superuser("redaktor", "r@example.se", "x")

    client.force_login(editor)
    queries, editor_html = queries_for(client, twin_town_index.url)

    assert queries > 0
    assert "wagtail-userbar" in editor_html
    assert "wagtail-userbar" not in anonymous_html
    client.logout()
    assert "wagtail-userbar" not in get(client, twin_town_index.url)


def test_feeds_and_exports_are_kept_and_follow_publishing(client, trip_index, department):
    make_trip(trip_index, department, "Första resan")
    for suffix in ("feed/rss/", "data/csv/", "data/json/"):
        get(client, trip_index.url + suffix)
        queries, body = queries_for(client, trip_index.url + suffix)
        assert queries == 0, suffix
        assert "Första resan" in body

    make_trip(trip_index, department, "Andra resan", slug="andra")

    for suffix in ("feed/rss/", "data/csv/", "data/json/"):
        assert "Andra resan" in get(client, trip_index.url + suffix), suffix


def test_filters_are_kept_apart_and_unknown_parameters_and_searches_are_not_kept(
    client, section, twin_town_index
):
    make_twin_town(twin_town_index, "Skjern", country="DK")
    make_twin_town(twin_town_index, "Bömlo", country="NO")

    get(client, twin_town_index.url, {"country": "NO"})
    assert "Skjern" in get(client, twin_town_index.url, {"country": "DK"})
    assert "Skjern" not in get(client, twin_town_index.url, {"country": "NO"})
    for url, params in (
        (twin_town_index.url, {"country": "DK", "utm_source": "nyhetsbrev"}),
        (section.url + "sok/", {"q": "Skjern"}),
    ):
        get(client, url, params)
        queries, _html = queries_for(client, url, params)
        assert queries > 0, params


def test_each_language_is_kept_apart(client, twin_town_index):
    make_twin_town(twin_town_index, "Skjern")
    url = twin_town_index.url

    swedish = get(client, url)
    english = get(client, "/en" + url)

    assert 'lang="sv"' in swedish
    assert 'lang="en"' in english
    assert get(client, url) == swedish


def test_a_policy_comes_into_force_at_midnight_even_when_kept(client, section, monkeypatch):
    today = timezone.localdate()
    policy = make_policy(section, valid_from=today + datetime.timedelta(days=1))
    assert "Kommande" in get(client, policy.url)

    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    assert "Gällande" in get(client, policy.url)


def test_nothing_is_kept_with_the_cache_off(client, twin_town_index, settings):
    settings.WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = 0
    make_twin_town(twin_town_index, "Skjern")
    get(client, twin_town_index.url)

    queries, _html = queries_for(client, twin_town_index.url)

    assert queries > 0


def test_the_system_check_wants_the_middleware_after_the_locale_middleware(settings):
    from wagtail_internationellt.checks import response_cache_after_locale

    assert response_cache_after_locale(None) == []
    middleware = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    settings.MIDDLEWARE = [MIDDLEWARE, *middleware]

    assert [error.id for error in response_cache_after_locale(None)] == [
        "wagtail_internationellt.E004"
    ]
