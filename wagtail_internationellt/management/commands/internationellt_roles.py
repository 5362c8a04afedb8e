from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...models import InternationalIndexPage
from ...roles import setup_section_roles


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Create or repair the groups Redaktörer, Granskare and Kommunstyrelsens kansli "
            "of each international section, their permissions on that section only, and "
            "the approval workflow assigned to it. Safe to run again."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--section",
            action="append",
            dest="sections",
            metavar="SLUG",
            help=_("Only this section (its slug); may be given several times."),
        )

    def handle(self, *args, sections=None, **options):
        queryset = InternationalIndexPage.objects.order_by("path")
        if sections:
            queryset = queryset.filter(slug__in=sections)
            unknown = set(sections) - set(queryset.values_list("slug", flat=True))
            if unknown:
                raise CommandError(
                    _("No international section with the slug: %(slugs)s")
                    % {"slugs": ", ".join(sorted(unknown))}
                )
        for section in queryset:
            roles = setup_section_roles(section)
            self.stdout.write(
                _("%(municipality)s: groups %(groups)s; workflow “%(workflow)s”")
                % {
                    "municipality": section.municipality_name,
                    "groups": ", ".join(group.name for group in roles.groups.values()),
                    "workflow": roles.workflow.name,
                }
            )
