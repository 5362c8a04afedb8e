"""The annual account in the admin: choose a municipality and a year, read, print, download.

Only sections the user may edit are offered; asking for another one is
refused with 403 before anything of it is read. The view is registered by the package's
``wagtail_hooks`` through ``register_urls()``.
"""

import io
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import InternationalIndexPage
from .annual import (
    DATE,
    FLAG,
    MONEY,
    NO,
    YES,
    account_tables,
    annual_account,
    default_filename,
    title,
    write_csv,
    write_xlsx,
)

EARLIEST_YEAR = 1900
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def editable_sections(user):
    """The sections ``user`` may edit, in tree order."""
    sections = InternationalIndexPage.objects.order_by("path")
    return [section for section in sections if section.permissions_for_user(user).can_edit()]


class AnnualAccountForm(forms.Form):
    section = forms.TypedChoiceField(label=gettext_lazy("Municipality"), coerce=int)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=EARLIEST_YEAR)

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {section.pk: section for section in sections}
        self.fields["section"].choices = [
            (section.pk, str(section)) for section in self.sections.values()
        ]
        this_year = timezone.localdate().year
        self.fields["year"].widget.attrs.update(min=EARLIEST_YEAR, max=this_year)
        self.fields["year"].initial = this_year - 1

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if year > this_year:
            raise forms.ValidationError(
                _("The year must be between %(first)s and %(last)s.")
                % {"first": EARLIEST_YEAR, "last": this_year}
            )
        return year


def _requested_section_id(request):
    try:
        return int(request.GET.get("section", ""))
    except ValueError:
        return None


def _display(value, kind):
    if value is None:
        return ""
    if isinstance(value, bool) or kind == FLAG:
        return str(YES if value else NO)
    if kind == MONEY:
        return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    if kind == DATE:
        return value.isoformat()
    if hasattr(value, "quantize"):
        return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    if isinstance(value, int):
        return formats.number_format(value, use_l10n=True, force_grouping=value > 9999)
    return str(value)


def _html_tables(account):
    tables = []
    for table in account_tables(account):
        rows = []
        for index, row in enumerate(table.rows):
            cells = [
                {
                    "text": _display(value, column.kind),
                    "numeric": column.kind == MONEY
                    or (not isinstance(value, bool) and isinstance(value, (int, float)))
                    or hasattr(value, "quantize"),
                }
                for value, column in zip(row, table.columns, strict=True)
            ]
            rows.append({"cells": cells, "is_total": index == table.total_row})
        tables.append(
            {"key": table.key, "title": table.title, "columns": table.columns, "rows": rows}
        )
    return tables


def _download(account, output_format):
    if output_format == "csv":
        buffer = io.StringIO()
        write_csv(account, buffer)
        response = HttpResponse(
            buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
    else:
        buffer = io.BytesIO()
        write_xlsx(account, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    name = default_filename(account, output_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def annual_account_view(request):
    """The annual account of one municipality and year, as HTML tables, CSV or XLSX."""
    sections = editable_sections(request.user)
    requested = _requested_section_id(request)
    refused = (
        requested is not None
        and requested not in {section.pk for section in sections}
        and InternationalIndexPage.objects.filter(pk=requested).exists()
    )
    # Refused with 403 (not the admin's redirect for PermissionDenied), and
    # before anything of the section is read.
    form = AnnualAccountForm(
        None if refused or "section" not in request.GET else request.GET, sections=sections
    )
    account = downloads = None
    if form.is_bound and form.is_valid():
        section = form.sections[form.cleaned_data["section"]]
        account = annual_account(section, form.cleaned_data["year"])
        output_format = request.GET.get("format")
        if output_format in ("csv", "xlsx"):
            return _download(account, output_format)
        query = {"section": section.pk, "year": account.year}
        downloads = {
            output_format: f"{request.path}?{urlencode({**query, 'format': output_format})}"
            for output_format in ("csv", "xlsx")
        }

    return render(
        request,
        "wagtail_internationellt/admin/annual_account.html",
        {
            "page_title": _("Annual account"),
            "form": form,
            "has_sections": bool(sections),
            "account": account,
            "account_title": title(account) if account else "",
            "tables": _html_tables(account) if account else [],
            "downloads": downloads,
            "refused": refused,
        },
        status=403 if refused else 200,
    )


def register_urls():
    """The view's URL, registered under the admin by the package's hooks."""
    return [
        path(
            "internationellt/annual-account/",
            annual_account_view,
            name="wagtail_internationellt_annual_account",
        )
    ]
