from contextvars import ContextVar

from wagtail.workflows import publish_workflow_state

# Set while a completed workflow publishes its page, so that the audit log can
# tell an approved publish from an unapproved one.
approved_publish = ContextVar("wagtail_internationellt_approved_publish", default=None)


def publish_approved(workflow_state, user=None):
    """Finish action for ``WAGTAIL_FINISH_WORKFLOW_ACTION``.

    For a page in an international section, publish the approved page as the
    approver, who need not hold publish permission: the approval is the
    permission. Anything else is published as Wagtail does by default.
    """
    from ..models.base import ApprovalRequiredMixin

    obj = workflow_state.content_object
    if not isinstance(getattr(obj, "specific", obj), ApprovalRequiredMixin):
        return publish_workflow_state(workflow_state, user=user)
    token = approved_publish.set(workflow_state.pk)
    try:
        obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
    finally:
        approved_publish.reset(token)
