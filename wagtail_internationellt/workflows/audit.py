from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, WorkflowState

from .actions import approved_publish

UNAPPROVED_PUBLISH = "wagtail_internationellt.publish_unapproved"
# The scheduler making a scheduled revision live logs this instead of
# "wagtail.publish", with no user; the user is on the earlier "schedule" entry.
SCHEDULED_GO_LIVE = "wagtail.publish.scheduled"
SCHEDULE = "wagtail.publish.schedule"


def is_section_page_model(model):
    from ..models.base import ApprovalRequiredMixin

    return model is not None and issubclass(model, ApprovalRequiredMixin)


@receiver(post_save, sender=PageLogEntry, dispatch_uid="wagtail_internationellt_unapproved")
def record_unapproved_publish(sender, instance, created, **kwargs):
    """Write a second audit entry for every publish in a section that no workflow approved.

    A superuser allowed to publish directly, a script publishing without a user
    or the scheduler publishing a revision scheduled that way: the log says so.
    """
    if not created or approved_publish.get():
        return
    if instance.action not in ("wagtail.publish", SCHEDULED_GO_LIVE):
        return
    if not is_section_page_model(instance.content_type.model_class()):
        return
    user = instance.user
    if instance.action == SCHEDULED_GO_LIVE:
        if scheduled_by_approved_workflow(instance):
            return
        scheduling = (
            PageLogEntry.objects.filter(
                page_id=instance.page_id, revision_id=instance.revision_id, action=SCHEDULE
            )
            .order_by("-timestamp", "-pk")
            .first()
        )
        user = scheduling.user if scheduling else None
    log(
        instance=instance.page.specific,
        action=UNAPPROVED_PUBLISH,
        user=user,
        revision=instance.revision,
    )


def scheduled_by_approved_workflow(entry):
    """Whether the revision the scheduler made live is the one a completed workflow approved.

    The finish action publishes the latest revision, which (with
    WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT) is the one the workflow's last
    task ran on; with a go-live date in the future that publish is a schedule.
    """
    page = entry.page
    return WorkflowState.objects.filter(
        base_content_type_id=page.get_base_content_type().pk,
        object_id=str(page.pk),
        status=WorkflowState.STATUS_APPROVED,
        current_task_state__revision_id=entry.revision_id,
    ).exists()


def was_published_unapproved(page):
    """Whether the page's live revision went live without an approval."""
    return PageLogEntry.objects.filter(
        page=page, revision_id=page.live_revision_id, action=UNAPPROVED_PUBLISH
    ).exists()
