"""Reminders about overdue reporting and evaluations, for a daily or weekly cron job.

For each section and each department of its register, the person responsible
for the department's international contacts (R6) is reminded of the live trip
reports of the department that ended more than ``--grace-days`` ago and

- cost more than the section's threshold but are not reported back to the
  executive board (R3), or
- are not reported to the council (R4).

Twin-town agreements that are not evaluated in the current mandate period,
when the period ends within ``--evaluation-months`` (T2), are listed and sent
to the addresses given with ``--evaluation-to``. Each recipient gets one email
with all their items. Departments without an address are listed in the output.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db.models import Q
from django.forms import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.utils import get_admin_base_url

from ...compat import mail_connection
from ...models import InternationalIndexPage, TripReportPage, TwinTownPage
from ...models.twin_towns import not_evaluated_in
from ...rules import current_mandate_period, is_over_threshold
from ..sections import find_section

BOARD, COUNCIL, EVALUATION = "board", "council", "evaluation"
SUBJECT = gettext_lazy(
    "Reminder: overdue reporting of the international work (%(municipalities)s)"
)


@dataclass
class Item:
    kind: str
    section: object
    page: object
    url: str
    department: object = None
    detail: str = ""


@dataclass
class Recipient:
    email: str
    names: set = field(default_factory=set)
    items: list = field(default_factory=list)


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)


def edit_url(page):
    return get_admin_base_url() + reverse("wagtailadmin_pages:edit", args=[page.pk])


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Email each department's person responsible for international contacts about "
            "trips not reported back to the executive board or to the council, and list "
            "twin-town agreements not yet evaluated in the mandate period. For cron."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipality",
            metavar="SLUG_OR_NAME",
            help=_("Only this section: its slug or the municipality's name."),
        )
        parser.add_argument(
            "--grace-days",
            type=int,
            default=60,
            help=_("Days after a trip's end before its reporting is overdue (default 60)."),
        )
        parser.add_argument(
            "--evaluation-months",
            type=int,
            default=12,
            help=_(
                "Remind of agreements not evaluated when the mandate period ends within this "
                "many months (default 12)."
            ),
        )
        parser.add_argument(
            "--evaluation-to",
            action="append",
            default=[],
            metavar="EMAIL",
            help=_("Send the evaluation reminders to this address; may be given several times."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Print what would be sent and send nothing."),
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self.remind(**options)

    def remind(
        self,
        *,
        municipality=None,
        grace_days=60,
        evaluation_months=12,
        evaluation_to=(),
        dry_run=False,
        **options,
    ):
        if grace_days < 0:
            raise CommandError(_("The number of grace days cannot be negative."))
        if evaluation_months < 0:
            raise CommandError(_("The number of months cannot be negative."))
        for address in evaluation_to:
            try:
                validate_email(address)
            except ValidationError as error:
                raise CommandError(
                    _("Not an email address: %(address)s") % {"address": address}
                ) from error

        today = timezone.localdate()
        sections = InternationalIndexPage.objects.order_by("path")
        if municipality:
            sections = [find_section(municipality)]

        recipients = {}
        unaddressed = []
        evaluation_items = []
        for section in sections:
            for item in self.overdue_trips(section, today - datetime.timedelta(days=grace_days)):
                email = item.department.responsible_email if item.department else ""
                if not email:
                    unaddressed.append(item)
                    continue
                recipient = recipients.setdefault(email.lower(), Recipient(email))
                if item.department.responsible_name:
                    recipient.names.add(item.department.responsible_name)
                recipient.items.append(item)
            evaluation_items.extend(self.unevaluated_twin_towns(section, today, evaluation_months))
        for address in evaluation_to:
            recipient = recipients.setdefault(address.lower(), Recipient(address))
            recipient.items.extend(evaluation_items)

        self.report_unaddressed(unaddressed)
        self.report_evaluations(evaluation_items, evaluation_to)
        messages = [
            self.message(recipient) for recipient in recipients.values() if recipient.items
        ]
        if dry_run:
            for message in messages:
                self.stdout.write(
                    "\n"
                    + _("To: %(to)s") % {"to": ", ".join(message.to)}
                    + "\n"
                    + _("Subject: %(subject)s") % {"subject": message.subject}
                    + "\n\n"
                    + message.body
                )
        elif messages:
            mail_connection().send_messages(messages)
        items = sum(len(recipient.items) for recipient in recipients.values())
        summary = ngettext(
            "%(recipients)s recipient, %(items)s items",
            "%(recipients)s recipients, %(items)s items",
            len(messages),
        ) % {"recipients": len(messages), "items": items}
        outcome = _("dry run, nothing sent") if dry_run else _("sent")
        self.stdout.write(f"{summary}: {outcome}")

    def overdue_trips(self, section, ended_before):
        """The reporting items of the section's live trips that ended before the date."""
        trips = (
            TripReportPage.objects.live()
            .descendant_of(section)
            .filter(end_date__lt=ended_before)
            .filter(
                Q(reported_to_council_date__isnull=True) | Q(reported_to_board_date__isnull=True)
            )
            .select_related("department")
            .order_by("end_date", "pk")
        )
        threshold = section.reporting_threshold
        for trip in trips:
            detail = _("%(start)s – %(end)s") % {"start": trip.start_date, "end": trip.end_date}
            common = {
                "section": section,
                "page": trip,
                "url": edit_url(trip),
                "department": trip.department,
            }
            if trip.reported_to_board_date is None and is_over_threshold(trip, threshold):
                cost = _("%(cost)s kronor, more than %(threshold)s") % {
                    "cost": trip.total_cost,
                    "threshold": threshold,
                }
                yield Item(BOARD, detail=f"{detail}, {cost}", **common)
            if trip.reported_to_council_date is None:
                yield Item(COUNCIL, detail=detail, **common)

    def unevaluated_twin_towns(self, section, today, months):
        """Agreements in force not evaluated in the current period, if it ends soon (T2)."""
        period = current_mandate_period(today)
        if period.end > add_months(today, months):
            return []
        towns = not_evaluated_in(
            TwinTownPage.objects.live().descendant_of(section), period
        ).order_by("title", "pk")
        detail = _("mandate period %(period)s, which ends on %(end)s") % {
            "period": period,
            "end": period.end,
        }
        return [
            Item(EVALUATION, section=section, page=town, url=edit_url(town), detail=detail)
            for town in towns
        ]

    def report_unaddressed(self, items):
        by_department = defaultdict(list)
        for item in items:
            by_department[
                (item.section.pk, item.department.pk if item.department else None)
            ].append(item)
        for department_items in by_department.values():
            first = department_items[0]
            self.stdout.write(
                _("No address: %(department)s (%(municipality)s), %(count)s items")
                % {
                    "department": first.department or _("no department given"),
                    "municipality": first.section,
                    "count": len(department_items),
                }
            )

    def report_evaluations(self, items, addresses):
        for item in items:
            self.stdout.write(
                _("To evaluate: %(town)s (%(municipality)s), %(detail)s")
                % {"town": item.page.title, "municipality": item.section, "detail": item.detail}
            )
        if items and not addresses:
            self.stdout.write(
                _("Evaluation reminders are not emailed: give --evaluation-to to send them.")
            )

    def message(self, recipient):
        items = recipient.items
        municipalities = sorted({str(item.section) for item in items})
        subject = SUBJECT % {"municipalities": ", ".join(municipalities)}
        body = render_to_string(
            "wagtail_internationellt/mail/reminder.txt",
            {
                "names": sorted(recipient.names),
                "board_items": [item for item in items if item.kind == BOARD],
                "council_items": [item for item in items if item.kind == COUNCIL],
                "evaluation_items": [item for item in items if item.kind == EVALUATION],
            },
        )
        return EmailMessage(subject=subject, body=body, to=[recipient.email])
