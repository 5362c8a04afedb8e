"""The registers a municipality keeps in the admin: trips and twin-town agreements (R3, T2).

Listed with wagtail-modeladmin under the menu item "Internationellt", at
modeladmin's own addresses (``/admin/wagtail_internationellt/<model>/``). A user
sees only the municipalities whose section they may edit, and only users who may
edit some section see the registers at all.
"""

from django.contrib.admin import SimpleListFilter
from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_modeladmin.helpers import PagePermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import IndexView

from .models import InternationalIndexPage, TripReportPage, TwinTownPage
from .models.twin_towns import not_evaluated_in
from .rules import current_mandate_period, mandate_period_for
from .templatetags.internationellt import kronor

EDITING_PERMISSIONS = {"add_page", "change_page"}


def editable_scope(user):
    """A filter on page paths: the parts of the tree the user may edit pages in."""
    if user.is_superuser:
        return Q()
    scope = Q(pk__in=[])
    for permission in PagePermissionPolicy().get_cached_permissions_for_user(user):
        if permission.permission.codename in EDITING_PERMISSIONS:
            scope |= Q(path__startswith=permission.page.path)
    return scope


def editable_sections(user):
    """The sections whose pages the user may edit, in a permission's subtree or below it."""
    sections = InternationalIndexPage.objects.all()
    if user.is_superuser:
        return sections
    paths = [
        permission.page.path
        for permission in PagePermissionPolicy().get_cached_permissions_for_user(user)
        if permission.permission.codename in EDITING_PERMISSIONS
    ]
    scope = Q(pk__in=[])
    for path in paths:
        # The section is below the permission's page, or the permission is inside it.
        scope |= Q(path__startswith=path)
        scope |= Q(path__in=[path[:end] for end in range(4, len(path) + 1, 4)])
    return sections.filter(scope)


def with_section_threshold(trips):
    """Annotate each trip with its section's reporting threshold and whether it is over it.

    A trip is two levels below its section (section → trip list → trip), so the
    section's path is the trip's without its last two steps.
    """
    steplen = TripReportPage.steplen
    section_path = Substr("path", 1, Length("path") - 2 * steplen)
    threshold = InternationalIndexPage.objects.filter(path=OuterRef("section_path")).values(
        "reporting_threshold"
    )[:1]
    return trips.annotate(
        section_path=section_path,
        section_threshold=Subquery(threshold, output_field=DecimalField()),
    ).annotate(
        over_threshold=Case(
            When(total_cost__gt=F("section_threshold"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


class SectionScopedPermissionHelper(PagePermissionHelper):
    def user_can_list(self, user):
        return user.is_active and (user.is_superuser or editable_sections(user).exists())

    def user_can_create(self, user):
        # Pages are added in the page tree, where the workflow starts.
        return False


class RegisterIndexView(IndexView):
    """Modeladmin's list, with exports that keep 0 and "no" (modeladmin writes "-")."""

    def write_csv_response(self, queryset):
        # The CSV is streamed after the view returns: keep the request's language.
        self.language = translation.get_language()
        return super().write_csv_response(queryset)

    def stream_csv(self, queryset):
        with translation.override(self.language):
            yield from super().stream_csv(queryset)

    def get_heading(self, queryset, field):
        heading = getattr(self.model_admin, "export_headings", {}).get(field)
        return str(heading) if heading else super().get_heading(queryset, field)

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            method = getattr(self.model_admin, f"export_{field}", None) or getattr(
                self.model_admin, field, None
            )
            if callable(method):
                value = method(item)
            else:
                value = getattr(item, field)
                if callable(value):
                    value = value()
            row[field] = "" if value is None else value
        return row


class RegisterAdmin(ModelAdmin):
    permission_helper_class = SectionScopedPermissionHelper
    index_view_class = RegisterIndexView
    inspect_view_enabled = False
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).live().filter(editable_scope(request.user))


def admin_column(label, boolean=False):
    """Give a list column its heading (and modeladmin's yes/no icons)."""

    def decorate(method):
        method.short_description = label
        if boolean:
            method.boolean = True
        return method

    return decorate


# Filters


class SectionFilter(SimpleListFilter):
    title = _("municipality")
    parameter_name = "kommun"

    def lookups(self, request, model_admin):
        return [
            (section.pk, section.municipality_name) for section in editable_sections(request.user)
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        section = InternationalIndexPage.objects.filter(pk=self.value()).first()
        if section is None:
            return queryset.none()
        return queryset.filter(path__startswith=section.path)


class YearFilter(SimpleListFilter):
    title = _("year")
    parameter_name = "ar"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).order_by().dates("start_date", "year", "DESC")
        return [(day.year, day.year) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(start_date__year=int(self.value()))
        return queryset


class MandatePeriodFilter(SimpleListFilter):
    title = _("mandate period")
    parameter_name = "mandatperiod"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).order_by().dates("start_date", "year", "DESC")
        periods = sorted({mandate_period_for(day.year) for day in years}, reverse=True)
        return [(period.start_year, str(period)) for period in periods]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            period = mandate_period_for(int(self.value()))
            return queryset.filter(start_date__gte=period.start, start_date__lte=period.end)
        return queryset


class DepartmentFilter(SimpleListFilter):
    title = _("department")
    parameter_name = "forvaltning"

    def lookups(self, request, model_admin):
        from .models import Department

        departments = Department.objects.filter(section__in=editable_sections(request.user))
        return [
            (department.pk, f"{department.name} ({department.section})")
            for department in departments.select_related("section")
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(department_id=int(self.value()))
        return queryset


class TwinTownDestinationFilter(SimpleListFilter):
    title = _("twin town")
    parameter_name = "vanort"

    def lookups(self, request, model_admin):
        towns = TwinTownPage.objects.filter(editable_scope(request.user)).order_by("title")
        return [(town.pk, town.title) for town in towns]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(destination_twin_town_id=int(self.value()))
        return queryset


class OverThresholdFilter(SimpleListFilter):
    title = _("over the threshold")
    parameter_name = "over_grans"

    def lookups(self, request, model_admin):
        return [("ja", _("Yes")), ("nej", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("ja", "nej"):
            return queryset.filter(over_threshold=self.value() == "ja")
        return queryset


class NotReportedBackFilter(SimpleListFilter):
    title = _("reported back to the board")
    parameter_name = "aterrapporterad"

    def lookups(self, request, model_admin):
        return [("nej", _("Over the threshold, not yet reported back"))]

    def queryset(self, request, queryset):
        if self.value() == "nej":
            return queryset.filter(over_threshold=True, reported_to_board_date__isnull=True)
        return queryset


# The trip register


class TripRegister(RegisterAdmin):
    model = TripReportPage
    menu_label = _("Trips")
    menu_icon = "site"
    list_display = (
        "title",
        "destination",
        "dates",
        "department",
        "cost",
        "over_threshold_display",
        "board_approval_date",
        "reported_to_board_date",
    )
    list_filter = (
        SectionFilter,
        YearFilter,
        MandatePeriodFilter,
        DepartmentFilter,
        TwinTownDestinationFilter,
        OverThresholdFilter,
        NotReportedBackFilter,
    )
    search_fields = ("title", "destination_place", "purpose", "goals", "results")
    list_export = (
        "title",
        "destination",
        "start_date",
        "end_date",
        "department",
        "total_cost",
        "over_threshold",
        "board_approval_date",
        "board_approval_reference",
        "reported_to_board_date",
        "reported_to_council_date",
        "purpose",
        "goals",
        "results",
    )
    export_headings = {
        "title": _("Title"),
        "destination": _("Destination"),
        "start_date": _("Start date"),
        "end_date": _("End date"),
        "department": _("Department"),
        "total_cost": _("Total cost (kronor)"),
        "over_threshold": _("Over the threshold"),
        "board_approval_date": _("Approved by the executive board on"),
        "board_approval_reference": _("Reference of the board's approval"),
        "reported_to_board_date": _("Reported back to the executive board on"),
        "reported_to_council_date": _("Reported to the council on"),
        "purpose": _("Purpose"),
        "goals": _("Goals"),
        "results": _("Results"),
    }
    export_filename = "resor"
    ordering = ("-start_date", "-pk")

    def get_queryset(self, request):
        trips = super().get_queryset(request).select_related("department", "destination_twin_town")
        return with_section_threshold(trips)

    @admin_column(_("destination"))
    def destination(self, obj):
        return obj.destination_label

    @admin_column(_("dates"))
    def dates(self, obj):
        if obj.start_date is None:
            return ""
        if obj.end_date and obj.end_date != obj.start_date:
            return f"{obj.start_date:%Y-%m-%d}–{obj.end_date:%Y-%m-%d}"
        return f"{obj.start_date:%Y-%m-%d}"

    @admin_column(_("cost"))
    def cost(self, obj):
        return kronor(obj.total_cost)

    @admin_column(_("over the threshold"), boolean=True)
    def over_threshold_display(self, obj):
        return obj.over_threshold

    def export_destination(self, obj):
        return obj.destination_label

    def export_department(self, obj):
        return obj.department.name if obj.department else ""

    def export_over_threshold(self, obj):
        return bool(obj.over_threshold)


# The register of twin-town agreements


class TwinTownStatusFilter(SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        from .models.twin_towns import TwinTownStatus

        return TwinTownStatus.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status=self.value())
        return queryset


class DueForEvaluationFilter(SimpleListFilter):
    title = _("evaluation")
    parameter_name = "utvardering"

    def lookups(self, request, model_admin):
        return [("saknas", _("Not yet evaluated this mandate period"))]

    def queryset(self, request, queryset):
        if self.value() == "saknas":
            return not_evaluated_in(queryset, current_mandate_period())
        return queryset


class TwinTownRegister(RegisterAdmin):
    model = TwinTownPage
    menu_label = _("Twin-town agreements")
    menu_icon = "doc-full"
    list_display = (
        "title",
        "country_name",
        "status",
        "decision_year",
        "last_evaluated",
        "due_display",
    )
    list_filter = (SectionFilter, TwinTownStatusFilter, DueForEvaluationFilter)
    search_fields = ("title", "official_name", "region")
    list_export = (
        "title",
        "country_name",
        "status",
        "decision_year",
        "decision_reference",
        "last_evaluated",
        "due_for_evaluation",
    )
    export_headings = {
        "title": _("Twin town"),
        "country_name": _("Country"),
        "status": _("Status"),
        "decision_year": _("Decision year"),
        "decision_reference": _("Decision reference"),
        "last_evaluated": _("Last evaluated mandate period"),
        "due_for_evaluation": _("Due for evaluation this mandate period"),
    }
    export_filename = "vanortsavtal"
    ordering = ("title",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("evaluations")

    @admin_column(_("country"))
    def country_name(self, obj):
        return obj.country.name if obj.country else ""

    @admin_column(_("last evaluated mandate period"))
    def last_evaluated(self, obj):
        evaluation = obj.latest_evaluation()
        return str(evaluation.mandate_period) if evaluation else ""

    @admin_column(_("due for evaluation this mandate period"), boolean=True)
    def due_display(self, obj):
        return is_due_for_evaluation(obj)

    def export_status(self, obj):
        return obj.get_status_display()

    def export_due_for_evaluation(self, obj):
        return is_due_for_evaluation(obj)


def is_due_for_evaluation(town, today=None):
    """An agreement in force that the council has not evaluated this mandate period (T2)."""
    if town.status == "terminated":
        return False
    period = current_mandate_period(today)
    return not any(e.decision_date in period for e in town.evaluations.all() if e.decision_date)


class SectionEditorMenuItem(MenuItem):
    """Shown to users who may edit the pages of some section."""

    def is_shown(self, request):
        return editable_sections(request.user).exists()


class InternationalRegisters(ModelAdminGroup):
    menu_label = _("International")
    menu_icon = "site"
    menu_order = 250
    items = (TripRegister, TwinTownRegister)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.append(
            SectionEditorMenuItem(
                _("Annual account"),
                reverse("wagtail_internationellt_annual_account"),
                icon_name="table",
                order=len(items) + 1,
            )
        )
        items.append(
            SectionEditorMenuItem(
                _("Import from CSV"),
                reverse("wagtail_internationellt_import"),
                icon_name="upload",
                order=len(items) + 1,
            )
        )
        return items
