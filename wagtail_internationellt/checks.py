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


RESPONSE_CACHE = "wagtail_internationellt.response_cache.ResponseCacheMiddleware"
LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"


@checks.register()
def response_cache_after_locale(app_configs, **kwargs):
    """The response cache keys by the language LocaleMiddleware chooses: it must come after."""
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    if RESPONSE_CACHE not in middleware or LOCALE_MIDDLEWARE not in middleware:
        return []
    if middleware.index(RESPONSE_CACHE) > middleware.index(LOCALE_MIDDLEWARE):
        return []
    return [
        checks.Error(
            f"{RESPONSE_CACHE} comes before {LOCALE_MIDDLEWARE} in MIDDLEWARE: it would "
            "answer a request with a page kept in another language.",
            hint=f"Put it right after {LOCALE_MIDDLEWARE}.",
            id="wagtail_internationellt.E004",
        )
    ]
