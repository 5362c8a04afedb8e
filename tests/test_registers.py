"""The registers in the admin: trips and twin-town agreements, scoped to the user's sections.

Built with the demo's roles (internationellt_roles): an editor of Torsby sees
Torsby's trips and agreements only; exports are read back row by row.
"""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_department,
    make_section,
    make_trip,
    make_trip_index,
    make_twin_town,
    make_twin_town_index,
)
from wagtail_internationellt.models import (
    InternationalIndexPage,
    TripReportIndexPage,
    TripReportPage,
    TwinTownEvaluation,
    TwinTownIndexPage,
)
from wagtail_internationellt.roles import EDITORS, group_name
from wagtail_internationellt.rules import current_mandate_period

pytestmark = pytest.mark.django_db

TRIPS = "/admin/wagtail_internationellt/tripreportpage/"
TWIN_TOWNS = "/admin/wagtail_internationellt/twintownpage/"


def english(client, url, params):
    """The register in English (the admin follows the browser's language)."""
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")


def english_user(username):
    """A user whose admin is in English, so that the export headings read in English."""
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username, f"{username}@example.se", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def user_in(section, role, username):
    user = english_user(username)
    user.groups.add(Group.objects.get(name=group_name(section, role)))
    return user


@pytest.fixture
def torsby():
    section = make_section("Torsby kommun", slug="torsby")
    towns = make_twin_town_index(section)
    trips = make_trip_index(section)
    department = make_department(section, name="Kommunledningsförvaltningen")
    skjern = make_twin_town(towns, "Skjern", country="DK")
    bomlo = make_twin_town(towns, "Bömlo", country="NO")
    period = current_mandate_period()
    TwinTownEvaluation.objects.create(page=skjern, decision_date=period.start, outcome="continue")
    skjern.save_revision().publish()
    make_trip(
        trips,
        department,
        "Dyr resa till Skjern",
        destination_twin_town=skjern,
        destination_place="",
        start_date=datetime.date(2025, 4, 7),
        end_date=datetime.date(2025, 4, 10),
        board_approval_date=datetime.date(2025, 2, 18),
        total_cost=Decimal("14500"),
    )
    make_trip(
        trips,
        department,
        "Gratis studieresa",
        start_date=datetime.date(2024, 9, 23),
        end_date=datetime.date(2024, 9, 26),
        total_cost=Decimal("0"),
    )
    draft = make_trip(trips, department, "Utkast", start_date=datetime.date(2025, 1, 1))
    draft.unpublish()
    return {"section": section, "skjern": skjern, "bomlo": bomlo, "department": department}


@pytest.fixture
def motala():
    section = make_section("Motala kommun", slug="motala")
    trips = make_trip_index(section)
    make_trip(trips, make_department(section), "Motalas resa")
    return section


@pytest.fixture
def roles(torsby, motala):
    call_command("internationellt_roles", stdout=io.StringIO())
    return {
        "torsby": user_in(torsby["section"], EDITORS, "torsby-red"),
        "motala": user_in(motala, EDITORS, "motala-red"),
    }


def csv_rows(response):
    """The rows of a register's CSV, as a Swedish spreadsheet reads it: UTF-8 with a
    byte order mark, ``;`` between the columns."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = b"".join(response.streaming_content)
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_an_editor_sees_the_trips_of_their_own_municipality_only(client, roles):
    client.force_login(roles["torsby"])

    rows = csv_rows(english(client, TRIPS, {"export": "csv"}))

    assert [row["Title"] for row in rows] == ["Dyr resa till Skjern", "Gratis studieresa"]


def test_another_municipalitys_editor_sees_none_of_them(client, roles):
    client.force_login(roles["motala"])

    rows = csv_rows(english(client, TRIPS, {"export": "csv"}))

    assert [row["Title"] for row in rows] == ["Motalas resa"]


def test_a_user_without_a_section_is_refused(client, roles):
    from django.contrib.auth.models import Permission

    # May use the admin, but may edit no page of any section.
    outsider = english_user("utomstaende")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)

    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    for response in (
        client.get(TRIPS),
        client.get(TRIPS, data={"export": "csv"}),
        client.get(TWIN_TOWNS, data={"export": "csv"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_an_anonymous_visitor_is_sent_to_log_in(client, roles):
    response = client.get(TRIPS)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_exports_write_zero_and_no_as_values_not_dashes(client, roles):
    client.force_login(roles["torsby"])

    rows = {row["Title"]: row for row in csv_rows(english(client, TRIPS, {"export": "csv"}))}
    free = rows["Gratis studieresa"]
    assert free["Total cost (kronor)"] == "0.00"
    assert free["Over the threshold"] == "no"
    assert rows["Dyr resa till Skjern"]["Over the threshold"] == "yes"
    assert rows["Dyr resa till Skjern"]["Destination"] == "Skjern, Denmark"

    response = english(client, TRIPS, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *values = list(sheet.iter_rows(values_only=True))
    by_title = {row[0]: dict(zip(header, row, strict=True)) for row in values}
    assert by_title["Gratis studieresa"]["Total cost (kronor)"] == 0
    assert by_title["Gratis studieresa"]["Over the threshold"] is False
    assert by_title["Dyr resa till Skjern"]["Start date"] == datetime.date(2025, 4, 7)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"ar": "2025"}, ["Dyr resa till Skjern"]),
        ({"ar": "2024"}, ["Gratis studieresa"]),
        ({"over_grans": "ja"}, ["Dyr resa till Skjern"]),
        ({"over_grans": "nej"}, ["Gratis studieresa"]),
        ({"aterrapporterad": "nej"}, ["Dyr resa till Skjern"]),
        ({"mandatperiod": "2023"}, ["Dyr resa till Skjern", "Gratis studieresa"]),
        ({"vanort": "skjern"}, ["Dyr resa till Skjern"]),
        ({"q": "studieresa"}, ["Gratis studieresa"]),
    ],
    ids=[
        "year",
        "other-year",
        "over",
        "not-over",
        "not-reported",
        "period",
        "twin-town",
        "search",
    ],
)
def test_trip_register_filters(client, roles, torsby, params, expected):
    client.force_login(roles["torsby"])
    if params.get("vanort") == "skjern":
        params = {"vanort": torsby["skjern"].pk}

    rows = csv_rows(english(client, TRIPS, {**params, "export": "csv"}))

    assert [row["Title"] for row in rows] == expected


def test_trip_list_links_each_trip_to_the_page_editor_and_the_live_page(client, roles, torsby):
    client.force_login(roles["torsby"])

    html = client.get(TRIPS).content.decode()

    trips = TripReportPage.objects.live().filter(path__startswith=torsby["section"].path)
    assert trips.count() == 2
    for trip in trips:
        assert f'href="/admin/pages/{trip.pk}/edit/"' in html
        assert f'href="{trip.url}"' in html
    assert "Utkast" not in html


@pytest.mark.parametrize("register", [TRIPS, TWIN_TOWNS], ids=["trips", "twin-towns"])
def test_a_register_page_makes_the_same_queries_for_two_and_for_twelve_rows(
    client, roles, torsby, register
):
    client.force_login(roles["torsby"])
    english(client, register, {})  # the first request also fills caches

    table = (
        "wagtail_internationellt_tripreportpage"
        if register == TRIPS
        else "wagtail_internationellt_twintownpage"
    )

    def queries(params=None):
        with CaptureQueriesContext(connection) as captured:
            assert english(client, register, params or {}).status_code == 200
        counts = [
            query["sql"]
            for query in captured
            if f'COUNT(*) AS "__count" FROM "{table}"' in query["sql"]
        ]
        # The rows once, and the selected rows once when a filter selects some:
        # modeladmin's paginator would count them again.
        assert len(counts) == (2 if params else 1), counts
        return len(captured)

    queries({"kommun": torsby["section"].pk})

    few = queries()
    towns = TwinTownIndexPage.objects.get(path__startswith=torsby["section"].path)
    trips = TripReportIndexPage.objects.get(path__startswith=torsby["section"].path)
    for number in range(10):
        make_twin_town(towns, f"Vänort {number}")
        make_trip(trips, torsby["department"], f"Resa {number}")
    many = queries()

    assert few == many, (few, many)
    # Most of them are the admin page's own; the list itself reads its rows once.
    assert many <= 25, many


def test_twin_town_register_shows_what_is_due_for_evaluation(client, roles):
    client.force_login(roles["torsby"])

    rows = {
        row["Twin town"]: row for row in csv_rows(english(client, TWIN_TOWNS, {"export": "csv"}))
    }
    due = csv_rows(english(client, TWIN_TOWNS, {"utvardering": "saknas", "export": "csv"}))

    period = str(current_mandate_period())
    assert rows["Skjern"]["Last evaluated mandate period"] == period
    assert rows["Skjern"]["Due for evaluation this mandate period"] == "no"
    assert rows["Bömlo"]["Due for evaluation this mandate period"] == "yes"
    assert [row["Twin town"] for row in due] == ["Bömlo"]


def test_the_registers_are_grouped_under_one_menu_item(client, roles):
    client.force_login(roles["torsby"])

    html = client.get("/admin/").content.decode()

    assert "International" in html
    assert TRIPS in html and TWIN_TOWNS in html


NOT_FILTERS = [
    {"foo": "1"},
    {"owner__username": "nobody"},  # a database lookup modeladmin would apply
    {"title__startswith": "Zzz"},
]


@pytest.mark.parametrize(
    ("register", "params"),
    [
        # Each register's filter carried over to the other register.
        (TRIPS, {"utvardering": "saknas"}),
        (TWIN_TOWNS, {"ar": "2024"}),
        *[(register, params) for register in (TRIPS, TWIN_TOWNS) for params in NOT_FILTERS],
    ],
)
def test_a_parameter_that_is_no_filter_is_ignored(client, roles, register, params):
    client.force_login(roles["torsby"])
    everything = csv_rows(english(client, register, {"export": "csv"}))

    page = english(client, register, params)
    exported = csv_rows(english(client, register, {**params, "export": "csv"}))

    assert page.status_code == 200
    assert exported == everything
    assert len(everything) == 2


def test_the_trip_register_searches_department_and_twin_town(client, roles):
    client.force_login(roles["torsby"])

    def titles(query):
        return [
            row["Title"] for row in csv_rows(english(client, TRIPS, {"q": query, "export": "csv"}))
        ]

    assert titles("Skjern") == ["Dyr resa till Skjern"]
    assert titles("kommunledning") == ["Dyr resa till Skjern", "Gratis studieresa"]


def test_the_register_is_headed_by_its_menu_name(client, roles):
    client.force_login(roles["torsby"])

    html = english(client, TRIPS, {}).content.decode()

    assert "<h1" in html
    assert "Trips" in html.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_a_title_a_spreadsheet_would_take_for_a_formula_is_exported_as_text(client, roles, torsby):
    trips = TripReportIndexPage.objects.get(path__startswith=torsby["section"].path)
    make_trip(trips, torsby["department"], '=HYPERLINK("http://example.com")')
    client.force_login(roles["torsby"])

    titles = [row["Title"] for row in csv_rows(english(client, TRIPS, {"export": "csv"}))]

    assert '\'=HYPERLINK("http://example.com")' in titles
    assert not any(title.startswith("=") for title in titles)


def test_each_municipality_is_judged_by_its_own_threshold(client, roles, torsby, motala):
    InternationalIndexPage.objects.filter(pk=motala.pk).update(reporting_threshold=20_000)
    motala_trips = TripReportIndexPage.objects.get(path__startswith=motala.path)
    make_trip(
        motala_trips,
        make_department(motala, name="Kultur"),
        "Motalas dyra resa",
        total_cost=Decimal("15000"),
    )
    make_trip(
        motala_trips,
        make_department(motala, name="Teknik"),
        "Motalas dyraste resa",
        total_cost=Decimal("25000"),
    )
    superuser = english_user("overallt")
    superuser.is_superuser = True
    superuser.save()
    client.force_login(superuser)

    rows = {
        row["Title"]: row["Over the threshold"]
        for row in csv_rows(english(client, TRIPS, {"export": "csv"}))
    }
    over = [
        row["Title"]
        for row in csv_rows(english(client, TRIPS, {"over_grans": "ja", "export": "csv"}))
    ]

    # 14 500 kr is over Torsby's 10 000; 15 000 kr is under Motala's 20 000.
    assert rows["Dyr resa till Skjern"] == "yes"
    assert rows["Motalas dyra resa"] == "no"
    assert rows["Motalas dyraste resa"] == "yes"
    assert sorted(over) == ["Dyr resa till Skjern", "Motalas dyraste resa"]
