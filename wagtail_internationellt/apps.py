from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailInternationelltConfig(AppConfig):
    name = "wagtail_internationellt"
    label = "wagtail_internationellt"
    verbose_name = _("International work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            render_cache,
        )
        from .workflows import audit  # noqa: F401  (connects the audit log receiver)

        render_cache.connect_signals()
        if self.apps.is_installed("wagtail.contrib.frontend_cache"):
            from . import frontend_cache

            frontend_cache.connect_signals()
