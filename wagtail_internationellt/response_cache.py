"""Whole responses of the public pages, for visitors who are not logged in.

The render cache (``render_cache``) keeps the content of a page, but every request
still makes Wagtail find the site, route through the page tree from its root, check
the view restrictions and render the host's ``base.html`` around the content: for the
small pages of a section that costs as much as the content itself. This middleware
keeps the whole response of a page of the package, including its feeds and
open-data exports, for a request without a session (a visitor who is not logged in),
and answers the next such request for the same address before any of that runs.

A kept response is used only while its page's *content versions* (see
``render_cache``) are still the current ones, read from the cache with each use. A
change that empties the render cache of a section (publishing, unpublishing, moving,
deleting, a department, an image, a site) or a change to a view restriction therefore
makes the next request render afresh at once, on every server that shares the cache;
so does the date (a policy comes into force at midnight). Only what the render cache
itself would keep is kept: GET requests for live pages of the package, not previews,
with the query parameters the page understands, answered with 200 after Wagtail's
view restrictions have let the request through. A response is not kept when it sets
a cookie, used the CSRF token or the Content Security Policy nonce, varies by
cookie, says ``Cache-Control: private`` or ``no-store``, or is larger than
``MAX_BYTES``. Requests with a session or messages cookie (logged-in editors, a
message to show) always go through and see the host's template rendered for them.

Add it to ``MIDDLEWARE`` right after ``django.middleware.locale.LocaleMiddleware``
(the language is part of the address it keeps a response for; ``manage.py check``
reports ``wagtail_internationellt.E004`` otherwise). The middleware above
it (security headers, Content Security Policy, sessions) still run for every request.
It does nothing while the render cache is off (``WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT``
0, or unset with a cache that each process keeps for itself).
"""

import hashlib
import itertools

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import get_language

from . import render_cache

# Larger responses (an export of thousands of trip reports) are streamed as before.
MAX_BYTES = 2 * 1024 * 1024
# Set on a request this middleware may answer; the versions of the page served for it.
ELIGIBLE = "_intl_response_cache"
VERSIONS = "_intl_response_versions"
# Request cookies that mean the response may be for this visitor alone.
PERSONAL_COOKIES = ("messages",)


def _key(request):
    identity = "\n".join(
        [
            request.get_host(),
            request.path,
            get_language() or "",
            timezone.localdate().isoformat(),
            urlencode(sorted(request.GET.lists()), doseq=True),
        ]
    )
    return f"{render_cache.PREFIX}:response:{hashlib.sha256(identity.encode()).hexdigest()}"


def _eligible(request):
    if request.method != "GET" or not render_cache.timeout():
        return False
    cookies = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    return not any(name in request.COOKIES for name in cookies)


def page_served(page, request):
    """Wagtail serves ``page`` for the request, past its view restrictions: note the
    page's content versions if its response may be kept (called by a hook)."""
    if not getattr(request, ELIGIBLE, False):
        return
    if render_cache.cacheable_parameters(page, request) is None:
        return
    # Read before the page renders: a change made meanwhile outdates what it renders.
    versions = (render_cache.version_keys(page), render_cache.content_versions(page))
    setattr(request, VERSIONS, versions)


def _current(stored):
    keys, tokens = stored["versions"]
    found = render_cache.backend().get_many(keys)
    return [found.get(key) for key in keys] == list(tokens)


def _replay(stored):
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"]:
        response.headers[name] = value
    response.headers["Content-Length"] = str(len(stored["content"]))
    # As when rendered (the session is read there): a cache in front keeps the pages
    # of logged-in editors apart.
    patch_vary_headers(response, ("Cookie",))
    return response


def _may_keep(request, response):
    if response.status_code != 200 or response.cookies:
        return False
    if getattr(response, "is_async", False):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the page holds this request's nonce (django-csp)
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
    cache_control = response.get("Cache-Control", "").lower()
    return (
        "cookie" not in vary
        and "private" not in cache_control
        and ("no-store" not in cache_control)
    )


def _content(response):
    """The body of the response if it is at most MAX_BYTES, else None.

    A streamed body is read (up to one chunk past the limit) and handed on unchanged.
    """
    if not response.streaming:
        return response.content if len(response.content) <= MAX_BYTES else None
    chunks, size = [], 0
    stream = iter(response.streaming_content)
    for chunk in stream:
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            response.streaming_content = itertools.chain(chunks, stream)
            return None
    response.streaming_content = chunks
    return b"".join(chunks)


class ResponseCacheMiddleware:
    """Keeps and replays whole public responses for visitors without a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        cache = render_cache.backend()
        stored = cache.get(key)
        if isinstance(stored, dict) and _current(stored):
            return _replay(stored)
        setattr(request, ELIGIBLE, True)
        response = self.get_response(request)
        versions = getattr(request, VERSIONS, None)
        if versions is None or not _may_keep(request, response):
            return response
        content = _content(response)
        if content is not None:
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() != "content-length"
            ]
            cache.set(
                key,
                {
                    "versions": versions,
                    "status": response.status_code,
                    "headers": headers,
                    "content": content,
                },
                render_cache.timeout(),
            )
        return response
