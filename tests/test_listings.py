"""What residents do with the lists: filter, page through, search, map, feeds, open data.

Feeds and exports are parsed with the standard library's XML, CSV and JSON
readers, as a program that reuses the data would read them.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html import unescape

import pytest
from django.utils import translation

from tests.factories import (
    make_department,
    make_policy,
    make_section,
    make_trip,
    make_twin_town,
    make_twin_town_index,
)
from wagtail_internationellt.models import TwinTownEvaluation

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def fetch(client, url, params=None, status=200):
    with translation.override("sv"):
        response = client.get(url, params or {})
    assert response.status_code == status, url
    return response


def html_of(client, url, params=None):
    return fetch(client, url, params).content.decode()


def content_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def table_rows(html):
    """The twin town names in the list's table, in order."""
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', html)


def trip_titles(html):
    return re.findall(r'class="intl-trip__title"><a href="[^"]+">([^<]+)</a>', html)


def json_ld(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.fixture
def towns(twin_town_index):
    return {
        "skjern": make_twin_town(
            twin_town_index,
            "Skjern",
            country="DK",
            latitude=Decimal("55.95"),
            longitude=Decimal("8.5"),
        ),
        "bomlo": make_twin_town(
            twin_town_index,
            "Bömlo",
            country="NO",
            latitude=Decimal("59.78"),
            longitude=Decimal("5.22"),
        ),
        "perna": make_twin_town(twin_town_index, "Pernå", country="FI", status="inactive"),
        "rautalampi": make_twin_town(twin_town_index, "Rautalampi", country="FI"),
    }


# Twin town list: filters, order, pagination, map


def test_twin_towns_are_listed_by_country_in_swedish_order(client, twin_town_index, towns):
    make_twin_town(twin_town_index, "Grosskrotzenburg", country="DE")

    html = html_of(client, twin_town_index.url)

    # Danmark, Finland (Pernå, Rautalampi), Norge, Tyskland: by the Swedish names.
    assert table_rows(html) == ["Skjern", "Pernå", "Rautalampi", "Bömlo", "Grosskrotzenburg"]


def test_twin_towns_filter_by_status_and_by_country(client, twin_town_index, towns):
    assert table_rows(html_of(client, twin_town_index.url, {"status": "inactive"})) == ["Pernå"]
    assert table_rows(html_of(client, twin_town_index.url, {"country": "FI"})) == [
        "Pernå",
        "Rautalampi",
    ]
    both = html_of(client, twin_town_index.url, {"country": "FI", "status": "active"})
    assert table_rows(both) == ["Rautalampi"]
    assert 'role="status">1 träff<' in both


def test_twin_town_filters_offer_only_countries_that_occur(client, twin_town_index, towns):
    html = html_of(client, twin_town_index.url)
    country_select = html[
        html.index('name="country"') : html.index("</select>", html.index('name="country"'))
    ]

    assert re.findall(r'<option value="(\w*)"', country_select) == ["", "DK", "FI", "NO"]


def test_an_unknown_filter_value_is_reported_and_the_whole_list_shown(
    client, twin_town_index, towns
):
    html = html_of(client, twin_town_index.url, {"country": "XX"})

    assert len(table_rows(html)) == 4
    assert 'class="intl-field-error" id="id_country-error"' in html
    assert 'aria-invalid="true" aria-describedby="id_country-error"' in html
    assert "XX" in unescape(html[html.index('class="intl-field-error"') :])


def test_a_filter_that_matches_nothing_says_so(client, twin_town_index, towns):
    english_url = "/en" + twin_town_index.url
    with translation.override("en"):
        html = html_of(client, english_url, {"country": "NO", "status": "inactive"})

    assert table_rows(html) == []
    assert "No twin town matches the filters." in html
    assert '<a href="?">Clear filters</a>' in html


def test_twin_town_list_pages_keep_the_filters(client, twin_town_index):
    for number in range(55):
        make_twin_town(twin_town_index, f"Ort {number:02}", slug=f"ort-{number}", country="FI")
    make_twin_town(twin_town_index, "Skjern", country="DK")

    first = html_of(client, twin_town_index.url, {"country": "FI"})
    second = html_of(client, twin_town_index.url, {"country": "FI", "page": 2})

    assert len(table_rows(first)) == 50
    assert table_rows(second) == [f"Ort {number:02}" for number in range(50, 55)]
    assert 'href="?country=FI&amp;page=2"' in first
    assert "Skjern" not in first + second


def test_map_draws_each_listed_twin_town_with_coordinates_and_a_text_alternative(
    client, twin_town_index, towns
):
    html = html_of(client, twin_town_index.url)
    svg = html[html.index("<svg") : html.index("</svg>")]

    assert 'role="img"' in svg and 'aria-labelledby="intl-map-title intl-map-desc"' in svg
    # Two towns have coordinates; both are named in the description.
    assert re.findall(r"<circle[^>]*><title>([^<]+)</title>", svg) == ["Skjern", "Bömlo"]
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "Skjern" in description and "Bömlo" in description
    # The two without coordinates are named as missing, not passed over.
    assert "Saknas på kartan eftersom koordinater saknas: Pernå, Rautalampi." in description
    assert "Visas inte eftersom koordinater saknas: Pernå, Rautalampi." in html
    # Skjern (55.95 N) lies south of Bömlo (59.78 N): larger y in SVG.
    circles = {
        title: float(cy)
        for cy, title in re.findall(r'<circle[^>]*cy="([-\d.]+)"[^>]*><title>([^<]+)<', svg)
    }
    assert circles["Skjern"] > circles["Bömlo"]
    # Numbers are written with a decimal point in Swedish too.
    assert not re.search(r'(?:cx|cy|r|x|width)="[-\d]+,\d', svg)
    # The land outline is the package's own file.
    assert 'href="/static/wagtail_internationellt/map/land.svg"' in svg


def test_no_map_without_coordinates(client, twin_town_index):
    make_twin_town(twin_town_index, "Skjern")

    assert "<svg" not in html_of(client, twin_town_index.url)


# Twin town page


def test_twin_town_page_describes_the_place_as_json_ld(client, twin_town_index):
    town = make_twin_town(
        twin_town_index,
        "Madison",
        official_name="Madison the City",
        country="US",
        region="Wisconsin",
        latitude=Decimal("43.0731"),
        longitude=Decimal("-89.4012"),
        website="https://www.cityofmadison.com/",
    )

    data = json_ld(html_of(client, town.url))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "City"
    assert data["name"] == "Madison"
    assert data["alternateName"] == "Madison the City"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "US",
        "addressRegion": "Wisconsin",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 43.0731, "longitude": -89.4012}
    assert data["url"].endswith(town.url)


def test_json_ld_cannot_be_closed_by_page_text(client, twin_town_index):
    town = make_twin_town(twin_town_index, "Skjern", region="</script><script>alert(1)</script>")

    html = html_of(client, town.url)

    assert "<script>alert(1)" not in html
    assert json_ld(html)["address"]["addressRegion"] == "</script><script>alert(1)</script>"


def test_twin_town_page_lists_its_latest_trips_and_links_to_all_of_them(
    client, twin_town_index, trip_index, department, towns
):
    skjern = towns["skjern"]
    for number in range(12):
        make_trip(
            trip_index,
            department,
            f"Resa {number:02}",
            slug=f"resa-{number}",
            destination_twin_town=skjern,
            destination_place="",
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number * 7),
            end_date=datetime.date(2024, 1, 2) + datetime.timedelta(days=number * 7),
            board_approval_date=datetime.date(2023, 12, 1),
        )

    html = html_of(client, skjern.url)

    assert trip_titles(html) == [f"Resa {number:02}" for number in range(11, 1, -1)]
    link = f'href="{trip_index.url}?destination={skjern.pk}"'
    assert link in html
    listed = html_of(client, trip_index.url, {"destination": skjern.pk})
    assert len(trip_titles(listed)) == 12


# Trip report list: filters


@pytest.fixture
def trips(trip_index, department, section, towns):
    other_department = make_department(section, name="Kommunledningsförvaltningen")
    return [
        make_trip(
            trip_index,
            department,
            "Ungdomsutbyte i Skjern",
            destination_twin_town=towns["skjern"],
            destination_place="",
            start_date=datetime.date(2025, 4, 7),
            end_date=datetime.date(2025, 4, 10),
            board_approval_date=datetime.date(2025, 2, 18),
        ),
        make_trip(
            trip_index,
            other_department,
            "Studieresa till Bryssel",
            start_date=datetime.date(2024, 9, 23),
            end_date=datetime.date(2024, 9, 26),
        ),
        make_trip(
            trip_index,
            other_department,
            "Nätverksmöte i Oslo",
            destination_place="Oslo",
            destination_country="NO",
            start_date=datetime.date(2024, 2, 1),
            end_date=datetime.date(2024, 2, 2),
        ),
        make_trip(
            trip_index,
            department,
            "Kulturbesök i Bömlo",
            destination_twin_town=towns["bomlo"],
            destination_place="",
            start_date=datetime.date(2023, 6, 11),
            end_date=datetime.date(2023, 6, 13),
            board_approval_date=datetime.date(2023, 5, 7),
        ),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            [
                "Ungdomsutbyte i Skjern",
                "Studieresa till Bryssel",
                "Nätverksmöte i Oslo",
                "Kulturbesök i Bömlo",
            ],
        ),
        ({"year": "2024"}, ["Studieresa till Bryssel", "Nätverksmöte i Oslo"]),
        ({"department": "other"}, ["Studieresa till Bryssel", "Nätverksmöte i Oslo"]),
        ({"destination": "bomlo"}, ["Kulturbesök i Bömlo"]),
        # Norway: a twin town in Norway and a place in Norway.
        ({"country": "NO"}, ["Nätverksmöte i Oslo", "Kulturbesök i Bömlo"]),
        ({"country": "NO", "year": "2024"}, ["Nätverksmöte i Oslo"]),
        (
            # A year without trips: none, as the exports and feeds say too.
            {"year": "1999"},
            [],
        ),
        (
            # Not a year at all: ignored, with an error on the field.
            {"year": "nittio"},
            [
                "Ungdomsutbyte i Skjern",
                "Studieresa till Bryssel",
                "Nätverksmöte i Oslo",
                "Kulturbesök i Bömlo",
            ],
        ),
    ],
    ids=[
        "all",
        "year",
        "department",
        "twin-town",
        "country",
        "country-and-year",
        "year-without-trips",
        "not-a-year",
    ],
)
def test_trip_reports_filter_by_year_department_destination_and_country(
    client, trip_index, trips, towns, params, expected
):
    resolved = dict(params)
    if resolved.get("department") == "other":
        resolved["department"] = trips[1].department_id
    if resolved.get("destination") == "bomlo":
        resolved["destination"] = towns["bomlo"].pk

    assert trip_titles(html_of(client, trip_index.url, resolved)) == expected


def test_trip_filters_offer_the_years_and_destinations_that_occur(client, trip_index, trips):
    html = html_of(client, trip_index.url)

    def options(name):
        start = html.index(f'name="{name}"')
        return re.findall(
            r'<option value="([^"]*)"[^>]*>([^<]*)<', html[start : html.index("</select>", start)]
        )

    assert [value for value, _label in options("year")] == ["", "2025", "2024", "2023"]
    assert [label for _value, label in options("destination")][1:] == ["Bömlo", "Skjern"]
    assert [label for _value, label in options("country")][1:] == ["Belgien", "Danmark", "Norge"]


def test_every_filter_has_a_label_and_the_form_works_without_javascript(client, trip_index, trips):
    html = html_of(client, trip_index.url)
    form = html[html.index('<form class="intl-filters"') : html.index("</form>")]

    assert 'method="get"' in form
    for name in ("year", "department", "destination", "country"):
        field_id = re.search(rf'name="{name}" id="([^"]+)"', form).group(1)
        assert f'<label for="{field_id}">' in form
    assert '<button type="submit"' in form


# Feeds


def test_rss_feed_lists_the_live_reports_newest_first(client, trip_index, trips, department):
    draft = make_trip(trip_index, department, "Utkast till resa")
    draft.unpublish()

    response = fetch(client, trip_index.url + "feed/rss/")
    channel = ET.fromstring(  # noqa: S314 (the suite's own output)
        content_of(response)
    ).find("channel")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert channel.findtext("title") == "Reserapporter – Torsby kommun"
    assert channel.findtext("language") == "sv"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [trip.title for trip in trips]
    first = items[0]
    assert first.findtext("link") == trips[0].full_url
    assert "Skjern" in first.findtext("description")
    assert first.findtext("category") == "Kultur- och fritidsförvaltningen"


def test_atom_feed_parses_and_follows_the_filters(client, trip_index, trips):
    response = fetch(client, trip_index.url + "feed/atom/", {"year": "2024"})
    feed = ET.fromstring(  # noqa: S314 (the suite's own output)
        content_of(response)
    )

    assert feed.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Studieresa till Bryssel", "Nätverksmöte i Oslo"]


def test_the_list_page_announces_its_feeds(client, trip_index, trips):
    html = html_of(client, trip_index.url)

    rss = f'href="{trip_index.url}feed/rss/"'
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Reserapporter (RSS)" {rss}>'
        in html
    )
    assert f'href="{trip_index.url}feed/atom/"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", ""), ("page=3", ""), ("year=2024&page=3", "?year=2024")],
)
def test_feed_and_export_links_keep_the_filters_and_never_end_in_a_lone_question_mark(
    rf, query, expected
):
    """Django 6 gives "?" where no parameter is left, Django 5.2 "" (or "?" once a
    parameter was removed); the links are the same on both."""
    from django.template import engines

    template = engines["django"].from_string(
        "{% load internationellt %}{% intl_querystring page=None %}"
    )

    assert template.render(request=rf.get(f"/reserapporter/?{query}")) == expected


# Open data


def read_csv(response):
    text = content_of(response).decode("utf-8")
    assert text.startswith("\ufeff"), "Swedish spreadsheets need the byte order mark"
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_trip_reports_export_as_csv_one_row_per_live_report(client, trip_index, trips, department):
    make_trip(trip_index, department, "Opublicerad resa").unpublish()

    response = fetch(client, trip_index.url + "data/csv/")
    rows = read_csv(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="torsby-kommun-reserapporter.csv"' in response["Content-Disposition"]
    assert [row["title"] for row in rows] == [trip.title for trip in trips]
    skjern = rows[0]
    assert skjern["destination"] == "Skjern"
    assert skjern["country"] == "DK"
    assert skjern["country_name"] == "Danmark"
    assert skjern["start_date"] == "2025-04-07"
    assert skjern["department"] == "Kultur- och fritidsförvaltningen"
    assert skjern["total_cost_sek"] == "8000"
    assert skjern["over_threshold"] == "false"
    assert skjern["board_approval_date"] == "2025-02-18"
    assert skjern["url"] == trips[0].full_url
    assert rows[1]["destination"] == "Bryssel"
    assert rows[1]["twin_town_id"] == ""


def test_trip_export_marks_reports_over_the_municipality_threshold(
    client, section, trip_index, department
):
    section.reporting_threshold = 5000
    section.save_revision().publish()
    make_trip(trip_index, department, "Dyr resa", total_cost=Decimal("5000.50"))
    make_trip(trip_index, department, "Billig resa", slug="billig", total_cost=Decimal("5000"))

    rows = {row["title"]: row for row in read_csv(fetch(client, trip_index.url + "data/csv/"))}

    assert rows["Dyr resa"]["over_threshold"] == "true"
    assert rows["Dyr resa"]["total_cost_sek"] == "5000.5"
    assert rows["Billig resa"]["over_threshold"] == "false"


def test_trip_reports_export_as_json_with_the_licence(client, trip_index, trips):
    response = fetch(client, trip_index.url + "data/json/", {"year": "2024"})
    document = json.loads(content_of(response))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert document["municipality"] == "Torsby kommun"
    assert document["licence"]["id"] == "CC0-1.0"
    assert document["source"] == trip_index.full_url
    assert [item["title"] for item in document["items"]] == [
        "Studieresa till Bryssel",
        "Nätverksmöte i Oslo",
    ]
    item = document["items"][0]
    assert list(item) == document["fields"]
    assert item["total_cost_sek"] == 8000
    assert item["over_threshold"] is False
    assert item["start_date"] == "2024-09-23"


def test_twin_towns_export_as_csv_and_json_with_the_latest_evaluation(
    client, twin_town_index, towns
):
    skjern = towns["skjern"]
    for day in (datetime.date(2016, 3, 1), datetime.date(2024, 5, 20)):
        TwinTownEvaluation.objects.create(page=skjern, decision_date=day, outcome="continue")
    skjern.save_revision().publish()

    rows = read_csv(fetch(client, twin_town_index.url + "data/csv/"))
    document = json.loads(content_of(fetch(client, twin_town_index.url + "data/json/")))

    assert [row["name"] for row in rows] == ["Skjern", "Pernå", "Rautalampi", "Bömlo"]
    assert rows[0]["last_evaluated_period"] == "2023–2026"
    assert rows[0]["last_evaluation_outcome"] == "continue"
    assert rows[0]["latitude"] == "55.95"
    assert rows[1]["status"] == "inactive"
    assert [item["name"] for item in document["items"]] == [row["name"] for row in rows]
    assert document["items"][0]["latitude"] == 55.95
    assert document["items"][0]["decision_year"] == 1977


def test_exports_follow_the_list_filters(client, twin_town_index, towns):
    rows = read_csv(fetch(client, twin_town_index.url + "data/csv/", {"country": "FI"}))

    assert [row["name"] for row in rows] == ["Pernå", "Rautalampi"]


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_defused(client, twin_town_index):
    make_twin_town(
        twin_town_index,
        '=HYPERLINK("http://example.com")',
        slug="formel",
        region="+46 tal",
        decision_reference="@SUM(A1)",
    )

    row = read_csv(fetch(client, twin_town_index.url + "data/csv/"))[0]

    assert row["name"] == '\'=HYPERLINK("http://example.com")'
    assert row["region"] == "'+46 tal"
    assert row["decision_reference"] == "'@SUM(A1)"


def test_list_pages_link_their_open_data_with_the_current_filters(client, twin_town_index, towns):
    html = html_of(client, twin_town_index.url, {"country": "FI", "page": "1"})

    assert f'href="{twin_town_index.url}data/csv/?country=FI"' in html
    assert f'href="{twin_town_index.url}data/json/?country=FI"' in html
    assert 'rel="license"' in html


def test_unpublished_list_has_no_exports(client, twin_town_index, towns):
    twin_town_index.unpublish()

    fetch(client, twin_town_index.url + "data/csv/", status=404)


# Search


def test_search_finds_each_page_type_by_its_own_text(
    client, section, twin_town_index, trip_index, department
):
    body = json.dumps(
        [
            {
                "type": "text",
                "value": {
                    "heading": "Syfte",
                    "text": "<p>Kommunen samverkar om klimatfrågor.</p>",
                },
            }
        ]
    )
    make_policy(section, title="Internationell policy", body=body)
    make_twin_town(twin_town_index, "Madison", region="Wisconsin", country="US")
    make_trip(trip_index, department, "Studieresa", purpose="Lära om fjärrvärme i Tammerfors.")

    def found(query):
        html = html_of(client, section.url + "sok/", {"q": query})
        return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)

    assert found("klimatfrågor") == ["Internationell policy"]
    assert found("Wisconsin") == ["Madison"]
    assert found("fjärrvärme") == ["Studieresa"]
    assert found("Kultur- och fritidsförvaltningen") == ["Studieresa"]
    # Countries by name, in Swedish and in English.
    assert found("förenta") == ["Madison"]
    assert found("Belgien") == ["Studieresa"]
    assert found("Belgium") == ["Studieresa"]


def test_search_shows_only_live_pages_of_its_own_municipality(client, section, twin_town_index):
    make_twin_town(twin_town_index, "Skjern", region="Ringkøbing")
    hidden = make_twin_town(twin_town_index, "Pernå", region="Ringkøbing", slug="dold")
    hidden.unpublish()
    other = make_twin_town(
        make_twin_town_index(make_section("Motala kommun", slug="motala")),
        "Skjern",
        region="Ringkøbing",
    )

    html = html_of(client, section.url + "sok/", {"q": "Ringkøbing"})

    assert re.findall(r'<h2><a href="([^"]+)">', html) == [f"{twin_town_index.url}skjern/"]
    assert other.url not in html


def test_search_without_a_query_shows_the_form_only(client, section):
    html = html_of(client, section.url + "sok/")

    assert 'name="q"' in html
    assert 'role="status"' not in html


def test_the_section_start_page_has_a_search_form(client, section):
    html = html_of(client, section.url)

    assert f'action="{section.url}sok/"' in html
    assert re.search(r'<label for="intl-search-query">[^<]+</label>', html)


# A resident's way through the demo


def test_a_resident_goes_from_the_start_page_to_bomlo_to_a_trip_and_back(client):
    from django.core.management import call_command

    call_command("internationellt_demo", stdout=io.StringIO())

    def follow(html, text):
        match = re.search(rf'<a href="([^"]+)"[^>]*>{re.escape(text)}', html)
        assert match, f"no link to {text}"
        return match.group(1)

    start = html_of(client, "/")
    torsby = html_of(client, follow(start, "Torsby kommun"))
    twin_towns = html_of(client, follow(torsby, "Vänorter"))
    bomlo_url = follow(twin_towns, "Bömlo")
    bomlo = html_of(client, bomlo_url)
    assert "<h1" in bomlo and "Bömlo</h1>" in bomlo
    trip = html_of(client, follow(bomlo, "Exempel: Vänortsbesök i Bömlo"))
    assert f'<a href="{bomlo_url}">Bömlo</a>' in trip
    # Back through the breadcrumbs.
    breadcrumbs = trip[
        trip.index('class="intl-breadcrumbs"') : trip.index(
            "</nav>", trip.index('class="intl-breadcrumbs"')
        )
    ]
    assert 'href="/torsby/"' in breadcrumbs and 'href="/"' in breadcrumbs


def test_a_word_found_almost_everywhere_lists_the_newest_pages_first(
    client, section, trip_index, department, monkeypatch
):
    from wagtail_internationellt.models import sections

    monkeypatch.setattr(sections, "RANKED_SEARCH_LIMIT", 2)
    for number in range(3):
        make_trip(trip_index, department, f"Skolresa {number}", slug=f"skolresa-{number}")

    html = html_of(client, section.url + "sok/", {"q": "Skolresa"})

    titles = re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)
    assert titles == ["Skolresa 2", "Skolresa 1", "Skolresa 0"]
    assert "de senast publicerade visas först" in html


def test_a_policy_lists_thirty_twin_towns_and_links_to_the_rest(client, section, twin_town_index):
    for number in range(31):
        make_twin_town(twin_town_index, f"Ort {number:02}", slug=f"ort-{number}")
    body = json.dumps([{"type": "twin_towns", "value": {"heading": "Vänorter", "text": ""}}])
    policy = make_policy(section, body=body)

    html = html_of(client, policy.url)
    listed = html[
        html.index('class="intl-twin-town-list"') : html.index(
            "</ul>", html.index('class="intl-twin-town-list"')
        )
    ]

    assert listed.count("<li>") == 30
    assert f'<a href="{twin_town_index.url}">Alla vänorter</a>' in html


@pytest.mark.parametrize("year", ["1999", "nittio", "2024"])
def test_a_list_its_downloads_and_its_feeds_agree_on_any_filter_value(
    client, trip_index, trips, year
):
    listed = trip_titles(html_of(client, trip_index.url, {"year": year}))
    exported = [
        row["title"]
        for row in read_csv(fetch(client, trip_index.url + "data/csv/", {"year": year}))
    ]
    feed = ET.fromstring(  # noqa: S314 (the suite's own output)
        content_of(fetch(client, trip_index.url + "feed/rss/", {"year": year}))
    )

    assert exported == listed
    assert [item.findtext("title") for item in feed.iter("item")] == listed


def test_a_chosen_value_that_matches_nothing_stays_selected(client, trip_index, trips):
    html = html_of(client, trip_index.url, {"year": "1999"})

    assert '<option value="1999" selected>1999</option>' in html
    assert 'class="intl-field-error"' not in html
    assert "Ingen reserapport matchar filtren." in html


def test_english_pages_mark_the_swedish_content_as_swedish(client, trip_index, trips):
    english_url = "/en" + trips[0].url
    with translation.override("en"):
        html = html_of(client, english_url)
    swedish_html = html_of(client, trips[0].url)

    assert '<html lang="en">' in html
    assert '<h1 id="intl-title" lang="sv">Ungdomsutbyte i Skjern</h1>' in html
    assert '<div lang="sv"><p>Lära av andra kommuners EU-arbete.</p></div>' in html
    # The interface around it is English and not marked.
    assert ">Purpose</h2>" in html
    assert 'lang="sv"' not in swedish_html.split("<main", 1)[1]


def test_search_results_have_their_own_breadcrumb(client, section):
    html = html_of(client, section.url + "sok/", {"q": "Torsby"})
    start = html.index('class="intl-breadcrumbs"')
    breadcrumbs = html[start : html.index("</nav>", start)]

    assert f'<a href="{section.url}">Internationellt arbete (Torsby kommun)</a>' in breadcrumbs
    assert 'aria-current="page">Sök</a>' in breadcrumbs
    assert "Startsida för det internationella arbetet" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"', None),
        ('"""', None),
        ("\x00", None),
        ('Skjern"', ["Skjern"]),
        ('"Skjern', ["Skjern"]),
        ("Sk\x07jern", ["Skjern"]),
        ("Skj\x00ern", ["Skjern"]),
    ],
    ids=["quote", "three-quotes", "nul", "quote-after", "quote-before", "bell", "nul-inside"],
)
def test_search_takes_any_text_a_resident_may_type(
    client, section, twin_town_index, query, expected
):
    make_twin_town(twin_town_index, "Skjern")

    html = html_of(client, section.url + "sok/", {"q": query})

    if expected is None:
        # Nothing searchable is left: the form alone, no result count.
        assert 'role="status"' not in html
    else:
        assert re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html) == expected


def test_search_finds_a_quoted_word(client, section, twin_town_index):
    make_twin_town(twin_town_index, "Skjern")

    html = html_of(client, section.url + "sok/", {"q": '"Skjern"'})

    assert re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html) == ["Skjern"]


def test_pages_behind_a_view_restriction_are_not_listed_anywhere(
    client, section, twin_town_index, trip_index, department
):
    from wagtail.models import PageViewRestriction

    policy = make_policy(section)
    open_town = make_twin_town(twin_town_index, title="Skjern")
    private_town = make_twin_town(twin_town_index, title="Hemligstad")
    open_trip = make_trip(
        trip_index, department, title="Öppen resa", destination_twin_town=open_town
    )
    private_trip = make_trip(
        trip_index, department, title="Hemlig resa", destination_twin_town=open_town
    )
    for page in (private_town, private_trip):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
        )

    pages = [section.url, policy.url, twin_town_index.url, trip_index.url, open_town.url]
    for url in pages:
        html = html_of(client, url)
        assert "Hemligstad" not in html, url
        assert "Hemlig resa" not in html, url
    assert "Skjern" in html_of(client, twin_town_index.url)
    assert open_trip.title in html_of(client, trip_index.url)
    assert open_trip.title in html_of(client, open_town.url)
