"""Importing twin towns and earlier trips from a spreadsheet (CSV) as drafts.

Every row is checked by the models' own rules before anything is written; a file
with one wrong row writes nothing, and the imported pages wait for approval like
any other draft (W1).
"""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageLogEntry, Revision

from tests.factories import (
    make_department,
    make_section,
    make_trip,
    make_trip_index,
    make_twin_town,
    make_twin_town_index,
)
from wagtail_internationellt.importing import TRIPS, TWIN_TOWNS, RowError, import_csv
from wagtail_internationellt.models import (
    InternationalIndexPage,
    TripReportPage,
    TwinTownPage,
)
from wagtail_internationellt.roles import EDITORS, group_name

pytestmark = pytest.mark.django_db

User = get_user_model()

TWIN_TOWN_HEADER = (
    "Vänort;Land;Region;Beslutsår;Beslutsdatum;Beslut;Status;Slutdatum;Latitud;Longitud;Webbplats"
)
TWIN_TOWN_ROWS = [
    "Pöltsamaa;Estland;Jõgevamaa;1990;;KF § 18;Aktiv;;58,652;25,971;www.poltsamaa.ee",
    "Skjern;DK;;1977;12.5.1977;;aktiv;;;;",
    "Pernå;Finland;Nyland;1977;1977-03-01;;Uppsagd;31.12.2019;;;",
]
TRIP_HEADER = (
    "Rubrik;Vänort;Ort;Land;Startdatum;Slutdatum;Förvaltning;Antal resenärer;"
    "Resenärernas roller;Syfte;Mål;Resultat;Kostnad;Finansiering;KS-beslut datum;KS-beslut;"
    "Återrapporterad KS;Återrapporterad KF"
)
TRIP_ROWS = [
    "Vänortsbesök i Skjern;Skjern;;;2024-05-06;8.5.2024;Kultur- och fritidsförvaltningen;3;"
    "två förtroendevalda, en tjänsteperson;Förnya avtalet;Ett nytt utbyte;Avtal om "
    "ungdomsutbyte;12 400,50;Egen budget;2024-04-15;KS § 112;2024-06-10;2024-09-23",
    "Studieresa till Bryssel;;Bryssel;Belgien;2023-10-02;2023-10-04;"
    "kultur- och fritidsförvaltningen;2;tjänstepersoner;Lära av EU-arbete;Två projektidéer;"
    ";8000;eu_programme;;;;",
]


def csv_bytes(header, rows, encoding="utf-8-sig"):
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def counts():
    return Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()


def run_command(*args, path):
    out, err = StringIO(), StringIO()
    call_command("internationellt_import", *args, str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def skjern(twin_town_index):
    return make_twin_town(twin_town_index, "Skjern", country="DK")


@pytest.fixture
def importer(section):
    """An editor of the section, who may add the drafts and submit them."""
    return editor_of(section, "importor")


def assert_drafts_awaiting_approval(pages):
    assert pages
    for page in pages:
        page.refresh_from_db()
        assert not page.live
        assert page.has_unpublished_changes
        assert page.first_published_at is None
        assert page.live_revision is None
        assert page.latest_revision is not None
        assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
        assert PageLogEntry.objects.filter(page=page, action="wagtail.create").exists()


# Twin towns ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_twin_towns_import_as_drafts_with_values_read_the_swedish_way(
    tmp_path, section, twin_town_index, encoding
):
    file = tmp_path / "vanorter.csv"
    file.write_bytes(csv_bytes(TWIN_TOWN_HEADER, TWIN_TOWN_ROWS, encoding))

    out, _err = run_command("--municipality", "torsby", "--kind", "twin-towns", path=file)

    towns = {town.title: town for town in TwinTownPage.objects.child_of(twin_town_index)}
    assert set(towns) == {"Pöltsamaa", "Skjern", "Pernå"}
    assert_drafts_awaiting_approval(towns.values())
    poltsamaa = towns["Pöltsamaa"]
    assert poltsamaa.country.code == "EE"
    assert poltsamaa.region == "Jõgevamaa"
    assert poltsamaa.decision_year == 1990
    assert poltsamaa.decision_reference == "KF § 18"
    assert poltsamaa.status == "active"
    assert poltsamaa.latitude == Decimal("58.652")
    assert poltsamaa.longitude == Decimal("25.971")
    assert poltsamaa.website == "https://www.poltsamaa.ee"
    assert poltsamaa.slug == "poltsamaa"
    assert towns["Skjern"].decision_date == datetime.date(1977, 5, 12)
    assert towns["Pernå"].status == "terminated"
    assert towns["Pernå"].end_date == datetime.date(2019, 12, 31)
    assert towns["Pernå"].country.code == "FI"
    assert "3" in out


def test_twin_town_cp1252_file_is_read_as_windows_1252(section, twin_town_index):
    data = "Vänort;Land\r\nPöltsamaa;Estland\r\n".encode("cp1252")
    assert b"P\xf6ltsamaa" in data

    result = import_csv(section, TWIN_TOWNS, data)

    assert result.ok, result.errors
    assert TwinTownPage.objects.get(title="Pöltsamaa").country.code == "EE"


def test_twin_town_already_in_the_list_is_a_row_error(section, twin_town_index, skjern):
    before = counts()
    with translation.override("en"):
        result = import_csv(
            section, TWIN_TOWNS, csv_bytes("Vänort;Land", ["Bömlo;Norge", "skjern;Danmark"])
        )

    assert result.errors == [
        RowError(
            3,
            "Vänort",
            "Torsby kommun already has a twin town named “skjern”: it is not imported again.",
        )
    ]
    assert counts() == before


def test_twin_town_twice_in_one_file_is_a_row_error(section, twin_town_index):
    with translation.override("en"):
        result = import_csv(
            section,
            TWIN_TOWNS,
            csv_bytes("Vänort;Land", ["Bömlo;Norge", "Rautalampi;Finland", "Bömlo;NO"]),
        )

    assert result.errors == [RowError(4, "Vänort", "The same as row 2.")]
    assert not TwinTownPage.objects.exists()


def test_twin_town_rules_of_the_model_apply_to_each_row(section, twin_town_index):
    with translation.override("en"):
        result = import_csv(
            section,
            TWIN_TOWNS,
            csv_bytes(
                "Vänort;Land;Status;Beslutsår;Latitud;Longitud",
                [
                    "Pernå;Finland;Uppsagd;1977;;",
                    "Bömlo;Norge;Aktiv;1977;59,8;",
                    "Påskön;Chile;Vilande;1987;;",
                    "Atlantis;Atlantis;Aktiv;1850;;",
                    "Esashi;Japan;Ok;1988;;",
                ],
            ),
        )

    assert result.errors == [
        RowError(2, "Slutdatum", "Give the date the agreement was terminated."),
        RowError(3, "Longitud", "Give both latitude and longitude, or neither."),
        RowError(
            5,
            "Land",
            "“Atlantis” is not a country: give its Swedish or English name or its ISO "
            "code, e.g. Estland, Estonia or EE.",
        ),
        RowError(
            5,
            "Beslutsår",
            f"The year of the decision must be between 1900 and {datetime.date.today().year}.",
        ),
        RowError(
            6,
            "Status",
            "“Ok” is not a status: write Aktiv, Inaktiv or Uppsagd (or active, inactive, "
            "terminated).",
        ),
    ]
    assert not TwinTownPage.objects.exists()


# Trips -----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_trips_import_as_drafts_with_values_read_the_swedish_way(
    tmp_path, section, trip_index, department, skjern, importer, encoding
):
    file = tmp_path / "resor.csv"
    file.write_bytes(csv_bytes(TRIP_HEADER, TRIP_ROWS, encoding))

    run_command("--municipality", "torsby", "--kind", "trips", "--user", "importor", path=file)

    trips = {trip.title: trip for trip in TripReportPage.objects.child_of(trip_index)}
    assert set(trips) == {"Vänortsbesök i Skjern", "Studieresa till Bryssel"}
    assert_drafts_awaiting_approval(trips.values())
    visit = trips["Vänortsbesök i Skjern"]
    assert visit.destination_twin_town_id == skjern.pk
    assert visit.start_date == datetime.date(2024, 5, 6)
    assert visit.end_date == datetime.date(2024, 5, 8)
    assert visit.department == department
    assert visit.travellers_count == 3
    assert visit.travellers_roles == "två förtroendevalda, en tjänsteperson"
    assert visit.total_cost == Decimal("12400.50")
    assert visit.financing == "own_budget"
    assert visit.board_approval_date == datetime.date(2024, 4, 15)
    assert visit.board_approval_reference == "KS § 112"
    assert visit.reported_to_board_date == datetime.date(2024, 6, 10)
    assert visit.reported_to_council_date == datetime.date(2024, 9, 23)
    assert visit.results == "Avtal om ungdomsutbyte"
    brussels = trips["Studieresa till Bryssel"]
    assert brussels.destination_place == "Bryssel"
    assert brussels.destination_country.code == "BE"
    assert brussels.department == department  # the name in another case
    assert brussels.financing == "eu_programme"
    assert brussels.total_cost == Decimal("8000")
    for trip in trips.values():
        assert trip.owner == importer
        assert trip.latest_revision.user == importer


def test_a_wrong_file_writes_nothing_and_names_each_row_and_column(
    tmp_path, section, trip_index, department
):
    make_trip(
        trip_index, department, "Nätverksmöte i Trondheim", start_date=datetime.date(2025, 3, 10)
    )
    before = counts()
    rows = [
        # Row 2 is right; it is not imported either.
        "Studiebesök i Tallinn;;Tallinn;Estland;2025-02-03;2025-02-05;"
        "Kultur- och fritidsförvaltningen;2;;Lära;Idéer;;5 000;;;;;",
        "Konferens i Bryssel;;Bryssel;Belgien;2025-04-07;2025-04-06;"
        "Kultur- och fritidsförvaltningen;2;;Lära;Idéer;;5 000;;;;;",
        "Mässa i Oslo;;Oslo;Norge;2025-05-02;2025-05-03;Tekniska förvaltningen;1;;Lära;"
        "Idéer;;2 500;;;;;",
        "Besök i Rautalampi;;Rautalampi;Finland;2025-06-02;2025-06-03;"
        "Kultur- och fritidsförvaltningen;1;;Lära;Idéer;;-1 200,00;;;;;",
        "Nätverksmöte i Trondheim;;Trondheim;Norge;10.3.2025;12.3.2025;"
        "Kultur- och fritidsförvaltningen;1;;Lära;Idéer;;900;;;;;",
    ]
    file = tmp_path / "resor.csv"
    file.write_bytes(csv_bytes(TRIP_HEADER, rows))

    with translation.override("en"), pytest.raises(CommandError, match="4 errors"):
        out, err = StringIO(), StringIO()
        try:
            call_command(
                "internationellt_import",
                "--municipality=torsby",
                "--kind=trips",
                str(file),
                stdout=out,
                stderr=err,
            )
        finally:
            table = err.getvalue()

    assert counts() == before
    assert not TripReportPage.objects.filter(title="Studiebesök i Tallinn").exists()
    expected = [
        RowError(3, "Slutdatum", "The end date cannot be before the start date."),
        RowError(
            4,
            "Förvaltning",
            "Torsby kommun has no department or committee named “Tekniska förvaltningen”: "
            "add it to the register first, or correct the name.",
        ),
        RowError(5, "Kostnad", "The total cost cannot be negative."),
        RowError(
            6,
            "Rubrik",
            "A trip report “Nätverksmöte i Trondheim” starting on 2025-03-10 already exists: "
            "it is not imported again.",
        ),
    ]
    with translation.override("en"):
        result = import_csv(section, TRIPS, file.read_bytes())
    assert result.errors == expected
    assert counts() == before
    lines = table.splitlines()
    assert lines[0].split() == ["Row", "Column", "Error"]
    assert any(
        line.split()[:2] == ["3", "Slutdatum"] and expected[0].message in line for line in lines
    )
    assert any(line.split()[:2] == ["4", "Förvaltning"] for line in lines)


def test_errors_are_translated_for_the_editor(section, trip_index, department):
    rows = [
        "Konferens i Bryssel;;Bryssel;Belgien;2025-04-07;2025-04-06;"
        "Kultur- och fritidsförvaltningen;2;;Lära;Idéer;;5 000;;;;;",
    ]
    with translation.override("sv"):
        result = import_csv(section, TRIPS, csv_bytes(TRIP_HEADER, rows))
        expected = translation.gettext("The end date cannot be before the start date.")

    assert expected != "The end date cannot be before the start date."
    assert result.errors == [RowError(2, "Slutdatum", expected)]


def test_cells_that_cannot_be_read_are_errors_without_follow_up_errors(
    section, trip_index, department
):
    rows = [
        "Resa;;Oslo;Norge;7/4/2025;2025-04-08;Kultur- och fritidsförvaltningen;två;;Lära;"
        "Idéer;;12.400,50;;;;;",
    ]
    with translation.override("en"):
        result = import_csv(section, TRIPS, csv_bytes(TRIP_HEADER, rows))

    assert result.errors == [
        RowError(
            2,
            "Startdatum",
            "“7/4/2025” is not a date: write it as YYYY-MM-DD (2025-04-07) or D.M.YYYY "
            "(7.4.2025).",
        ),
        RowError(2, "Antal resenärer", "“två” is not a whole number."),
        RowError(
            2,
            "Kostnad",
            "“12.400,50” is not a number: write it with a decimal comma or point, e.g. 12 400,50.",
        ),
    ]


def test_unknown_twin_town_and_missing_required_values_are_row_errors(
    section, trip_index, department
):
    rows = [
        "Resa till Skjern;Skjern;;;2025-04-07;2025-04-08;Kultur- och fritidsförvaltningen;1;;"
        "Lära;Idéer;;900;;;;;",
        "Resa utan syfte;;Oslo;;2025-04-07;2025-04-08;Kultur- och fritidsförvaltningen;1;;"
        ";Idéer;;900;;;;;",
    ]
    with translation.override("en"):
        result = import_csv(section, TRIPS, csv_bytes(TRIP_HEADER, rows))

    assert result.errors == [
        RowError(
            2,
            "Vänort",
            "“Skjern” is not one of the twin towns of Torsby kommun: give the place in the "
            "column for places instead.",
        ),
        RowError(3, "Syfte", "This field cannot be blank."),
    ]


def test_unknown_columns_are_reported_before_any_row(section, trip_index):
    with translation.override("en"):
        result = import_csv(section, TRIPS, csv_bytes("Rubrik;Startdatun", ["Resa;2025-01-01"]))

    assert [(error.row, error.column) for error in result.errors] == [(1, "Startdatun")]
    assert result.errors[0].message.startswith("Unknown column.")


def test_a_comma_separated_file_is_refused_with_a_hint(section, trip_index):
    with translation.override("en"):
        result = import_csv(section, TRIPS, b"Rubrik,Startdatum\r\nResa,2025-01-01\r\n")

    assert result.errors == [
        RowError(1, "", "Separate the columns with semicolons (;), as Swedish Excel saves CSV.")
    ]


def test_dry_run_checks_and_writes_nothing(tmp_path, section, twin_town_index):
    file = tmp_path / "vanorter.csv"
    file.write_bytes(csv_bytes(TWIN_TOWN_HEADER, TWIN_TOWN_ROWS))
    before = counts()

    with translation.override("en"):
        out, _err = run_command(
            "--municipality", "torsby", "--kind", "twin-towns", "--dry-run", path=file
        )

    assert counts() == before
    assert "3 rows are correct" in out
    assert "Nothing was written" in out


def test_dry_run_reports_errors_too(tmp_path, section, twin_town_index):
    file = tmp_path / "vanorter.csv"
    file.write_bytes(csv_bytes("Vänort;Land", ["Atlantis;Atlantis"]))

    with pytest.raises(CommandError):
        run_command("--municipality", "torsby", "--kind", "twin-towns", "--dry-run", path=file)


def test_encoding_can_be_forced(tmp_path, section, twin_town_index):
    file = tmp_path / "vanorter.csv"
    file.write_bytes("Vänort;Land\r\nPöltsamaa;Estland\r\n".encode("cp1252"))

    with pytest.raises(CommandError):
        run_command(
            "--municipality", "torsby", "--kind", "twin-towns", "--encoding", "utf-8", path=file
        )
    run_command(
        "--municipality", "torsby", "--kind", "twin-towns", "--encoding", "cp1252", path=file
    )
    assert TwinTownPage.objects.filter(title="Pöltsamaa").exists()


def test_unknown_municipality_and_user_stop_the_command(tmp_path, section, twin_town_index):
    file = tmp_path / "vanorter.csv"
    file.write_bytes(csv_bytes("Vänort;Land", ["Bömlo;Norge"]))

    with pytest.raises(CommandError):
        run_command("--municipality", "ingenstans", "--kind", "twin-towns", path=file)
    with pytest.raises(CommandError):
        run_command(
            "--municipality", "torsby", "--kind", "twin-towns", "--user", "okand", path=file
        )
    assert not TwinTownPage.objects.exists()


def test_a_user_who_may_not_add_pages_to_the_section_stops_the_command(
    tmp_path, section, twin_town_index, motala
):
    editor_of(motala, "motala-redaktor")
    file = tmp_path / "vanorter.csv"
    file.write_bytes(csv_bytes("Vänort;Land", ["Bömlo;Norge"]))

    with pytest.raises(CommandError, match="motala-redaktor"):
        run_command(
            "--municipality",
            "torsby",
            "--kind",
            "twin-towns",
            "--user",
            "motala-redaktor",
            path=file,
        )
    assert not TwinTownPage.objects.filter(title="Bömlo").exists()


def test_section_without_the_list_stops_the_command(tmp_path, section):
    file = tmp_path / "vanorter.csv"
    file.write_bytes(csv_bytes("Vänort;Land", ["Bömlo;Norge"]))

    with pytest.raises(CommandError):
        run_command("--municipality", "torsby", "--kind", "twin-towns", path=file)


# Re-importing the open-data export -------------------------------------------------------


def test_the_demo_export_imports_into_another_section(client):
    call_command("internationellt_demo", "--no-users", stdout=StringIO())
    export = client.get("/torsby/vanorter/data/csv/")
    assert export.status_code == 200
    data = b"".join(export.streaming_content)
    torsby_towns = set(
        TwinTownPage.objects.descendant_of(InternationalIndexPage.objects.get(slug="torsby"))
        .live()
        .values_list("title", flat=True)
    )
    assert torsby_towns

    other = make_section("Hagfors kommun", slug="hagfors")
    index = make_twin_town_index(other)
    result = import_csv(other, TWIN_TOWNS, data)

    assert result.ok, result.errors
    imported = TwinTownPage.objects.child_of(index)
    assert set(imported.values_list("title", flat=True)) == torsby_towns
    assert_drafts_awaiting_approval(imported)
    for town in imported:
        original = TwinTownPage.objects.live().get(
            title=town.title,
            path__startswith=InternationalIndexPage.objects.get(slug="torsby").path,
        )
        assert (town.country, town.decision_year, town.status) == (
            original.country,
            original.decision_year,
            original.status,
        )

    # The same export a second time: every row is now a duplicate.
    again = import_csv(other, TWIN_TOWNS, data)
    assert len(again.errors) == len(torsby_towns)


def test_the_demo_trip_export_imports_where_the_departments_exist(client):
    call_command("internationellt_demo", "--no-users", stdout=StringIO())
    export = client.get("/torsby/reserapporter/data/csv/")
    assert export.status_code == 200
    data = b"".join(export.streaming_content)
    torsby = InternationalIndexPage.objects.get(slug="torsby")
    originals = TripReportPage.objects.descendant_of(torsby).live()
    assert originals.exists()

    other = make_section("Hagfors kommun", slug="hagfors")
    index = make_trip_index(other)
    for name in {trip.department.name for trip in originals}:
        make_department(other, name=name)
    result = import_csv(other, TRIPS, data)

    assert result.ok, result.errors
    imported = {trip.title: trip for trip in TripReportPage.objects.child_of(index)}
    assert set(imported) == {trip.title for trip in originals}
    for original in originals:
        copy = imported[original.title]
        assert copy.total_cost == original.total_cost
        assert copy.start_date == original.start_date
        assert copy.department.section_id == other.pk
    assert_drafts_awaiting_approval(imported.values())


# The admin upload view -------------------------------------------------------------------


def editor_of(section, username):
    call_command("internationellt_roles", stdout=StringIO())
    user = User.objects.create_user(username, f"{username}@example.se", "lösenord")
    user.groups.set([Group.objects.get(name=group_name(section, EDITORS))])
    return user


@pytest.fixture
def motala():
    section = make_section("Motala kommun", slug="motala")
    make_twin_town_index(section)
    return section


def upload(client, section, kind, data, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = {
        "municipality": str(section.pk),
        "kind": kind,
        "file": SimpleUploadedFile("import.csv", data, content_type="text/csv"),
        **fields,
    }
    return client.post(reverse("wagtail_internationellt_import"), form)


def test_admin_import_form_shows_for_an_editor_of_the_section(client, section, twin_town_index):
    client.force_login(editor_of(section, "redaktor"))

    response = client.get(reverse("wagtail_internationellt_import"))

    assert response.status_code == 200
    assert response.context["form"].fields["municipality"].queryset.get() == section
    assert "wagtailadmin/base.html" in [template.name for template in response.templates]


def test_admin_import_adds_drafts_and_links_them(client, section, twin_town_index):
    editor = editor_of(section, "redaktor")
    client.force_login(editor)

    with translation.override("en"):
        response = upload(client, section, TWIN_TOWNS, csv_bytes(TWIN_TOWN_HEADER, TWIN_TOWN_ROWS))

    assert response.status_code == 200
    towns = list(TwinTownPage.objects.child_of(twin_town_index))
    assert len(towns) == 3
    assert_drafts_awaiting_approval(towns)
    html = response.content.decode()
    for town in towns:
        assert reverse("wagtailadmin_pages:edit", args=[town.pk]) in html
        assert town.latest_revision.user == editor


def test_admin_import_shows_the_errors_and_writes_nothing(client, section, twin_town_index):
    client.force_login(editor_of(section, "redaktor"))
    before = counts()

    with translation.override("en"):
        response = upload(
            client,
            section,
            TWIN_TOWNS,
            csv_bytes("Vänort;Land", ["Bömlo;Norge", "Atlantis;Atlantis"]),
        )

    assert response.status_code == 200
    assert counts() == before
    errors = response.context["result"].errors
    assert [(error.row, error.column) for error in errors] == [(3, "Land")]
    assert "Atlantis" in response.content.decode()


def test_admin_import_dry_run_writes_nothing(client, section, twin_town_index):
    client.force_login(editor_of(section, "redaktor"))
    before = counts()

    response = upload(
        client, section, TWIN_TOWNS, csv_bytes(TWIN_TOWN_HEADER, TWIN_TOWN_ROWS), dry_run="on"
    )

    assert response.status_code == 200
    assert counts() == before
    assert response.context["result"].ok


def test_admin_import_is_forbidden_in_another_municipality(
    client, section, twin_town_index, motala
):
    client.force_login(editor_of(motala, "motala-redaktor"))
    before = counts()

    response = upload(client, section, TWIN_TOWNS, csv_bytes("Vänort;Land", ["Bömlo;Norge"]))
    assert response.status_code == 403
    assert counts() == before

    response = client.get(reverse("wagtail_internationellt_import"), {"municipality": section.pk})
    assert response.status_code == 403


def test_admin_import_is_forbidden_without_add_permission_anywhere(client, section):
    reviewer = User.objects.create_user("granskare", "granskare@example.se", "lösenord")
    call_command("internationellt_roles", stdout=StringIO())
    reviewer.groups.set([Group.objects.get(name=group_name(section, "Granskare"))])
    client.force_login(reviewer)

    assert client.get(reverse("wagtail_internationellt_import")).status_code == 403


def test_the_menu_offers_the_import_to_those_who_may_add_pages_only(client, section):
    from wagtail_internationellt.roles import REVIEWERS

    import_url = reverse("wagtail_internationellt_import")
    client.force_login(editor_of(section, "redaktor"))
    assert import_url in client.get("/admin/").content.decode()

    reviewer = User.objects.create_user("granskare", "granskare@example.se", "lösenord")
    reviewer.groups.set([Group.objects.get(name=group_name(section, REVIEWERS))])
    client.force_login(reviewer)
    menu = client.get("/admin/").content.decode()
    assert reverse("wagtail_internationellt_annual_account") in menu  # the menu is there
    assert import_url not in menu


def test_the_import_page_names_the_columns(client, section, twin_town_index):
    client.force_login(editor_of(section, "redaktor"))

    html = client.get(reverse("wagtail_internationellt_import")).content.decode()

    for name in ("Vänort", "Officiellt namn", "Rubrik", "Förvaltning", "Antal resenärer"):
        assert name in html
    assert "destination;" not in html
