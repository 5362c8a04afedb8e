from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from .actions import approved_publish

UNAPPROVED_PUBLISH = "wagtail_internationellt.publish_unapproved"


def is_section_page_model(model):
    from ..models.base import ApprovalRequiredMixin

    return model is not None and issubclass(model, ApprovalRequiredMixin)


@receiver(post_save, sender=PageLogEntry, dispatch_uid="wagtail_internationellt_unapproved")
def record_unapproved_publish(sender, instance, created, **kwargs):
    """Write a second audit entry for every publish in a section that no workflow approved.

    A superuser allowed to publish directly, a script publishing without a user
    or the scheduler publishing a revision scheduled that way: the log says so.
    """
    if not created or instance.action != "wagtail.publish" or approved_publish.get():
        return
    if not is_section_page_model(instance.content_type.model_class()):
        return
    log(
        instance=instance.page.specific,
        action=UNAPPROVED_PUBLISH,
        user=instance.user,
        revision=instance.revision,
    )


def was_published_unapproved(page):
    """Whether the page's live revision went live without an approval."""
    return PageLogEntry.objects.filter(
        page=page, revision_id=page.live_revision_id, action=UNAPPROVED_PUBLISH
    ).exists()
