"""The registers a municipality keeps in the admin: trips, twin-town agreements
and departments (R3, T2, R6).

Listed with wagtail-modeladmin under the menu item "Internationellt", at
modeladmin's own addresses (``/admin/wagtail_internationellt/<model>/``). A user
sees only the municipalities whose section they may edit, and only users who may
edit some section see the registers at all. Departments are changed by the
keepers of the register (the model's own permissions, given to each
municipality's board secretariat), within those municipalities.
"""

import csv
import types
from collections import defaultdict

from django.conf import settings
from django.contrib.admin import SimpleListFilter
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Length, Substr
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_modeladmin.helpers import ButtonHelper, PagePermissionHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import CreateView, DeleteView, EditView, IndexView

from .filters import swedish_sort_key
from .models import Department, InternationalIndexPage, TripReportPage, TwinTownPage
from .models.page_model import Page, page_permission_codename
from .models.twin_towns import not_evaluated_in
from .open_data import Echo
from .reports.annual import csv_text
from .rules import current_mandate_period, mandate_period_for
from .templatetags.internationellt import kronor

EDITING_PERMISSIONS = {page_permission_codename("add"), page_permission_codename("change")}


def editable_scope(user):
    """A filter on page paths: the parts of the tree the user may edit pages in."""
    if user.is_superuser:
        return Q()
    scope = Q(pk__in=[])
    for path in sorted(editable_paths(user)):
        scope |= Q(path__startswith=path)
    return scope


def editable_paths(user, codenames=EDITING_PERMISSIONS):
    """The paths of the pages on which the user holds an editing permission (or one of
    ``codenames``)."""
    return {
        permission.page.path
        for permission in PagePermissionPolicy().get_cached_permissions_for_user(user)
        if permission.permission.codename in codenames
    }


def editable_sections(user):
    """The sections whose pages the user may edit, in a permission's subtree or below it."""
    sections = InternationalIndexPage.objects.all()
    if user.is_superuser:
        return sections
    return sections.filter(pk__in=editable_section_ids(user))


def pages_of(model):
    """The pages of one page type, found from the type's own (small) table.

    Filtering the joined tables on paths instead can make a database without
    statistics (SQLite) read every page of the tree.
    """
    return Page.objects.filter(pk__in=model.objects.order_by().values("pk")).order_by()


def editable_section_ids(user):
    """The pks of ``editable_sections(user)``, read once per user object (per request)."""
    return frozenset(editable_section_paths(user))


def editable_section_paths(user):
    """{pk: path} of ``editable_sections(user)``, read once per user object (per request).

    The sections are few: their paths are compared here, where a query on paths
    would read every page of the tree.
    """
    cached = getattr(user, "_internationellt_section_paths", None)
    if cached is None:
        # A superuser's one "path" is the empty prefix of every path.
        paths = editable_paths(user) if not user.is_superuser else {""}
        cached = {
            pk: path
            for pk, path in pages_of(InternationalIndexPage).values_list("pk", "path")
            # The section is below the permission's page, or the permission is inside it.
            if any(path.startswith(granted) or granted.startswith(path) for granted in paths)
        }
        user._internationellt_section_paths = cached
    return cached


def with_section_threshold(trips, sections):
    """Annotate each trip with its section's reporting threshold and whether it is over it.

    ``sections`` are the sections the trips can be in. A trip is two levels below its
    section (section → trip list → trip), so the section's path is the trip's without
    its last two steps. The thresholds are read here, grouped by amount, rather than
    looked up again for every row. Most municipalities keep the default: the amount
    most sections have is the one a trip gets unless its section is named with
    another, so that each row is compared with the paths of the few others (with none
    when all agree, as in an installation where every municipality keeps the default).
    """
    paths_by_threshold = defaultdict(list)
    for path, threshold in sections.order_by().values_list("path", "reporting_threshold"):
        paths_by_threshold[threshold].append(path)
    common = max(
        paths_by_threshold, key=lambda threshold: len(paths_by_threshold[threshold]), default=None
    )
    others = sorted(
        (threshold, paths)
        for threshold, paths in paths_by_threshold.items()
        if threshold != common and threshold is not None
    )
    if common is not None and None in paths_by_threshold:
        others.append((None, paths_by_threshold[None]))
    steplen = TripReportPage.steplen
    section_threshold = Case(
        *[When(section_path__in=paths, then=Value(threshold)) for threshold, paths in others],
        default=Value(common),
        output_field=IntegerField(),
    )
    return (
        trips.annotate(section_path=Substr("path", 1, Length("path") - 2 * steplen))
        .annotate(section_threshold=section_threshold)
        .annotate(
            over_threshold=Case(
                When(total_cost__gt=F("section_threshold"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


class SectionScopedPermissionHelper(PagePermissionHelper):
    def user_can_list(self, user):
        return user.is_active and bool(editable_section_ids(user))

    def user_can_create(self, user):
        # Pages are added in the page tree, where the workflow starts.
        return False


class PageRegisterButtonHelper(ButtonHelper):
    """Each row links to Wagtail's page editor and to the live page, nothing more.

    The editor checks the user's permissions on the page and its locks and
    workflow itself; unpublishing, copying and deleting stay in the page tree.
    Modeladmin's own page buttons ask those questions row by row, several
    queries each, which a register of thousands cannot afford.
    """

    def edit_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().edit_button(pk, classnames_add, classnames_exclude)
        button["url"] = reverse("wagtailadmin_pages:edit", args=[pk])
        button["title"] = _("Edit this page in the page editor")
        return button

    def view_live_button(self, obj):
        # The page as residents find it, in the site's language, not the admin's.
        with translation.override(settings.LANGUAGE_CODE):
            url = obj.get_url(self.request)
        return {
            "url": url,
            "label": _("View live"),
            "classname": self.finalise_classname(self.edit_button_classnames),
            "title": _("View the published page"),
        }

    def get_primary_button(self, obj):
        return self.edit_button(obj.pk)

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        exclude = exclude or []
        buttons = []
        if "edit" not in exclude:
            buttons.append(self.edit_button(obj.pk, classnames_add, classnames_exclude))
        if "view_live" not in exclude and obj.live:
            buttons.append(self.view_live_button(obj))
        return buttons


class RegisterIndexView(IndexView):
    """Modeladmin's list, with exports that keep 0 and "no" (modeladmin writes "-").

    Its CSV is written as the annual account's: UTF-8 with a byte order mark and
    ``;`` between the columns, as a Swedish spreadsheet opens it.
    """

    def get_page_title(self):
        # The menu's name for the register ("Resor"), not the model's.
        return capfirst(str(self.model_admin.menu_label))

    def get_filters_params(self, params=None):
        # The declared filters' parameters only. Modeladmin would apply any other
        # query parameter as a database lookup: an unknown one fails with an error,
        # and a known one could filter on fields the register does not show.
        allowed = {list_filter.parameter_name for list_filter in self.list_filter}
        return {
            name: values
            for name, values in super().get_filters_params(params).items()
            if name in allowed
        }

    def get_base_queryset(self, request=None):
        return self.counted_once(super().get_base_queryset(request), "all")

    def get_queryset(self, request=None):
        queryset = super().get_queryset(request)
        unfiltered = not self.query and not self.get_filters_params()
        return self.counted_once(queryset, "all" if unfiltered else "selected")

    def counted_once(self, queryset, key):
        """Modeladmin counts the register's rows and the selected rows, and its
        paginator the selected rows again: a full scan each on a large register.
        Count each once per request, and once in all when nothing is selected."""
        counts = self.__dict__.setdefault("_counts", {})
        count = queryset.count

        def count_once(self):
            if key not in counts:
                counts[key] = count()
            return counts[key]

        # A bound method: Django's paginator calls ``count()`` only on what looks like
        # a method without arguments, and otherwise reads every row to take len().
        queryset.count = types.MethodType(count_once, queryset)
        return queryset

    def write_csv_response(self, queryset):
        # The CSV is streamed after the view returns: keep the request's language.
        self.language = translation.get_language()
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def stream_csv(self, queryset):
        writer = csv.writer(Echo(), delimiter=";", lineterminator="\r\n")
        with translation.override(self.language):
            headings = [self.get_heading(queryset, field) for field in self.list_export]
            yield "\ufeff" + writer.writerow(headings)
            for item in queryset:
                row = self.to_row_dict(item)
                yield writer.writerow([csv_text(row[field]) for field in self.list_export])

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
    button_helper_class = PageRegisterButtonHelper
    index_view_class = RegisterIndexView
    inspect_view_enabled = False
    list_per_page = 50

    def get_queryset(self, request):
        # The page type's content types as well as its table: they pick its rows out of
        # the page tree along an index, where the join alone reads every page of the tree.
        pages = super().get_queryset(request).type(self.model)
        return pages.live().filter(editable_scope(request.user))


def admin_column(label, boolean=False):
    """Give a list column its heading (and modeladmin's yes/no icons)."""

    def decorate(method):
        method.short_description = label
        if boolean:
            method.boolean = True
        return method

    return decorate


# Filters


def once_per_request(request, key, compute):
    """``compute()``, once per request: modeladmin builds its filters more than once."""
    computed = request.__dict__.setdefault("_internationellt_register_lookups", {})
    if key not in computed:
        computed[key] = compute()
    return computed[key]


def section_in_view(request):
    """(pk, path) of the one municipality the register shows, else None.

    The one chosen in the municipality filter, or the user's only one. A user who sees
    several municipalities (a superuser sees every one) and has chosen none sees them all.
    """
    sections = editable_section_paths(request.user)
    chosen = request.GET.get(SectionFilter.parameter_name, "")
    if chosen.isdigit() and int(chosen) in sections:
        pk = int(chosen)
    elif len(sections) == 1:
        (pk,) = sections
    else:
        return None
    return pk, sections[pk]


def trip_years(request, model_admin):
    """The years from the user's latest trip back to their first (newest first).

    From the first and the last start date, where the distinct years would read
    every trip's date.
    """

    def years():
        # The first and the last along the start-date index, each one row.
        dates = model_admin.get_queryset(request).filter(start_date__isnull=False)
        first = dates.order_by("start_date").values_list("start_date", flat=True).first()
        if first is None:
            return []
        last = dates.order_by("-start_date").values_list("start_date", flat=True).first()
        return list(range(last.year, first.year - 1, -1))

    return once_per_request(request, "trip_years", years)


class SectionFilter(SimpleListFilter):
    title = _("municipality")
    parameter_name = "kommun"

    def lookups(self, request, model_admin):
        return once_per_request(
            request,
            "sections",
            lambda: list(
                editable_sections(request.user)
                .order_by("path")
                .values_list("pk", "municipality_name")
            ),
        )

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        section = InternationalIndexPage.objects.filter(pk=int(self.value())).first()
        if section is None:
            return queryset.none()
        return self.in_section(queryset, section)

    def in_section(self, queryset, section):
        return queryset.filter(path__startswith=section.path)


class DepartmentSectionFilter(SectionFilter):
    def in_section(self, queryset, section):
        return queryset.filter(section=section)


class YearFilter(SimpleListFilter):
    title = _("year")
    parameter_name = "ar"

    def lookups(self, request, model_admin):
        return [(year, year) for year in trip_years(request, model_admin)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(start_date__year=int(self.value()))
        return queryset


class MandatePeriodFilter(SimpleListFilter):
    title = _("mandate period")
    parameter_name = "mandatperiod"

    def lookups(self, request, model_admin):
        years = trip_years(request, model_admin)
        periods = sorted({mandate_period_for(year) for year in years}, reverse=True)
        return [(period.start_year, str(period)) for period in periods]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            period = mandate_period_for(int(self.value()))
            return queryset.filter(start_date__gte=period.start, start_date__lte=period.end)
        return queryset


class OneMunicipalityFilter(SimpleListFilter):
    """A filter on things of one municipality: its departments, its twin towns.

    It offers those of the municipality in view (``section_in_view``). While several
    are in view it offers only the one chosen, if any: every municipality's would make a
    superuser's register as long as the country, so the municipality is chosen first.
    A chosen value filters whether it is offered or not.
    """

    def candidates(self, request):
        """The user's things of this kind, a queryset."""
        raise NotImplementedError

    def in_section(self, choices, section):
        raise NotImplementedError

    def labelled(self, choices):
        """(value, label) of each choice, in the order shown."""
        raise NotImplementedError

    def lookups(self, request, model_admin):
        def lookups():
            choices, section = self.candidates(request), section_in_view(request)
            if section is not None:
                choices = self.in_section(choices, section)
            elif self.value() and self.value().isdigit():
                choices = choices.filter(pk=int(self.value()))
            else:
                return []
            return self.labelled(choices)

        return once_per_request(request, self.parameter_name, lookups)

    def has_output(self):
        return bool(self.value()) or super().has_output()


class DepartmentFilter(OneMunicipalityFilter):
    title = _("department")
    parameter_name = "forvaltning"

    def candidates(self, request):
        return Department.objects.filter(section__in=editable_sections(request.user))

    def in_section(self, choices, section):
        pk, _path = section
        return choices.filter(section_id=pk)

    def labelled(self, choices):
        named = choices.order_by("name").values_list(
            "pk", "name", "section__municipality_name", "section__title"
        )
        return [
            (pk, f"{name} ({municipality or title})") for pk, name, municipality, title in named
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(department_id=int(self.value()))
        return queryset


class TwinTownDestinationFilter(OneMunicipalityFilter):
    title = _("twin town")
    parameter_name = "vanort"

    def candidates(self, request):
        return pages_of(TwinTownPage).filter(editable_scope(request.user))

    def in_section(self, choices, section):
        _pk, path = section
        return choices.filter(path__startswith=path)

    def labelled(self, choices):
        # Sorted here: sorting by title in the query reads the whole page tree.
        return sorted(
            choices.values_list("pk", "title"), key=lambda town: swedish_sort_key(town[1])
        )

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
    search_fields = (
        "title",
        "destination_place",
        "destination_twin_town__title",
        "department__name",
        "purpose",
        "goals",
        "results",
    )
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
        return with_section_threshold(trips, editable_sections(request.user))

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


# The department register (R6)


class DepartmentPermissionHelper(PermissionHelper):
    """Everyone who edits a section's pages sees its departments; the keepers of the
    register (the model's add/change/delete permissions) change them."""

    def in_scope(self, user, obj):
        return obj.section_id in editable_section_ids(user)

    def may(self, user, action):
        return self.user_has_specific_permission(user, self.get_perm_codename(action))

    def user_can_list(self, user):
        return user.is_active and bool(editable_section_ids(user))

    def user_can_create(self, user):
        return self.may(user, "add") and self.user_can_list(user)

    def user_can_edit_obj(self, user, obj):
        return self.may(user, "change") and self.in_scope(user, obj)

    def user_can_delete_obj(self, user, obj):
        return self.may(user, "delete") and self.in_scope(user, obj)


class DepartmentFormMixin:
    """A department is added to one of the user's own municipalities only."""

    def get_form(self):
        form = super().get_form()
        form.fields["section"].queryset = editable_sections(self.request.user)
        return form


class DepartmentCreateView(DepartmentFormMixin, CreateView):
    def get_initial(self):
        initial = super().get_initial()
        sections = editable_section_ids(self.request.user)
        if len(sections) == 1:
            (initial["section"],) = sections
        return initial


class DepartmentEditView(DepartmentFormMixin, EditView):
    pass


class DepartmentDeleteView(DeleteView):
    """Refuses, and says why, while trip reports name the department.

    The database refuses too (``on_delete=PROTECT``); this also counts drafts
    whose latest revision names it, and lists the reports to change first.
    """

    listed_trips = 20

    def get_context_data(self, **kwargs):
        trips = self.instance.trip_reports_using().order_by("-start_date", "pk")
        used_by = trips.count()
        if used_by:
            kwargs.update(
                used_by=used_by,
                trips=trips[: self.listed_trips],
                more_trips=max(used_by - self.listed_trips, 0),
                trip_register_url=reverse(
                    "wagtail_internationellt_tripreportpage_modeladmin_index"
                )
                + f"?forvaltning={self.instance.pk}",
            )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if self.instance.trip_reports_using().exists():
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)


def trip_count():
    """The number of trip reports that name the department, counted for each row shown.

    A subquery per row along the department index: counting with a join and a GROUP BY
    would count the trips of every department of the register, on every page.
    """
    trips = (
        TripReportPage.objects.filter(department=OuterRef("pk"))
        .order_by()
        .values("department")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(trips, output_field=IntegerField()), 0)


class DepartmentRegister(ModelAdmin):
    model = Department
    menu_label = _("Departments and committees")
    menu_icon = "group"
    permission_helper_class = DepartmentPermissionHelper
    index_view_class = RegisterIndexView
    create_view_class = DepartmentCreateView
    edit_view_class = DepartmentEditView
    delete_view_class = DepartmentDeleteView
    inspect_view_enabled = False
    list_per_page = 50
    list_display = (
        "name",
        "municipality",
        "responsible_name",
        "responsible_title",
        "responsible_email",
        "trip_count",
    )
    list_filter = (DepartmentSectionFilter,)
    search_fields = ("name", "responsible_name", "responsible_title", "responsible_email")
    list_export = (
        "municipality",
        "name",
        "responsible_name",
        "responsible_title",
        "responsible_email",
        "trip_count",
    )
    export_headings = {
        "municipality": _("Municipality"),
        "name": _("Department or committee"),
        "responsible_name": _("Responsible person"),
        "responsible_title": _("Role"),
        "responsible_email": _("Email address"),
        "trip_count": _("Trip reports"),
    }
    export_filename = "forvaltningar"
    ordering = ("section__municipality_name", "name")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(section__in=editable_sections(request.user))
            .select_related("section")
            .annotate(trip_count=trip_count())
        )

    @admin_column(_("municipality"))
    def municipality(self, obj):
        return str(obj.section)

    @admin_column(_("trip reports"))
    def trip_count(self, obj):
        return obj.trip_count

    trip_count.admin_order_field = "trip_count"


class SectionEditorMenuItem(MenuItem):
    """Shown to users who may edit the pages of some section."""

    def is_shown(self, request):
        return bool(editable_section_ids(request.user))


class ImportMenuItem(MenuItem):
    """Shown to users who may add pages to some section, as the import page requires."""

    def is_shown(self, request):
        from .importing_views import may_import

        return once_per_request(request, "may_import", lambda: may_import(request.user))


class InternationalRegisters(ModelAdminGroup):
    menu_label = _("International")
    menu_icon = "site"
    menu_order = 250
    items = (TripRegister, TwinTownRegister, DepartmentRegister)

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
            ImportMenuItem(
                _("Import from CSV"),
                reverse("wagtail_internationellt_import"),
                icon_name="upload",
                order=len(items) + 1,
            )
        )
        return items
