from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_internationellt.models import InternationalIndexPage


class HomePage(Page):
    """The example site's start page: it leads residents to every municipality's section."""

    intro = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    page_description = "The example site's start page."
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = (
            InternationalIndexPage.objects.descendant_of(self).live().order_by("title")
        )
        return context
