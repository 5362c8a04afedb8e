from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from .audit import was_published_unapproved


@dataclass(frozen=True)
class ApprovalTrail:
    """When the live version was approved, and by which roles (never by whom)."""

    date: object
    roles: tuple

    @property
    def roles_label(self):
        return ", ".join(self.roles)


def approval_trail(page):
    """The approval behind the page's live version, for residents; None when it has none."""
    from ..models import ReviewTask

    if not page.pk or not page.live or was_published_unapproved(page):
        return None
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .order_by("-created_at")
        .first()
    )
    if state is None:
        return None
    approvals = list(
        state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .order_by("finished_at")
        .values_list("task_id", "finished_at")
    )
    if not approvals:
        return None
    roles_by_task = dict(
        ReviewTask.objects.filter(pk__in=[task_id for task_id, _ in approvals]).values_list(
            "pk", "public_role"
        )
    )
    roles = tuple(dict.fromkeys(roles_by_task.get(task_id, "") for task_id, _ in approvals))
    return ApprovalTrail(
        date=timezone.localdate(approvals[-1][1]), roles=tuple(role for role in roles if role)
    )
