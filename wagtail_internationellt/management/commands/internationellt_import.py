from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...importing import ENCODINGS, KINDS, ImportFailed, import_csv, import_parent
from ..sections import find_section


def error_table(errors):
    """The errors as a plain-text table: row, column, message."""
    headings = (_("Row"), _("Column"), _("Error"))
    rows = [
        (str(error.row) if error.row is not None else "–", error.column or "–", error.message)
        for error in errors
    ]
    widths = [max(len(line[i]) for line in [headings, *rows]) for i in range(2)]
    lines = []
    for line in [headings, *rows]:
        lines.append(f"{line[0]:>{widths[0]}}  {line[1]:<{widths[1]}}  {line[2]}".rstrip())
        if line is headings:
            lines.append(f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * len(headings[2])}")
    return "\n".join(lines)


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Import twin towns or earlier trip reports from a CSV file (separated by "
            "semicolons, UTF-8 or Windows-1252) into one municipality's section. Every "
            "row is checked first; if any is wrong nothing is imported. Imported pages "
            "are drafts that go through the section's approval workflow."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipality",
            required=True,
            metavar="SLUG",
            help=_("The section's slug or the municipality's name, e.g. “solleftea”."),
        )
        parser.add_argument(
            "--kind",
            required=True,
            choices=list(KINDS),
            help=_("What the file holds: twin towns or trip reports."),
        )
        parser.add_argument("file", metavar="FILE", help=_("The CSV file to import."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check the file and report, without writing anything."),
        )
        parser.add_argument(
            "--encoding",
            choices=ENCODINGS,
            default="auto",
            help=_("The file's encoding; auto tries UTF-8, then Windows-1252."),
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=_("Record this user as the author of the drafts."),
        )

    def handle(self, *args, **options):
        section = find_section(options["municipality"])
        user = self.find_user(options["user"])
        parent = import_parent(section, options["kind"])
        if user is not None and parent is not None:
            # The drafts' author is an editor who may add them, as in the admin upload.
            if not parent.permissions_for_user(user).can_add_subpage():
                raise CommandError(
                    _("%(username)s may not add pages to “%(list)s” of %(municipality)s.")
                    % {"username": options["user"], "list": parent.title, "municipality": section}
                )
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s")
                % {"file": options["file"], "error": error.strerror}
            ) from error
        try:
            result = import_csv(
                section,
                options["kind"],
                data,
                encoding=options["encoding"],
                user=user,
                dry_run=options["dry_run"],
            )
        except ImportFailed as error:
            raise CommandError(str(error)) from error

        if result.errors:
            self.stderr.write(error_table(result.errors))
            raise CommandError(
                ngettext(
                    "%(count)s error in %(file)s: nothing was imported.",
                    "%(count)s errors in %(file)s: nothing was imported.",
                    len(result.errors),
                )
                % {"count": len(result.errors), "file": options["file"]}
            )
        if result.dry_run:
            self.stdout.write(
                ngettext(
                    "%(count)s row is correct and can be imported into “%(list)s”. "
                    "Nothing was written (dry run).",
                    "%(count)s rows are correct and can be imported into “%(list)s”. "
                    "Nothing was written (dry run).",
                    len(result.pages),
                )
                % {"count": len(result.pages), "list": result.parent.title}
            )
            return
        for page in result.pages:
            self.stdout.write(
                _("Draft: %(title)s (id %(id)s)") % {"title": page.title, "id": page.pk}
            )
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "%(count)s draft imported into “%(list)s” of %(municipality)s. It is "
                    "not published: submit it for approval in the admin.",
                    "%(count)s drafts imported into “%(list)s” of %(municipality)s. They are "
                    "not published: submit them for approval in the admin.",
                    len(result.pages),
                )
                % {
                    "count": len(result.pages),
                    "list": result.parent.title,
                    "municipality": section,
                }
            )
        )

    def find_user(self, username):
        if not username:
            return None
        User = get_user_model()
        try:
            return User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(
                _("No user named %(username)s.") % {"username": username}
            ) from error
