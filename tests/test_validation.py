"""Bad input is refused on the field it concerns, with a message that says why,
and nothing is saved: through the model (full_clean, save_revision, drafts)
and through the editor's form."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Revision
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    streamfield,
)
from wagtail.users.models import UserProfile

from tests import factories
from wagtail_internationellt.models import (
    PolicyPage,
    TripReportPage,
    TwinTownEvaluation,
    TwinTownPage,
)

D = datetime.date


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def validation_errors(instance):
    """The errors full_clean() gives, by field; fails when it accepts the instance."""
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return {
        field: [str(m) for m in messages] for field, messages in caught.value.message_dict.items()
    }


def assert_refused(page, field, message):
    """full_clean() names ``field`` with ``message``, and no revision can be saved."""
    errors = validation_errors(page)
    assert field in errors, errors
    assert any(message in error for error in errors[field]), errors[field]
    revisions_before = Revision.objects.count()
    with pytest.raises(ValidationError):
        page.save_revision()
    assert Revision.objects.count() == revisions_before


def refreshed(page):
    return type(page).objects.get(pk=page.pk)


class Tree:
    """Two municipalities, each with twin towns, trips and a department."""

    @classmethod
    def build_tree(cls):
        cls.section = factories.make_section("Sollefteå")
        cls.twin_towns = factories.make_twin_town_index(cls.section)
        cls.skjern = factories.make_twin_town(cls.twin_towns, "Skjern")
        cls.trips = factories.make_trip_index(cls.section)
        cls.department = factories.make_department(cls.section)

        cls.other_section = factories.make_section("Torsby")
        cls.other_twin_towns = factories.make_twin_town_index(cls.other_section)
        cls.bomlo = factories.make_twin_town(cls.other_twin_towns, "Bömlo", country="NO")
        cls.other_trips = factories.make_trip_index(cls.other_section)
        cls.other_department = factories.make_department(
            cls.other_section, "Barn- och utbildningsförvaltningen"
        )


# Trip reports -------------------------------------------------------------------


class TripReportValidationTests(Tree, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.build_tree()
        cls.trip = factories.make_trip(
            cls.trips,
            cls.department,
            start_date=D(2025, 3, 10),
            end_date=D(2025, 3, 12),
        )

    def test_end_date_before_start_date_is_refused(self):
        self.trip.end_date = D(2025, 3, 9)

        assert_refused(self.trip, "end_date", "cannot be before the start date")
        assert refreshed(self.trip).end_date == D(2025, 3, 12)

    def test_trip_of_one_day_is_accepted(self):
        self.trip.end_date = self.trip.start_date

        self.trip.full_clean()

    def test_negative_cost_is_refused(self):
        self.trip.total_cost = Decimal("-1")

        assert_refused(self.trip, "total_cost", "cannot be negative")

    def test_free_trip_is_accepted(self):
        self.trip.total_cost = Decimal("0")

        self.trip.full_clean()

    def test_trip_to_a_twin_town_of_another_municipality_is_refused(self):
        self.trip.destination_twin_town = self.bomlo

        assert_refused(self.trip, "destination_twin_town", "Bömlo is a twin town of another")
        errors = validation_errors(self.trip)
        assert "Sollefteå" in errors["destination_twin_town"][0]

    def test_trip_to_the_municipalitys_own_twin_town_is_accepted(self):
        self.trip.destination_twin_town = self.skjern
        self.trip.destination_place = ""

        self.trip.full_clean()

    def test_department_of_another_municipality_is_refused(self):
        self.trip.department = self.other_department

        assert_refused(self.trip, "department", "belongs to another municipality")

    def test_board_approval_after_the_trip_started_is_refused(self):
        self.trip.board_approval_date = D(2025, 3, 11)

        assert_refused(
            self.trip, "board_approval_date", "cannot be dated after the trip's start date"
        )

    def test_board_approval_before_the_trip_is_accepted(self):
        self.trip.board_approval_date = D(2025, 2, 20)

        self.trip.full_clean()

    def test_reported_back_to_the_board_before_the_trip_ended_is_refused(self):
        self.trip.reported_to_board_date = D(2025, 3, 11)

        assert_refused(
            self.trip, "reported_to_board_date", "cannot be dated before the trip's end date"
        )

    def test_reported_to_the_council_before_the_trip_ended_is_refused(self):
        self.trip.reported_to_council_date = D(2025, 3, 1)

        assert_refused(
            self.trip, "reported_to_council_date", "cannot be dated before the trip's end date"
        )

    def test_reported_back_on_the_last_day_of_the_trip_is_accepted(self):
        self.trip.reported_to_board_date = self.trip.end_date

        self.trip.full_clean()

    def test_nobody_travelling_is_refused(self):
        self.trip.travellers_count = 0

        assert_refused(self.trip, "travellers_count", "Give at least one traveller")

    def test_publishing_without_destination_is_refused(self):
        self.trip.destination_place = ""
        self.trip.destination_twin_town = None

        assert_refused(self.trip, "destination_place", "Choose a twin town or give the place")


class TripReportDraftTests(Tree, TestCase):
    """Wagtail 7+ saves drafts without full_clean; some rules hold for drafts all the same."""

    @classmethod
    def setUpTestData(cls):
        cls.build_tree()

    def draft(self, **fields):
        values = {
            "title": "Studieresa",
            "department": self.department,
            "destination_place": "Bryssel",
            "start_date": D(2025, 3, 10),
            "end_date": D(2025, 3, 12),
            "travellers_count": 2,
            "purpose": "Lära av andra kommuner.",
            "goals": "Två projektidéer.",
            "total_cost": Decimal("8000"),
            "live": False,
        }
        values.update(fields)
        return TripReportPage(**values)

    def test_draft_with_end_before_start_cannot_be_saved(self):
        draft = self.draft(end_date=D(2025, 3, 1))

        with pytest.raises(ValidationError) as caught:
            self.trips.add_child(instance=draft)

        assert "end_date" in caught.value.message_dict
        assert not TripReportPage.objects.filter(title="Studieresa").exists()

    def test_draft_revision_with_end_before_start_cannot_be_saved(self):
        draft = self.draft()
        self.trips.add_child(instance=draft)
        draft.end_date = D(2025, 3, 1)

        with pytest.raises(ValidationError) as caught:
            draft.save_revision()

        assert "end_date" in caught.value.message_dict
        assert not draft.revisions.exists()

    def test_draft_to_another_municipalitys_twin_town_cannot_be_saved(self):
        draft = self.draft(destination_twin_town=self.bomlo)

        with pytest.raises(ValidationError) as caught:
            self.trips.add_child(instance=draft)

        assert "destination_twin_town" in caught.value.message_dict

    def test_draft_without_destination_is_saved_and_publishing_it_is_refused(self):
        draft = self.draft(destination_place="")
        self.trips.add_child(instance=draft)
        revision = draft.save_revision()

        with pytest.raises(ValidationError) as caught:
            revision.publish()

        assert caught.value.message_dict["destination_place"] == [
            str(TripReportPage.MISSING_DESTINATION)
        ]
        assert not refreshed(draft).live


# Policies -------------------------------------------------------------------------


class PolicyValidationTests(Tree, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.build_tree()
        cls.policy = factories.make_policy(cls.section, valid_from=D(2012, 6, 1))

    def test_valid_until_before_valid_from_is_refused(self):
        self.policy.valid_until = D(2012, 5, 31)

        assert_refused(self.policy, "valid_until", "cannot be before")
        assert refreshed(self.policy).valid_until is None

    def test_valid_for_a_single_day_is_accepted(self):
        self.policy.valid_until = self.policy.valid_from

        self.policy.full_clean()

    def test_policy_period_ending_before_it_starts_is_refused(self):
        self.policy.period_start_year = 2019
        self.policy.period_end_year = 2018

        assert_refused(self.policy, "period_end_year", "cannot end before it starts")

    def test_committee_decision_must_name_the_committee(self):
        self.policy.decided_by = "committee"

        assert_refused(self.policy, "decided_by_committee", "Name the committee")

    def test_policy_cannot_supersede_itself(self):
        self.policy.supersedes = self.policy

        assert_refused(self.policy, "supersedes", "cannot supersede itself")

    def test_supersession_cycle_is_refused_and_names_the_policy_chosen(self):
        successor = factories.make_policy(
            self.section, "Policy 2019", slug="policy-2019", supersedes=self.policy
        )
        self.policy.supersedes = successor

        assert_refused(self.policy, "supersedes", "that would make a cycle")
        message = validation_errors(self.policy)["supersedes"][0]
        assert f"“{successor.title}” already supersedes this policy" in message

    def test_longer_supersession_cycle_is_refused(self):
        middle = factories.make_policy(
            self.section, "Policy 2016", slug="policy-2016", supersedes=self.policy
        )
        newest = factories.make_policy(
            self.section, "Policy 2020", slug="policy-2020", supersedes=middle
        )
        self.policy.supersedes = newest

        assert_refused(self.policy, "supersedes", "that would make a cycle")

    def test_policy_of_another_municipality_cannot_be_superseded(self):
        foreign = factories.make_policy(self.other_section, "Torsbys policy")
        self.policy.supersedes = foreign

        assert_refused(self.policy, "supersedes", "same municipality")

    def test_draft_superseding_itself_cannot_be_saved(self):
        draft = PolicyPage(title="Utkast", live=False)
        self.section.add_child(instance=draft)
        draft.supersedes = draft

        with pytest.raises(ValidationError) as caught:
            draft.save()

        assert "supersedes" in caught.value.message_dict
        assert refreshed(draft).supersedes_id is None

    def test_minute_paragraph_is_stored_without_the_paragraph_sign(self):
        self.policy.minute_paragraph = "§ 44"

        self.policy.full_clean()

        assert self.policy.minute_paragraph == "44"


# Twin towns ---------------------------------------------------------------------


class TwinTownValidationTests(Tree, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.build_tree()

    def test_decision_year_in_the_future_is_refused(self):
        self.skjern.decision_year = timezone.localdate().year + 1

        assert_refused(self.skjern, "decision_year", "must be between 1900 and")

    def test_decision_year_this_year_is_accepted(self):
        self.skjern.decision_year = timezone.localdate().year

        self.skjern.full_clean()

    def test_decision_year_before_1900_is_refused(self):
        self.skjern.decision_year = 1899

        assert_refused(self.skjern, "decision_year", "must be between 1900 and")
        assert refreshed(self.skjern).decision_year == 1977

    def test_decision_date_in_another_year_than_the_decision_year_is_refused(self):
        self.skjern.decision_year = 1977
        self.skjern.decision_date = D(1978, 3, 1)

        assert_refused(self.skjern, "decision_date", "is in 1978, not in 1977")

    def test_decision_year_is_taken_from_the_decision_date(self):
        self.skjern.decision_year = None
        self.skjern.decision_date = D(1977, 5, 4)

        self.skjern.full_clean()

        assert self.skjern.decision_year == 1977

    def test_latitude_out_of_range_is_refused(self):
        self.skjern.latitude = Decimal("90.5")
        self.skjern.longitude = Decimal("8.5")

        assert_refused(self.skjern, "latitude", "between -90 and 90")

    def test_longitude_out_of_range_is_refused(self):
        self.skjern.latitude = Decimal("55.9")
        self.skjern.longitude = Decimal("-180.5")

        assert_refused(self.skjern, "longitude", "between -180 and 180")

    def test_coordinates_at_the_edges_are_accepted(self):
        self.skjern.latitude = Decimal("-90")
        self.skjern.longitude = Decimal("180")

        self.skjern.full_clean()

    def test_latitude_without_longitude_is_refused(self):
        self.skjern.latitude = Decimal("55.9")

        assert_refused(self.skjern, "longitude", "Give both latitude and longitude")

    def test_longitude_without_latitude_is_refused(self):
        self.skjern.longitude = Decimal("8.5")

        assert_refused(self.skjern, "latitude", "Give both latitude and longitude")

    def test_terminated_agreement_needs_an_end_date(self):
        self.skjern.status = "terminated"

        assert_refused(self.skjern, "end_date", "Give the date the agreement was terminated")

    def test_active_agreement_has_no_end_date(self):
        self.skjern.end_date = D(2020, 1, 1)

        assert_refused(self.skjern, "end_date", "Only a terminated agreement")

    def test_two_evaluations_in_one_mandate_period_are_refused(self):
        self.skjern.evaluations = [
            TwinTownEvaluation(decision_date=D(2023, 6, 12)),
            TwinTownEvaluation(decision_date=D(2026, 11, 30)),
        ]

        assert_refused(self.skjern, "__all__", "2023–2026 has already been evaluated")
        assert not refreshed(self.skjern).evaluations.exists()

    def test_evaluations_in_adjoining_mandate_periods_are_accepted(self):
        self.skjern.evaluations = [
            TwinTownEvaluation(decision_date=D(2022, 12, 31)),
            TwinTownEvaluation(decision_date=D(2023, 1, 1)),
        ]

        self.skjern.full_clean()


# The same rules through the editor ------------------------------------------------


# Publishing as a superuser, as in an installation that allows it: the rules
# checked on publish are what these tests are about.
@override_settings(WAGTAIL_INTERNATIONELLT_SUPERUSERS_MAY_PUBLISH=True)
class EditorFormValidationTests(Tree, WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.build_tree()
        cls.user = cls.create_superuser("redaktor")
        cls.set_admin_language(cls.user, "en")

    @staticmethod
    def set_admin_language(user, language):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()

    def setUp(self):
        self.client.force_login(self.user)

    def add_url(self, model, parent):
        return reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def trip_form_data(self, **fields):
        data = {
            "title": "Studieresa",
            "slug": "studieresa",
            "destination_place": "Bryssel",
            "destination_country": "BE",
            "start_date": "2025-03-10",
            "end_date": "2025-03-12",
            "department": str(self.department.pk),
            "travellers_count": "2",
            "purpose": "Lära av andra kommuner.",
            "goals": "Två projektidéer.",
            "total_cost": "8000",
            "financing": "own_budget",
        }
        data.update(fields)
        return data

    def form_errors(self, response, language="en"):
        """The form's errors as the editor reads them, in their admin language."""
        self.assertEqual(response.status_code, 200)
        with translation.override(language):
            return {
                field: [str(error) for error in errors]
                for field, errors in response.context["form"].errors.items()
            }

    def edit_form_data(self, page):
        """What the edit form would post unchanged (the policy bodies here are empty)."""
        response = self.client.get(self.edit_url(page))
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
        if isinstance(page, PolicyPage):
            # The StreamField editor builds its inputs in the browser.
            data.update(nested_form_data({"body": streamfield([])}))
        return data

    def test_save_draft_of_trip_with_end_before_start_is_refused(self):
        response = self.client.post(
            self.add_url(TripReportPage, self.trips),
            self.trip_form_data(start_date="2025-03-10", end_date="2025-03-09"),
        )

        errors = self.form_errors(response)
        assert errors["end_date"] == ["The end date cannot be before the start date."]
        assert not TripReportPage.objects.filter(slug="studieresa").exists()

    def test_swedish_editor_is_told_in_swedish(self):
        self.set_admin_language(self.user, "sv")
        english = "The end date cannot be before the start date."
        with translation.override("sv"):
            swedish = translation.gettext(english)

        response = self.client.post(
            self.add_url(TripReportPage, self.trips),
            self.trip_form_data(start_date="2025-03-10", end_date="2025-03-09"),
        )

        assert swedish != english
        assert self.form_errors(response, language="sv")["end_date"] == [swedish]
        self.assertContains(response, swedish)
        assert not TripReportPage.objects.filter(slug="studieresa").exists()

    def test_save_draft_with_empty_destination_is_accepted(self):
        response = self.client.post(
            self.add_url(TripReportPage, self.trips),
            self.trip_form_data(destination_place="", destination_country=""),
        )

        self.assertEqual(response.status_code, 302)
        draft = TripReportPage.objects.get(slug="studieresa")
        assert not draft.live
        assert draft.revisions.count() == 1

    def test_publishing_a_draft_with_empty_destination_is_refused_once(self):
        draft = TripReportPage(
            title="Studieresa",
            live=False,
            department=self.department,
            destination_place="",
            start_date=D(2025, 3, 10),
            end_date=D(2025, 3, 12),
            travellers_count=2,
            purpose="Lära.",
            goals="Idéer.",
            total_cost=Decimal("8000"),
        )
        self.trips.add_child(instance=draft)
        draft.save_revision()
        data = self.edit_form_data(draft)
        data["action-publish"] = "action-publish"

        response = self.client.post(self.edit_url(draft), data)

        errors = self.form_errors(response)
        assert errors["destination_place"] == [
            "Choose a twin town or give the place the trip went to."
        ]
        assert not refreshed(draft).live
        assert draft.revisions.count() == 1

    def test_creating_and_publishing_without_destination_is_refused_once(self):
        response = self.client.post(
            self.add_url(TripReportPage, self.trips),
            self.trip_form_data(destination_place="", **{"action-publish": "action-publish"}),
        )

        errors = self.form_errors(response)
        assert errors["destination_place"] == [
            "Choose a twin town or give the place the trip went to."
        ]
        assert not TripReportPage.objects.filter(slug="studieresa").exists()

    def test_saving_a_draft_of_a_live_trip_without_destination_is_accepted(self):
        trip = factories.make_trip(self.trips, self.department)
        data = self.edit_form_data(trip)
        data["destination_place"] = ""

        response = self.client.post(self.edit_url(trip), data)

        self.assertEqual(response.status_code, 302)
        assert trip.revisions.count() == 2
        assert refreshed(trip).destination_place == "Bryssel"
        assert refreshed(trip).get_latest_revision_as_object().destination_place == ""

    def test_twin_town_of_another_municipality_is_not_a_valid_choice(self):
        response = self.client.post(
            self.add_url(TripReportPage, self.trips),
            self.trip_form_data(destination_twin_town=str(self.bomlo.pk), destination_place=""),
        )

        errors = self.form_errors(response)
        assert "destination_twin_town" in errors
        assert not TripReportPage.objects.filter(slug="studieresa").exists()

    def test_department_of_another_municipality_is_not_a_valid_choice(self):
        response = self.client.post(
            self.add_url(TripReportPage, self.trips),
            self.trip_form_data(department=str(self.other_department.pk)),
        )

        errors = self.form_errors(response)
        assert "department" in errors
        assert not TripReportPage.objects.filter(slug="studieresa").exists()

    def test_negative_cost_is_refused_by_the_form(self):
        response = self.client.post(
            self.add_url(TripReportPage, self.trips),
            self.trip_form_data(total_cost="-500", **{"action-publish": "action-publish"}),
        )

        errors = self.form_errors(response)
        assert errors["total_cost"] == ["The total cost cannot be negative."]
        assert not TripReportPage.objects.filter(slug="studieresa").exists()

    def test_valid_until_before_valid_from_is_refused_by_the_form(self):
        data = {
            "title": "Internationell policy 2025",
            "slug": "policy-2025",
            "document_type": "policy",
            "decided_by": "council",
            "valid_from": "2025-01-01",
            "valid_until": "2024-12-31",
            **nested_form_data({"superseded_documents": inline_formset([])}),
            **nested_form_data({"body": streamfield([])}),
        }

        response = self.client.post(self.add_url(PolicyPage, self.section), data)

        errors = self.form_errors(response)
        assert errors["valid_until"] == ["“Valid until” cannot be before “valid from”."]
        assert not PolicyPage.objects.filter(slug="policy-2025").exists()

    def test_supersession_cycle_is_refused_by_the_form(self):
        older = factories.make_policy(self.section, "Policy 2012", slug="policy-2012")
        newer = factories.make_policy(
            self.section, "Policy 2019", slug="policy-2019", supersedes=older
        )
        data = self.edit_form_data(older)
        data["supersedes"] = str(newer.pk)
        data["action-publish"] = "action-publish"

        response = self.client.post(self.edit_url(older), data)

        errors = self.form_errors(response)
        assert "that would make a cycle" in errors["supersedes"][0]
        assert refreshed(older).supersedes_id is None

    def test_coordinates_out_of_range_are_refused_by_the_form(self):
        data = self.edit_form_data(self.skjern)
        data.update(latitude="95", longitude="8.5", **{"action-publish": "action-publish"})

        response = self.client.post(self.edit_url(self.skjern), data)

        errors = self.form_errors(response)
        assert errors["latitude"] == ["The latitude must be between -90 and 90 degrees."]
        assert refreshed(self.skjern).latitude is None

    def evaluation_rows_post(self, page, dates, action=None):
        data = {
            key: value
            for key, value in self.edit_form_data(page).items()
            if not key.startswith("evaluations-")
        }
        rows = [
            {"decision_date": day, "outcome": "continue", "decision_reference": "", "comment": ""}
            for day in dates
        ]
        data.update(nested_form_data({"evaluations": inline_formset(rows)}))
        if action:
            data[action] = action
        return self.client.post(self.edit_url(page), data)

    def test_two_evaluations_in_one_mandate_period_are_refused_in_the_editor(self):
        revisions_before = self.skjern.revisions.count()

        response = self.evaluation_rows_post(self.skjern, ["2023-06-12", "2025-02-03"])

        self.assertEqual(response.status_code, 200)
        formset = response.context["form"].formsets["evaluations"]
        assert formset.errors[0] == {}
        assert formset.errors[1]["decision_date"] == [
            "The mandate period 2023–2026 has already been evaluated: record one evaluation "
            "per mandate period."
        ]
        self.assertContains(response, "2023–2026 has already been evaluated")
        assert self.skjern.revisions.count() == revisions_before
        assert not TwinTownEvaluation.objects.filter(page=self.skjern).exists()

    def test_two_evaluations_in_one_mandate_period_are_refused_on_publish_too(self):
        response = self.evaluation_rows_post(
            self.skjern, ["2019-03-01", "2022-10-10"], action="action-publish"
        )

        self.assertEqual(response.status_code, 200)
        assert response.context["form"].formsets["evaluations"].errors[1]["decision_date"]
        assert not TwinTownEvaluation.objects.filter(page=self.skjern).exists()

    def test_one_evaluation_per_mandate_period_is_saved_from_the_editor(self):
        response = self.evaluation_rows_post(
            self.skjern, ["2019-03-01", "2023-06-12"], action="action-publish"
        )

        self.assertEqual(response.status_code, 302)
        periods = [str(e.mandate_period) for e in refreshed(self.skjern).evaluations.all()]
        assert sorted(periods) == ["2019–2022", "2023–2026"]

    def test_evaluation_refused_against_one_already_recorded(self):
        self.skjern.evaluations = [TwinTownEvaluation(decision_date=D(2023, 6, 12))]
        self.skjern.save_revision().publish()
        data = self.edit_form_data(self.skjern)
        data.update(
            nested_form_data(
                {
                    "evaluations": {
                        "TOTAL_FORMS": "2",
                        "1": {
                            "decision_date": "2024-01-15",
                            "outcome": "terminate",
                            "decision_reference": "",
                            "comment": "",
                            "ORDER": "1",
                            "DELETE": "",
                        },
                    }
                }
            )
        )

        response = self.client.post(self.edit_url(self.skjern), data)

        self.assertEqual(response.status_code, 200)
        assert response.context["form"].formsets["evaluations"].errors[1]["decision_date"]
        assert TwinTownPage.objects.get(pk=self.skjern.pk).evaluations.count() == 1
