from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from .. import open_data, render_cache
from ..feeds import TripReportAtomFeed, TripReportFeed
from ..filters import (
    TripReportFilterForm,
    country_names,
    filter_trip_reports,
    trip_report_filters,
)
from ..forms import SectionPageForm
from ..rules import is_over_threshold, mandate_period_for, requires_board_approval
from .base import ApprovalRequiredMixin, OpenDataMixin, RenderCacheMixin, SectionMemberMixin
from .page_model import Page
from .sections import default_reporting_threshold

TRIPS_PER_PAGE = 20


class TripReportIndexPage(
    RoutablePageMixin,
    OpenDataMixin,
    RenderCacheMixin,
    ApprovalRequiredMixin,
    SectionMemberMixin,
    Page,
):
    """The list of a municipality's trip reports (R4)."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "document-link"],
        help_text=_(
            "E.g. that all trips are reported to the council with purpose, goals and result."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtail_internationellt.InternationalIndexPage"]
    subpage_types = ["wagtail_internationellt.TripReportPage"]
    max_count_per_parent = 1
    template = "wagtail_internationellt/pages/trip_report_index_page.html"
    page_description = _("Lists the municipality's trip reports. Add each report below it.")

    class Meta:
        verbose_name = _("trip report list")
        verbose_name_plural = _("trip report lists")

    def get_trip_reports(self):
        return (
            TripReportPage.objects.child_of(self)
            .live()
            .public()
            .select_related("department", "destination_twin_town")
            .order_by("-start_date", "-pk")
        )

    def filtered_trip_reports(self, request):
        """The live reports and the filter form that narrowed them, from the query string."""
        trip_reports = self.get_trip_reports()
        filter_form = TripReportFilterForm(request.GET, trip_reports=trip_reports)
        return filter_form.apply(trip_reports), filter_form

    cached_query_parameters = frozenset({"year", "department", "destination", "country", "page"})
    open_data_columns = open_data.TRIP_REPORT_COLUMNS
    open_data_name = "reserapporter"

    def get_page_context(self, request, *args, **kwargs):
        trip_reports, filter_form = self.filtered_trip_reports(request)
        paginator = Paginator(trip_reports, TRIPS_PER_PAGE)
        return {
            "trip_reports": paginator.get_page(request.GET.get("page")),
            "filter_form": filter_form,
            "exports": self.open_data_links(request),
            "feeds": self.feed_links(request),
        }

    def feed_links(self, request):
        url = self.get_url(request)
        if not url:
            return {}
        return {
            "rss": url + self.reverse_subpage("rss_feed"),
            "atom": url + self.reverse_subpage("atom_feed"),
        }

    def trip_reports_for_query(self, request):
        """The live reports the query string's filters select, without the form's choices."""
        return filter_trip_reports(self.get_trip_reports(), trip_report_filters(request.GET))

    def feed_response(self, request, feed_class, route):
        def respond():
            return feed_class(self, self.trip_reports_for_query(request))(request)

        return render_cache.cached_response(self, request, route, respond)

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        return self.feed_response(request, TripReportFeed, "rss_feed")

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return self.feed_response(request, TripReportAtomFeed, "atom_feed")

    def open_data_items(self, request):
        return self.trip_reports_for_query(request)


class Financing(models.TextChoices):
    OWN_BUDGET = "own_budget", _("The department's own budget")
    CENTRAL_FUNDS = "central_funds", _("Central funds for international contacts")
    EU_PROGRAMME = "eu_programme", _("EU programme")
    EXTERNAL = "external", _("Other external funding")


class TripReportPageForm(SectionPageForm):
    section_scoped_fields = ("destination_twin_town", "department")

    def clean(self):
        cleaned_data = super().clean()
        # Whether the report says where the trip went is checked on publish; a
        # draft may be saved before that is settled.
        if not self.is_saving_draft and not (
            cleaned_data.get("destination_twin_town") or cleaned_data.get("destination_place")
        ):
            # A form without the field (API v3 builds its own) gets the error on the form.
            field = "destination_place" if "destination_place" in self.fields else None
            self.add_error(field, TripReportPage.MISSING_DESTINATION)
        return cleaned_data

    def full_clean(self):
        # The check above knows whether a draft is being saved; the model cannot
        # (a new page is live=True while the form validates it), so it leaves
        # the destination to the form.
        self.instance.destination_checked_by_form = True
        try:
            super().full_clean()
        finally:
            self.instance.destination_checked_by_form = False


class TripReportPage(RenderCacheMixin, ApprovalRequiredMixin, SectionMemberMixin, Page):
    """Purpose, goals and result of one international trip (R1–R4).

    A trip to a twin town needs the executive board's approval first (R2); one
    that costs more than the municipality's threshold must be reported back to
    the board (R3); every trip is reported to the council (R4). Travellers are
    counted and described by role: no personal data is needed.
    """

    MISSING_DESTINATION = _("Choose a twin town or give the place the trip went to.")

    # Set by TripReportPageForm while it validates: the form asks for the
    # destination on publish only, and a draft may leave it open.
    destination_checked_by_form = False

    destination_twin_town = models.ForeignKey(
        "wagtail_internationellt.TwinTownPage",
        verbose_name=_("twin town"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trip_reports",
        help_text=_("If the trip went to one of the municipality's twin towns."),
    )
    destination_place = models.CharField(
        _("place"),
        max_length=150,
        blank=True,
        help_text=_("Otherwise the place, e.g. “Bryssel”."),
    )
    destination_country = CountryField(
        _("country"), blank=True, help_text=_("The place's country, e.g. Belgium.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=False)
    end_date = models.DateField(_("end date"), null=True, blank=False)
    department = models.ForeignKey(
        "wagtail_internationellt.Department",
        verbose_name=_("organising department"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="trip_reports",
        help_text=_("The department or committee that organised and paid for the trip."),
    )
    travellers_count = models.PositiveSmallIntegerField(
        _("number of travellers"), null=True, blank=False
    )
    travellers_roles = models.CharField(
        _("travellers' roles"),
        max_length=255,
        blank=True,
        help_text=_(
            "Roles, not names, e.g. “två förtroendevalda i kommunstyrelsen, en tjänsteperson”."
        ),
    )
    purpose = models.TextField(
        _("purpose"), help_text=_("Why the trip was made and what the municipality gains from it.")
    )
    goals = models.TextField(_("goals"), help_text=_("What the trip was to achieve."))
    results = models.TextField(
        _("results"),
        blank=True,
        help_text=_("What came of it. Can be added after the trip, before reporting back."),
    )
    total_cost = models.DecimalField(
        _("total cost (kronor)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=False,
        help_text=_("Travel, lodging and fees together, in kronor, e.g. 12 400."),
    )
    financing = models.CharField(
        _("financing"),
        max_length=20,
        choices=Financing.choices,
        default=Financing.OWN_BUDGET,
    )
    financing_details = models.CharField(
        _("financing details"),
        max_length=255,
        blank=True,
        help_text=_("E.g. the EU programme's name or how costs were shared."),
    )
    board_approval_date = models.DateField(
        _("approved by the executive board on"),
        null=True,
        blank=True,
        help_text=_(
            "A trip to a twin town needs the executive board's approval before it starts."
        ),
    )
    board_approval_reference = models.CharField(
        _("reference of the board's approval"),
        max_length=120,
        blank=True,
        help_text=_("Paragraph or registry number, e.g. “KS § 112”."),
    )
    reported_to_board_date = models.DateField(
        _("reported back to the executive board on"),
        null=True,
        blank=True,
        help_text=_(
            "A trip that cost more than the municipality's threshold must be reported "
            "back to the board."
        ),
    )
    reported_to_council_date = models.DateField(
        _("reported to the council on"),
        null=True,
        blank=True,
        help_text=_("Every trip is reported to the council."),
    )

    base_form_class = TripReportPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("destination_twin_town", widget=forms.Select),
                FieldRowPanel(
                    [FieldPanel("destination_place"), FieldPanel("destination_country")]
                ),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Destination and dates"),
            icon="site",
        ),
        MultiFieldPanel(
            [
                FieldPanel("department", widget=forms.Select),
                FieldRowPanel([FieldPanel("travellers_count"), FieldPanel("travellers_roles")]),
            ],
            heading=_("Who travelled"),
            icon="group",
        ),
        FieldPanel("purpose", widget=forms.Textarea(attrs={"rows": 4})),
        FieldPanel("goals", widget=forms.Textarea(attrs={"rows": 4})),
        FieldPanel("results", widget=forms.Textarea(attrs={"rows": 6})),
        MultiFieldPanel(
            [
                FieldPanel("total_cost"),
                FieldRowPanel([FieldPanel("financing"), FieldPanel("financing_details")]),
            ],
            heading=_("Cost"),
            icon="form",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("board_approval_date"), FieldPanel("board_approval_reference")]
                ),
                FieldRowPanel(
                    [FieldPanel("reported_to_board_date"), FieldPanel("reported_to_council_date")]
                ),
            ],
            heading=_("Decisions and reporting"),
            icon="tasks",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("destination_place"),
        index.SearchField("country_names"),
        index.SearchField("purpose"),
        index.SearchField("goals"),
        index.SearchField("results"),
        index.RelatedFields("destination_twin_town", [index.SearchField("title")]),
        index.RelatedFields("department", [index.SearchField("name")]),
        index.FilterField("start_date"),
        index.FilterField("department"),
    ]
    parent_page_types = ["wagtail_internationellt.TripReportIndexPage"]
    subpage_types = []
    template = "wagtail_internationellt/pages/trip_report_page.html"
    page_description = _("One international trip: purpose, goals, result, cost and decisions.")

    class Meta:
        verbose_name = _("trip report")
        verbose_name_plural = _("trip reports")
        indexes = [
            # The public list, the feeds and the register show the newest trips first.
            models.Index(fields=["start_date"], name="intl_trip_start_date_idx"),
        ]

    @property
    def destination_label(self):
        """Where the trip went, with the country: “Nykarleby, Finland”."""
        if self.destination_twin_town_id:
            place, country = self.destination_twin_town.title, self.destination_twin_town.country
        else:
            place, country = self.destination_place, self.destination_country
        return f"{place}, {country.name}" if place and country else place

    @property
    def country_names(self):
        """The destination's country in each of the site's languages, for search."""
        town = self.destination_twin_town if self.destination_twin_town_id else None
        return country_names(town.country if town else self.destination_country)

    @property
    def reporting_threshold(self):
        section = self.section
        return section.reporting_threshold if section else default_reporting_threshold()

    @property
    def is_over_threshold(self):
        return is_over_threshold(self)

    @property
    def requires_board_approval(self):
        return requires_board_approval(self)

    @property
    def mandate_period(self):
        return mandate_period_for(self.start_date) if self.start_date else None

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.total_cost is not None and self.total_cost < 0:
            errors["total_cost"] = _("The total cost cannot be negative.")
        if self.travellers_count == 0:
            errors["travellers_count"] = _("Give at least one traveller.")
        if (
            self.board_approval_date
            and self.start_date
            and self.board_approval_date > self.start_date
        ):
            errors["board_approval_date"] = _(
                "The executive board's approval cannot be dated after the trip's start date."
            )
        for field in ("reported_to_board_date", "reported_to_council_date"):
            reported = getattr(self, field)
            if reported and self.end_date and reported < self.end_date:
                errors[field] = _("The report cannot be dated before the trip's end date.")
        twin_town = self.destination_twin_town if self.destination_twin_town_id else None
        if twin_town is not None and self.section is not None:
            if twin_town.section != self.section:
                errors["destination_twin_town"] = _(
                    "%(town)s is a twin town of another municipality. Choose one of the "
                    "twin towns of %(municipality)s, or give the place instead."
                ) % {"town": twin_town.title, "municipality": self.section}
        if self.department_id is not None and self.section is not None:
            if self.department.section_id != self.section.pk:
                errors["department"] = _("This department belongs to another municipality.")
        if (
            self.live
            and not self.destination_checked_by_form
            and not (twin_town or self.destination_place)
        ):
            errors.setdefault("destination_place", self.MISSING_DESTINATION)
        if errors:
            raise ValidationError(errors)

    def minimal_clean(self):
        # Drafts are saved without full_clean (Wagtail 7+): dates, cost and the
        # municipality's own twin towns must hold for a draft too.
        super().minimal_clean()
        self.clean()
