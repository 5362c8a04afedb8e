"""The demo command builds the five municipalities' content, once, however often it runs."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import translation
from wagtail.models import Page, Revision, Site

from wagtail_internationellt.management.commands.internationellt_demo import Command
from wagtail_internationellt.models import (
    Department,
    InternationalIndexPage,
    PolicyPage,
    SupersededDocument,
    TripReportIndexPage,
    TripReportPage,
    TwinTownIndexPage,
    TwinTownPage,
)
from wagtail_internationellt.rules import is_over_threshold, requires_board_approval

from .factories import site_root

pytestmark = pytest.mark.django_db

EXPECTED_COUNTS = {
    InternationalIndexPage: 5,
    PolicyPage: 5,
    TwinTownIndexPage: 2,
    TwinTownPage: 10,
    TripReportIndexPage: 5,
    TripReportPage: 5,
    Department: 10,
    SupersededDocument: 1,
}
SECTION_SLUGS = ["solleftea", "stromsund", "torsby", "motala", "sandviken"]


def run_demo(*args, language="en"):
    out = StringIO()
    with translation.override(language):
        call_command("internationellt_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model: model.objects.count() for model in EXPECTED_COUNTS}


def section(slug):
    return InternationalIndexPage.objects.get(slug=slug)


def policy_of(slug):
    return PolicyPage.objects.child_of(section(slug)).get()


def twin_towns_of(slug):
    return TwinTownPage.objects.descendant_of(section(slug))


def test_running_twice_builds_everything_once():
    run_demo()
    after_first_run = counts()
    revisions = Revision.objects.count()

    output = run_demo()

    assert counts() == after_first_run == EXPECTED_COUNTS
    assert Revision.objects.count() == revisions, "an unchanged page was published again"
    assert "0 created, 0 updated" in output
    assert get_user_model().objects.filter(username="admin").count() == 1


class DemoContentTests(TestCase):
    """What one run of the command builds (read-only checks share one build)."""

    @classmethod
    def setUpTestData(cls):
        cls.output = run_demo()

    def test_every_demo_page_is_live_under_the_default_sites_root(self):
        root = site_root()
        sections = InternationalIndexPage.objects.child_of(root)
        assert sorted(sections.values_list("slug", flat=True)) == sorted(SECTION_SLUGS)
        demo_pages = Page.objects.descendant_of(root)
        assert demo_pages.count() == 32
        assert not demo_pages.not_live().exists()
        assert not demo_pages.filter(has_unpublished_changes=True).exists()

    def test_sections_have_the_municipalitys_name_and_threshold(self):
        solleftea = section("solleftea")
        assert solleftea.title == "Internationellt arbete"
        assert solleftea.municipality_name == "Sollefteå kommun"
        assert solleftea.url == "/solleftea/"
        assert set(
            InternationalIndexPage.objects.values_list("reporting_threshold", flat=True)
        ) == {10_000}

    def test_every_section_is_reachable_from_the_site_root(self):
        home = self.client.get("/")
        assert home.status_code == 200
        for slug in SECTION_SLUGS:
            url = section(slug).url
            assert url == f"/{slug}/"
            assert f'href="{url}"' in home.content.decode()
            assert self.client.get(url).status_code == 200

    def test_every_demo_page_renders(self):
        for page in Page.objects.descendant_of(site_root()).specific():
            assert self.client.get(page.url).status_code == 200, page.url

    def test_stromsund_policy_has_its_register_metadata(self):
        policy = policy_of("stromsund")
        assert policy.title == "Internationell policy"
        assert (policy.id_number, policy.version, policy.document_type) == (
            "0:19",
            "1.0",
            "policy",
        )
        assert policy.decided_by == "council"
        assert policy.decision_date == datetime.date(2012, 12, 12)
        assert policy.minute_paragraph == "121"
        assert policy.valid_until is None

    def test_motala_policy_has_its_registry_number_and_start_date(self):
        policy = policy_of("motala")
        assert policy.title == "Policy för internationell samverkan"
        assert policy.decision_date == datetime.date(2016, 2, 8)
        assert policy.minute_paragraph == "4"
        assert policy.registry_number == "15/KS 0089"
        assert policy.valid_from == datetime.date(2016, 2, 8)

    def test_torsby_policy_was_adopted_by_the_council_in_2004(self):
        policy = policy_of("torsby")
        assert policy.decision_date == datetime.date(2004, 3, 25)
        assert policy.minute_paragraph == "18"

    def test_sollefteas_policy_is_tied_to_its_period_and_invents_no_decision(self):
        policy = policy_of("solleftea")
        assert policy.title == "Policy för internationella kontakter 2019-2022"
        assert (policy.period_start_year, policy.period_end_year) == (2019, 2022)
        assert policy.decision_date is None
        assert policy.minute_paragraph == policy.registry_number == ""

    def test_sandviken_policy_supersedes_the_1997_guidelines_as_a_record(self):
        policy = policy_of("sandviken")
        assert policy.registry_number == "KS2011/157"
        assert policy.minute_paragraph == "44"
        assert policy.valid_from == datetime.date(2012, 5, 6)
        assert policy.valid_until is None
        assert policy.document_owner == "Kommundirektör"
        assert (policy.period_start_year, policy.period_end_year) == (2013, 2014)
        assert policy.supersedes is None
        [earlier] = policy.superseded_documents.all()
        assert earlier.title == "Riktlinjer för kommunens internationella verksamhet"
        assert earlier.decided_by == "council"
        assert earlier.decision_date == datetime.date(1997, 5, 26)
        assert earlier.registry_number == "KS2006/639"

    def test_policy_bodies_keep_the_documents_headings(self):
        headings = {
            slug: [block.value["heading"] for block in policy_of(slug).body]
            for slug in SECTION_SLUGS
        }
        assert headings["torsby"] == [
            "Inledning",
            "Syfte",
            "Mål",
            "Övergripande prioriteringar",
            "Arbetsformer",
            "Ansvar och organisation",
            "Vänortskontakter",
            "Finansiering",
            "Sammanfattning",
        ]
        assert headings["motala"][-1] == "Uppföljning"
        goals = next(block for block in policy_of("solleftea").body if block.block_type == "goals")
        assert goals.value["heading"] == "Syfte och mål"
        assert len(goals.value["items"]) == 5

    def test_torsby_twin_towns_have_the_decision_years_of_the_seed_table(self):
        table = {
            (str(town.country), town.title): town.decision_year for town in twin_towns_of("torsby")
        }
        assert table == {
            ("CL", "Påskön"): 1987,
            ("DK", "Skjern"): 1977,
            ("FI", "Rautalampi"): 1992,
            ("FI", "Pernå"): 1977,
            ("NO", "Bömlo"): 1977,
            ("DE", "Grosskrotzenburg"): 1965,
        }

    def test_sollefteas_twin_towns_keep_their_official_names_and_no_invented_years(self):
        towns = {town.title: town for town in twin_towns_of("solleftea")}
        assert {title: str(town.country) for title, town in towns.items()} == {
            "Pöltsamaa": "EE",
            "Esashi": "JP",
            "Nykarleby": "FI",
            "Madison": "US",
        }
        assert towns["Nykarleby"].official_name == "Nykarleby Stad"
        assert towns["Madison"].official_name == "Madison the City"
        assert all(town.decision_year is None for town in towns.values())

    def test_example_trip_reports_exercise_the_rules(self):
        reports = {report.slug: report for report in TripReportPage.objects.all()}
        assert all(report.title.startswith("Exempel:") for report in reports.values())

        nykarleby = reports["exempel-vanortsbesok-i-nykarleby"]
        assert nykarleby.destination_twin_town.title == "Nykarleby"
        assert requires_board_approval(nykarleby)
        assert nykarleby.board_approval_date < nykarleby.start_date
        assert nykarleby.board_approval_reference

        brussels = reports["exempel-studieresa-till-bryssel"]
        assert isinstance(brussels.total_cost, Decimal)
        assert is_over_threshold(brussels)
        assert brussels.reported_to_board_date > brussels.end_date

        trondheim = reports["exempel-natverksmote-i-trondheim"]
        assert not is_over_threshold(trondheim)
        assert trondheim.reported_to_board_date is None

        skjern = reports["exempel-ungdomsutbyte-med-skjern"]
        assert skjern.section.slug == "torsby"
        assert skjern.destination_twin_town.title == "Skjern"
        assert skjern.department.section_id == skjern.section.pk

    def test_departments_people_are_marked_as_example_data(self):
        assert Department.objects.filter(
            section__slug="sandviken", name="Arbetsmarknads- och trafiknämnden"
        ).exists()
        for department in Department.objects.all():
            assert department.responsible_email.endswith("@example.se")
            assert "exempel" in department.responsible_title.lower()

    def test_the_demo_superuser_can_log_in(self):
        user = get_user_model().objects.get(username="admin")
        assert user.is_superuser and user.is_staff
        assert "Log in at http://testserver/admin/" in self.output
        assert "username: admin" in self.output
        assert "password: admin" in self.output
        assert self.client.login(username="admin", password="admin")
        assert self.client.get("/admin/").status_code == 200

    def test_each_municipality_has_an_editor_a_reviewer_and_a_board_secretary(self):
        for slug in SECTION_SLUGS:
            section = InternationalIndexPage.objects.get(slug=slug)
            for suffix, role in [
                ("redaktor", "Redaktörer"),
                ("granskare", "Granskare"),
                ("kansli", "Kommunstyrelsens kansli"),
            ]:
                user = get_user_model().objects.get(username=f"{slug}-{suffix}")
                assert not user.is_superuser
                groups = list(user.groups.values_list("name", flat=True))
                assert groups == [f"{section.municipality_name} – {role}"]
            assert f"{slug}-redaktor (Redaktörer)" in self.output
        assert "password “demo”" in self.output

    def test_a_demo_editor_logs_in_and_may_edit_only_its_own_municipality(self):
        assert self.client.login(username="torsby-redaktor", password="demo")
        torsby = InternationalIndexPage.objects.get(slug="torsby")
        motala = InternationalIndexPage.objects.get(slug="motala")
        assert self.client.get(f"/admin/pages/{torsby.pk}/edit/").status_code == 200
        assert self.client.get(f"/admin/pages/{motala.pk}/edit/").status_code in (302, 403)

    def test_every_section_has_its_own_approval_workflow(self):
        for section in InternationalIndexPage.objects.all():
            workflow = section.get_workflow()
            assert workflow.name == f"Granskning – {section.municipality_name}"


def test_a_second_run_restores_changed_demo_values():
    run_demo()
    policy = policy_of("stromsund")
    policy.version = "9.9"
    policy.save_revision().publish()
    policy_of("sandviken").superseded_documents.all().delete()
    Department.objects.filter(section__slug="motala").update(responsible_name="Någon Annan")

    output = run_demo()

    assert policy_of("stromsund").version == "1.0"
    assert policy_of("sandviken").superseded_documents.count() == 1
    assert not Department.objects.filter(responsible_name="Någon Annan").exists()
    assert "2 updated, 30 unchanged" in output


def test_the_command_speaks_swedish_when_the_site_does():
    output = run_demo(language="sv")
    assert "Logga in på http://testserver/admin/" in output
    assert "användarnamn: admin" in output


def test_a_second_run_does_not_change_the_password(client):
    run_demo("--admin-password", "first-password")
    password_hash = get_user_model().objects.get(username="admin").password

    output = run_demo("--admin-password", "second-password")

    assert get_user_model().objects.get(username="admin").password == password_hash
    assert client.login(username="admin", password="first-password")
    assert "second-password" not in output


def test_reset_password_sets_the_given_password(client):
    run_demo("--admin-password", "first-password")
    run_demo("--admin-password", "second-password", "--reset-password")
    assert client.login(username="admin", password="second-password")


def test_a_second_run_creates_no_second_role_user_or_group():
    run_demo()
    users, groups = get_user_model().objects.count(), Group.objects.count()
    run_demo()
    assert (get_user_model().objects.count(), Group.objects.count()) == (users, groups)
    assert users == 1 + 5 * 3


def test_no_users_leaves_users_alone():
    output = run_demo("--no-users")
    assert not get_user_model().objects.exists()
    assert "username" not in output
    assert InternationalIndexPage.objects.count() == 5


def test_quiet_run_prints_nothing():
    assert run_demo("--verbosity", "0") == ""
    assert InternationalIndexPage.objects.count() == 5


def test_help_text_can_be_shown():
    parser = Command().create_parser("manage.py", "internationellt_demo")
    help_text = parser.format_help()
    assert "--admin-password" in help_text
    assert "--no-users" in help_text


def test_a_page_of_another_type_in_the_way_stops_the_build_and_changes_nothing():
    site_root().add_child(instance=Page(title="Sollefteå", slug="solleftea"))

    with pytest.raises(CommandError, match="/solleftea/"):
        run_demo()

    assert not InternationalIndexPage.objects.exists()
    assert not Department.objects.exists()
    assert not get_user_model().objects.exists()


def test_site_address_sets_where_links_in_feeds_and_open_data_point():
    run_demo("--site-address", "127.0.0.1:8123", "--no-users")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert section("torsby").full_url == "http://127.0.0.1:8123/torsby/"


@pytest.mark.parametrize("address", ["8123", "localhost:", "localhost:http", "host:70000"])
def test_a_malformed_site_address_is_refused_before_anything_is_built(address):
    with pytest.raises(CommandError, match="HOST:PORT"):
        run_demo("--site-address", address, "--no-users")

    assert InternationalIndexPage.objects.count() == 0
