from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Revision, TaskState

from ..rules import is_over_threshold, requires_board_approval


class ReviewTask(AbstractGroupApprovalTask):
    """Approval by a group, with four eyes: nobody approves a text they wrote (W1).

    Whoever made a revision of the text since it was last published (the one
    under review, an earlier draft or a later edit) is not offered the approve
    action, and a forged request is refused.
    """

    public_role = models.CharField(
        _("role shown to residents"),
        max_length=100,
        help_text=_(
            "How the approving role is named under a published page, e.g. “Granskare”. "
            "Never a person's name."
        ),
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "public_role"]

    class Meta:
        verbose_name = _("review with four eyes")
        verbose_name_plural = _("reviews with four eyes")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, but never a revision they made themselves."
        )

    def approval_refusal(self, task_state, user):
        """Why ``user`` may not approve ``task_state``, or None when they may.

        Whoever made a revision of the text since it was last published, the
        one under review or an earlier draft, is one of its authors.
        """
        obj = task_state.workflow_state.content_object
        revisions = Revision.objects.for_instance(obj)
        if obj.last_published_at is not None:
            revisions = revisions.filter(created_at__gt=obj.last_published_at)
        authors = set(revisions.values_list("user_id", flat=True))
        authors.add(task_state.revision.user_id)
        if user.pk in authors:
            return _(
                "You wrote or edited this text since it was last published: someone else must "
                "approve it."
            )
        return None

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        task_state = obj.current_workflow_task_state
        if actions and task_state is not None and self.approval_refusal(task_state, user):
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            refusal = self.approval_refusal(task_state, user)
            if refusal:
                raise PermissionDenied(refusal)
        return super().on_action(task_state, user, action_name, **kwargs)


class BoardCheckTask(ReviewTask):
    """The board secretariat's check of a trip report (R2, R3).

    Required only for trip reports to a twin town (the board must have approved
    the trip) or over the municipality's threshold (the trip must have been
    reported back to the board); every other page skips it. It cannot be
    approved until the report records what the rule asks for.
    """

    class Meta:
        verbose_name = _("executive board check")
        verbose_name_plural = _("executive board checks")

    @classmethod
    def get_description(cls):
        return _(
            "The board secretariat checks trip reports to twin towns and over the threshold; "
            "other pages pass this step."
        )

    @staticmethod
    def missing_board_records(page):
        """What the trip report still lacks before the board step can approve it."""
        from .trips import TripReportPage

        if not isinstance(page, TripReportPage):
            return []
        missing = []
        if requires_board_approval(page) and not page.board_approval_reference:
            missing.append(_("the reference of the executive board's approval of the trip"))
        if is_over_threshold(page) and page.reported_to_board_date is None:
            missing.append(_("the date the trip was reported back to the executive board"))
        return missing

    @staticmethod
    def is_required_for(page):
        from .trips import TripReportPage

        return isinstance(page, TripReportPage) and (
            requires_board_approval(page) or is_over_threshold(page)
        )

    def start(self, workflow_state, user=None):
        page = workflow_state.content_object.get_latest_revision_as_object()
        if self.is_required_for(page):
            return super().start(workflow_state, user=user)
        # Not a case for the board: pass the step without asking anyone. The
        # workflow's review step has been approved before this one starts, so
        # the workflow never ends with every task skipped.
        return self.get_task_state_class().objects.create(
            workflow_state=workflow_state,
            task=self,
            revision=workflow_state.content_object.get_latest_revision(),
            status=TaskState.STATUS_SKIPPED,
            finished_at=timezone.now(),
        )

    def approval_refusal(self, task_state, user):
        refusal = super().approval_refusal(task_state, user)
        if refusal:
            return refusal
        # What would be published is the page as it stands now, edits made
        # during the review included.
        page = task_state.workflow_state.content_object.get_latest_revision_as_object()
        missing = self.missing_board_records(page)
        if missing:
            return _("The trip report must first record %(missing)s.") % {
                "missing": _(" and ").join(str(item) for item in missing)
            }
        return None
