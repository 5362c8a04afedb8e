"""Where each page type may live, and that each can be created in the editor,
rendered and previewed (STYLE.md: page rules live on the page)."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from home.models import HomePage
from tests import factories
from wagtail_internationellt.models import (
    InternationalIndexPage,
    PolicyPage,
    TripReportIndexPage,
    TripReportPage,
    TwinTownIndexPage,
    TwinTownPage,
)

D = datetime.date

PACKAGE_PAGE_TYPES = [
    InternationalIndexPage,
    PolicyPage,
    TwinTownIndexPage,
    TwinTownPage,
    TripReportIndexPage,
    TripReportPage,
]


def list_block(items):
    """Form data for a ListBlock, to use inside nested_form_data()."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index)}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


# One policy body, as stored and as the editor posts it.
POLICY_BODY = [
    ("purpose", {"heading": "Syfte", "text": "<p>En plattform för internationellt arbete.</p>"}),
    ("goals", {"heading": "Mål", "intro": "", "items": ["Stärka tillväxten", "Lära av andra"]}),
    (
        "responsibilities",
        {
            "heading": "Ansvarsfördelning",
            "intro": "",
            "bodies": [
                {
                    "body": "Kommunstyrelsen",
                    "duties": ["Samtliga resor till vänorter ska godkännas av kommunstyrelsen."],
                },
            ],
        },
    ),
]


def policy_body_value():
    purpose, goals, responsibilities = (value for _name, value in POLICY_BODY)
    return [
        ("purpose", {**purpose, "text": RichText(purpose["text"])}),
        ("goals", {**goals, "intro": RichText(goals["intro"])}),
        ("responsibilities", {**responsibilities, "intro": RichText("")}),
    ]


def policy_body_form_data():
    purpose, goals, responsibilities = (value for _name, value in POLICY_BODY)
    return nested_form_data(
        {
            "body": streamfield(
                [
                    (
                        "purpose",
                        {"heading": purpose["heading"], "text": rich_text(purpose["text"])},
                    ),
                    (
                        "goals",
                        {
                            "heading": goals["heading"],
                            "intro": rich_text(goals["intro"]),
                            "items": list_block(goals["items"]),
                        },
                    ),
                    (
                        "responsibilities",
                        {
                            "heading": responsibilities["heading"],
                            "intro": rich_text(responsibilities["intro"]),
                            "bodies": list_block(
                                [
                                    {"body": entry["body"], "duties": list_block(entry["duties"])}
                                    for entry in responsibilities["bodies"]
                                ]
                            ),
                        },
                    ),
                ]
            )
        }
    )


# The editor tests create and publish as a superuser, as in an installation that
# lets superusers publish directly; approval is tested in test_publishing_guard.py.
@override_settings(WAGTAIL_INTERNATIONELLT_SUPERUSERS_MAY_PUBLISH=True)
class PageTypeTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.site_root()
        cls.section = factories.make_section(
            "Sollefteå", intro="<p>Varför vi arbetar internationellt.</p>"
        )
        cls.twin_town_index = factories.make_twin_town_index(cls.section)
        cls.twin_town = factories.make_twin_town(
            cls.twin_town_index,
            "Nykarleby",
            official_name="Nykarleby Stad",
            country="FI",
            latitude=Decimal("63.52"),
            longitude=Decimal("22.53"),
            decision_year=1977,
        )
        cls.trip_index = factories.make_trip_index(cls.section)
        cls.department = factories.make_department(cls.section)
        cls.trip = factories.make_trip(
            cls.trip_index,
            cls.department,
            destination_twin_town=cls.twin_town,
            destination_place="",
            board_approval_date=D(2025, 2, 1),
        )
        cls.policy = factories.make_policy(
            cls.section,
            registry_number="KS2011/157",
            minute_paragraph="44",
            body=policy_body_value(),
        )
        # A municipality that has not built its section yet.
        cls.empty_section = factories.make_section("Strömsund")
        cls.superuser = cls.create_superuser("redaktor")

    def setUp(self):
        self.client.force_login(self.superuser)

    def edit_form_data(self, page):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        return querydict_from_html(response.content.decode(), form_id="page-edit-form")


# International section -------------------------------------------------------------


class InternationalIndexPageTests(PageTypeTestCase):
    def test_section_can_be_created_in_the_host_site(self):
        self.assertCanCreateAt(HomePage, InternationalIndexPage)
        self.assertCanCreateAt(Page, InternationalIndexPage)

    def test_section_cannot_be_created_inside_a_section_or_its_pages(self):
        for parent in PACKAGE_PAGE_TYPES:
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, InternationalIndexPage)

    def test_section_holds_policies_twin_town_list_and_trip_report_list(self):
        self.assertAllowedSubpageTypes(
            InternationalIndexPage, {PolicyPage, TwinTownIndexPage, TripReportIndexPage}
        )

    def test_can_create_section_in_the_editor(self):
        self.assertCanCreate(
            self.home,
            InternationalIndexPage,
            nested_form_data(
                {
                    "title": "Internationellt arbete",
                    "slug": "motala",
                    "municipality_name": "Motala kommun",
                    "intro": rich_text("<p>Motala samarbetar med andra kommuner i Europa.</p>"),
                    "reporting_threshold": "15000",
                }
            ),
        )

        section = InternationalIndexPage.objects.get(slug="motala")
        assert section.live
        assert section.municipality_name == "Motala kommun"
        assert section.reporting_threshold == 15_000

    def test_section_is_renderable(self):
        self.assertPageIsRenderable(self.section)

    def test_section_is_previewable(self):
        self.assertPageIsPreviewable(self.section)

    def test_section_is_editable(self):
        self.assertPageIsEditable(self.section)


# Policy ---------------------------------------------------------------------------


class PolicyPageTests(PageTypeTestCase):
    def test_policy_can_only_be_created_in_a_section(self):
        self.assertAllowedParentPageTypes(PolicyPage, {InternationalIndexPage})
        self.assertCanCreateAt(InternationalIndexPage, PolicyPage)
        self.assertCanNotCreateAt(HomePage, PolicyPage)
        self.assertCanNotCreateAt(TwinTownIndexPage, PolicyPage)

    def test_policy_has_no_subpages(self):
        self.assertAllowedSubpageTypes(PolicyPage, set())
        self.assertCanNotCreateAt(PolicyPage, InternationalIndexPage)

    def test_can_create_policy_with_body_and_an_earlier_document_in_the_editor(self):
        self.assertCanCreate(
            self.empty_section,
            PolicyPage,
            {
                **nested_form_data(
                    {
                        "title": "Internationell policy",
                        "slug": "internationell-policy",
                        "document_type": "policy",
                        "id_number": "0:19",
                        "version": "1.0",
                        "decided_by": "council",
                        "decision_date": "2012-05-06",
                        "minute_paragraph": "§ 44",
                        "registry_number": "KS2011/157",
                        "valid_from": "2012-06-01",
                        "document_owner": "Kommundirektör",
                        "superseded_documents": inline_formset(
                            [
                                {
                                    "title": "Riktlinjer för kommunens internationella verksamhet",
                                    "decided_by": "council",
                                    "decision_date": "1997-05-26",
                                    "registry_number": "KS2006/639",
                                }
                            ]
                        ),
                    }
                ),
                **policy_body_form_data(),
            },
        )

        policy = PolicyPage.objects.child_of(self.empty_section).get()
        assert policy.live
        assert policy.minute_paragraph == "44"
        assert [block.block_type for block in policy.body] == [
            name for name, _value in POLICY_BODY
        ]
        assert list(policy.body[1].value["items"]) == POLICY_BODY[1][1]["items"]
        earlier = policy.superseded_documents.get()
        assert earlier.registry_number == "KS2006/639"
        assert earlier.decision_date == D(1997, 5, 26)

    def test_policy_is_renderable(self):
        self.assertPageIsRenderable(self.policy)

    def test_policy_is_previewable(self):
        data = self.edit_form_data(self.policy)
        data.update(policy_body_form_data())
        self.assertPageIsPreviewable(self.policy, post_data=data)

    def test_new_policy_is_previewable_before_it_is_saved(self):
        data = nested_form_data(
            {
                "title": "Ny policy",
                "slug": "ny-policy",
                "document_type": "policy",
                "decided_by": "council",
                "superseded_documents": inline_formset([]),
            }
        )
        data.update(policy_body_form_data())
        url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["wagtail_internationellt", "policypage", self.section.pk],
        )

        response = self.client.post(url, data)

        self.assertJSONEqual(response.content, {"is_valid": True, "is_available": True})
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ny policy")

    def test_policy_is_editable(self):
        data = self.edit_form_data(self.policy)
        data.update(policy_body_form_data())
        self.assertPageIsEditable(self.policy, post_data=data)


# Twin towns -------------------------------------------------------------------------


class TwinTownIndexPageTests(PageTypeTestCase):
    def test_twin_town_list_can_only_be_created_in_a_section(self):
        self.assertAllowedParentPageTypes(TwinTownIndexPage, {InternationalIndexPage})
        self.assertCanNotCreateAt(HomePage, TwinTownIndexPage)
        self.assertCanNotCreateAt(TripReportIndexPage, TwinTownIndexPage)

    def test_twin_town_list_holds_only_twin_towns(self):
        self.assertAllowedSubpageTypes(TwinTownIndexPage, {TwinTownPage})

    def test_section_has_at_most_one_twin_town_list(self):
        assert not TwinTownIndexPage.can_create_at(self.section)
        assert TwinTownIndexPage.can_create_at(self.empty_section)

    def test_editor_refuses_a_second_twin_town_list_in_a_section(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["wagtail_internationellt", "twintownindexpage", self.section.pk],
        )

        response = self.client.post(url, {"title": "Vänorter igen", "slug": "vanorter-igen"})

        self.assertRedirects(response, reverse("wagtailadmin_home"))
        assert TwinTownIndexPage.objects.child_of(self.section).count() == 1

    def test_page_type_chooser_offers_the_lists_only_where_none_exists(self):
        def chooser(section):
            return self.client.get(reverse("wagtailadmin_pages:add_subpage", args=[section.pk]))

        offered = {
            model_name
            for _n, _a, model_name, _d in chooser(self.empty_section).context["page_types"]
        }
        assert offered == {"policypage", "twintownindexpage", "tripreportindexpage"}
        # With both lists in place a policy is all that is left: the editor goes
        # straight to its form.
        self.assertRedirects(
            chooser(self.section),
            reverse(
                "wagtailadmin_pages:add",
                args=["wagtail_internationellt", "policypage", self.section.pk],
            ),
        )

    def test_can_create_twin_town_list_in_the_editor(self):
        self.assertCanCreate(
            self.empty_section,
            TwinTownIndexPage,
            nested_form_data(
                {
                    "title": "Vänorter",
                    "intro": rich_text("<p>Inga nya vänortsavtal ska tecknas.</p>"),
                }
            ),
        )

        assert TwinTownIndexPage.objects.child_of(self.empty_section).live().count() == 1

    def test_twin_town_list_is_renderable(self):
        self.assertPageIsRenderable(self.twin_town_index)

    def test_twin_town_list_is_previewable(self):
        self.assertPageIsPreviewable(self.twin_town_index)


class TwinTownPageTests(PageTypeTestCase):
    def test_twin_town_can_only_be_created_in_a_twin_town_list(self):
        self.assertAllowedParentPageTypes(TwinTownPage, {TwinTownIndexPage})
        self.assertCanNotCreateAt(InternationalIndexPage, TwinTownPage)
        self.assertCanNotCreateAt(TripReportIndexPage, TwinTownPage)

    def test_twin_town_has_no_subpages(self):
        self.assertAllowedSubpageTypes(TwinTownPage, set())

    def test_can_create_twin_town_with_an_evaluation_in_the_editor(self):
        self.assertCanCreate(
            self.twin_town_index,
            TwinTownPage,
            nested_form_data(
                {
                    "title": "Påskön",
                    "official_name": "Rapa Nui",
                    "country": "CL",
                    "region": "Påskön",
                    "latitude": "-27.11",
                    "longitude": "-109.35",
                    "decision_year": "1987",
                    "decision_reference": "KF § 18",
                    "status": "active",
                    "description": rich_text("<p>Skolutbyte och kultur.</p>"),
                    "images": inline_formset([]),
                    "evaluations": inline_formset(
                        [
                            {
                                "decision_date": "2023-06-12",
                                "outcome": "continue",
                                "decision_reference": "KF 2023-06-12 § 77",
                                "comment": "Aktivt skolutbyte.",
                            }
                        ]
                    ),
                }
            ),
        )

        town = TwinTownPage.objects.get(slug="paskon")
        assert town.live
        assert town.country.code == "CL"
        evaluation = town.evaluations.get()
        assert str(evaluation.mandate_period) == "2023–2026"
        assert town.latest_evaluation() == evaluation

    def test_twin_town_is_renderable(self):
        self.assertPageIsRenderable(self.twin_town)

    def test_twin_town_is_previewable(self):
        self.assertPageIsPreviewable(self.twin_town)

    def test_twin_town_is_editable(self):
        self.assertPageIsEditable(self.twin_town)


# Trip reports -----------------------------------------------------------------------


class TripReportIndexPageTests(PageTypeTestCase):
    def test_trip_report_list_can_only_be_created_in_a_section(self):
        self.assertAllowedParentPageTypes(TripReportIndexPage, {InternationalIndexPage})
        self.assertCanNotCreateAt(HomePage, TripReportIndexPage)
        self.assertCanNotCreateAt(TwinTownIndexPage, TripReportIndexPage)

    def test_trip_report_list_holds_only_trip_reports(self):
        self.assertAllowedSubpageTypes(TripReportIndexPage, {TripReportPage})

    def test_section_has_at_most_one_trip_report_list(self):
        assert not TripReportIndexPage.can_create_at(self.section)
        assert TripReportIndexPage.can_create_at(self.empty_section)

    def test_can_create_trip_report_list_in_the_editor(self):
        self.assertCanCreate(
            self.empty_section,
            TripReportIndexPage,
            nested_form_data(
                {
                    "title": "Reserapporter",
                    "intro": rich_text(
                        "<p>Alla resor återrapporteras till kommunfullmäktige.</p>"
                    ),
                }
            ),
        )

        assert TripReportIndexPage.objects.child_of(self.empty_section).live().count() == 1

    def test_trip_report_list_is_renderable(self):
        self.assertPageIsRenderable(self.trip_index)

    def test_trip_report_list_second_page_is_renderable(self):
        self.assertPageIsRenderable(self.trip_index, query_data={"page": "2"})

    def test_trip_report_list_is_previewable(self):
        self.assertPageIsPreviewable(self.trip_index)


class TripReportPageTests(PageTypeTestCase):
    def test_trip_report_can_only_be_created_in_a_trip_report_list(self):
        self.assertAllowedParentPageTypes(TripReportPage, {TripReportIndexPage})
        self.assertCanCreateAt(TripReportIndexPage, TripReportPage)
        self.assertCanNotCreateAt(InternationalIndexPage, TripReportPage)
        self.assertCanNotCreateAt(TwinTownIndexPage, TripReportPage)
        self.assertCanNotCreateAt(HomePage, TripReportPage)

    def test_trip_report_has_no_subpages(self):
        self.assertAllowedSubpageTypes(TripReportPage, set())

    def test_can_create_trip_report_in_the_editor(self):
        self.assertCanCreate(
            self.trip_index,
            TripReportPage,
            nested_form_data(
                {
                    "title": "Besök i Nykarleby",
                    "destination_twin_town": str(self.twin_town.pk),
                    "destination_place": "",
                    "destination_country": "",
                    "start_date": "2025-05-12",
                    "end_date": "2025-05-14",
                    "department": str(self.department.pk),
                    "travellers_count": "3",
                    "travellers_roles": "två förtroendevalda, en tjänsteperson",
                    "purpose": "Planera ett gemensamt skolprojekt.",
                    "goals": "En projektansökan.",
                    "results": "",
                    "total_cost": "12400",
                    "financing": "central_funds",
                    "board_approval_date": "2025-04-22",
                    "board_approval_reference": "KS § 112",
                }
            ),
        )

        trip = TripReportPage.objects.get(slug="besok-i-nykarleby")
        assert trip.live
        assert trip.destination_twin_town_id == self.twin_town.pk
        assert trip.requires_board_approval
        assert trip.is_over_threshold
        assert trip.total_cost == Decimal("12400")

    def test_trip_report_is_renderable(self):
        self.assertPageIsRenderable(self.trip)

    def test_trip_report_is_previewable(self):
        self.assertPageIsPreviewable(self.trip)

    def test_trip_report_is_editable(self):
        self.assertPageIsEditable(self.trip)


@pytest.mark.parametrize("model", PACKAGE_PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_describes_itself_in_the_page_type_chooser(model):
    assert str(model.get_page_description()).strip()
