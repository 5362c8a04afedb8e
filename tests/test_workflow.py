"""The approval workflow as the municipality's staff use it in the admin (issue 3).

Editors submit, reviewers (Granskare) approve with four eyes, the board
secretariat (Kommunstyrelsens kansli) checks the trip reports the board must
know about, everyone gets the e-mails they need and nobody else's, and each
municipality keeps to its own section.
"""

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    PageLogEntry,
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests import factories
from wagtail_internationellt.checks import (
    FINISH_ACTION,
    finish_workflow_action,
    reapproval_on_edit,
)
from wagtail_internationellt.models import (
    BoardCheckTask,
    InternationalIndexPage,
    PolicyPage,
    ReviewTask,
    TripReportPage,
    TwinTownPage,
)
from wagtail_internationellt.models.page_model import page_permission_codename
from wagtail_internationellt.roles import BOARD_SECRETARIAT, EDITORS, REVIEWERS, group_name
from wagtail_internationellt.workflows.audit import UNAPPROVED_PUBLISH, was_published_unapproved

User = get_user_model()


def make_user(username, *groups):
    user = User.objects.create_user(username, f"{username}@example.se", "lösenord")
    user.groups.set(groups)
    return user


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def recipients(messages):
    return sorted(address for message in messages for address in message.to)


class WorkflowTestCase(WagtailTestUtils, TestCase):
    """Motala and Torsby in one installation, each with its roles set up by the command."""

    @classmethod
    def setUpTestData(cls):
        cls.section = factories.make_section("Motala")
        cls.twin_towns = factories.make_twin_town_index(cls.section)
        cls.skjern = factories.make_twin_town(cls.twin_towns, "Skjern")
        cls.trips = factories.make_trip_index(cls.section)
        cls.department = factories.make_department(cls.section)

        cls.other_section = factories.make_section("Torsby")
        cls.other_trips = factories.make_trip_index(cls.other_section)
        cls.other_department = factories.make_department(cls.other_section)

        call_command("internationellt_roles", stdout=StringIO())

        def group(section, role):
            return Group.objects.get(name=group_name(section, role))

        cls.editor = make_user("redaktor", group(cls.section, EDITORS))
        cls.reviewer = make_user("granskare", group(cls.section, REVIEWERS))
        cls.second_reviewer = make_user("granskare2", group(cls.section, REVIEWERS))
        # An editor who also reviews: may write and may approve, never both on one text.
        cls.editing_reviewer = make_user(
            "granskande-redaktor", group(cls.section, EDITORS), group(cls.section, REVIEWERS)
        )
        cls.board = make_user("kansli", group(cls.section, BOARD_SECRETARIAT))
        cls.other_editor = make_user("torsby-redaktor", group(cls.other_section, EDITORS))
        cls.other_reviewer = make_user("torsby-granskare", group(cls.other_section, REVIEWERS))

        cls.reviewer_addresses = sorted(
            user.email for user in (cls.reviewer, cls.second_reviewer, cls.editing_reviewer)
        )

    # Driving the admin ----------------------------------------------------------------

    def login(self, user):
        self.client.force_login(user)

    def trip_form(self, title="Studieresa till Bryssel", **fields):
        data = {
            "title": title,
            "slug": slugify(title),
            "destination_place": "Bryssel",
            "destination_country": "BE",
            "start_date": "2025-03-10",
            "end_date": "2025-03-12",
            "department": str(self.department.pk),
            "travellers_count": "2",
            "travellers_roles": "två förtroendevalda",
            "purpose": "Lära av andra kommuners EU-arbete.",
            "goals": "Två nya projektidéer.",
            "total_cost": "8000",
            "financing": "own_budget",
        }
        data.update(fields)
        return nested_form_data(data)

    def create_and_submit(self, user, model, parent, data):
        """Create a page in the admin and submit it for moderation, as the editor would."""
        self.login(user)
        response = self.client.post(add_url(model, parent), {**data, "action-submit": "submit"})
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        page = model.objects.child_of(parent).get(slug=data["slug"])
        assert page.workflow_in_progress
        return page

    def submit_trip(self, user=None, **fields):
        return self.create_and_submit(
            user or self.editor, TripReportPage, self.trips, self.trip_form(**fields)
        )

    def current_task_state(self, page):
        page.refresh_from_db()
        return page.current_workflow_task_state

    def act(self, user, page, action, comment="", task_state=None, **request_options):
        """Approve or reject from the dashboard, as a moderator would."""
        self.login(user)
        return self.client.post(
            workflow_action_url(page, action, task_state or self.current_task_state(page)),
            {"comment": comment},
            **request_options,
        )

    def assert_approve_refused(self, user, page, task_state=None):
        """A forged approve, sent as the admin's modal sends it and as a plain form.

        The modal gets a 403; a plain form is sent back to the dashboard with
        Wagtail's "no permission" message. Either way nothing is approved.
        """
        task_state = task_state or self.current_task_state(page)
        response = self.act(
            user,
            page,
            "approve",
            task_state=task_state,
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        self.assertEqual(response.status_code, 403)

        response = self.act(user, page, "approve", task_state=task_state)
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        dashboard = self.client.get(response["Location"])
        with translation.override("sv"):  # the users' admin language
            self.assertContains(
                dashboard, gettext("Sorry, you do not have permission to access this area.")
            )

        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
        self.assert_not_live(page)

    def approve(self, user, page):
        response = self.act(user, page, "approve")
        self.assertEqual(response.status_code, 302)
        return response

    def editor_actions(self, user, page):
        """The workflow actions the edit view offers ``user``."""
        self.login(user)
        response = self.client.get(edit_url(page))
        self.assertEqual(response.status_code, 200)
        soup = self.get_soup(response.content)
        return {
            button["data-workflow-action-name"]
            for button in soup.select("[data-workflow-action-name]")
        }

    def dashboard_offers(self, user, page, action="approve"):
        """Whether the dashboard's "Awaiting your review" offers ``user`` the ``action``."""
        self.login(user)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        url = workflow_action_url(page, action, self.current_task_state(page))
        return bool(self.get_soup(response.content).select(f'[data-workflow-action-url="{url}"]'))

    def edit(self, user, page, **changes):
        """Save a draft in the edit view, changing the trip report's fields."""
        self.login(user)
        page = page.get_latest_revision_as_object()
        fields = {
            "title": page.title,
            "slug": page.slug,
            "destination_twin_town": str(page.destination_twin_town_id or ""),
            "destination_place": page.destination_place,
            "destination_country": str(page.destination_country or ""),
            "start_date": page.start_date.isoformat(),
            "end_date": page.end_date.isoformat(),
            "total_cost": str(page.total_cost),
            "board_approval_reference": page.board_approval_reference,
            "reported_to_board_date": page.reported_to_board_date.isoformat()
            if page.reported_to_board_date
            else "",
        }
        fields.update(changes)
        return self.client.post(edit_url(page), self.trip_form(**fields))

    def assert_live(self, page):
        page.refresh_from_db()
        assert page.live and page.live_revision_id is not None
        self.client.logout()
        self.assertEqual(self.client.get(page.url).status_code, 200)

    def assert_not_live(self, page):
        page.refresh_from_db()
        assert not page.live and page.live_revision_id is None
        self.client.logout()
        self.assertEqual(self.client.get(page.get_url_parts()[2]).status_code, 404)

    def task_statuses(self, page):
        """Which task each state of the page's last workflow was for, and how it ended."""
        state = page.workflow_states.order_by("-created_at", "-pk").first()
        return [
            (task_state.task.specific.__class__.__name__, task_state.status)
            for task_state in state.task_states.order_by("started_at", "pk")
        ]


class ReviewAndPublishTests(WorkflowTestCase):
    def test_submitted_trip_waits_for_the_reviewers_and_tells_them(self):
        page = self.submit_trip()

        self.assert_not_live(page)
        assert isinstance(self.current_task_state(page).task.specific, ReviewTask)
        assert recipients(mail.outbox) == self.reviewer_addresses
        assert all(page.title in message.body for message in mail.outbox)

    def test_reviewer_approval_publishes_without_the_reviewers_publish_permission(self):
        page = self.submit_trip()
        mail.outbox.clear()
        assert not page.permissions_for_user(self.reviewer).can_publish()

        self.approve(self.reviewer, page)

        self.assert_live(page)
        assert page.current_workflow_state is None
        assert self.task_statuses(page) == [
            ("ReviewTask", TaskState.STATUS_APPROVED),
            ("BoardCheckTask", TaskState.STATUS_SKIPPED),
        ]
        publish = PageLogEntry.objects.get(page=page, action="wagtail.publish")
        assert publish.user == self.reviewer
        assert not was_published_unapproved(page)
        assert not PageLogEntry.objects.filter(page=page, action=UNAPPROVED_PUBLISH).exists()

    def test_approval_tells_the_author_and_nobody_else(self):
        page = self.submit_trip()
        mail.outbox.clear()

        self.approve(self.reviewer, page)

        assert recipients(mail.outbox) == [self.editor.email]
        assert page.title in mail.outbox[0].body

    def test_rejection_sends_the_author_the_reviewers_comment(self):
        page = self.submit_trip()
        mail.outbox.clear()
        comment = "Beskriv vad resan gav kommunen innan den publiceras."

        response = self.act(self.reviewer, page, "reject", comment)

        self.assertEqual(response.status_code, 302)
        self.assert_not_live(page)
        page.refresh_from_db()
        assert page.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
        assert recipients(mail.outbox) == [self.editor.email]
        assert comment in mail.outbox[0].body

    def test_a_policy_and_a_twin_town_skip_the_board_step(self):
        policy = self.create_and_submit(
            self.editor,
            PolicyPage,
            self.section,
            nested_form_data(
                {
                    "title": "Internationell policy",
                    "slug": "internationell-policy",
                    "document_type": "policy",
                    "decided_by": "council",
                    "decision_date": "2012-05-06",
                    "superseded_documents": inline_formset([]),
                    "body": streamfield([]),
                }
            ),
        )
        town = self.create_and_submit(
            self.editor,
            TwinTownPage,
            self.twin_towns,
            nested_form_data(
                {
                    "title": "Nykarleby",
                    "slug": "nykarleby",
                    "country": "FI",
                    "decision_year": "1966",
                    "status": "active",
                    "description": rich_text("<p>Skolutbyte.</p>"),
                    "images": inline_formset([]),
                    "evaluations": inline_formset([]),
                }
            ),
        )
        mail.outbox.clear()

        for page in (policy, town):
            with self.subTest(page=type(page).__name__):
                self.approve(self.reviewer, page)

                self.assert_live(page)
                assert self.task_statuses(page) == [
                    ("ReviewTask", TaskState.STATUS_APPROVED),
                    ("BoardCheckTask", TaskState.STATUS_SKIPPED),
                ]
        assert self.board.email not in recipients(mail.outbox)

    def test_an_approved_page_with_a_go_live_date_goes_live_on_that_date_as_approved(self):
        go_live_at = timezone.localtime() + datetime.timedelta(days=2)
        page = self.submit_trip(go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"))

        self.approve(self.reviewer, page)

        page.refresh_from_db()
        assert not page.live
        revision = Revision.page_revisions.get(
            object_id=str(page.pk), approved_go_live_at__isnull=False
        )
        # The date comes.
        past = timezone.now() - datetime.timedelta(minutes=1)
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save()
        call_command("publish_scheduled", stdout=StringIO())

        self.assert_live(page)
        assert not was_published_unapproved(page)
        assert not PageLogEntry.objects.filter(page=page, action=UNAPPROVED_PUBLISH).exists()


class FourEyesTests(WorkflowTestCase):
    def test_the_author_is_not_offered_approve_but_another_reviewer_is(self):
        page = self.submit_trip(user=self.editing_reviewer)

        assert "approve" not in self.editor_actions(self.editing_reviewer, page)
        assert not self.dashboard_offers(self.editing_reviewer, page)
        assert "approve" in self.editor_actions(self.reviewer, page)
        assert self.dashboard_offers(self.reviewer, page)

    def test_the_author_still_may_request_changes(self):
        page = self.submit_trip(user=self.editing_reviewer)

        assert "reject" in self.editor_actions(self.editing_reviewer, page)

    def test_a_forged_approve_by_the_author_is_refused(self):
        page = self.submit_trip(user=self.editing_reviewer)

        self.assert_approve_refused(self.editing_reviewer, page)

    def test_a_forged_approve_from_the_edit_view_is_refused(self):
        page = self.submit_trip(user=self.editing_reviewer)
        self.login(self.editing_reviewer)

        response = self.client.post(
            edit_url(page),
            {
                **self.trip_form(),
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
            },
        )

        # Not an action on offer: the edit view only saves the draft.
        self.assertRedirects(response, edit_url(page), fetch_redirect_response=False)
        self.assert_not_live(page)
        assert self.current_task_state(page).status == TaskState.STATUS_IN_PROGRESS

    def test_a_reviewer_who_edits_and_approves_in_one_go_is_refused(self):
        page = self.submit_trip()
        self.login(self.reviewer)
        assert "approve" in self.editor_actions(self.reviewer, page)

        response = self.client.post(
            edit_url(page),
            {
                **self.trip_form(purpose="Omskrivet av granskaren i samma veva."),
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
            },
        )

        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assert_not_live(page)
        assert self.current_task_state(page).status == TaskState.STATUS_IN_PROGRESS
        assert "approve" not in self.editor_actions(self.reviewer, page)

    def test_a_reviewer_who_edits_during_review_cannot_approve_the_edit(self):
        page = self.submit_trip()
        response = self.edit(self.reviewer, page, purpose="Skärpt syfte, skrivet av granskaren.")
        self.assertEqual(response.status_code, 302)

        assert "approve" not in self.editor_actions(self.reviewer, page)
        self.assert_approve_refused(self.reviewer, page)

        # The review in progress was of the text before the edit: approving it
        # starts the review of the edited text (REQUIRE_REAPPROVAL_ON_EDIT).
        self.approve(self.second_reviewer, page)
        self.assert_not_live(page)
        assert self.current_task_state(page).revision == page.get_latest_revision()
        assert "approve" not in self.editor_actions(self.reviewer, page)

        self.approve(self.second_reviewer, page)

        self.assert_live(page)
        assert page.purpose == "Skärpt syfte, skrivet av granskaren."

    def test_a_reviewer_who_wrote_an_earlier_draft_may_not_approve_it(self):
        data = self.trip_form(title="Utkast av granskaren")
        self.login(self.editing_reviewer)
        self.assertEqual(
            self.client.post(add_url(TripReportPage, self.trips), data).status_code, 302
        )
        page = TripReportPage.objects.get(slug=data["slug"])
        self.login(self.editor)
        completed = self.trip_form(title="Utkast av granskaren", purpose="Kompletterat.")
        response = self.client.post(edit_url(page), {**completed, "action-submit": "submit"})
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        assert page.workflow_in_progress

        assert "approve" not in self.editor_actions(self.editing_reviewer, page)
        self.assert_approve_refused(self.editing_reviewer, page)
        self.approve(self.reviewer, page)
        self.assert_live(page)

    def test_a_forged_approve_naming_another_page_is_refused(self):
        """The task state, not the page in the address, decides who may approve."""
        own = self.submit_trip(user=self.editing_reviewer, title="Egen resa")
        other = self.submit_trip(title="Annans resa")

        self.assert_approve_refused(self.editing_reviewer, other, self.current_task_state(own))

        self.assert_not_live(own)


class BoardCheckTests(WorkflowTestCase):
    def test_the_board_is_told_what_the_report_lacks_instead_of_a_missing_button(self):
        page = self.submit_trip(
            destination_twin_town=str(self.skjern.pk), destination_place="", total_cost="15000"
        )
        self.approve(self.reviewer, page)
        self.login(self.board)

        html = self.client.get(edit_url(page)).content.decode()

        assert "Reserapporten måste först ange hänvisningen till kommunstyrelsens" in html
        assert "och datumet då resan återrapporterades till kommunstyrelsen" in html

    def test_the_author_reviewing_is_told_why_they_may_not_approve(self):
        page = self.submit_trip(user=self.editing_reviewer)
        self.login(self.editing_reviewer)

        html = self.client.get(edit_url(page)).content.decode()

        assert "Du har själv skrivit eller ändrat texten sedan den senast publicerades" in html

    def test_a_twin_town_trip_waits_for_the_board_secretariat_after_review(self):
        page = self.submit_trip(destination_twin_town=str(self.skjern.pk), destination_place="")
        mail.outbox.clear()

        self.approve(self.reviewer, page)

        self.assert_not_live(page)
        assert isinstance(self.current_task_state(page).task.specific, BoardCheckTask)
        assert recipients(mail.outbox) == [self.board.email]

    def test_the_board_cannot_approve_a_twin_town_trip_without_the_boards_reference(self):
        page = self.submit_trip(destination_twin_town=str(self.skjern.pk), destination_place="")
        self.approve(self.reviewer, page)

        assert "approve" not in self.editor_actions(self.board, page)
        assert not self.dashboard_offers(self.board, page)
        assert self.dashboard_offers(self.board, page, "reject")
        self.assert_approve_refused(self.board, page)

    def test_the_editor_cannot_add_the_reference_while_the_board_step_holds_the_page(self):
        page = self.submit_trip(destination_twin_town=str(self.skjern.pk), destination_place="")
        self.approve(self.reviewer, page)

        response = self.edit(self.editor, page, board_approval_reference="KS § 112")

        self.assertEqual(response.status_code, 200)  # the form again, with the lock's message
        assert page.get_latest_revision_as_object().board_approval_reference == ""

    def test_once_the_editor_adds_the_reference_the_board_approves_and_the_trip_goes_live(self):
        page = self.submit_trip(destination_twin_town=str(self.skjern.pk), destination_place="")
        self.approve(self.reviewer, page)
        # The board sends it back; the editor adds the reference and resubmits.
        self.act(self.board, page, "reject", "Ange kommunstyrelsens beslut om resan.")
        response = self.edit(
            self.editor, page, board_approval_reference="KS § 112", **{"action-submit": "submit"}
        )
        self.assertEqual(response.status_code, 302)
        mail.outbox.clear()

        # Back with the board, who may approve now.
        assert isinstance(self.current_task_state(page).task.specific, BoardCheckTask)
        assert "approve" in self.editor_actions(self.board, page)
        self.approve(self.board, page)

        # The text changed since the reviewers approved it: it goes back to them.
        self.assert_not_live(page)
        assert isinstance(self.current_task_state(page).task.specific, ReviewTask)
        assert recipients(mail.outbox) == self.reviewer_addresses
        self.approve(self.reviewer, page)

        self.assert_live(page)
        assert page.board_approval_reference == "KS § 112"
        assert not was_published_unapproved(page)

    def test_an_over_threshold_trip_needs_the_date_it_was_reported_to_the_board(self):
        page = self.submit_trip(total_cost="25000")
        self.approve(self.reviewer, page)

        self.assert_not_live(page)
        assert isinstance(self.current_task_state(page).task.specific, BoardCheckTask)
        assert "approve" not in self.editor_actions(self.board, page)
        self.assert_approve_refused(self.board, page)

    def test_an_over_threshold_trip_reported_to_the_board_is_approved_by_the_board(self):
        page = self.submit_trip(total_cost="25000", reported_to_board_date="2025-04-02")
        self.approve(self.reviewer, page)
        assert "approve" in self.editor_actions(self.board, page)
        assert not page.permissions_for_user(self.board).can_publish()

        self.approve(self.board, page)

        self.assert_live(page)
        assert self.task_statuses(page) == [
            ("ReviewTask", TaskState.STATUS_APPROVED),
            ("BoardCheckTask", TaskState.STATUS_APPROVED),
        ]

    def test_a_trip_at_exactly_the_threshold_skips_the_board(self):
        page = self.submit_trip(total_cost="10000")

        self.approve(self.reviewer, page)

        self.assert_live(page)

    def test_a_twin_town_trip_over_the_threshold_needs_both_records(self):
        page = self.submit_trip(
            destination_twin_town=str(self.skjern.pk),
            destination_place="",
            total_cost="25000",
            board_approval_reference="KS § 112",
        )
        self.approve(self.reviewer, page)

        assert "approve" not in self.editor_actions(self.board, page)
        self.assert_approve_refused(self.board, page)


class MunicipalityIsolationTests(WorkflowTestCase):
    def test_an_editor_of_torsby_cannot_open_a_motala_page(self):
        page = self.submit_trip()
        self.login(self.other_editor)

        response = self.client.get(edit_url(page))

        self.assertRedirects(response, reverse("wagtailadmin_home"))
        assert not page.permissions_for_user(self.other_editor).can_edit()

    def test_a_torsby_reviewer_gets_no_approve_and_a_forged_one_is_refused(self):
        page = self.submit_trip()

        assert not self.dashboard_offers(self.other_reviewer, page)
        self.assert_approve_refused(self.other_reviewer, page)

    def test_a_torsby_reviewer_gets_no_mail_about_motala(self):
        page = self.submit_trip()
        self.approve(self.reviewer, page)
        self.submit_trip(title="Resa till Skjern", destination_twin_town=str(self.skjern.pk))

        assert self.other_reviewer.email not in recipients(mail.outbox)
        assert self.other_editor.email not in recipients(mail.outbox)

    def test_a_torsby_trip_goes_to_torsbys_reviewers_only(self):
        torsby_reviewer_2 = make_user(
            "torsby-granskare2", Group.objects.get(name=group_name(self.other_section, REVIEWERS))
        )
        data = self.trip_form(department=str(self.other_department.pk))

        self.create_and_submit(self.other_editor, TripReportPage, self.other_trips, data)

        assert recipients(mail.outbox) == sorted(
            [self.other_reviewer.email, torsby_reviewer_2.email]
        )


class RolesCommandTests(WorkflowTestCase):
    def snapshot(self):
        return {
            "groups": sorted(Group.objects.values_list("name", flat=True)),
            "group_permissions": sorted(
                Group.objects.values_list("name", "permissions__codename")
            ),
            "page_permissions": sorted(
                GroupPagePermission.objects.values_list(
                    "group__name", "page_id", "permission__codename"
                )
            ),
            "collection_permissions": sorted(
                GroupCollectionPermission.objects.values_list(
                    "group__name", "collection__name", "permission__codename"
                )
            ),
            "workflows": sorted(Workflow.objects.values_list("name", "active")),
            "workflow_tasks": sorted(
                WorkflowTask.objects.values_list("workflow__name", "task__name", "sort_order")
            ),
            "workflow_pages": sorted(
                WorkflowPage.objects.values_list("page_id", "workflow__name")
            ),
        }

    def test_running_the_command_again_changes_nothing(self):
        before = self.snapshot()

        call_command("internationellt_roles", stdout=StringIO())
        call_command("internationellt_roles", stdout=StringIO())

        assert self.snapshot() == before

    def test_each_section_has_one_workflow_of_its_own(self):
        call_command("internationellt_roles", stdout=StringIO())

        for section in (self.section, self.other_section):
            with self.subTest(section=section.municipality_name):
                workflow_page = WorkflowPage.objects.get(page=section)
                assert workflow_page.workflow.name == f"Granskning – {section.municipality_name}"
                tasks = [
                    task.specific
                    for task in workflow_page.workflow.tasks.order_by("workflow_tasks__sort_order")
                ]
                assert [type(task) for task in tasks] == [ReviewTask, BoardCheckTask]
                assert [list(task.groups.values_list("name", flat=True)) for task in tasks] == [
                    [group_name(section, REVIEWERS)],
                    [group_name(section, BOARD_SECRETARIAT)],
                ]
        assert Workflow.objects.filter(name__startswith="Granskning – ").count() == 2

    def test_a_municipalitys_groups_have_permissions_on_its_own_section_only(self):
        for section, other in (
            (self.section, self.other_section),
            (self.other_section, self.section),
        ):
            groups = Group.objects.filter(name__startswith=f"{section.municipality_name} – ")
            with self.subTest(section=section.municipality_name):
                assert groups.count() == 3
                assert set(
                    GroupPagePermission.objects.filter(group__in=groups).values_list(
                        "page_id", flat=True
                    )
                ) == {section.pk}
                assert not GroupPagePermission.objects.filter(
                    group__in=groups, page__path__startswith=other.path
                ).exists()

    def test_the_command_puts_back_a_permission_taken_away(self):
        editors = Group.objects.get(name=group_name(self.section, EDITORS))
        add_page = page_permission_codename("add")
        GroupPagePermission.objects.filter(group=editors, permission__codename=add_page).delete()
        before_repair = self.snapshot()

        call_command("internationellt_roles", stdout=StringIO())

        assert self.snapshot() != before_repair
        assert GroupPagePermission.objects.filter(
            group=editors, page=self.section, permission__codename=add_page
        ).exists()


class DefaultWorkflowTests(WorkflowTestCase):
    def test_wagtails_moderators_workflow_does_not_apply_to_section_pages(self):
        root_workflow = WorkflowPage.objects.get(page__depth=1).workflow
        moderator = make_user("moderator", Group.objects.get(name="Moderators"))
        assert root_workflow.name == "Moderators approval"

        page = self.submit_trip()

        state = page.workflow_states.get()
        assert state.workflow == WorkflowPage.objects.get(page=self.section).workflow
        assert state.workflow != root_workflow
        assert moderator.email not in recipients(mail.outbox)
        assert not self.dashboard_offers(moderator, page)
        for model_page in (self.section, self.trips, self.twin_towns, self.skjern):
            assert model_page.get_workflow() == state.workflow

    def test_a_new_section_leaves_wagtails_workflow_once_the_command_has_run(self):
        section = factories.make_section("Sandviken")
        assert section.get_workflow().name == "Moderators approval"

        call_command("internationellt_roles", "--section", "sandviken", stdout=StringIO())

        section = InternationalIndexPage.objects.get(pk=section.pk)
        assert section.get_workflow().name == "Granskning – Sandviken"
        assert WorkflowPage.objects.get(page__depth=1).workflow.name == "Moderators approval"


class SystemCheckTests(TestCase):
    def test_the_check_accepts_the_finish_action_of_the_package(self):
        with override_settings(WAGTAIL_FINISH_WORKFLOW_ACTION=FINISH_ACTION):
            assert finish_workflow_action(None) == []

    def test_the_check_fires_when_the_finish_action_is_wagtails_default(self):
        with override_settings(
            WAGTAIL_FINISH_WORKFLOW_ACTION="wagtail.workflows.publish_workflow_state"
        ):
            errors = finish_workflow_action(None)

        assert [error.id for error in errors] == ["wagtail_internationellt.E001"]
        assert FINISH_ACTION in errors[0].msg

    def test_the_check_fires_when_the_setting_is_missing(self):
        with override_settings():
            from django.conf import settings

            del settings.WAGTAIL_FINISH_WORKFLOW_ACTION
            errors = finish_workflow_action(None)

        assert [error.id for error in errors] == ["wagtail_internationellt.E001"]

    def test_the_check_warns_when_edits_during_review_need_no_reapproval(self):
        with override_settings(WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT=False):
            warnings = reapproval_on_edit(None)
        with override_settings(WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT=True):
            assert reapproval_on_edit(None) == []

        assert [warning.id for warning in warnings] == ["wagtail_internationellt.W002"]
