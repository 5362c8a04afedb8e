"""The roles of one municipality's section: groups, their permissions and the workflow.

``setup_section_roles(section)`` is idempotent: it creates what is missing and
puts back what was changed, and never touches another municipality's groups.
Role names are the ones Swedish municipalities use; each group's name starts
with the municipality's, so that several municipalities share one installation.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import BoardCheckTask, ReviewTask
from .models.page_model import Page, page_permission_codename

EDITORS = "Redaktörer"
REVIEWERS = "Granskare"
BOARD_SECRETARIAT = "Kommunstyrelsens kansli"

# Page permissions on the section and everything below it. Nobody publishes
# directly (see workflows.permissions); reviewers hold "publish" so that they can
# unpublish fast.
PAGE_PERMISSIONS = {
    EDITORS: ["add", "change"],
    REVIEWERS: ["change", "publish", "lock", "unlock"],
    BOARD_SECRETARIAT: ["change"],
}
# Model permissions, not tied to a section: the registers' views keep each user to
# the sections they may edit. The board secretariat keeps the department register (R6).
MODEL_PERMISSIONS = {
    BOARD_SECRETARIAT: [
        ("wagtail_internationellt", "add_department"),
        ("wagtail_internationellt", "change_department"),
        ("wagtail_internationellt", "delete_department"),
    ],
}
# Images and documents in the municipality's own collection.
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    REVIEWERS: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
    BOARD_SECRETARIAT: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
}


@dataclass
class SectionRoles:
    section: object
    groups: dict
    collection: Collection
    workflow: Workflow
    review_task: ReviewTask
    board_task: BoardCheckTask


def group_name(section, role):
    return f"{section.municipality_name} – {role}"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _collection_for(section):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=section.municipality_name).first()
    return existing or root.add_child(name=section.municipality_name)


def _task(model, name, group, public_role):
    task = model.objects.filter(name=name).first() or model(name=name)
    task.public_role = public_role
    task.active = True
    task.save()
    task.groups.set([group])
    return task


@transaction.atomic
def setup_section_roles(section):
    access_admin = _permission("wagtailadmin", "access_admin")
    groups = {}
    for role, actions in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name(section, role))
        group.permissions.add(access_admin)
        group.permissions.add(
            *(_permission(app, codename) for app, codename in MODEL_PERMISSIONS.get(role, []))
        )
        wanted = {
            _permission(Page._meta.app_label, page_permission_codename(action))
            for action in actions
        }
        current = GroupPagePermission.objects.filter(group=group, page=section)
        current.exclude(permission__in=wanted).delete()
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=permission
            )
        groups[role] = group

    collection = _collection_for(section)
    for role, permissions in COLLECTION_PERMISSIONS.items():
        for app_label, codename in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[role],
                collection=collection,
                permission=_permission(app_label, codename),
            )

    municipality = section.municipality_name
    review_task = _task(
        ReviewTask, f"Redaktionell granskning – {municipality}", groups[REVIEWERS], REVIEWERS
    )
    board_task = _task(
        BoardCheckTask,
        f"Kommunstyrelsens kontroll – {municipality}",
        groups[BOARD_SECRETARIAT],
        BOARD_SECRETARIAT,
    )
    workflow, _created = Workflow.objects.get_or_create(name=f"Granskning – {municipality}")
    workflow.active = True
    workflow.save()
    for order, task in enumerate([review_task, board_task]):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    workflow.workflow_tasks.exclude(task__in=[review_task, board_task]).delete()
    WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    return SectionRoles(section, groups, collection, workflow, review_task, board_task)
