"""The twin-town register and the trip reports as open data, per municipality.

Each list page offers its live pages as CSV and JSON. The columns are the same
in both formats and are documented in the README. Only live pages are exported,
in their published version; drafts never are, nor private pages (those behind a
view restriction), nor anything while the municipality's section is unpublished.

CSV is written as Swedish spreadsheets read it: UTF-8 with a byte order mark,
``;`` between fields. Numbers use a decimal point and dates ISO 8601, so that
programs read them as well. A text cell that a spreadsheet would take for a
formula (``=``, ``+``, ``-``, ``@``) is prefixed with an apostrophe.
"""

import csv
import json
from dataclasses import dataclass
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from .conf import get_setting
from .templatetags.internationellt import web_address

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    value: object  # callable(page, request) -> value

    def __call__(self, page, request):
        return self.value(page, request)


def _url(page, request):
    return page.get_full_url(request)


def _country(code_of):
    def value(page, request):
        return code_of(page).code or None

    return value


def _country_name(code_of):
    def value(page, request):
        return str(code_of(page).name) or ""

    return value


def _date(attribute):
    return lambda page, request: getattr(page, attribute)


def _text(attribute):
    return lambda page, request: getattr(page, attribute) or ""


def _latest_evaluation(attribute):
    def value(page, request):
        evaluation = page.latest_evaluation()
        if evaluation is None:
            return None
        value = getattr(evaluation, attribute)
        return str(value) if attribute == "mandate_period" else value

    return value


TWIN_TOWN_COLUMNS = [
    Column("id", lambda page, request: page.pk),
    Column("name", _text("title")),
    Column("official_name", _text("official_name")),
    Column("country", _country(lambda page: page.country)),
    Column("country_name", _country_name(lambda page: page.country)),
    Column("region", _text("region")),
    Column("status", _text("status")),
    Column("decision_year", lambda page, request: page.decision_year),
    Column("decision_date", _date("decision_date")),
    Column("decision_reference", _text("decision_reference")),
    Column("end_date", _date("end_date")),
    Column("latitude", lambda page, request: page.latitude),
    Column("longitude", lambda page, request: page.longitude),
    Column("website", lambda page, request: web_address(page.website)),
    Column("last_evaluated_period", _latest_evaluation("mandate_period")),
    Column("last_evaluation_outcome", _latest_evaluation("outcome")),
    Column("url", _url),
]


def _trip_country(page):
    town = page.destination_twin_town
    return town.country if town is not None else page.destination_country


TRIP_REPORT_COLUMNS = [
    Column("id", lambda page, request: page.pk),
    Column("title", _text("title")),
    Column(
        "destination",
        lambda page, request: (
            page.destination_twin_town.title
            if page.destination_twin_town
            else page.destination_place
        ),
    ),
    Column("country", _country(_trip_country)),
    Column("country_name", _country_name(_trip_country)),
    Column("twin_town_id", lambda page, request: page.destination_twin_town_id),
    Column("start_date", _date("start_date")),
    Column("end_date", _date("end_date")),
    Column("department", lambda page, request: page.department.name if page.department else ""),
    Column("travellers_count", lambda page, request: page.travellers_count),
    Column("travellers_roles", _text("travellers_roles")),
    Column("purpose", _text("purpose")),
    Column("goals", _text("goals")),
    Column("results", _text("results")),
    Column("total_cost_sek", lambda page, request: page.total_cost),
    Column("financing", _text("financing")),
    Column("financing_details", _text("financing_details")),
    Column("over_threshold", lambda page, request: page.is_over_threshold),
    Column("board_approval_date", _date("board_approval_date")),
    Column("board_approval_reference", _text("board_approval_reference")),
    Column("reported_to_board_date", _date("reported_to_board_date")),
    Column("reported_to_council_date", _date("reported_to_council_date")),
    Column("url", _url),
]


def in_section(pages, section):
    """The public pages among ``pages`` of one section, told their section so that
    none looks it up again.

    Raises Http404 while the section itself is unpublished. A page behind a view
    restriction, its own or an ancestor's, is left out, as ``PageQuerySet.public()``
    leaves it out.
    """
    if section is None or not section.live:
        raise Http404
    return _public_pages(pages, section, private_paths())


def private_paths():
    """The tree paths of the pages that carry a view restriction (few, read once)."""
    from wagtail.models import PageViewRestriction

    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def _public_pages(pages, section, private):
    for page in pages:
        if private and page.path.startswith(private):
            continue
        page.__dict__["_section"] = section
        yield page


def licence():
    return get_setting("WAGTAIL_INTERNATIONELLT_OPEN_DATA_LICENCE")


def filename(section, dataset, extension):
    municipality = slugify(str(section)) or "kommun"
    return f"{municipality}-{dataset}.{extension}"


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class Echo:
    """A file-like object that hands back what is written, for a streamed CSV."""

    def write(self, value):
        return value


def csv_response(rows, columns, request, *, name):
    """A streamed CSV of ``rows`` (an iterable of pages) with one line per page."""
    writer = csv.writer(Echo(), delimiter=";", lineterminator="\r\n")

    def lines():
        yield "\ufeff" + writer.writerow([column.name for column in columns])
        for page in rows:
            yield writer.writerow([_csv_cell(column(page, request)) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _json_value(value):
    if value == "":
        return None  # empty text is null, as empty dates and numbers are
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def json_response(rows, columns, request, *, section, source_page, name):
    """A JSON document: who publishes it, under which licence, and the items."""
    document = {
        "municipality": str(section),
        "source": source_page.get_full_url(request),
        "licence": licence(),
        "generated_at": timezone.now().replace(microsecond=0),
        "fields": [column.name for column in columns],
        "items": [
            {column.name: _json_value(column(page, request)) for column in columns}
            for page in rows
        ],
    }
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
