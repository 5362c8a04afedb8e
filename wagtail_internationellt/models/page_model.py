"""The base page model the package's pages derive from.

Wagtail 8 lets a site replace ``wagtail.models.Page`` with its own base page, named by
the ``WAGTAIL_PAGE_MODEL`` setting (a concrete subclass of ``wagtail.models.AbstractPage``).
The package's page types then derive from the site's base page, and their tables point
to it, so that its fields and methods apply to them as to the site's own pages. Where
nothing is swapped, and on Wagtail 7, which has no such setting, the base is
``wagtail.models.Page``.

The site's base page is looked up while models are still being imported, so its app
must come before ``wagtail_internationellt`` in ``INSTALLED_APPS``.
"""

import swapper
import wagtail.models
from django.core.exceptions import ImproperlyConfigured

APP_LABEL, MODEL_NAME = "wagtailcore", "Page"


def page_model_name():
    """``"app_label.ModelName"`` of the base page model, as migrations refer to it.

    Importing ``wagtail.models`` (above) names the setting ``WAGTAIL_PAGE_MODEL`` on
    Wagtail 8; on Wagtail 7 nothing is swapped and the name is Wagtail's own ``Page``.
    """
    return swapper.get_model_name(APP_LABEL, MODEL_NAME)


def page_link_name():
    """The name of the field linking a page type's table to the base page's table."""
    return f"{swapper.split(page_model_name())[1].lower()}_ptr"


def load_page_model():
    name = page_model_name()
    if name == f"{APP_LABEL}.{MODEL_NAME}":
        return wagtail.models.Page
    model = swapper.load_model(APP_LABEL, MODEL_NAME, required=False, require_ready=False)
    if model is None:
        raise ImproperlyConfigured(
            f"WAGTAIL_PAGE_MODEL is {name!r}, but that model is not loaded yet: put its app "
            "before 'wagtail_internationellt' in INSTALLED_APPS."
        )
    return model


Page = load_page_model()


def page_permission_codename(action):
    """The codename of a page permission ("add", "change", "publish", "lock", "unlock").

    Page permissions belong to the base page model: ``publish_page`` for Wagtail's own,
    ``publish_basepage`` for a site's ``BasePage``.
    """
    return f"{action}_{Page._meta.model_name}"
