from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.copy_page import CopyPageAction, CopyPagePermissionError
from wagtail.admin import messages
from wagtail_modeladmin.options import modeladmin_register

from . import response_cache
from .models import InternationalIndexPage, ReviewTask
from .models.base import ApprovalRequiredMixin
from .models.page_model import Page
from .registers import InternationalRegisters
from .workflows.audit import UNAPPROVED_PUBLISH
from .workflows.permissions import may_publish_directly


@hooks.register("register_log_actions")
def register_unapproved_publish(actions):
    actions.register_action(
        UNAPPROVED_PUBLISH, _("Publish without approval"), _("Published without approval")
    )


def copies_section_pages(page, recursive):
    """Whether copying ``page`` (with its subpages when ``recursive``) copies section pages."""
    return isinstance(page.specific, ApprovalRequiredMixin) or bool(
        recursive and InternationalIndexPage.objects.descendant_of(page).exists()
    )


@hooks.register("before_copy_page")
def refuse_publishing_copies_of_section_pages(request, page):
    """A copy is new content: it may be copied, never published on the way (W1).

    Copying into a section is already covered by the section's permissions; this
    covers copying a section, or part of it, to a page outside any section.
    """
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    if may_publish_directly(request.user):
        return None
    if not copies_section_pages(page, request.POST.get("copy_subpages")):
        return None
    messages.error(
        request,
        _(
            "Pages of an international section are published only after approval: "
            "copy them without publishing and submit the copies for review."
        ),
    )
    return redirect("wagtailadmin_pages:copy", page.pk)


class SectionCopyPageAction(CopyPageAction):
    """Wagtail's copy action, refusing live copies of section pages as the hook above does.

    The copy view never asks this action to keep copies live after the hook; API
    v3's copy action does, and by default (``keep_live`` true).
    """

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        if (
            self.keep_live
            and self.user is not None
            and not skip_permission_checks
            and not may_publish_directly(self.user)
            and copies_section_pages(self.page, self.recursive)
        ):
            raise CopyPagePermissionError(
                str(
                    _(
                        "Pages of an international section are published only after "
                        "approval: copy them without keeping them live and submit the "
                        "copies for review."
                    )
                )
            )


@hooks.register("register_actions")
def register_section_copy_action(registry):
    registry.register(Page, SectionCopyPageAction)


@hooks.register("before_publish_page")
def refuse_publishing_without_approval(request, page):
    """The editor's Publish (and create-and-publish) for section pages, as a second lock.

    The section's permissions already hide Publish; this also stops it where the
    parent is not a section page, as when a new section is created under the
    site's home page. The draft the view saved stays as a draft.
    """
    if not isinstance(page.specific, ApprovalRequiredMixin) or may_publish_directly(request.user):
        return None
    if page.live and page.live_revision_id is None:
        # The create view saves a new page as live before it asks this hook:
        # never published, it must be the draft it is, not live content.
        page.live = False
        page.has_unpublished_changes = True
        page.save(update_fields=["live", "has_unpublished_changes"], clean=False)
    messages.error(
        request,
        _(
            "“%(title)s” was saved as a draft. Pages of an international section are "
            "published only after approval: submit it for review."
        )
        % {"title": page.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


# After Wagtail's own on_serve_page hooks (view restrictions), which run first.
@hooks.register("on_serve_page", order=100)
def note_responses_that_may_be_kept(serve):
    """Tells the response cache which page a request was served, past its restrictions."""

    def serve_page(page, request, args, kwargs):
        response_cache.page_served(page, request)
        return serve(page, request, args, kwargs)

    return serve_page


@hooks.register("before_edit_page")
def explain_why_approval_is_not_offered(request, page):
    """A reviewer who may not approve is told why, not left with a missing button."""
    if request.method != "GET":
        return None
    task_state = page.current_workflow_task_state
    if task_state is None:
        return None
    task = task_state.task.specific
    if not isinstance(task, ReviewTask) or not task.get_actions(page, request.user):
        return None
    refusal = task.approval_refusal(task_state, request.user)
    if refusal:
        messages.warning(request, refusal)
    return None


# The registers under the menu item "Internationellt" (wagtail-modeladmin).
modeladmin_register(InternationalRegisters)


@hooks.register("register_admin_urls")
def register_import_and_report_urls():
    from .importing_views import register_urls as import_urls
    from .reports.views import register_urls as report_urls

    return [*import_urls(), *report_urls()]


@hooks.register("construct_homepage_panels")
def add_follow_up_panel(request, panels):
    from .dashboard import FollowUpPanel
    from .registers import editable_section_ids

    if editable_section_ids(request.user):
        panels.append(FollowUpPanel(request.user))
