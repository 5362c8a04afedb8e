"""The annual account of a municipality's international work (R4, R5).

"Nämnder och styrelser ska årligen redovisa de internationella aktiviteterna i
årsredovisningen" (Motala). ``annual_account(section, year)`` gathers, from the
live pages of one section, the trips that started in the year (with purpose,
goals, results, cost and the decisions around them), their cost per department
and per twin town, and the twin-town evaluations decided in the year (T2).

Costs are ``Decimal``; a trip without a cost counts as 0 and is flagged, so that
every total is the sum of the rows it stands under. The account is built with
the same three queries whatever the number of trips.

``write_csv`` and ``write_xlsx`` write the account for spreadsheets, from the
same tables (``account_tables``) that the admin view shows.
"""

import csv
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..filters import swedish_sort_key
from ..open_data import FORMULA_PREFIXES
from ..rules import is_over_threshold

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class TripRow:
    """One live trip report, as the annual account lists it."""

    page_id: int
    title: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    destination: str
    twin_town: str
    country: str
    department: str
    purpose: str
    goals: str
    results: str
    cost: Decimal | None
    over_threshold: bool
    board_approval_date: datetime.date | None
    board_approval_reference: str
    reported_to_board_date: datetime.date | None
    reported_to_council_date: datetime.date | None

    @property
    def cost_missing(self):
        return self.cost is None

    @property
    def counted_cost(self):
        """The cost that the totals count: a trip without a cost counts as 0."""
        return ZERO if self.cost is None else self.cost


@dataclass(frozen=True)
class GroupTotal:
    """The trips of one department or to one destination, and what they cost."""

    name: str
    trips: int
    cost: Decimal


@dataclass(frozen=True)
class EvaluationRow:
    """A twin-town evaluation the council decided in the year (T2)."""

    twin_town: str
    mandate_period: str
    outcome: str
    outcome_label: str
    decision_date: datetime.date
    decision_reference: str


@dataclass(frozen=True)
class AnnualAccount:
    section: object
    municipality: str
    year: int
    reporting_threshold: int
    trips: tuple
    departments: tuple
    twin_towns: tuple
    other_destinations: GroupTotal
    evaluations: tuple

    @property
    def trip_count(self):
        return len(self.trips)

    @property
    def total_cost(self):
        return sum((trip.counted_cost for trip in self.trips), ZERO)

    @property
    def trips_without_cost(self):
        return sum(1 for trip in self.trips if trip.cost_missing)

    @property
    def trips_over_threshold(self):
        return sum(1 for trip in self.trips if trip.over_threshold)


def _group(name, trips):
    return GroupTotal(
        name=name,
        trips=len(trips),
        cost=sum((trip.counted_cost for trip in trips), ZERO),
    )


def _trip_row(trip, threshold):
    town = trip.destination_twin_town if trip.destination_twin_town_id else None
    country = town.country if town is not None else trip.destination_country
    return TripRow(
        page_id=trip.pk,
        title=trip.title,
        start_date=trip.start_date,
        end_date=trip.end_date,
        destination=town.title if town is not None else trip.destination_place,
        twin_town=town.title if town is not None else "",
        country=str(country.name) if country else "",
        department=trip.department.name if trip.department_id else "",
        purpose=trip.purpose,
        goals=trip.goals,
        results=trip.results,
        cost=trip.total_cost,
        over_threshold=is_over_threshold(trip, threshold),
        board_approval_date=trip.board_approval_date,
        board_approval_reference=trip.board_approval_reference,
        reported_to_board_date=trip.reported_to_board_date,
        reported_to_council_date=trip.reported_to_council_date,
    )


def annual_account(section, year):
    """The annual account of ``section`` (an InternationalIndexPage) for ``year``.

    Counts the live trip reports of the section whose trip started in the year,
    and the evaluations of its live twin towns decided in the year. Drafts
    never count; a published page counts in its published version.
    """
    from ..models import TripReportPage, TwinTownEvaluation, TwinTownPage

    threshold = section.reporting_threshold
    trips = (
        TripReportPage.objects.live()
        .descendant_of(section)
        .filter(start_date__year=year)
        .select_related("department", "destination_twin_town")
        .order_by("start_date", "end_date", "title", "pk")
    )
    rows = tuple(_trip_row(trip, threshold) for trip in trips)

    by_department = {}
    for row in rows:
        by_department.setdefault(row.department, []).append(row)
    departments = tuple(
        _group(name or _("No department given"), trips)
        for name, trips in sorted(
            by_department.items(), key=lambda item: swedish_sort_key(item[0])
        )
    )

    # Every agreement in force during the year is listed, also one without
    # trips: the account shows which twin towns were active (T2).
    twin_towns = TwinTownPage.objects.live().descendant_of(section).order_by("title", "pk")
    town_names = [
        town.title
        for town in twin_towns.only("title", "end_date")
        if town.end_date is None or town.end_date.year >= year
    ]
    by_town = {name: [] for name in town_names}
    for row in rows:
        if row.twin_town:
            by_town.setdefault(row.twin_town, []).append(row)
    towns = tuple(
        _group(name, trips)
        for name, trips in sorted(by_town.items(), key=lambda item: swedish_sort_key(item[0]))
    )
    other = _group(
        _("Other destinations (not twin towns)"), [row for row in rows if not row.twin_town]
    )

    evaluations = (
        TwinTownEvaluation.objects.filter(
            page__in=TwinTownPage.objects.live().descendant_of(section),
            decision_date__year=year,
        )
        .select_related("page")
        .order_by("decision_date", "page__title", "pk")
    )
    evaluation_rows = tuple(
        EvaluationRow(
            twin_town=evaluation.page.title,
            mandate_period=str(evaluation.mandate_period),
            outcome=evaluation.outcome,
            outcome_label=str(evaluation.get_outcome_display()),
            decision_date=evaluation.decision_date,
            decision_reference=evaluation.decision_reference,
        )
        for evaluation in evaluations
    )

    return AnnualAccount(
        section=section,
        municipality=str(section),
        year=year,
        reporting_threshold=threshold,
        trips=rows,
        departments=departments,
        twin_towns=towns,
        other_destinations=other,
        evaluations=evaluation_rows,
    )


# The account as tables: one per part, each with its title, column titles and
# rows. The CSV, the workbook and the admin page all show these.

TEXT, COUNT, MONEY, DATE, FLAG = "text", "count", "money", "date", "flag"


@dataclass(frozen=True)
class Column:
    title: str
    kind: str
    width: int = 14


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple
    rows: tuple
    # The index of a last row that totals the ones above it, or None.
    total_row: int | None = None


def _summary_table(account):
    label = Column(_("Item"), TEXT, 36)
    return Table(
        key="summary",
        title=_("Summary"),
        columns=(label, Column(_("Value"), TEXT, 24)),
        rows=(
            (_("Municipality"), account.municipality),
            (_("Year"), account.year),
            (_("Number of trips"), account.trip_count),
            (_("Total cost (kronor)"), account.total_cost),
            (_("Trips without a cost (counted as 0)"), account.trips_without_cost),
            (_("Reporting threshold (kronor)"), account.reporting_threshold),
            (_("Trips over the threshold"), account.trips_over_threshold),
            (_("Twin-town evaluations decided"), len(account.evaluations)),
        ),
    )


def _trips_table(account):
    columns = (
        Column(_("Title"), TEXT, 40),
        Column(_("Start date"), DATE, 12),
        Column(_("End date"), DATE, 12),
        Column(_("Destination"), TEXT, 20),
        Column(_("Twin town"), TEXT, 16),
        Column(_("Country"), TEXT, 14),
        Column(_("Department"), TEXT, 32),
        Column(_("Purpose"), TEXT, 50),
        Column(_("Goals"), TEXT, 50),
        Column(_("Results"), TEXT, 50),
        Column(_("Cost (kronor)"), MONEY, 14),
        Column(_("Cost missing"), FLAG, 10),
        Column(_("Over the threshold"), FLAG, 10),
        Column(_("Approved by the executive board on"), DATE, 14),
        Column(_("Reference of the board's approval"), TEXT, 18),
        Column(_("Reported back to the executive board on"), DATE, 14),
        Column(_("Reported to the council on"), DATE, 14),
    )
    rows = tuple(
        (
            trip.title,
            trip.start_date,
            trip.end_date,
            trip.destination,
            trip.twin_town,
            trip.country,
            trip.department,
            trip.purpose,
            trip.goals,
            trip.results,
            trip.counted_cost,
            trip.cost_missing,
            trip.over_threshold,
            trip.board_approval_date,
            trip.board_approval_reference,
            trip.reported_to_board_date,
            trip.reported_to_council_date,
        )
        for trip in account.trips
    )
    total = (_("Total"), *[None] * 9, account.total_cost, *[None] * 6)
    return Table("trips", _("Trips"), columns, (*rows, total), total_row=len(rows))


def _groups_table(key, title, first_column, groups, account):
    columns = (first_column, Column(_("Trips"), COUNT, 10), Column(_("Cost (kronor)"), MONEY, 14))
    rows = tuple((group.name, group.trips, group.cost) for group in groups)
    total = (_("Total"), account.trip_count, account.total_cost)
    return Table(key, title, columns, (*rows, total), total_row=len(rows))


def _evaluations_table(account):
    columns = (
        Column(_("Twin town"), TEXT, 20),
        Column(_("Mandate period"), TEXT, 14),
        Column(_("Outcome"), TEXT, 14),
        Column(_("Decision date"), DATE, 12),
        Column(_("Decision reference"), TEXT, 24),
    )
    rows = tuple(
        (
            evaluation.twin_town,
            evaluation.mandate_period,
            evaluation.outcome_label,
            evaluation.decision_date,
            evaluation.decision_reference,
        )
        for evaluation in account.evaluations
    )
    return Table("evaluations", _("Evaluations"), columns, rows)


def account_tables(account):
    """The account's parts as tables, titled in the active language."""
    return [
        _summary_table(account),
        _trips_table(account),
        _groups_table(
            "departments",
            _("Per department"),
            Column(_("Department"), TEXT, 36),
            account.departments,
            account,
        ),
        _groups_table(
            "twin_towns",
            _("Per twin town"),
            Column(_("Twin town"), TEXT, 36),
            (*account.twin_towns, account.other_destinations),
            account,
        ),
        _evaluations_table(account),
    ]


def title(account):
    return _("Annual account of the international work, %(municipality)s %(year)s") % {
        "municipality": account.municipality,
        "year": account.year,
    }


YES, NO = gettext_lazy("yes"), gettext_lazy("no")


def _money_text(value):
    return format(value.quantize(CENT), "f")


def csv_text(value):
    """A value as text in the package's admin CSVs: yes/no in the user's language,
    amounts with two decimals, ISO dates, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(YES if value else NO)
    if isinstance(value, Decimal):
        return _money_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        # A spreadsheet would take it for a formula.
        return "'" + text
    return text


def write_csv(account, file):
    """Write the account to a text file as CSV: UTF-8 with a byte order mark, ``;``.

    Each part starts with a row holding its title, then its column titles,
    then its rows; an empty row separates the parts. Dates are ISO 8601 and
    amounts have a decimal point, so that any program reads them.
    """
    writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
    file.write("\ufeff")
    writer.writerow([title(account)])
    for table in account_tables(account):
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow([column.title for column in table.columns])
        for row in table.rows:
            writer.writerow([csv_text(value) for value in row])


# Characters a worksheet cannot hold (control characters but tab and newlines).
_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_MONEY_FORMAT = "#,##0.00"


def _xlsx_cell(sheet, row, column, value):
    if isinstance(value, bool):
        value = str(YES if value else NO)
    elif isinstance(value, str):
        value = _ILLEGAL_IN_XLSX.sub("", value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    elif isinstance(value, Decimal):
        cell.number_format = XLSX_MONEY_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = XLSX_DATE_FORMAT
    return cell


def write_xlsx(account, file):
    """Write the account as an Excel workbook, one sheet per part.

    Amounts and counts are numbers (0 is 0), dates are dates, column titles
    are bold and columns wide enough to read. ``file`` is a path or a binary
    file object.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in account_tables(account):
        # A sheet's name holds at most 31 characters, and none of []:*?/\.
        sheet = workbook.create_sheet(re.sub(r"[\[\]:*?/\\]", "-", table.title)[:31])
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.title)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        for row_index, row in enumerate(table.rows, start=2):
            for column_index, value in enumerate(row, start=1):
                cell = _xlsx_cell(sheet, row_index, column_index, value)
                if table.total_row is not None and row_index - 2 == table.total_row:
                    cell.font = bold
                elif isinstance(value, str) and len(value) > 40:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    workbook.properties.title = title(account)
    workbook.save(file)


def default_filename(account, extension):
    return f"{account.section.slug}-arsredovisning-{account.year}.{extension}"
