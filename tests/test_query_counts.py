"""Every public page makes as many SQL queries for many items as for few (no N+1).

Each page type is built twice, with few and with many of what it lists (twin
towns, trip reports, evaluations, policies, earlier documents…), in a section of
its own. Each page is requested once to warm the caches a running site keeps
(site root paths, content types), then measured: the count at the small size
must hold at the large size, and stay under an upper bound a little above
today's count so that a new query shows. The render cache is turned off for
these counts so that they measure the work of rendering; the last test checks
that with the cache on, a repeated request is cheaper and gives the same page.
"""

import datetime
import json

import pytest
import wagtail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import (
    make_department,
    make_policy,
    make_section,
    make_trip,
    make_trip_index,
    make_twin_town,
    make_twin_town_index,
)
from wagtail_internationellt.models import SupersededDocument, TwinTownEvaluation, TwinTownImage
from wagtail_internationellt.models.twin_towns import TRIPS_ON_TWIN_TOWN_PAGE

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 12
COUNTRIES = ["FI", "DK", "EE", "DE", "NO", "US"]


@pytest.fixture(autouse=True)
def swedish():
    # Swedish, the site's default, has no language prefix in page URLs.
    with translation.override("sv"):
        yield


@pytest.fixture
def uncached(settings):
    settings.WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = 0


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def new_section(name):
    return make_section(name, slug=name.lower())


# Builders: each makes a section with ``count`` items of what the page lists and
# returns the page's URL and a text the page must show when it lists them all.


def section_start(name, count):
    """A section with a chain of ``count`` policies, each superseding the one before."""
    section = new_section(name)
    make_twin_town_index(section)
    make_trip_index(section)
    previous = None
    for number in range(count):
        previous = make_policy(
            section,
            title=f"Policy {number}",
            slug=f"policy-{number}",
            decision_date=datetime.date(2000 + number, 1, 1),
            supersedes=previous,
        )
    return section.url, f"Policy {count - 1}"


def policy_body():
    return json.dumps(
        [
            {"type": "purpose", "value": {"heading": "Syfte", "text": "<p>Varför.</p>"}},
            {"type": "twin_towns", "value": {"heading": "Vänorter", "text": "<p>Avtal.</p>"}},
        ]
    )


def policy_page(name, count):
    """A policy with ``count`` earlier documents on record, ``count`` policies that
    supersede it and ``count`` twin towns in its twin-town section."""
    section = new_section(name)
    towns = make_twin_town_index(section)
    for number in range(count):
        make_twin_town(towns, f"Vänort {number}", slug=f"vanort-{number}", country="DK")
    policy = make_policy(section, title="Policy 2012", slug="policy", body=policy_body())
    SupersededDocument.objects.bulk_create(
        SupersededDocument(
            policy=policy,
            sort_order=number,
            title=f"Riktlinjer {1900 + number}",
            decision_date=datetime.date(1900 + number, 5, 26),
            registry_number=f"KS{1900 + number}/1",
        )
        for number in range(count)
    )
    for number in range(count):
        make_policy(
            section,
            title=f"Efterföljare {number}",
            slug=f"efterfoljare-{number}",
            decision_date=datetime.date(2013 + number, 1, 1),
            supersedes=policy,
        )
    return policy.url, f"Riktlinjer {1900 + count - 1}"


def policy_page_in_a_chain(name, count):
    """The newest of ``count + 1`` policies, each superseding the one before."""
    section = new_section(name)
    previous = None
    for number in range(count + 1):
        previous = make_policy(
            section,
            title=f"Policy {number}",
            slug=f"policy-{number}",
            decision_date=datetime.date(2000 + number, 1, 1),
            supersedes=previous,
        )
    return previous.url, "Policy 0"


def twin_town_list(name, count):
    index = make_twin_town_index(new_section(name))
    for number in range(count):
        make_twin_town(
            index,
            f"Vänort {number}",
            slug=f"vanort-{number}",
            country=COUNTRIES[number % len(COUNTRIES)],
            status="inactive" if number % 3 == 2 else "active",
            latitude=60 + number % 5,
            longitude=20 + number % 7,
        )
    return index.url, f"Vänort {count - 1}"


def twin_town_list_filtered(name, count):
    """``count`` active Finnish twin towns, and two that the filter leaves out."""
    index = make_twin_town_index(new_section(name))
    make_twin_town(index, "Skjern", country="DK")
    make_twin_town(
        index, "Pernå", country="FI", status="terminated", end_date=datetime.date(2019, 1, 1)
    )
    for number in range(count):
        make_twin_town(
            index,
            f"Vänort {number}",
            slug=f"vanort-{number}",
            country="FI",
            latitude=63,
            longitude=22 + number % 4,
        )
    return f"{index.url}?status=active&country=FI", f"Vänort {count - 1}"


def twin_town_page(name, count):
    """A twin town with ``count`` evaluations and as many trips as it shows (at most 10)."""
    section = new_section(name)
    town = make_twin_town(
        make_twin_town_index(section), "Nykarleby", country="FI", latitude=63.5, longitude=22.5
    )
    TwinTownEvaluation.objects.bulk_create(
        TwinTownEvaluation(
            page=town,
            sort_order=number,
            decision_date=datetime.date(2024 - 4 * number, 6, 12),
            decision_reference=f"KF § {number + 1}",
        )
        for number in range(count)
    )
    trip_index, department = make_trip_index(section), make_department(section)
    for number in range(min(count, TRIPS_ON_TWIN_TOWN_PAGE)):
        trip_to(trip_index, department, town, number)
    return town.url, f"KF § {count}"


def twin_town_page_with_images(name, count):
    town = make_twin_town(make_twin_town_index(new_section(name)), "Nykarleby", country="FI")
    for number in range(count):
        image = get_image_model().objects.create(
            title=f"bild-{number}.png",
            description=f"Torget {number}",
            file=get_test_image_file(filename=f"bild-{number}.png"),
        )
        TwinTownImage.objects.create(page=town, image=image, caption=f"Bild {number}")
    return town.url, f"Bild {count - 1}"


def trip_to(trip_index, department, town, number, **fields):
    return make_trip(
        trip_index,
        department,
        f"Resa {number}",
        slug=f"resa-{number}",
        destination_twin_town=town,
        destination_place="",
        board_approval_date=datetime.date(2024, 1, 1),
        **fields,
    )


def trip_report_list(name, count):
    """``count`` trips of two departments, to a twin town or to another place."""
    section = new_section(name)
    town = make_twin_town(make_twin_town_index(section), "Skjern", country="DK")
    trip_index = make_trip_index(section)
    departments = [make_department(section, "Kultur"), make_department(section, "Skola")]
    for number in range(count):
        department = departments[number % 2]
        if number % 2:
            trip_to(trip_index, department, town, number)
        else:
            make_trip(trip_index, department, f"Resa {number}", slug=f"resa-{number}")
    return trip_index.url, f"Resa {count - 1}"


def trips_about_one_twin_town(name, count):
    """``count`` trips to one twin town in 2025, one another year, one elsewhere."""
    section = new_section(name)
    towns = make_twin_town_index(section)
    town = make_twin_town(towns, "Skjern", country="DK")
    other = make_twin_town(towns, "Nykarleby", slug="nykarleby", country="FI")
    trip_index, department = make_trip_index(section), make_department(section)
    trip_to(
        trip_index,
        department,
        town,
        "tidigare",
        start_date=datetime.date(2024, 3, 10),
        end_date=datetime.date(2024, 3, 12),
    )
    trip_to(trip_index, department, other, "annan")
    for number in range(count):
        trip_to(trip_index, department, town, number)
    return f"{trip_index.url}?year=2025&destination={town.pk}", f"Resa {count - 1}"


def trip_report_page(name, count):
    """A trip to a twin town that ``count`` other trips went to too."""
    section = new_section(name)
    town = make_twin_town(make_twin_town_index(section), "Skjern", country="DK")
    trip_index, department = make_trip_index(section), make_department(section)
    for number in range(count):
        trip_to(trip_index, department, town, number)
    trip = trip_to(trip_index, department, town, "denna", total_cost=12400)
    return trip.url, "Skjern"


def feed(route):
    def build(name, count):
        url, last = trip_report_list(name, count)
        return f"{url}feed/{route}/", last

    build.__name__ = f"{route}_feed"
    return build


def section_search(name, count):
    """``count`` trip reports that mention the word searched for."""
    section = new_section(name)
    trip_index, department = make_trip_index(section), make_department(section)
    for number in range(count):
        make_trip(
            trip_index,
            department,
            f"Resa {number}",
            slug=f"resa-{number}",
            purpose="Skolutbyte med vänorten.",
        )
    return f"{section.url}sok/?q=skolutbyte", f"Resa {count - 1}"


# Upper bounds: today's count at the small size (SQLite, cache off) plus two.
PAGES = [
    pytest.param(section_start, 13, id="section-start"),
    pytest.param(policy_page, 18, id="policy-page"),
    pytest.param(policy_page_in_a_chain, 19, id="policy-page-in-a-chain"),
    pytest.param(twin_town_list, 17, id="twin-town-list"),
    pytest.param(twin_town_list_filtered, 17, id="twin-town-list-filtered"),
    pytest.param(twin_town_page, 16, id="twin-town-page"),
    pytest.param(twin_town_page_with_images, 18, id="twin-town-page-with-images"),
    pytest.param(trip_report_list, 19, id="trip-report-list"),
    pytest.param(trips_about_one_twin_town, 19, id="trip-report-list-filtered"),
    pytest.param(trip_report_page, 15, id="trip-report-page"),
    pytest.param(feed("rss"), 16, id="rss-feed"),
    pytest.param(feed("atom"), 16, id="atom-feed"),
    # Wagtail 7.0's own search backend asks two queries more than modelsearch (7.1 on).
    pytest.param(section_search, 12 if wagtail.VERSION >= (7, 1) else 14, id="section-search"),
]


@pytest.mark.parametrize(("build", "bound"), PAGES)
def test_page_makes_as_many_queries_for_many_items_as_for_few(
    client, uncached, django_assert_num_queries, django_assert_max_num_queries, build, bound
):
    few_url, few_last = build("Liten", FEW)
    many_url, many_last = build("Stor", MANY)

    get(client, few_url)  # caches warm, as on a running site
    with django_assert_max_num_queries(bound) as few_queries:
        assert few_last in get(client, few_url)
    few_count = len(few_queries)  # the next request empties the connection's query log
    get(client, many_url)
    with django_assert_num_queries(few_count):
        assert many_last in get(client, many_url)


def test_cached_list_page_is_served_again_with_fewer_queries(client, settings):
    settings.WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = 600
    url, _last = twin_town_list("Cachekommun", FEW)

    with CaptureQueriesContext(connection) as first:
        first_html = get(client, url)
    first_count = len(first)
    with CaptureQueriesContext(connection) as second:
        second_html = get(client, url)

    assert len(second) < first_count
    assert second_html == first_html
