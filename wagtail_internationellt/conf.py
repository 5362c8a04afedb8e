"""Deploy-time options, read from Django settings with documented defaults."""

from django.conf import settings

DEFAULTS = {
    # Kronor above which a trip must be reported back to the executive board (R3),
    # used for new sections; each section can set its own threshold.
    "WAGTAIL_INTERNATIONELLT_DEFAULT_THRESHOLD": 10_000,
    # Whether superusers may publish pages of a section without an approval. Every
    # such publish is written to the audit log as unapproved.
    "WAGTAIL_INTERNATIONELLT_SUPERUSERS_MAY_PUBLISH": False,
    # The licence the open-data exports (CSV and JSON) are published under. CC0 is
    # what Sweden's Agency for Digital Government (DIGG) recommends for open data.
    "WAGTAIL_INTERNATIONELLT_OPEN_DATA_LICENCE": {
        "id": "CC0-1.0",
        "name": "Creative Commons Zero 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    # Seconds the rendered public pages are kept in the cache (0: not cached).
    # Publishing, unpublishing, moving or deleting a page empties the cache of
    # its municipality's section at once; the timeout bounds everything else.
    # Unset, the cache is on only with a cache all processes share (not
    # Django's default LocMemCache): see render_cache.timeout.
    "WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT": 600,
    # The alias in CACHES to use; on several servers, one they share (Redis).
    "WAGTAIL_INTERNATIONELLT_CACHE": "default",
}


def get_setting(name):
    return getattr(settings, name, DEFAULTS[name])
