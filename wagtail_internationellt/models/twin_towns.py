from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .. import open_data
from ..filters import (
    TwinTownFilterForm,
    country_choices,
    country_names,
    filter_twin_towns,
    twin_town_filters,
)
from ..forms import SectionPageForm
from ..maps import twin_town_map
from ..rules import mandate_period_for
from ..structured_data import twin_town_city
from .base import ApprovalRequiredMixin, OpenDataMixin, RenderCacheMixin, SectionMemberMixin
from .page_model import Page

EARLIEST_DECISION_YEAR = 1900
TWIN_TOWNS_PER_PAGE = 50
TRIPS_ON_TWIN_TOWN_PAGE = 10


class TwinTownIndexPage(
    RoutablePageMixin,
    OpenDataMixin,
    RenderCacheMixin,
    ApprovalRequiredMixin,
    SectionMemberMixin,
    Page,
):
    """The list of a municipality's twin towns (T1), like Torsby's fact box."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "document-link"],
        help_text=_(
            "E.g. what the policy says about new agreements (Torsby: none should be made)."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtail_internationellt.InternationalIndexPage"]
    subpage_types = ["wagtail_internationellt.TwinTownPage"]
    max_count_per_parent = 1
    template = "wagtail_internationellt/pages/twin_town_index_page.html"
    page_description = _("Lists the municipality's twin towns. Add each twin town below it.")

    class Meta:
        verbose_name = _("twin town list")
        verbose_name_plural = _("twin town lists")

    def get_twin_towns(self):
        """The live twin towns below this page, by country name (in Swedish order), then name."""
        towns = TwinTownPage.objects.child_of(self).live().public()
        codes = towns.order_by().values_list("country", flat=True).distinct()
        ranks = [
            When(country=code, then=Value(rank))
            for rank, (code, _name) in enumerate(country_choices(codes))
        ]
        country_rank = Case(*ranks, default=Value(len(ranks)), output_field=IntegerField())
        return towns.annotate(country_rank=country_rank).order_by("country_rank", "title", "pk")

    cached_query_parameters = frozenset({"status", "country", "page"})
    open_data_columns = open_data.TWIN_TOWN_COLUMNS
    open_data_name = "vanorter"

    def get_page_context(self, request, *args, **kwargs):
        towns = self.get_twin_towns()
        filter_form = TwinTownFilterForm(request.GET, twin_towns=towns)
        paginator = Paginator(filter_form.apply(towns), TWIN_TOWNS_PER_PAGE)
        listed = paginator.get_page(request.GET.get("page"))
        return {
            "twin_towns": listed,
            "filter_form": filter_form,
            "twin_town_map": twin_town_map(listed),
            "exports": self.open_data_links(request),
        }

    def open_data_items(self, request):
        towns = filter_twin_towns(self.get_twin_towns(), twin_town_filters(request.GET))
        return towns.prefetch_related("evaluations")


class TwinTownStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    TERMINATED = "terminated", _("Terminated")


class TwinTownPageForm(SectionPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # Rows being edited are only in the formset: check them here, the model
        # checks the rows it already holds.
        formset = self.formsets.get("evaluations")
        if formset is not None:
            # ClusterForm validates the formsets after this form: validate the
            # rows now so that their dates can be compared (the result is cached).
            formset.is_valid()
            rows = [
                form
                for form in formset.forms
                if getattr(form, "cleaned_data", None)
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("decision_date")
            ]
            for form, message in duplicate_evaluation_errors(
                rows, lambda form: form.cleaned_data["decision_date"]
            ):
                form.add_error("decision_date", message)
        return cleaned_data


def duplicate_evaluation_errors(rows, decision_date_of):
    """Yield (row, message) for each evaluation of a mandate period already evaluated (T2)."""
    seen = set()
    for row in rows:
        period = mandate_period_for(decision_date_of(row))
        if period in seen:
            yield (
                row,
                _(
                    "The mandate period %(period)s has already been evaluated: record one "
                    "evaluation per mandate period."
                )
                % {"period": period},
            )
        seen.add(period)


class TwinTownPage(RenderCacheMixin, ApprovalRequiredMixin, SectionMemberMixin, Page):
    """A twin town and the municipal decision behind the agreement (T1–T4)."""

    official_name = models.CharField(
        _("official name"),
        max_length=150,
        blank=True,
        help_text=_(
            "The name as the agreement has it, when it differs from the title, e.g. "
            "“Nykarleby Stad” or “Madison the City”."
        ),
    )
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("E.g. Estonia for Pöltsamaa, Chile for Påskön."),
    )
    region = models.CharField(
        _("region"),
        max_length=150,
        blank=True,
        help_text=_("State, county or island, e.g. “Wisconsin” or “Påskön”."),
    )
    decision_year = models.PositiveSmallIntegerField(
        _("year of the municipal decision"),
        null=True,
        blank=True,
        help_text=_("The year the municipality decided on the agreement, e.g. 1977 for Skjern."),
    )
    decision_date = models.DateField(
        _("date of the municipal decision"),
        null=True,
        blank=True,
        help_text=_("If the exact date is known. Its year must match the year above."),
    )
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=120,
        blank=True,
        help_text=_("Body, paragraph or registry number of the decision, e.g. “KF § 18”."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TwinTownStatus.choices,
        default=TwinTownStatus.ACTIVE,
        help_text=_(
            "Inactive: no exchange at present. Terminated: the council has ended the agreement."
        ),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("The date the agreement was terminated."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Degrees north, between -90 and 90, e.g. 63.52 for Nykarleby."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Degrees east, between -180 and 180, e.g. 22.53 for Nykarleby."),
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("The twin town's own website.")
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What the cooperation is about: schools, culture, business…"),
    )

    base_form_class = TwinTownPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("official_name"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("website"),
            ],
            heading=_("Place"),
            icon="site",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_year"), FieldPanel("decision_date")]),
                FieldPanel("decision_reference"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("end_date")]),
            ],
            heading=_("Agreement"),
            icon="doc-full",
        ),
        FieldPanel("description"),
        InlinePanel("images", label=_("Image")),
        InlinePanel(
            "evaluations",
            label=_("Evaluation"),
            heading=_("Evaluations, one per mandate period"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("official_name"),
        index.SearchField("region"),
        index.SearchField("country_names"),
        index.SearchField("description"),
        index.FilterField("status"),
        index.FilterField("country"),
    ]
    parent_page_types = ["wagtail_internationellt.TwinTownIndexPage"]
    subpage_types = []
    template = "wagtail_internationellt/pages/twin_town_page.html"
    page_description = _(
        "One twin town: where it is, when the agreement was decided, evaluations."
    )

    class Meta:
        verbose_name = _("twin town")
        verbose_name_plural = _("twin towns")

    @property
    def country_names(self):
        """The country's name in each of the site's languages, for search ("Norge", "Norway")."""
        return country_names(self.country)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def get_page_context(self, request, *args, **kwargs):
        from .trips import TripReportIndexPage

        trips = list(self.live_trip_reports()[: TRIPS_ON_TWIN_TOWN_PAGE + 1])
        trip_index = None
        if trips and self.section is not None:
            # Looked up whenever there are trips, so that few and many cost the
            # same queries; the link shows only when some are not listed.
            trip_index = TripReportIndexPage.objects.child_of(self.section).live().first()
        return {
            "images": self.images.select_related("image").prefetch_related("image__renditions"),
            "trip_reports": trips[:TRIPS_ON_TWIN_TOWN_PAGE],
            "all_trip_reports_url": (
                f"{trip_index.get_url(request)}?destination={self.pk}"
                if trip_index and len(trips) > TRIPS_ON_TWIN_TOWN_PAGE
                else None
            ),
            "structured_data": twin_town_city(self, request),
        }

    def latest_evaluation(self):
        evaluations = sorted(self.evaluations.all(), key=lambda e: e.decision_date)
        return evaluations[-1] if evaluations else None

    def live_trip_reports(self):
        """The published reports of trips to this twin town, the latest first (R4)."""
        from .trips import TripReportPage

        if self.pk is None:
            return TripReportPage.objects.none()
        return (
            self.trip_reports.live()
            .public()
            .select_related("department")
            .order_by("-start_date", "-pk")
        )

    def clean(self):
        super().clean()
        errors = {}
        this_year = timezone.localdate().year
        if self.decision_year is not None and not (
            EARLIEST_DECISION_YEAR <= self.decision_year <= this_year
        ):
            errors["decision_year"] = _(
                "The year of the decision must be between %(first)s and %(last)s."
            ) % {"first": EARLIEST_DECISION_YEAR, "last": this_year}
        if self.decision_date is not None:
            if self.decision_year is None:
                self.decision_year = self.decision_date.year
            elif self.decision_date.year != self.decision_year and "decision_year" not in errors:
                errors["decision_date"] = _(
                    "The date of the decision is in %(date_year)s, not in %(year)s."
                ) % {"date_year": self.decision_date.year, "year": self.decision_year}
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("The latitude must be between -90 and 90 degrees.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("The longitude must be between -180 and 180 degrees.")
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors.setdefault(field, _("Give both latitude and longitude, or neither."))
        if self.status == TwinTownStatus.TERMINATED and self.end_date is None:
            errors["end_date"] = _("Give the date the agreement was terminated.")
        if self.status != TwinTownStatus.TERMINATED and self.end_date is not None:
            errors["end_date"] = _("Only a terminated agreement has an end date.")
        for _evaluation, message in duplicate_evaluation_errors(
            [e for e in self.evaluations.all() if e.decision_date],
            lambda e: e.decision_date,
        ):
            errors.setdefault("__all__", []).append(message)
        if errors:
            raise ValidationError(errors)

    def minimal_clean(self):
        # Drafts are saved without full_clean (Wagtail 7+): keep the facts sane anyway.
        super().minimal_clean()
        self.clean()


def not_evaluated_in(towns, period):
    """The agreements in force among ``towns`` the council has not evaluated in ``period`` (T2)."""
    return towns.exclude(status=TwinTownStatus.TERMINATED).exclude(
        evaluations__decision_date__range=(period.start, period.end)
    )


class TwinTownImage(Orderable):
    page = ParentalKey(TwinTownPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(
        _("caption"),
        max_length=250,
        blank=True,
        help_text=_(
            "Shown under the image, e.g. “Torget i Nykarleby”. The alt text is the "
            "image's own description."
        ),
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class EvaluationOutcome(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    TERMINATE = "terminate", _("Terminate")


class TwinTownEvaluation(Orderable):
    """The council's evaluation of an agreement in one mandate period (T2).

    The mandate period is computed from the decision date, never typed.
    """

    page = ParentalKey(TwinTownPage, on_delete=models.CASCADE, related_name="evaluations")
    decision_date = models.DateField(
        _("decision date"),
        help_text=_("The date the council decided; it says which mandate period is evaluated."),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=EvaluationOutcome.choices,
        default=EvaluationOutcome.CONTINUE,
    )
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=120,
        blank=True,
        help_text=_("E.g. “KF 2023-06-12 § 77”."),
    )
    comment = models.TextField(
        _("comment"),
        blank=True,
        help_text=_("What the agreement gave during the period, or why it ends."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("decision_date"), FieldPanel("outcome"), FieldPanel("decision_reference")]
        ),
        FieldPanel("comment", widget=forms.Textarea(attrs={"rows": 3})),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    @property
    def mandate_period(self):
        return mandate_period_for(self.decision_date) if self.decision_date else None
