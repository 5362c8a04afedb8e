"""The department register (R6) in the admin, role by role.

Built with the municipalities' own roles (internationellt_roles): everyone who
edits a section's pages sees its departments; the board secretariat (kansli)
adds, changes and deletes them, in its own municipality only. A department that
trip reports name cannot be deleted, and the page says which reports.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from tests.factories import make_department, make_section, make_trip, make_trip_index
from tests.test_registers import csv_rows, english_user
from wagtail_internationellt.models import Department
from wagtail_internationellt.roles import BOARD_SECRETARIAT, EDITORS, REVIEWERS, group_name

pytestmark = pytest.mark.django_db

DEPARTMENTS = "/admin/wagtail_internationellt/department/"
REFUSED = "/admin/"  # Wagtail's admin answers a refusal with a redirect to the dashboard


def add_url():
    return f"{DEPARTMENTS}create/"


def edit_url(department):
    return f"{DEPARTMENTS}edit/{department.pk}/"


def delete_url(department):
    return f"{DEPARTMENTS}delete/{department.pk}/"


@pytest.fixture
def torsby():
    section = make_section("Torsby kommun", slug="torsby")
    trips = make_trip_index(section)
    leadership = make_department(
        section,
        "Kommunledningsförvaltningen",
        responsible_name="Anna Andersson",
        responsible_title="Utvecklingsstrateg",
        responsible_email="anna.andersson@example.se",
    )
    culture = make_department(section, "Kultur- och fritidsförvaltningen")
    make_trip(trips, leadership, "Studieresa till Skjern")
    return {"section": section, "trips": trips, "leadership": leadership, "culture": culture}


@pytest.fixture
def motala():
    section = make_section("Motala kommun", slug="motala")
    department = make_department(section, "Samhällsbyggnadsförvaltningen")
    return {"section": section, "department": department}


@pytest.fixture
def users(torsby, motala):
    call_command("internationellt_roles", stdout=io.StringIO())

    def member(section, role, username):
        user = english_user(username)
        user.groups.add(Group.objects.get(name=group_name(section, role)))
        return user

    return {
        "editor": member(torsby["section"], EDITORS, "torsby-redaktor"),
        "reviewer": member(torsby["section"], REVIEWERS, "torsby-granskare"),
        "kansli": member(torsby["section"], BOARD_SECRETARIAT, "torsby-kansli"),
        "motala-kansli": member(motala["section"], BOARD_SECRETARIAT, "motala-kansli"),
    }


def english_superuser():
    user = english_user("admin")
    user.is_superuser = True
    user.save()
    return user


def english(client, url, params=None):
    return client.get(url, params or {}, HTTP_ACCEPT_LANGUAGE="en")


def form_data(section, name, **fields):
    return {"section": section.pk, "name": name, **fields}


# Who sees what


@pytest.mark.parametrize("role", ["editor", "reviewer", "kansli"])
def test_everyone_who_edits_a_section_sees_its_departments_and_no_others(client, users, role):
    client.force_login(users[role])

    rows = csv_rows(english(client, DEPARTMENTS, {"export": "csv"}))

    assert [row["Department or committee"] for row in rows] == [
        "Kommunledningsförvaltningen",
        "Kultur- och fritidsförvaltningen",
    ]
    assert {row["Municipality"] for row in rows} == {"Torsby kommun"}


def test_the_list_shows_the_responsible_person_and_how_many_trips_name_the_department(
    client, users
):
    client.force_login(users["editor"])

    response = english(client, DEPARTMENTS)

    assert response.status_code == 200
    content = response.content.decode()
    for text in ("Anna Andersson", "Utvecklingsstrateg", "anna.andersson@example.se"):
        assert text in content
    assert "Samhällsbyggnadsförvaltningen" not in content


def test_the_export_writes_every_column_and_zero_trips_as_zero(client, users):
    client.force_login(users["kansli"])

    rows = {
        row["Department or committee"]: row
        for row in csv_rows(english(client, DEPARTMENTS, {"export": "csv"}))
    }

    assert rows["Kommunledningsförvaltningen"] == {
        "Municipality": "Torsby kommun",
        "Department or committee": "Kommunledningsförvaltningen",
        "Responsible person": "Anna Andersson",
        "Role": "Utvecklingsstrateg",
        "Email address": "anna.andersson@example.se",
        "Trip reports": "1",
    }
    assert rows["Kultur- och fritidsförvaltningen"]["Trip reports"] == "0"
    assert rows["Kultur- och fritidsförvaltningen"]["Responsible person"] == ""


def test_a_superuser_filters_by_municipality_and_searches(client, users, motala):
    client.force_login(english_superuser())

    def names(params):
        rows = csv_rows(english(client, DEPARTMENTS, {"export": "csv", **params}))
        return sorted(row["Department or committee"] for row in rows)

    assert len(names({})) == 3
    assert names({"kommun": motala["section"].pk}) == ["Samhällsbyggnadsförvaltningen"]
    assert names({"q": "Andersson"}) == ["Kommunledningsförvaltningen"]
    assert names({"kommun": "not-a-number"}) == []


def test_a_user_without_a_section_is_refused(client, users):
    from django.contrib.auth.models import Permission

    outsider = english_user("utomstaende")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)

    for response in (
        english(client, DEPARTMENTS),
        english(client, DEPARTMENTS, {"export": "csv"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == REFUSED


def test_the_menu_offers_the_register_to_section_users_only(client, users):
    from django.contrib.auth.models import Permission

    client.force_login(users["editor"])
    assert DEPARTMENTS in english(client, "/admin/").content.decode()

    outsider = english_user("utomstaende")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert DEPARTMENTS not in english(client, "/admin/").content.decode()


# Who changes what


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_editors_and_reviewers_may_not_change_the_register(client, users, torsby, role):
    client.force_login(users[role])
    department = torsby["culture"]

    assert add_url() not in english(client, DEPARTMENTS).content.decode()
    for response in (
        english(client, add_url()),
        client.post(add_url(), form_data(torsby["section"], "Ny nämnd")),
        client.post(edit_url(department), form_data(torsby["section"], "Nytt namn")),
        client.post(delete_url(department)),
    ):
        assert response.status_code == 302
        assert response["Location"] == REFUSED
    assert not Department.objects.filter(name__in=["Ny nämnd", "Nytt namn"]).exists()
    assert Department.objects.filter(pk=department.pk).exists()


def test_the_board_secretariat_adds_a_department_with_its_responsible_person(
    client, users, torsby
):
    client.force_login(users["kansli"])

    form = english(client, add_url())
    assert form.status_code == 200
    # Its only municipality is chosen already, and the only one offered.
    choices = form.context["form"].fields["section"].queryset
    assert list(choices) == [torsby["section"]]
    assert form.context["form"]["section"].value() == torsby["section"].pk

    response = client.post(
        add_url(),
        form_data(
            torsby["section"],
            "Barn- och utbildningsnämnden",
            responsible_name="Erik Eriksson",
            responsible_title="Rektor",
            responsible_email="erik.eriksson@example.se",
        ),
    )

    assert response.status_code == 302
    added = Department.objects.get(name="Barn- och utbildningsnämnden")
    assert added.section_id == torsby["section"].pk
    assert added.responsible_email == "erik.eriksson@example.se"


def test_the_board_secretariat_may_not_add_to_another_municipality(client, users, motala):
    client.force_login(users["kansli"])

    response = client.post(add_url(), form_data(motala["section"], "Inflyttad nämnd"))

    assert response.status_code == 200
    assert "section" in response.context["form"].errors
    assert not Department.objects.filter(name="Inflyttad nämnd").exists()


def test_the_board_secretariat_may_not_touch_another_municipalitys_department(
    client, users, motala
):
    client.force_login(users["kansli"])
    department = motala["department"]

    for response in (
        english(client, edit_url(department)),
        client.post(edit_url(department), form_data(motala["section"], "Nytt namn")),
        english(client, delete_url(department)),
        client.post(delete_url(department)),
    ):
        assert response.status_code == 302
        assert response["Location"] == REFUSED
    department.refresh_from_db()
    assert department.name == "Samhällsbyggnadsförvaltningen"


def test_the_board_secretariat_renames_its_department(client, users, torsby):
    client.force_login(users["kansli"])
    department = torsby["culture"]

    response = client.post(
        edit_url(department),
        form_data(torsby["section"], "Kultur- och fritidsnämnden", responsible_name="Sara Ek"),
    )

    assert response.status_code == 302
    department.refresh_from_db()
    assert (department.name, department.responsible_name) == (
        "Kultur- och fritidsnämnden",
        "Sara Ek",
    )


def test_a_second_department_with_the_same_name_is_refused_in_swedish(client, users, torsby):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(users["kansli"])
    profile.preferred_language = "sv"
    profile.save()
    client.force_login(users["kansli"])

    response = client.post(add_url(), form_data(torsby["section"], "Kommunledningsförvaltningen"))

    assert response.status_code == 200
    with translation.override("sv"):
        message = translation.gettext("This municipality already has a department with that name.")
    assert message != "This municipality already has a department with that name."
    assert message in response.content.decode()
    assert Department.objects.filter(name="Kommunledningsförvaltningen").count() == 1


def test_the_same_name_in_another_municipality_is_accepted(client, users, motala):
    client.force_login(users["motala-kansli"])

    response = client.post(add_url(), form_data(motala["section"], "Kommunledningsförvaltningen"))

    assert response.status_code == 302
    assert Department.objects.filter(name="Kommunledningsförvaltningen").count() == 2


def test_an_invalid_email_address_names_the_field(client, users, torsby):
    client.force_login(users["kansli"])

    response = client.post(
        add_url(), form_data(torsby["section"], "Ny nämnd", responsible_email="inte en adress")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["responsible_email"]
    assert not Department.objects.filter(name="Ny nämnd").exists()


# Deleting


def test_an_unused_department_is_deleted_after_confirmation(client, users, torsby):
    client.force_login(users["kansli"])
    department = torsby["culture"]

    confirm = english(client, delete_url(department))
    assert confirm.status_code == 200
    assert "Yes, delete" in confirm.content.decode()

    response = client.post(delete_url(department))

    assert response.status_code == 302
    assert not Department.objects.filter(pk=department.pk).exists()


def test_a_department_named_by_trips_cannot_be_deleted_and_the_page_says_why(
    client, users, torsby
):
    client.force_login(users["kansli"])
    department = torsby["leadership"]
    draft = make_trip(torsby["trips"], department, "Planerad resa till Bömlo")
    draft.unpublish()

    page = english(client, delete_url(department))

    content = page.content.decode()
    assert page.status_code == 200
    assert "“Kommunledningsförvaltningen” cannot be deleted" in content
    assert "2 trip reports name “Kommunledningsförvaltningen”" in content
    assert "Studieresa till Skjern" in content
    assert f"/admin/pages/{draft.pk}/edit/" in content
    assert "Yes, delete" not in content

    response = client.post(delete_url(department), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert Department.objects.filter(pk=department.pk).exists()


def test_a_department_named_only_by_a_trips_draft_cannot_be_deleted(client, users, torsby):
    client.force_login(users["kansli"])
    culture = torsby["culture"]
    trip = torsby["trips"].get_children().get().specific
    # The published report names Kommunledningsförvaltningen; its draft names culture.
    trip.department = culture
    trip.save_revision()

    page = english(client, delete_url(culture))

    assert "1 trip report names “Kultur- och fritidsförvaltningen”" in page.content.decode()
    client.post(delete_url(culture))
    assert Department.objects.filter(pk=culture.pk).exists()


def test_a_department_named_by_trips_cannot_move_to_another_municipality(
    client, users, torsby, motala
):
    client.force_login(english_superuser())
    department = torsby["leadership"]

    response = client.post(
        edit_url(department),
        form_data(motala["section"], department.name),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response.context["form"].errors["section"] == [
        "1 trip report of its municipality names this department, so it cannot move to "
        "another municipality. Add the department there instead."
    ]
    department.refresh_from_db()
    assert department.section_id == torsby["section"].pk

    unused = torsby["culture"]
    moved = client.post(edit_url(unused), form_data(motala["section"], unused.name))
    assert moved.status_code == 302
    unused.refresh_from_db()
    assert unused.section_id == motala["section"].pk


# Queries


def test_the_list_makes_the_same_queries_for_two_and_for_twelve_departments(client, users, torsby):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["kansli"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert english(client, DEPARTMENTS).status_code == 200
        return len(queries)

    few = count()
    for number in range(10):
        make_department(torsby["section"], f"Nämnd {number}")
    many = count()

    assert few == many, (few, many)
    assert many <= 26, many  # Wagtail's admin page itself makes most of them


@pytest.mark.parametrize("name", ["kommunledningsförvaltningen", "KOMMUNLEDNINGSFÖRVALTNINGEN"])
def test_the_same_name_in_other_letter_case_is_refused(client, users, torsby, name):
    client.force_login(users["kansli"])

    response = client.post(
        add_url(), form_data(torsby["section"], name), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    with translation.override("en"):  # the error is translated when read
        assert response.context["form"].errors == {
            "name": ["This municipality already has a department with that name."]
        }
    assert Department.objects.filter(section=torsby["section"]).count() == 2


def test_a_department_keeps_its_name_when_edited(client, users, torsby):
    client.force_login(users["kansli"])
    department = torsby["leadership"]

    response = client.post(
        edit_url(department), form_data(torsby["section"], department.name, responsible_name="Ny")
    )

    assert response.status_code == 302
    department.refresh_from_db()
    assert department.responsible_name == "Ny"
