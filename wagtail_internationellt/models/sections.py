from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from ..conf import get_setting
from ..rules import PolicyStatus, current_mandate_period
from .base import ApprovalRequiredMixin, RenderCacheMixin
from .page_model import Page


def default_reporting_threshold():
    return get_setting("WAGTAIL_INTERNATIONELLT_DEFAULT_THRESHOLD")


SEARCH_RESULTS_PER_PAGE = 20
SEARCH_QUERY_MAX_LENGTH = 200
RANKED_SEARCH_LIMIT = 200


def clean_search_query(text):
    """What a resident typed, made safe for every search backend.

    Control characters (NUL included) go; an unmatched double quote, which some
    backends cannot parse as a phrase, is dropped with the other quotes.
    """
    text = "".join(char for char in text if char.isprintable() or char == " ")
    if text.count('"') % 2:
        text = text.replace('"', " ")
    return " ".join(text.split())[:SEARCH_QUERY_MAX_LENGTH]


class InternationalIndexPage(RoutablePageMixin, RenderCacheMixin, ApprovalRequiredMixin, Page):
    """The section "Internationellt arbete" of one municipality.

    Holds what the municipality decides for itself: its name and the cost above
    which a trip must be reported back to the executive board (R3). Several
    municipalities in one installation each have a section of their own.
    """

    municipality_name = models.CharField(
        _("municipality"),
        max_length=100,
        help_text=_("The municipality's name as residents know it, e.g. “Sollefteå kommun”."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "document-link"],
        help_text=_("A few sentences on why the municipality works internationally."),
    )
    reporting_threshold = models.PositiveIntegerField(
        _("reporting threshold (kronor)"),
        default=default_reporting_threshold,
        validators=[MinValueValidator(0)],
        help_text=_(
            "A trip that costs more than this must be reported back to the executive "
            "board, stating purpose, goals and result. Sollefteå: 10 000."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("municipality_name"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("reporting_threshold")],
            heading=_("The municipality's rules"),
            icon="cog",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("municipality_name"),
        index.SearchField("intro"),
        index.FilterField("municipality_name"),
    ]

    subpage_types = [
        "wagtail_internationellt.PolicyPage",
        "wagtail_internationellt.TwinTownIndexPage",
        "wagtail_internationellt.TripReportIndexPage",
    ]
    template = "wagtail_internationellt/pages/international_index_page.html"
    # How a search result names this page to residents.
    search_result_label = _("Start page of the international work")
    page_description = _(
        "The start of one municipality's international section: its policy, twin "
        "towns and trip reports go below it."
    )

    class Meta:
        verbose_name = _("international section")
        verbose_name_plural = _("international sections")

    def __str__(self):
        return self.municipality_name or self.title

    @property
    def section(self):
        """A section is its own section: templates ask any page for ``page.section``."""
        return self

    def get_page_context(self, request, *args, **kwargs):
        from .policy import PolicyPage
        from .trips import TripReportIndexPage
        from .twin_towns import TwinTownIndexPage

        policies = PolicyPage.attach_successors(
            list(PolicyPage.objects.child_of(self).live().public().defer_streamfields())
        )
        policies = [policy for policy in policies if policy.status != PolicyStatus.EXPIRED]
        return {
            "policies": policies,
            "twin_town_index": TwinTownIndexPage.objects.child_of(self).live().first(),
            "trip_report_index": TripReportIndexPage.objects.child_of(self).live().first(),
            "mandate_period": current_mandate_period(),
            "search_url": self.search_url(request),
        }

    def route(self, request, path_components):
        # The section's own routes (search) first, as RoutablePageMixin does;
        # then the page below the section in one step (see render_cache).
        if path_components and self.live:
            from .. import render_cache

            own_path = "/" + "/".join(path_components) + "/"
            if not render_cache.resolves(type(self), own_path):
                found = render_cache.find_descendant(self, path_components)
                if found is not None:
                    page, consumed = found
                    return page.route(request, path_components[consumed:])
        return super().route(request, path_components)

    def search_url(self, request):
        url = self.get_url(request)
        return url + self.reverse_subpage("search") if url else None

    @path("sok/", name="search")
    def search(self, request):
        """Search the section's live, public pages (policy, twin towns, trip reports).

        Results are ranked by relevance when there are at most
        ``RANKED_SEARCH_LIMIT``; ranking costs time for every match, so a word found
        almost everywhere lists the newest pages first instead, and says so.
        """
        query = clean_search_query(request.GET.get("q", ""))
        results, ranked = None, True
        if query:
            pages = Page.objects.live().public().descendant_of(self, inclusive=True)
            unranked = pages.order_by("-first_published_at", "-id").search(
                query, order_by_relevance=False
            )
            ranked = unranked.count() <= RANKED_SEARCH_LIMIT
            matches = pages.search(query) if ranked else unranked
            paginator = Paginator(matches, SEARCH_RESULTS_PER_PAGE)
            results = paginator.get_page(request.GET.get("page"))
            for result in results:
                page_class = result.specific_class or Page
                result.type_label = getattr(page_class, "search_result_label", None) or capfirst(
                    page_class._meta.verbose_name
                )
        return self.render(
            request,
            template="wagtail_internationellt/pages/search_results.html",
            context_overrides={
                "search_query": query,
                "search_results": results,
                "search_ranked": ranked,
                "subpage_title": _("Search"),
                "search_url": self.search_url(request),
            },
        )
