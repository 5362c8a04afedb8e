"""The admin page for importing twin towns and earlier trips from a CSV file.

Not registered by the package: a project adds the URL (``register_urls()``) and,
if it wants one, a menu item. Editors import into the sections where they may
add pages; the result is drafts, which they submit for approval as usual.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access

from .importing import (
    ENCODINGS,
    KINDS,
    column_names,
    import_csv,
    import_parent,
    missing_list_message,
)
from .models import InternationalIndexPage

TEMPLATE = "wagtail_internationellt/admin/import.html"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def candidate_sections(user):
    """The sections on which the user holds the add permission (inherited from a page
    above), unordered: only those can take a page of theirs. Every section for a
    superuser."""
    from .models.page_model import page_permission_codename
    from .registers import editable_paths, editable_section_paths

    sections = InternationalIndexPage.objects.order_by()
    if not user.is_active:
        return sections.none()
    if user.is_superuser:
        return sections
    granted = editable_paths(user, {page_permission_codename("add")})
    # Adding is one of the editing permissions: these are among the sections the user
    # may edit, whose paths are read once per request.
    return sections.filter(
        pk__in=[
            pk
            for pk, path in editable_section_paths(user).items()
            if any(path.startswith(prefix) for prefix in granted)
        ]
    )


def sections_for(user):
    """The sections the user may add pages to, in tree order."""
    sections = [
        section
        for section in candidate_sections(user)
        if section.permissions_for_user(user).can_add_subpage()
    ]
    # Sorted here: sorting in the query would read the whole page tree in path order.
    return sorted(sections, key=lambda section: section.path)


def may_import(user):
    """Whether ``sections_for(user)`` is not empty, reading one section where it can.

    Any section the user holds the add permission on takes a policy page, so the first
    one answers; the menu asks this on every admin page, of every municipality.
    """
    first = candidate_sections(user)[:1]
    return any(section.permissions_for_user(user).can_add_subpage() for section in first) or bool(
        sections_for(user)
    )


class ImportForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=InternationalIndexPage.objects.none(),
    )
    kind = forms.ChoiceField(label=_("The file holds"), choices=list(KINDS.items()))
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Saved from the spreadsheet as CSV, with semicolons between the columns and "
            "the column names on the first row."
        ),
    )
    encoding = forms.ChoiceField(
        label=_("Character encoding"),
        choices=list(
            zip(
                ENCODINGS,
                [_("Detect (UTF-8 or Windows-1252)"), "UTF-8", "Windows-1252"],
                strict=True,
            )
        ),
        initial="auto",
        required=False,
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file"),
        required=False,
        help_text=_("Report what would be imported, and any errors, without writing anything."),
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = InternationalIndexPage.objects.filter(
            pk__in=[section.pk for section in sections]
        ).order_by("path")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


def _requested_section(request):
    value = request.POST.get("municipality") or request.GET.get("municipality") or ""
    if not value.isdigit():
        return None
    return InternationalIndexPage.objects.filter(pk=value).first()


def forbidden(request):
    """A plain 403: Wagtail's admin would turn PermissionDenied into a redirect home."""
    return permission_denied(request, PermissionDenied())


@require_admin_access
def import_view(request):
    sections = sections_for(request.user)
    if not sections:
        return forbidden(request)
    requested = _requested_section(request)
    if requested is not None and requested not in sections:
        return forbidden(request)

    initial = {"municipality": requested or sections[0]}
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, sections=sections, initial=initial)
    else:
        form = ImportForm(sections=sections, initial=initial)

    result = None
    if request.method == "POST" and form.is_valid():
        section, kind = form.cleaned_data["municipality"], form.cleaned_data["kind"]
        parent = import_parent(section, kind)
        if parent is None:
            form.add_error("kind", missing_list_message(section, kind))
        elif not parent.permissions_for_user(request.user).can_add_subpage():
            return forbidden(request)
        else:
            result = import_csv(
                section,
                kind,
                form.cleaned_data["file"].read(),
                encoding=form.cleaned_data["encoding"] or "auto",
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
            report(request, result)

    return TemplateResponse(
        request,
        TEMPLATE,
        {
            "form": form,
            "result": result,
            "columns": column_names(),
            "page_title": _("Import from a spreadsheet"),
        },
    )


def report(request, result):
    count = len(result.pages)
    if result.errors:
        messages.error(
            request,
            ngettext(
                "%(count)s error: nothing was imported. Correct the file and upload it again.",
                "%(count)s errors: nothing was imported. Correct the file and upload it again.",
                len(result.errors),
            )
            % {"count": len(result.errors)},
        )
    elif result.dry_run:
        messages.success(
            request,
            ngettext(
                "%(count)s row is correct and can be imported. Nothing was written.",
                "%(count)s rows are correct and can be imported. Nothing was written.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s draft imported into “%(list)s”. Submit it for approval when it "
                "is ready.",
                "%(count)s drafts imported into “%(list)s”. Submit them for approval when "
                "they are ready.",
                count,
            )
            % {"count": count, "list": result.parent.title},
            buttons=[
                messages.button(
                    reverse("wagtailadmin_explore", args=[result.parent.pk]), _("Show the list")
                )
            ],
        )


def register_urls():
    """The import page's URL, registered under the admin by the package's hooks."""
    return [path("internationellt/import/", import_view, name="wagtail_internationellt_import")]
