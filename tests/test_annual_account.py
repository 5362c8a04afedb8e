"""The annual account (R4, R5): the live trips of one year, their cost per department and
twin town, the twin-town evaluations of the year; as CSV, XLSX and an admin page."""

import csv
import datetime
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.text import slugify
from openpyxl import load_workbook

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
    TripReportPage,
    TwinTownEvaluation,
)
from wagtail_internationellt.reports import annual_account, write_csv, write_xlsx
from wagtail_internationellt.reports.views import annual_account_view, register_urls
from wagtail_internationellt.roles import EDITORS, setup_section_roles

pytestmark = pytest.mark.django_db

ACCOUNT_URL = "/admin/internationellt/annual-account/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# The demo: Sollefteå's two trips of 2024 (seeds.SOLLEFTEA).


@pytest.fixture
def demo():
    call_command("internationellt_demo", "--no-users", stdout=StringIO())
    return InternationalIndexPage.objects.get(slug="solleftea")


def test_demo_solleftea_2024_counts_its_two_trips(demo):
    account = annual_account(demo, 2024)

    assert account.trip_count == 2
    assert account.total_cost == Decimal("27350.00")  # 8 600 + 18 750
    assert [trip.title for trip in account.trips] == [
        "Exempel: Vänortsbesök i Nykarleby",
        "Exempel: Studieresa till Bryssel om EU-projekt",
    ]
    assert [(d.name, d.trips, d.cost) for d in account.departments] == [
        ("Barn- och utbildningsförvaltningen", 1, Decimal("18750.00")),
        ("Kommunledningsförvaltningen", 1, Decimal("8600.00")),
    ]
    towns = {town.name: (town.trips, town.cost) for town in account.twin_towns}
    assert towns == {
        "Esashi": (0, 0),
        "Madison": (0, 0),
        "Nykarleby": (1, Decimal("8600.00")),
        "Pöltsamaa": (0, 0),
    }
    assert (account.other_destinations.trips, account.other_destinations.cost) == (
        1,
        Decimal("18750.00"),
    )
    nykarleby, brussels = account.trips
    assert not nykarleby.over_threshold and nykarleby.board_approval_reference
    assert brussels.over_threshold
    assert brussels.reported_to_board_date == datetime.date(2024, 10, 15)
    assert account.evaluations == ()


def test_demo_solleftea_2025_counts_only_the_trip_of_2025(demo):
    account = annual_account(demo, 2025)

    assert [trip.destination for trip in account.trips] == ["Trondheim"]
    assert account.total_cost == Decimal("6200.00")


# Generated data: two municipalities, departments, twin towns, trips in and out of the year.


@pytest.fixture
def torsby():
    section = make_section("Torsby kommun", slug="torsby", reporting_threshold=10_000)
    towns = make_twin_town_index(section)
    skjern = make_twin_town(towns, "Skjern", country="DK")
    bomlo = make_twin_town(towns, "Bömlo", country="NO")
    make_twin_town(
        towns, "Pernå", country="FI", status="terminated", end_date=datetime.date(2020, 1, 1)
    )
    trips = make_trip_index(section)
    schools = make_department(section, "Barn- och utbildningsförvaltningen")
    leaders = make_department(section, "Kommunledningsförvaltningen")
    make_department(section, "Kultur- och fritidsförvaltningen")  # no trips

    def trip(title, department, **fields):
        return make_trip(trips, department, title=title, slug=slugify(title), **fields)

    trip(
        "Skjern",
        schools,
        destination_twin_town=skjern,
        destination_place="",
        start_date=datetime.date(2025, 4, 7),
        end_date=datetime.date(2025, 4, 10),
        total_cost=Decimal("12500.50"),
        board_approval_date=datetime.date(2025, 2, 18),
        board_approval_reference="KS § 21",
    )
    trip(
        "Bryssel",
        leaders,
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2025, 9, 3),
        total_cost=Decimal("4000"),
        purpose="=SUMMA(A1) is not a formula",
    )
    no_cost = trip(
        "Oslo",
        leaders,
        destination_place="Oslo",
        destination_country="NO",
        start_date=datetime.date(2025, 11, 5),
        end_date=datetime.date(2025, 11, 6),
    )
    # A report brought in without a cost: it counts as 0 and is flagged.
    TripReportPage.objects.filter(pk=no_cost.pk).update(total_cost=None)
    edited = trip(
        "Bömlo",
        leaders,
        destination_twin_town=bomlo,
        destination_place="",
        start_date=datetime.date(2025, 6, 11),
        end_date=datetime.date(2025, 6, 13),
        total_cost=Decimal("3000"),
        board_approval_date=datetime.date(2025, 5, 7),
        board_approval_reference="KS § 63",
    )
    # A later draft of a published report: the published cost counts.
    edited.total_cost = Decimal("99999")
    edited.save_revision()
    trip("Förra året", schools, start_date=datetime.date(2024, 12, 30))
    draft = TripReportPage(
        title="Utkast",
        slug="utkast",
        department=schools,
        destination_place="Berlin",
        start_date=datetime.date(2025, 5, 1),
        end_date=datetime.date(2025, 5, 2),
        travellers_count=1,
        purpose="p",
        goals="g",
        total_cost=Decimal("50000"),
        live=False,
    )
    trips.add_child(instance=draft)
    TwinTownEvaluation.objects.create(
        page=skjern,
        decision_date=datetime.date(2025, 3, 10),
        outcome="continue",
        decision_reference="KF 2025-03-10 § 12",
    )
    TwinTownEvaluation.objects.create(
        page=bomlo, decision_date=datetime.date(2021, 3, 10), outcome="continue"
    )

    other = make_section("Motala kommun", slug="motala")
    make_trip(make_trip_index(other), make_department(other), total_cost=Decimal("7777"))
    return section


def test_only_live_trips_that_started_in_the_year_count(torsby):
    account = annual_account(torsby, 2025)

    assert [trip.title for trip in account.trips] == ["Skjern", "Bömlo", "Bryssel", "Oslo"]
    assert account.total_cost == Decimal("19500.50")  # 12 500.50 + 3 000 + 4 000 + 0


def test_totals_are_the_sums_of_the_rows(torsby):
    account = annual_account(torsby, 2025)
    total = account.total_cost

    assert total == sum(trip.counted_cost for trip in account.trips)
    assert total == sum(department.cost for department in account.departments)
    assert total == sum(town.cost for town in account.twin_towns) + account.other_destinations.cost
    assert account.trip_count == sum(department.trips for department in account.departments)
    assert all(isinstance(trip.counted_cost, Decimal) for trip in account.trips)


def test_a_trip_without_a_cost_counts_as_zero_and_is_flagged(torsby):
    account = annual_account(torsby, 2025)
    oslo = next(trip for trip in account.trips if trip.title == "Oslo")

    assert oslo.cost is None and oslo.cost_missing and oslo.counted_cost == 0
    assert account.trips_without_cost == 1


def test_cost_per_department_and_per_twin_town(torsby):
    account = annual_account(torsby, 2025)

    assert [(d.name, d.trips, d.cost) for d in account.departments] == [
        ("Barn- och utbildningsförvaltningen", 1, Decimal("12500.50")),
        ("Kommunledningsförvaltningen", 3, Decimal("7000.00")),
    ]
    # Pernå's agreement ended before the year: it is not listed.
    assert [(t.name, t.trips, t.cost) for t in account.twin_towns] == [
        ("Bömlo", 1, Decimal("3000.00")),
        ("Skjern", 1, Decimal("12500.50")),
    ]
    assert (account.other_destinations.trips, account.other_destinations.cost) == (
        2,
        Decimal("4000.00"),
    )


def test_trip_rows_carry_the_decisions_and_the_threshold(torsby):
    skjern, bomlo, brussels, oslo = annual_account(torsby, 2025).trips

    assert skjern.over_threshold and not bomlo.over_threshold and not oslo.over_threshold
    assert skjern.twin_town == "Skjern" and skjern.country == "Denmark"
    assert skjern.board_approval_reference == "KS § 21"
    assert skjern.board_approval_date == datetime.date(2025, 2, 18)
    assert brussels.destination == "Bryssel" and brussels.twin_town == ""
    assert brussels.department == "Kommunledningsförvaltningen"


def test_evaluations_decided_in_the_year(torsby):
    (evaluation,) = annual_account(torsby, 2025).evaluations

    assert evaluation.twin_town == "Skjern"
    assert evaluation.mandate_period == "2023–2026"
    assert evaluation.outcome == "continue"
    assert evaluation.decision_date == datetime.date(2025, 3, 10)
    assert evaluation.decision_reference == "KF 2025-03-10 § 12"


# CSV and XLSX, read back row by row.


def csv_parts(text):
    """The CSV's parts: {title: [column titles, *rows]}."""
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    parts, current = {}, None
    for row in rows[1:]:
        if not row:
            current = None
        elif current is None:
            current = parts.setdefault(row[0], [])
        else:
            current.append(row)
    return rows[0], parts


def test_csv_has_a_part_per_table_with_iso_dates_and_decimal_points(torsby):
    buffer = io.StringIO()
    write_csv(annual_account(torsby, 2025), buffer)
    data = buffer.getvalue().encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")

    title, parts = csv_parts(data.decode("utf-8-sig"))

    assert title == ["Annual account of the international work, Torsby kommun 2025"]
    assert list(parts) == ["Summary", "Trips", "Per department", "Per twin town", "Evaluations"]
    summary = dict(parts["Summary"][1:])
    assert summary["Number of trips"] == "4"
    assert summary["Total cost (kronor)"] == "19500.50"
    assert summary["Trips without a cost (counted as 0)"] == "1"

    header, *trips, total = parts["Trips"]
    column = {name: index for index, name in enumerate(header)}
    assert [row[0] for row in trips] == ["Skjern", "Bömlo", "Bryssel", "Oslo"]
    assert trips[0][column["Start date"]] == "2025-04-07"
    assert trips[0][column["Cost (kronor)"]] == "12500.50"
    assert trips[0][column["Over the threshold"]] == "yes"
    assert trips[3][column["Cost (kronor)"]] == "0.00"
    assert trips[3][column["Cost missing"]] == "yes"
    assert trips[2][column["Purpose"]] == "'=SUMMA(A1) is not a formula"
    assert total[0] == "Total"
    assert total[column["Cost (kronor)"]] == "19500.50"
    assert sum(Decimal(row[column["Cost (kronor)"]]) for row in trips) == Decimal("19500.50")

    assert parts["Per department"] == [
        ["Department", "Trips", "Cost (kronor)"],
        ["Barn- och utbildningsförvaltningen", "1", "12500.50"],
        ["Kommunledningsförvaltningen", "3", "7000.00"],
        ["Total", "4", "19500.50"],
    ]
    assert parts["Per twin town"][1:] == [
        ["Bömlo", "1", "3000.00"],
        ["Skjern", "1", "12500.50"],
        ["Other destinations (not twin towns)", "2", "4000.00"],
        ["Total", "4", "19500.50"],
    ]
    assert parts["Evaluations"] == [
        ["Twin town", "Mandate period", "Outcome", "Decision date", "Decision reference"],
        ["Skjern", "2023–2026", "Continue", "2025-03-10", "KF 2025-03-10 § 12"],
    ]


def read_xlsx(data):
    workbook = load_workbook(io.BytesIO(data))
    return workbook, {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def test_xlsx_has_a_sheet_per_part_with_numbers_and_dates(torsby):
    buffer = io.BytesIO()
    write_xlsx(annual_account(torsby, 2025), buffer)

    workbook, sheets = read_xlsx(buffer.getvalue())

    assert list(sheets) == ["Summary", "Trips", "Per department", "Per twin town", "Evaluations"]
    header, *trips, total = sheets["Trips"]
    column = {name: index for index, name in enumerate(header)}
    assert [row[0] for row in trips] == ["Skjern", "Bömlo", "Bryssel", "Oslo"]
    assert trips[0][column["Start date"]] == datetime.datetime(2025, 4, 7)
    assert trips[0][column["Cost (kronor)"]] == 12500.5
    assert trips[3][column["Cost (kronor)"]] == 0
    assert trips[3][column["Cost missing"]] == "yes"
    assert trips[2][column["Purpose"]] == "=SUMMA(A1) is not a formula"
    assert workbook["Trips"].cell(row=4, column=column["Purpose"] + 1).data_type == "s"
    assert total[column["Cost (kronor)"]] == 19500.5

    assert sheets["Per department"] == [
        ["Department", "Trips", "Cost (kronor)"],
        ["Barn- och utbildningsförvaltningen", 1, 12500.5],
        ["Kommunledningsförvaltningen", 3, 7000],
        ["Total", 4, 19500.5],
    ]
    assert sheets["Per twin town"][-2:] == [
        ["Other destinations (not twin towns)", 2, 4000],
        ["Total", 4, 19500.5],
    ]
    assert sheets["Evaluations"][1] == [
        "Skjern",
        "2023–2026",
        "Continue",
        datetime.datetime(2025, 3, 10),
        "KF 2025-03-10 § 12",
    ]
    summary = dict(sheets["Summary"][1:])
    assert summary["Number of trips"] == 4 and summary["Trips without a cost (counted as 0)"] == 1

    sheet = workbook["Trips"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["A"].width == 40
    assert sheet.cell(row=2, column=column["Start date"] + 1).is_date


def test_a_year_without_trips_gives_zeros_not_blanks(torsby):
    buffer = io.BytesIO()
    write_xlsx(annual_account(torsby, 2023), buffer)

    _workbook, sheets = read_xlsx(buffer.getvalue())

    summary = dict(sheets["Summary"][1:])
    assert summary["Number of trips"] == 0 and summary["Total cost (kronor)"] == 0
    assert sheets["Per department"] == [["Department", "Trips", "Cost (kronor)"], ["Total", 0, 0]]


def test_the_account_takes_the_same_queries_for_3_and_30_trips(django_assert_num_queries):
    def section_with_trips(name, count):
        section = make_section(name)
        index = make_trip_index(section)
        towns = make_twin_town_index(section)
        town = make_twin_town(towns, "Skjern")
        departments = [make_department(section, f"Förvaltning {n}") for n in range(3)]
        for n in range(count):
            fields = {"destination_twin_town": town} if n % 2 else {}
            make_trip(index, departments[n % 3], title=f"Resa {n}", slug=f"resa-{n}", **fields)
        TwinTownEvaluation.objects.create(page=town, decision_date=datetime.date(2025, 1, 1))
        return section

    few, many = section_with_trips("Liten", 3), section_with_trips("Stor", 30)

    for section, count in ((few, 3), (many, 30)):
        with django_assert_num_queries(3):
            account = annual_account(section, 2025)
            write_csv(account, io.StringIO())
            write_xlsx(account, io.BytesIO())
        assert account.trip_count == count


# The management command.


def run(*args):
    out = StringIO()
    call_command("internationellt_annual_report", *args, stdout=out)
    return out.getvalue()


def test_command_writes_csv_to_standard_output(torsby):
    output = run("--municipality", "torsby", "--year", "2025", "--format", "csv")

    title, parts = csv_parts(output.lstrip("\ufeff"))
    assert parts["Per department"][-1] == ["Total", "4", "19500.50"]


def test_command_finds_the_municipality_by_name(torsby):
    output = run("--municipality", "torsby kommun", "--year", "2025")

    assert "Torsby kommun 2025" in output


def test_command_writes_xlsx_to_a_file_named_after_the_section(torsby, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    output = run("--municipality", "torsby", "--year", "2025", "--format", "xlsx")

    written = tmp_path / "torsby-arsredovisning-2025.xlsx"
    assert str(written.name) in output
    _workbook, sheets = read_xlsx(written.read_bytes())
    assert sheets["Per department"][-1] == ["Total", 4, 19500.5]


def test_command_writes_csv_to_the_given_file(torsby, tmp_path):
    target = tmp_path / "konto.csv"

    run("--municipality", "torsby", "--year", "2025", "--output", str(target))

    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Per twin town" in target.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--municipality", "atlantis", "--year", "2025"], "No international section"),
        (["--municipality", "torsby", "--year", "1850"], "The year must be between 1900"),
        (["--municipality", "torsby", "--year", "2999"], "The year must be between 1900"),
        (["--municipality", "torsby", "--year", "2025", "--format", "pdf"], "Unknown format"),
    ],
)
def test_command_refuses_what_it_cannot_do(torsby, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


# The admin view.


def editor_of(section, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.se", "pw")
    user.groups.add(setup_section_roles(section).groups[EDITORS])
    return user


@pytest.fixture
def admin_client(client, torsby):
    client.force_login(editor_of(torsby, "redaktor"))
    return client


def test_register_urls_names_the_view():
    (pattern,) = register_urls()

    assert pattern.name == "wagtail_internationellt_annual_account"
    assert pattern.callback is annual_account_view
    assert str(pattern.pattern) == "internationellt/annual-account/"


def test_editor_sees_the_account_of_their_section(admin_client, torsby):
    # The admin speaks the user's language, by default the site's: Swedish.
    response = admin_client.get(ACCOUNT_URL, {"section": torsby.pk, "year": 2025})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Årsredovisning av det internationella arbetet, Torsby kommun 2025" in html
    assert "Kommunledningsförvaltningen" in html and "Bryssel" in html
    assert "@media print" in html
    assert "format=csv" in html and "format=xlsx" in html
    # Only the municipality the editor may edit is offered.
    assert [choice[1] for choice in response.context["form"].fields["section"].choices] == [
        "Torsby kommun"
    ]


def test_the_form_alone_is_shown_before_a_choice(admin_client):
    response = admin_client.get(ACCOUNT_URL)

    assert response.status_code == 200
    assert response.context["account"] is None


def test_editor_of_another_municipality_is_refused(client, torsby):
    motala = InternationalIndexPage.objects.get(slug="motala")
    client.force_login(editor_of(motala, "motala-redaktor"))

    for query in ({}, {"format": "csv"}, {"format": "xlsx"}):
        response = client.get(ACCOUNT_URL, {"section": torsby.pk, "year": 2025, **query})
        assert response.status_code == 403
        assert b"Bryssel" not in response.content


def test_downloads_have_their_content_types(admin_client, torsby):
    query = {"section": torsby.pk, "year": 2025}

    csv_response = admin_client.get(ACCOUNT_URL, {**query, "format": "csv"})
    xlsx_response = admin_client.get(ACCOUNT_URL, {**query, "format": "xlsx"})

    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="torsby-arsredovisning-2025.csv"' in csv_response["Content-Disposition"]
    assert csv_response.content.startswith(b"\xef\xbb\xbf")
    assert xlsx_response["Content-Type"] == XLSX
    assert 'filename="torsby-arsredovisning-2025.xlsx"' in xlsx_response["Content-Disposition"]
    _workbook, sheets = read_xlsx(xlsx_response.content)
    assert len(sheets) == 5
