from django.conf import settings
from django.core import checks

FINISH_ACTION = "wagtail_internationellt.workflows.actions.publish_approved"


@checks.register()
def finish_workflow_action(app_configs, **kwargs):
    """Without our finish action an approver lacking publish permission cannot approve."""
    configured = getattr(
        settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", "wagtail.workflows.publish_workflow_state"
    )
    if configured == FINISH_ACTION:
        return []
    return [
        checks.Error(
            "WAGTAIL_FINISH_WORKFLOW_ACTION must be "
            f'"{FINISH_ACTION}" for international sections to be published on approval.',
            hint="Add it to your settings; it publishes other pages as Wagtail does.",
            id="wagtail_internationellt.E001",
        )
    ]


@checks.register()
def reapproval_on_edit(app_configs, **kwargs):
    """What goes live must be exactly what every step approved."""
    if getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False):
        return []
    return [
        checks.Warning(
            "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is off: a page edited during review "
            "can be published without the earlier steps approving the edit.",
            hint="Set WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True.",
            id="wagtail_internationellt.W002",
        )
    ]
