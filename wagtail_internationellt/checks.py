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


@checks.register(checks.Tags.caches)
def render_cache_shared(app_configs, **kwargs):
    """A render cache each process keeps for itself goes stale in the others."""
    from .render_cache import is_per_process

    configured = getattr(settings, "WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT", None)
    if not configured or not is_per_process():
        return []
    return [
        checks.Warning(
            "The render cache is on (WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT) in a cache each "
            "process keeps for itself: a page published in one process (another worker, a "
            "management command) shows in the others only after the timeout.",
            hint="Use a shared cache (e.g. Redis) for WAGTAIL_INTERNATIONELLT_CACHE, or leave "
            "WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT unset so the cache stays off with this one.",
            id="wagtail_internationellt.W003",
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
