"""The test settings with a site's own base page model (Wagtail 8's ``WAGTAIL_PAGE_MODEL``).

``make test`` runs tests/test_custom_base_page.py and the workflow, page-type and
register tests under these settings: the package's migrations apply from an empty
database, its page types derive from the site's base page, and editing, the workflow,
the registers and the public pages work as with Wagtail's own ``Page``.

The example site's ``home`` app is left out (its start page derives from Wagtail's
``Page``, which a site that swaps the base page no longer has), and with it the
example site's ``base.html``: a plain one stands in. Wagtail 7 has no swappable base
page; there these settings are the plain test settings and the tests say so.
"""

from pathlib import Path

import wagtail

from tests.settings import *  # noqa: F403

SWAPPABLE_BASE_PAGE = wagtail.VERSION >= (8, 0)

if SWAPPABLE_BASE_PAGE:
    INSTALLED_APPS = [
        "tests.custom_base_page",
        *(app for app in INSTALLED_APPS if app != "home"),  # noqa: F405
    ]
    WAGTAIL_PAGE_MODEL = "custom_base_page.SitePage"
    TEMPLATES[0]["DIRS"] = [Path(__file__).parent / "custom_base_page" / "templates"]  # noqa: F405
