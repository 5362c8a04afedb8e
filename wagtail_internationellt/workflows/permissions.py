from wagtail.models import PagePermissionTester

from ..conf import get_setting


def may_publish_directly(user):
    """Only a superuser, and only where the installation allows it, publishes unapproved."""
    return (
        user.is_active
        and user.is_superuser
        and bool(get_setting("WAGTAIL_INTERNATIONELLT_SUPERUSERS_MAY_PUBLISH"))
    )


class ApprovalRequiredPermissionTester(PagePermissionTester):
    """Page permissions in an international section.

    Publishing directly, scheduling included, is taken away from everyone else:
    the only way live is a completed workflow (see ``actions``). Unpublishing,
    cancelling a schedule and privacy settings stay with whoever holds publish
    permission, so that reviewers can take content down fast.
    """

    def can_publish(self):
        return super().can_publish() and may_publish_directly(self.user)

    def can_publish_subpage(self):
        return super().can_publish_subpage() and may_publish_directly(self.user)

    def can_unschedule(self):
        return super().can_publish()

    def can_set_view_restrictions(self):
        return super().can_publish()
