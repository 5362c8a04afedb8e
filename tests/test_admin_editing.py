"""The editor as a Swedish editor sees it: the create forms and the choices they
offer. The department register has its own tests (test_department_register)."""

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.users.models import UserProfile

from tests import factories
from wagtail_internationellt.models import (
    InternationalIndexPage,
    PolicyPage,
    TripReportIndexPage,
    TripReportPage,
    TwinTownIndexPage,
    TwinTownPage,
)


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


class SwedishEditorTestCase(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.site_root()
        cls.section = factories.make_section("Sollefteå")
        cls.twin_town_index = factories.make_twin_town_index(cls.section)
        cls.skjern = factories.make_twin_town(cls.twin_town_index, "Skjern")
        cls.nykarleby = factories.make_twin_town(cls.twin_town_index, "Nykarleby", country="FI")
        cls.trip_index = factories.make_trip_index(cls.section)
        cls.leadership = factories.make_department(cls.section, "Kommunledningsförvaltningen")
        cls.schools = factories.make_department(cls.section, "Barn- och utbildningsförvaltningen")

        cls.other_section = factories.make_section("Torsby")
        cls.bomlo = factories.make_twin_town(
            factories.make_twin_town_index(cls.other_section), "Bömlo", country="NO"
        )
        cls.other_trip_index = factories.make_trip_index(cls.other_section)
        cls.other_department = factories.make_department(
            cls.other_section, "Kultur- och fritidsförvaltningen"
        )
        cls.empty_section = factories.make_section("Strömsund")

        cls.editor = cls.create_superuser("redaktor")
        profile = UserProfile.get_for_user(cls.editor)
        profile.preferred_language = "sv"
        profile.save()

    def setUp(self):
        self.client.force_login(self.editor)

    def create_view(self, model, parent):
        response = self.client.get(add_url(model, parent))
        self.assertEqual(response.status_code, 200)
        return response

    def label_text(self, response, field_name):
        label = self.get_soup(response.content).find("label", attrs={"for": f"id_{field_name}"})
        assert label is not None, f"no label for {field_name}"
        for mark in label.select(".w-required-mark"):
            mark.decompose()
        return label.get_text(" ", strip=True)

    def select_options(self, response, field_name):
        select = self.get_soup(response.content).find("select", attrs={"name": field_name})
        assert select is not None, f"no select for {field_name}"
        return {option["value"] for option in select.find_all("option") if option["value"]}


class CreateViewInSwedishTests(SwedishEditorTestCase):
    def parents(self):
        return [
            (InternationalIndexPage, self.home),
            (PolicyPage, self.section),
            (TwinTownIndexPage, self.empty_section),
            (TwinTownPage, self.twin_town_index),
            (TripReportIndexPage, self.empty_section),
            (TripReportPage, self.trip_index),
        ]

    def test_create_view_of_every_page_type_answers_in_swedish(self):
        for model, parent in self.parents():
            with self.subTest(model=model.__name__):
                response = self.create_view(model, parent)

                html = self.get_soup(response.content).find("html")
                assert html["lang"] == "sv"
                # Wagtail's own Swedish: the "Save draft" button.
                self.assertContains(response, "Spara utkast")

    def test_create_view_of_every_page_type_labels_each_of_its_fields(self):
        for model, parent in self.parents():
            with self.subTest(model=model.__name__):
                response = self.create_view(model, parent)
                form = response.context["form"]
                text = self.get_soup(response.content).get_text(" ")
                own_fields = [
                    field.name
                    for field in model._meta.get_fields(include_parents=False)
                    if field.concrete and field.name in form.fields
                ]

                assert own_fields
                for name in own_fields:
                    label = str(form.fields[name].label)
                    assert label.strip(), name
                    assert label in text, (name, label)

    def test_field_help_is_shown_to_the_editor(self):
        response = self.create_view(TripReportPage, self.trip_index)
        form = response.context["form"]

        self.assertContains(response, str(form.fields["total_cost"].help_text))
        self.assertContains(response, str(form.fields["board_approval_date"].help_text))

    def test_registry_number_is_labelled_diarienummer(self):
        response = self.create_view(PolicyPage, self.section)

        assert self.label_text(response, "registry_number") == "Diarienummer"

    def test_decision_date_is_labelled_beslutsdatum(self):
        response = self.create_view(PolicyPage, self.section)

        assert self.label_text(response, "decision_date") == "Beslutsdatum"

    def test_trip_destination_twin_town_is_labelled_vanort(self):
        response = self.create_view(TripReportPage, self.trip_index)

        assert self.label_text(response, "destination_twin_town") == "Vänort"

    def test_total_cost_is_labelled_in_kronor(self):
        response = self.create_view(TripReportPage, self.trip_index)

        assert self.label_text(response, "total_cost") == "Total kostnad (kronor)"


class SectionScopedChoicesTests(SwedishEditorTestCase):
    def test_new_trip_offers_only_the_municipalitys_own_twin_towns(self):
        response = self.create_view(TripReportPage, self.trip_index)

        offered = self.select_options(response, "destination_twin_town")

        assert offered == {str(self.skjern.pk), str(self.nykarleby.pk)}

    def test_new_trip_offers_only_the_municipalitys_own_departments(self):
        response = self.create_view(TripReportPage, self.trip_index)

        offered = self.select_options(response, "department")

        assert offered == {str(self.leadership.pk), str(self.schools.pk)}

    def test_editing_a_trip_offers_the_choices_of_its_own_municipality(self):
        trip = factories.make_trip(self.other_trip_index, self.other_department)

        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[trip.pk]))

        self.assertEqual(response.status_code, 200)
        assert self.select_options(response, "destination_twin_town") == {str(self.bomlo.pk)}
        assert self.select_options(response, "department") == {str(self.other_department.pk)}

    def test_a_municipality_without_twin_towns_offers_none(self):
        trips = factories.make_trip_index(self.empty_section)
        department = factories.make_department(self.empty_section, "Samhällsbyggnad")

        response = self.create_view(TripReportPage, trips)

        assert self.select_options(response, "destination_twin_town") == set()
        assert self.select_options(response, "department") == {str(department.pk)}
