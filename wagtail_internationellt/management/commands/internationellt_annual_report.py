import io

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...reports import annual_account, write_csv, write_xlsx
from ...reports.annual import default_filename
from ..sections import find_section

FORMATS = ("csv", "xlsx")
EARLIEST_YEAR = 1900


def check_year(year):
    this_year = timezone.localdate().year
    if not EARLIEST_YEAR <= year <= this_year:
        raise CommandError(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": EARLIEST_YEAR, "last": this_year}
        )


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Write the annual account of a municipality's international work (trips, their "
            "cost per department and twin town, twin-town evaluations) as CSV or as an "
            "Excel workbook."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipality",
            required=True,
            metavar="SLUG_OR_NAME",
            help=_("The section's slug or the municipality's name, e.g. “solleftea”."),
        )
        parser.add_argument(
            "--year", required=True, type=int, help=_("The year to account for, e.g. 2025.")
        )
        parser.add_argument(
            "--format", default="csv", dest="output_format", help=_("csv (default) or xlsx.")
        )
        parser.add_argument(
            "--output",
            metavar="FILE",
            help=_(
                "Where to write. Default: the standard output for CSV, "
                "“<slug>-arsredovisning-<year>.xlsx” for a workbook."
            ),
        )

    def handle(self, *args, municipality, year, output_format, output=None, **options):
        output_format = output_format.lower()
        if output_format not in FORMATS:
            raise CommandError(
                _("Unknown format “%(format)s”: choose %(formats)s.")
                % {"format": output_format, "formats": _(" or ").join(FORMATS)}
            )
        check_year(year)
        section = find_section(municipality)
        account = annual_account(section, year)

        if output_format == "csv" and not output:
            buffer = io.StringIO()
            write_csv(account, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
            return
        output = output or default_filename(account, output_format)
        try:
            if output_format == "csv":
                with open(output, "w", encoding="utf-8", newline="") as file:
                    write_csv(account, file)
            else:
                write_xlsx(account, output)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": output, "error": error}
            ) from error
        self.stdout.write(
            ngettext(
                "%(municipality)s %(year)s: %(trips)s trip, %(cost)s kronor; written to %(file)s",
                "%(municipality)s %(year)s: %(trips)s trips, %(cost)s kronor; written to %(file)s",
                account.trip_count,
            )
            % {
                "municipality": account.municipality,
                "year": year,
                "trips": account.trip_count,
                "cost": account.total_cost,
                "file": output,
            }
        )
