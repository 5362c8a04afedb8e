"""Import twin towns and earlier trip reports from a spreadsheet (CSV).

The file is read as Swedish Excel writes it: ``;`` between fields, UTF-8 (with
or without a byte order mark) or Windows-1252. Headers may be the Swedish names
a municipality would write (``Vänort;Land;Beslutsår``…) or the English names of
the open-data export (``name;country;decision_year``…), so that an export can be
imported again.

Every row is checked before anything is written, by the models' own rules
(``full_clean``). If any row is wrong nothing is written and every error is
reported with its row (as the spreadsheet numbers it: the header is row 1), its
column and a message. Imported pages are drafts: they go live only through the
section's approval workflow, like any other draft.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.coreutils import cautious_slugify
from wagtail.log_actions import log

from .models import (
    Department,
    TripReportIndexPage,
    TripReportPage,
    TwinTownIndexPage,
    TwinTownPage,
)
from .models.trips import Financing
from .models.twin_towns import TwinTownStatus
from .open_data import FORMULA_PREFIXES

TWIN_TOWNS = "twin-towns"
TRIPS = "trips"
KINDS = {
    TWIN_TOWNS: _("Twin towns"),
    TRIPS: _("Trip reports"),
}
ENCODINGS = ("auto", "utf-8", "cp1252")
DELIMITER = ";"
COORDINATE_PLACES = Decimal("0.000001")

# Open-data columns that are computed or belong to the exporting installation:
# an export imports without them.
IGNORED_EXPORT_COLUMNS = frozenset(
    {
        "id",
        "url",
        "country_name",
        "over_threshold",
        "twin_town_id",
        "last_evaluated_period",
        "last_evaluation_outcome",
    }
)


@dataclass(frozen=True)
class RowError:
    """One problem in the file: its row (the header is row 1; None for the whole
    file), the column as the file names it, and a translated message."""

    row: int | None
    column: str
    message: str


@dataclass
class ImportResult:
    kind: str
    section: object
    parent: object = None
    pages: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self):
        return not self.errors

    @property
    def written(self):
        return self.ok and not self.dry_run


class ImportFailed(Exception):
    """The import cannot start (no such section, no list to import into)."""


# Reading cells ----------------------------------------------------------------------------


def _normalise(text):
    return " ".join(text.replace("\xa0", " ").split()).casefold()


def _cell(text):
    text = (text or "").strip()
    # The open-data export guards cells a spreadsheet would take for a formula.
    if text.startswith("'") and text[1:2] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def parse_text(text, importer):
    return text


def parse_rich_text(text, importer):
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "".join(f"<p>{escape(part)}</p>" for part in paragraphs if part)


ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
SWEDISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(text, importer):
    """A date as YYYY-MM-DD (2025-04-07) or D.M.YYYY (7.4.2025)."""
    if match := ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := SWEDISH_DATE.match(text):
        day, month, year = match.groups()
    else:
        year = None
    if year is not None:
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            pass
    raise ValidationError(
        _("“%(value)s” is not a date: write it as YYYY-MM-DD (2025-04-07) or D.M.YYYY (7.4.2025).")
        % {"value": text}
    )


SPACES = re.compile(r"[\s\u00a0\u202f]+")
NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def _number_text(text):
    text = SPACES.sub("", text).replace("\u2212", "-")
    text = re.sub(r"(?i)(kr|sek|:-)$", "", text)
    if "," in text and "." in text:
        return None
    text = text.replace(",", ".")
    return text if NUMBER.match(text) else None


def parse_integer(text, importer):
    number = _number_text(text)
    if number is None or "." in number:
        raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": text})
    return int(number)


def parse_decimal(text, importer):
    """A number with a decimal comma or point and spaces between thousands ("12 400,50")."""
    number = _number_text(text)
    if number is None:
        raise ValidationError(
            _(
                "“%(value)s” is not a number: write it with a decimal comma or point, "
                "e.g. 12 400,50."
            )
            % {"value": text}
        )
    try:
        return Decimal(number)
    except InvalidOperation as error:  # pragma: no cover - the pattern rules it out
        raise ValidationError(str(error)) from error


def parse_coordinate(text, importer):
    return parse_decimal(text, importer).quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP)


def parse_country(text, importer):
    """A country by its ISO code or its name in Swedish or English."""
    if len(text) <= 3:
        code = countries.alpha2(text.upper())
        if code:
            return code
    for language in ("sv", "en", *(code for code, _name in settings.LANGUAGES)):
        code = countries.by_name(text, language=language)
        if code:
            return code
    raise ValidationError(
        _(
            "“%(value)s” is not a country: give its Swedish or English name or its "
            "ISO code, e.g. Estland, Estonia or EE."
        )
        % {"value": text}
    )


def parse_url(text, importer):
    if "://" not in text and re.match(r"^[\w-]+(\.[\w-]+)+(/.*)?$", text):
        return "https://" + text
    return text


def _choice_parser(choices, synonyms, message):
    def parse(text, importer):
        wanted = _normalise(text)
        accepted = {_normalise(word): value for word, value in synonyms.items()}
        for value, label in choices:
            accepted[_normalise(value)] = value
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    accepted[_normalise(str(label))] = value
            accepted[_normalise(str(label))] = value
        if wanted in accepted:
            return accepted[wanted]
        raise ValidationError(message % {"value": text})

    return parse


parse_status = _choice_parser(
    TwinTownStatus.choices,
    {
        "aktiv": TwinTownStatus.ACTIVE,
        "inaktiv": TwinTownStatus.INACTIVE,
        "vilande": TwinTownStatus.INACTIVE,
        "uppsagd": TwinTownStatus.TERMINATED,
        "avslutad": TwinTownStatus.TERMINATED,
    },
    _(
        "“%(value)s” is not a status: write Aktiv, Inaktiv or Uppsagd (or active, "
        "inactive, terminated)."
    ),
)

parse_financing = _choice_parser(
    Financing.choices,
    {
        "egen budget": Financing.OWN_BUDGET,
        "förvaltningens budget": Financing.OWN_BUDGET,
        "centrala medel": Financing.CENTRAL_FUNDS,
        "eu-program": Financing.EU_PROGRAMME,
        "eu-medel": Financing.EU_PROGRAMME,
        "extern": Financing.EXTERNAL,
        "extern finansiering": Financing.EXTERNAL,
    },
    _(
        "“%(value)s” is not a kind of financing: write Egen budget, Centrala medel, "
        "EU-program or Extern finansiering (or own_budget, central_funds, "
        "eu_programme, external)."
    ),
)


def parse_department(text, importer):
    department = importer.departments.get(_normalise(text))
    if department is None:
        raise ValidationError(
            _(
                "%(municipality)s has no department or committee named “%(value)s”: add "
                "it to the register first, or correct the name."
            )
            % {"municipality": importer.section, "value": text}
        )
    return department


def parse_twin_town(text, importer):
    towns = importer.twin_towns.get(_normalise(text), [])
    if len(towns) == 1:
        return towns[0]
    if towns:
        raise ValidationError(
            _("Several twin towns of %(municipality)s are named “%(value)s”.")
            % {"municipality": importer.section, "value": text}
        )
    raise ValidationError(
        _(
            "“%(value)s” is not one of the twin towns of %(municipality)s: give the place "
            "in the column for places instead."
        )
        % {"municipality": importer.section, "value": text}
    )


def parse_destination(text, importer):
    """The export's destination: one of the section's twin towns if one has that name."""
    towns = importer.twin_towns.get(_normalise(text), [])
    return towns[0] if len(towns) == 1 else text


# The columns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportColumn:
    """A column of the file: the model field it fills, the headers it is known by
    (the Swedish one first, then the open-data export's name) and how a cell is read."""

    field: str
    headers: tuple
    parse: object = parse_text
    required: bool = False


TWIN_TOWN_COLUMNS = [
    ImportColumn("title", ("Vänort", "Namn", "name"), required=True),
    ImportColumn("official_name", ("Officiellt namn", "official_name")),
    ImportColumn("country", ("Land", "country"), parse_country),
    ImportColumn("region", ("Region", "region")),
    ImportColumn("decision_year", ("Beslutsår", "decision_year"), parse_integer),
    ImportColumn("decision_date", ("Beslutsdatum", "decision_date"), parse_date),
    ImportColumn("decision_reference", ("Beslut", "Beslutsreferens", "decision_reference")),
    ImportColumn("status", ("Status", "status"), parse_status),
    ImportColumn("end_date", ("Slutdatum", "Uppsägningsdatum", "end_date"), parse_date),
    ImportColumn("latitude", ("Latitud", "latitude"), parse_coordinate),
    ImportColumn("longitude", ("Longitud", "longitude"), parse_coordinate),
    ImportColumn("website", ("Webbplats", "website"), parse_url),
    ImportColumn("description", ("Beskrivning", "description"), parse_rich_text),
]

TRIP_REPORT_COLUMNS = [
    ImportColumn("title", ("Rubrik", "Titel", "title"), required=True),
    ImportColumn("destination_twin_town", ("Vänort",), parse_twin_town),
    ImportColumn("destination_place", ("Ort", "Plats")),
    ImportColumn("destination", ("destination",), parse_destination),
    ImportColumn("destination_country", ("Land", "country"), parse_country),
    ImportColumn("start_date", ("Startdatum", "start_date"), parse_date),
    ImportColumn("end_date", ("Slutdatum", "end_date"), parse_date),
    ImportColumn("department", ("Förvaltning", "Nämnd", "department"), parse_department),
    ImportColumn("travellers_count", ("Antal resenärer", "travellers_count"), parse_integer),
    ImportColumn("travellers_roles", ("Resenärernas roller", "Roller", "travellers_roles")),
    ImportColumn("purpose", ("Syfte", "purpose")),
    ImportColumn("goals", ("Mål", "goals")),
    ImportColumn("results", ("Resultat", "results")),
    ImportColumn("total_cost", ("Kostnad", "Total kostnad", "total_cost_sek"), parse_decimal),
    ImportColumn("financing", ("Finansiering", "financing"), parse_financing),
    ImportColumn(
        "financing_details",
        ("Finansiering, detaljer", "Finansieringsdetaljer", "financing_details"),
    ),
    ImportColumn("board_approval_date", ("KS-beslut datum", "board_approval_date"), parse_date),
    ImportColumn("board_approval_reference", ("KS-beslut", "board_approval_reference")),
    ImportColumn(
        "reported_to_board_date", ("Återrapporterad KS", "reported_to_board_date"), parse_date
    ),
    ImportColumn(
        "reported_to_council_date",
        ("Återrapporterad KF", "reported_to_council_date"),
        parse_date,
    ),
]


# Decoding and reading the file ------------------------------------------------------------


def decode(data, encoding="auto"):
    """The file's text: UTF-8 (a byte order mark is dropped) or Windows-1252.

    ``auto`` tries UTF-8 first: Windows-1252 text with å, ä or ö is never valid UTF-8.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}")
    tried = ("utf-8-sig", "cp1252") if encoding == "auto" else (encoding,)
    for codec in tried:
        try:
            text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
        except UnicodeDecodeError:
            continue
        return text
    raise ValidationError(
        _("The file is not in %(encodings)s: save it from the spreadsheet as CSV (UTF-8).")
        % {
            "encodings": " / ".join(
                "UTF-8" if c.startswith("utf") else "Windows-1252" for c in tried
            )
        }
    )


class _Importer:
    columns = ()
    index_model = None
    page_model = None

    def __init__(self, section, parent):
        self.section = section
        self.parent = parent
        self.errors = []
        self.header_of = {}  # field -> the header the file uses

    def error(self, row, column, message):
        self.errors.append(RowError(row, column, str(message)))

    # Headers

    def read_header(self, header):
        """The columns of the file, in order (None for an ignored column)."""
        by_header = {
            _normalise(name): column for column in self.columns for name in column.headers
        }
        found = []
        for raw in header:
            name = _cell(raw)
            column = by_header.get(_normalise(name))
            if column is None:
                if name and _normalise(name) not in IGNORED_EXPORT_COLUMNS:
                    self.error(
                        1,
                        name,
                        _("Unknown column. The columns that can be imported are: %(names)s.")
                        % {"names": ", ".join(column.headers[0] for column in self.columns)},
                    )
                found.append(None)
                continue
            if column.field in self.header_of:
                self.error(
                    1,
                    name,
                    _("The same column as “%(other)s”: give it once.")
                    % {"other": self.header_of[column.field]},
                )
                found.append(None)
                continue
            self.header_of[column.field] = name
            found.append(column)
        for column in self.columns:
            if column.required and column.field not in self.header_of:
                self.error(
                    1,
                    column.headers[0],
                    _("The column “%(name)s” is missing.") % {"name": column.headers[0]},
                )
        return found

    def column_name(self, field_name):
        """The header to report an error on a model field under."""
        aliases = {"slug": "title", "destination_twin_town": "destination"}
        for name in (field_name, aliases.get(field_name)):
            if name in self.header_of:
                return self.header_of[name]
        if field_name == "destination_place" and "destination" in self.header_of:
            return self.header_of["destination"]
        for column in self.columns:
            if column.field == field_name:
                return column.headers[0]
        if field_name == "__all__":
            return ""
        try:
            return str(self.page_model._meta.get_field(field_name).verbose_name)
        except Exception:  # noqa: BLE001 - any other key is reported as it is
            return field_name

    # Rows

    def read_row(self, number, columns, cells):
        page = self.page_model(live=False, has_unpublished_changes=True)
        page.parent_page_hint = self.parent
        page.locale_id = self.parent.locale_id
        failed = set()
        for column, raw in zip(columns, cells, strict=False):
            text = _cell(raw)
            if column is None or not text:
                continue
            try:
                self.assign(page, column.field, column.parse(text, self))
            except ValidationError as error:
                failed.add(column.field)
                for message in error.messages:
                    self.error(number, self.header_of[column.field], message)
        return page, failed

    def assign(self, page, field_name, value):
        setattr(page, field_name, value)

    def validate(self, number, page, failed):
        page.slug = self.slug_for(page)
        try:
            page.full_clean(exclude=["path", "depth"])
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                if field_name in failed:
                    continue  # the cell could not be read: that error is already given
                for message in messages:
                    self.error(number, self.column_name(field_name), message)

    def slug_for(self, page):
        base = cautious_slugify(page.title or "")[:200] or "import"
        slug, suffix = base, 1
        while slug in self.slugs:
            suffix += 1
            slug = f"{base}-{suffix}"
        self.slugs.add(slug)
        return slug

    def duplicate_of(self, page):
        """A message if the page exists already, or None."""
        raise NotImplementedError

    def run(self, rows):
        self.slugs = set(self.parent.get_children().values_list("slug", flat=True))
        self.prepare()
        header_row = next(rows, None)
        if header_row is None:
            self.error(None, "", _("The file is empty."))
            return []
        if len(header_row) == 1 and ("," in header_row[0] or "\t" in header_row[0]):
            self.error(
                1,
                "",
                _("Separate the columns with semicolons (;), as Swedish Excel saves CSV."),
            )
            return []
        columns = self.read_header(header_row)
        if self.errors:
            return []
        pages = []
        seen = {}
        for offset, cells in enumerate(rows):
            number = offset + 2  # the header is row 1
            if not any(_cell(cell) for cell in cells):
                continue
            if len(cells) > len(columns) and any(_cell(cell) for cell in cells[len(columns) :]):
                self.error(
                    number,
                    "",
                    _("The row has more cells than the header has columns."),
                )
            page, failed = self.read_row(number, columns, cells)
            self.validate(number, page, failed)
            key = self.duplicate_key(page)
            if key is not None:
                message = self.duplicate_of(page)
                if message is None and key in seen:
                    message = _("The same as row %(row)s.") % {"row": seen[key]}
                if message is not None:
                    self.error(number, self.header_of.get("title", ""), message)
                seen.setdefault(key, number)
            pages.append(page)
        if not pages and not self.errors:
            self.error(None, "", _("The file has no rows to import."))
        return pages


def column_names():
    """{kind label: the Swedish column names} for the import page's help."""
    return {
        KINDS[TWIN_TOWNS]: [column.headers[0] for column in TWIN_TOWN_COLUMNS],
        KINDS[TRIPS]: [
            column.headers[0]
            for column in TRIP_REPORT_COLUMNS
            if not column.headers[0].islower()  # the export's own "destination"
        ],
    }


class _TwinTownImporter(_Importer):
    columns = TWIN_TOWN_COLUMNS
    index_model = TwinTownIndexPage
    page_model = TwinTownPage

    def prepare(self):
        titles = TwinTownPage.objects.child_of(self.parent).values_list("title", flat=True)
        self.existing = {_normalise(title) for title in titles}

    def duplicate_key(self, page):
        return _normalise(page.title) if page.title else None

    def duplicate_of(self, page):
        if _normalise(page.title) in self.existing:
            return _(
                "%(municipality)s already has a twin town named “%(name)s”: it is not "
                "imported again."
            ) % {"municipality": self.section, "name": page.title}
        return None


class _TripReportImporter(_Importer):
    columns = TRIP_REPORT_COLUMNS
    index_model = TripReportIndexPage
    page_model = TripReportPage

    def prepare(self):
        self.departments = {
            _normalise(department.name): department
            for department in Department.objects.filter(section=self.section)
        }
        self.twin_towns = {}
        for town in TwinTownPage.objects.descendant_of(self.section).order_by("path"):
            self.twin_towns.setdefault(_normalise(town.title), []).append(town)
        self.existing = {
            (_normalise(title), start)
            for title, start in TripReportPage.objects.child_of(self.parent).values_list(
                "title", "start_date"
            )
        }

    def assign(self, page, field_name, value):
        if field_name == "destination":
            if isinstance(value, TwinTownPage):
                page.destination_twin_town = value
            else:
                page.destination_place = value
            return
        super().assign(page, field_name, value)

    def duplicate_key(self, page):
        if not page.title or page.start_date is None:
            return None
        return (_normalise(page.title), page.start_date)

    def duplicate_of(self, page):
        if self.duplicate_key(page) in self.existing:
            return _(
                "A trip report “%(title)s” starting on %(date)s already exists: it is not "
                "imported again."
            ) % {"title": page.title, "date": page.start_date.isoformat()}
        return None


IMPORTERS = {TWIN_TOWNS: _TwinTownImporter, TRIPS: _TripReportImporter}


def import_parent(section, kind):
    """The list page that receives the imported pages, or None if the section has none."""
    model = IMPORTERS[kind].index_model
    return model.objects.child_of(section).first()


def missing_list_message(section, kind):
    return gettext("%(municipality)s has no “%(list)s” page to import into: create it first.") % {
        "municipality": section,
        "list": IMPORTERS[kind].index_model._meta.verbose_name,
    }


def import_csv(section, kind, data, *, encoding="auto", user=None, dry_run=False):
    """Check every row of ``data`` (the file's bytes) and, if all are right, add
    them as drafts below the section's list for ``kind``.

    Returns an ``ImportResult``; when it has errors nothing was written.
    Raises ``ImportFailed`` when the section has no list of that kind.
    """
    importer_class = IMPORTERS[kind]
    parent = import_parent(section, kind)
    if parent is None:
        raise ImportFailed(missing_list_message(section, kind))
    result = ImportResult(kind=kind, section=section, parent=parent, dry_run=dry_run)
    importer = importer_class(section, parent)
    try:
        text = decode(data, encoding)
    except ValidationError as error:
        result.errors = [RowError(None, "", message) for message in error.messages]
        return result
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER)
    try:
        pages = importer.run(rows)
    except csv.Error as error:
        importer.error(None, "", _("The file cannot be read as CSV: %(error)s") % {"error": error})
        pages = []
    result.errors = importer.errors
    result.pages = pages
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        for page in pages:
            page.owner = user
            parent.add_child(instance=page)
            page.save_revision(user=user, log_action=False)
            log(instance=page, action="wagtail.create", user=user)
    return result
