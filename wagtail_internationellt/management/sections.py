"""What the management commands share: finding the section a command is asked about."""

from django.core.management.base import CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import InternationalIndexPage


def find_section(name):
    """The section whose slug or municipality name is ``name`` (case does not matter)."""
    name = name.strip()
    matches = list(
        InternationalIndexPage.objects.filter(
            Q(slug__iexact=name) | Q(municipality_name__iexact=name)
        ).order_by("path")[:2]
    )
    if len(matches) != 1:
        known = ", ".join(
            InternationalIndexPage.objects.order_by("slug").values_list("slug", flat=True)
        )
        if not matches:
            message = _("No international section with the slug or municipality name “%(name)s”.")
        else:
            message = _("Several international sections answer to “%(name)s”: give the slug.")
        raise CommandError(
            message % {"name": name} + " " + _("Known sections: %(slugs)s.") % {"slugs": known}
        )
    return matches[0]
