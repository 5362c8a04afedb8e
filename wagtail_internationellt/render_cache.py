"""A cache of the rendered public pages, emptied by the changes that affect them.

What residents read changes only when something is published, unpublished,
moved or deleted, so the package keeps the rendered part of its pages (the
``title`` and ``content`` blocks of ``wagtail_internationellt/base.html``) in
Django's cache. The host site's own template around them (header, footer, user
bar) is rendered for every request as usual.

A cached part is found by a key built from the page, the query string, the
language, the host, today's date (a policy comes into force at midnight) and
the *content versions* of the page's ancestors. Every page path has a version
token in the cache; a change to a page replaces the token of its section (or
of the page itself outside any section), so every page of that section gets a
new key at once, on every server that shares the cache. Nothing is deleted
by pattern, and a cleared or evicted cache just means new tokens.

``WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT`` (seconds, 0 to turn the cache off)
and ``WAGTAIL_INTERNATIONELLT_CACHE`` (the cache alias) configure it.
"""

import hashlib
import uuid

from django.core.cache import caches
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language

from .conf import get_setting

PREFIX = "wagtail_internationellt"
# A query value longer than this is not cached: no filter or page number is.
MAX_PARAMETER_LENGTH = 40
INDEX_ROUTE = "index_route"


def _cache():
    return caches[get_setting("WAGTAIL_INTERNATIONELLT_CACHE")]


def backend():
    """The cache the render cache keeps its versions and parts in."""
    return _cache()


# Caches that each process keeps for itself: a change made by one process (another
# web server worker, a management command) cannot reach the others.
PER_PROCESS_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def is_per_process(alias=None):
    from django.conf import settings

    alias = alias or get_setting("WAGTAIL_INTERNATIONELLT_CACHE")
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    return backend in PER_PROCESS_BACKENDS


def timeout():
    """Seconds to keep what is rendered; 0 when the cache is off.

    Unless the setting says otherwise, the cache is on only with a cache that
    every process shares (Redis, Memcached, the database, files), so that a
    publish empties it for all of them.
    """
    from django.conf import settings

    configured = getattr(settings, "WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT", None)
    if configured is not None:
        return configured
    if is_per_process():
        return 0
    return get_setting("WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT")


def _version_key(path):
    return f"{PREFIX}:version:{path}"


def _prefixes(path, steplen):
    """ "" (the whole installation) and the path of each ancestor, the page's own last."""
    return ["", *(path[:end] for end in range(steplen, len(path) + 1, steplen))]


def version_keys(page):
    """The cache keys of the version tokens of the page's ancestors and of the page."""
    return [_version_key(prefix) for prefix in _prefixes(page.path, page.steplen)]


def content_versions(page):
    """The version tokens of the page's ancestors and of the page, one cache round trip."""
    cache = _cache()
    keys = version_keys(page)
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            token = uuid.uuid4().hex
            # Another process may have set one meanwhile: keep whichever came first.
            found[key] = token if cache.add(key, token, None) else cache.get(key, token)
    return [found[key] for key in keys]


def new_content_version(path):
    """Give every page below ``path`` (``""``: every page) a new key."""
    _cache().delete(_version_key(path))


def key_for(page, request, route=INDEX_ROUTE):
    """The key of what the page renders for this request, or None if it is not cached.

    ``route`` names the page's route being served: ``index_route`` for the page
    itself, or a sub-route of a routable page (a feed).
    """
    match = getattr(request, "routable_resolver_match", None)
    if (match.url_name if match is not None else INDEX_ROUTE) != route:
        return None
    parameters = cacheable_parameters(page, request)
    if parameters is None:
        return None
    identity = "\n".join(
        [
            str(page.pk),
            route,
            *content_versions(page),
            get_language() or "",
            request.get_host(),
            timezone.localdate().isoformat(),
            urlencode(parameters),
        ]
    )
    return f"{PREFIX}:render:{hashlib.sha256(identity.encode()).hexdigest()}"


def cacheable_parameters(page, request):
    """The request's query parameters, sorted, if what the page serves for it may be
    cached; else None.

    Only GET and HEAD requests for a live page of the package, not a preview, with
    the query parameters the page understands (``cached_query_parameters``), each
    once and short, while the cache is on.
    """
    allowed = getattr(page, "cached_query_parameters", None)
    if allowed is None or not timeout() or request.method not in ("GET", "HEAD"):
        return None
    if getattr(request, "is_preview", False) or not page.live or not page.path:
        return None
    parameters = []
    for name, values in request.GET.lists():
        if name not in allowed or len(values) != 1:
            return None
        if len(values[0]) > MAX_PARAMETER_LENGTH:
            return None
        parameters.append((name, values[0]))
    return sorted(parameters)


def cached_parts(key):
    parts = _cache().get(key)
    return parts if isinstance(parts, dict) else None


def store_part(key, name, output, parts):
    """Add one rendered part to those stored under ``key`` (``parts``: those rendered so far)."""
    parts[name] = str(output)
    _cache().set(key, dict(parts), timeout())


def cached_response(page, request, route, respond):
    """The response ``respond()`` gives, kept in the cache like a page's parts (for feeds)."""
    from django.http import HttpResponse

    key = key_for(page, request, route)
    if key is None:
        return respond()
    stored = _cache().get(key)
    if isinstance(stored, tuple):
        content, content_type = stored
        return HttpResponse(content, content_type=content_type)
    response = respond()
    if response.status_code == 200 and not response.streaming:
        _cache().set(key, (response.content, response["Content-Type"]), timeout())
    return response


# What invalidates


def section_path_of(page):
    """The path of the section the page is in (or is), else None."""
    from .models import InternationalIndexPage

    prefixes = _prefixes(page.path, page.steplen)[1:]
    section = (
        InternationalIndexPage.objects.filter(path__in=prefixes)
        .order_by("-depth")
        .values_list("path", flat=True)
        .first()
    )
    return section


def page_changed(page):
    """A page was saved, published, unpublished, moved or deleted."""
    if not page.path:
        return
    new_content_version(section_path_of(page) or page.path)


def on_page_saved(sender, instance, **kwargs):
    from .models.page_model import Page

    if isinstance(instance, Page):
        page_changed(instance)


def on_page_moved(sender, instance, parent_page_before=None, **kwargs):
    page_changed(instance)
    if parent_page_before is not None:
        page_changed(parent_page_before)


def on_department_changed(sender, instance, **kwargs):
    section = instance.section if instance.section_id else None
    if section is not None:
        new_content_version(section.path)


def on_view_restriction_changed(sender, instance, **kwargs):
    """A page became private or public again: whole responses kept of it and of the
    pages below it must not be served any more (see response_cache)."""
    from .models.page_model import Page

    page = Page.objects.filter(pk=instance.page_id).only("path", "depth").first()
    if page is not None:
        page_changed(page)


def on_shared_content_changed(sender, **kwargs):
    """Images, documents and sites appear on pages of every section."""
    new_content_version("")


def on_migrated(sender, **kwargs):
    """Migrations change content without model signals: start every page afresh."""
    try:
        new_content_version("")
    except Exception:  # noqa: BLE001 - a cache that is not reachable yet must not stop migrate
        return


def connect_signals():
    from django.db.models.signals import post_delete, post_migrate, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import post_page_move

    from .models import Department

    uid = f"{PREFIX}.render_cache"
    post_save.connect(on_page_saved, dispatch_uid=f"{uid}.page_saved")
    post_delete.connect(on_page_saved, dispatch_uid=f"{uid}.page_deleted")
    post_page_move.connect(on_page_moved, dispatch_uid=f"{uid}.page_moved")
    post_migrate.connect(on_migrated, dispatch_uid=f"{uid}.migrated")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(on_department_changed, sender=Department, dispatch_uid=f"{uid}.dept.{name}")
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}.restriction.{name}",
        )
        for model in (get_image_model(), get_document_model(), Site):
            signal.connect(
                on_shared_content_changed,
                sender=model,
                dispatch_uid=f"{uid}.{model._meta.label_lower}.{name}",
            )


# Routing inside a section


def resolves(page_class, path):
    """Whether a routable page class has a route for ``path`` (its own sub-routes win)."""
    from django.http import Http404
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    if not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        page_class.get_resolver().resolve(path)
    except Http404:
        return False
    return True


def _find_descendant(section, components):
    """The page the path leads to below ``section`` and the components left for it.

    Follows Wagtail's own routing: level by level, a routable page's own routes
    win over its children. Fetches every candidate in one query instead of two
    queries per level.
    """
    from .models.page_model import Page

    candidates = {
        section.url_path + "/".join(components[:length]) + "/": length
        for length in range(1, len(components) + 1)
    }
    pages = {
        page.url_path: page
        for page in Page.objects.filter(
            url_path__in=list(candidates), path__startswith=section.path
        ).defer_streamfields()
    }
    current, consumed = None, 0
    for url_path, length in candidates.items():
        page = pages.get(url_path)
        if page is None:
            break
        current, consumed = page, length
        if resolves(page.specific_class, "/" + "/".join(components[length:]) + "/"):
            break
    if current is None:
        return None
    return current.specific, consumed


def find_descendant(section, components):
    """``_find_descendant`` kept in the cache until the section's content changes."""
    if not timeout():
        return _find_descendant(section, components)
    identity = "\n".join([str(section.pk), *content_versions(section), "/".join(components)])
    key = f"{PREFIX}:route:{hashlib.sha256(identity.encode()).hexdigest()}"
    cache = _cache()
    found = cache.get(key)
    if found is None:
        found = _find_descendant(section, components) or False
        cache.set(key, found, timeout())
    return found or None
