from django.db import models
from wagtail.models import AbstractPage


class SitePage(AbstractPage):
    """The base of every page of a site that adds a field of its own to all pages."""

    audience = models.CharField("audience", max_length=100, blank=True)

    promote_panels = [*AbstractPage.promote_panels, "audience"]
