from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from ...demo.builder import (
    CREATED,
    UNCHANGED,
    UPDATED,
    DemoBuilder,
    DemoConflict,
    ensure_demo_role_users,
    ensure_demo_superuser,
)

# Only for a local demo; the command says so when it creates the account.
DEFAULT_ADMIN_PASSWORD = "admin"  # noqa: S105
DEFAULT_DEMO_PASSWORD = "demo"  # noqa: S105
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    @property
    def help(self):
        # argparse needs a plain string, so the help text is translated when it is read.
        return _(
            "Build the demo content under the default site's root page: the international "
            "sections of Sollefteå, Strömsund, Torsby, Motala and Sandviken with their adopted "
            "policies, twin towns, departments and fictional example trip reports, all "
            "published, the roles and approval workflow of each section, a demo superuser and "
            "an editor, a reviewer and a board-secretariat user per municipality. Safe to run "
            "again: missing pages are created, "
            "pages whose live content differs from the demo values are updated and published "
            "again, pages that already match are left alone. An existing user's password is "
            "only changed with --reset-password."
        )

    def set_site_address(self, site, address, log):
        hostname, _colon, port = address.rpartition(":")
        if not hostname or not port.isdigit() or not 0 < int(port) < 65536:
            raise CommandError(
                _("Give the site address as HOST:PORT, e.g. 127.0.0.1:8000, not “%(address)s”.")
                % {"address": address}
            )
        if (site.hostname, site.port) != (hostname, int(port)):
            site.hostname, site.port = hostname, int(port)
            site.save()
            log(_("The default site is now at %(address)s.") % {"address": address})

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            default=DEFAULT_ADMIN_PASSWORD,
            help=_("Password of the demo superuser “admin” when it is created (default: admin)."),
        )
        parser.add_argument(
            "--demo-password",
            default=DEFAULT_DEMO_PASSWORD,
            help=_(
                "Password of the demo editors, reviewers and board secretaries (default: demo)."
            ),
        )
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help=_("Set the passwords of existing demo users to the given passwords."),
        )
        parser.add_argument(
            "--site-address",
            metavar="HOST:PORT",
            help=_(
                "Where the site is served, e.g. 127.0.0.1:8000: set as the default site's "
                "host name and port, so that feeds, open data and e-mails link there."
            ),
        )
        parser.add_argument(
            "--no-users",
            action="store_true",
            help=_("Do not create or change any demo user."),
        )

    def handle(self, *args, **options):
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        if site is None:
            raise CommandError(
                _("There is no default site. Create one under Settings → Sites first.")
            )
        verbosity = options["verbosity"]

        def log(message, level=1):
            if verbosity >= level:
                self.stdout.write(message)

        if options["site_address"]:
            self.set_site_address(site, options["site_address"], log)

        builder = DemoBuilder(site.root_page, log=log)
        user = outcome = None
        role_users = {}
        try:
            with transaction.atomic():
                builder.build()
                if not options["no_users"]:
                    user, outcome = ensure_demo_superuser(
                        options["admin_password"], reset_password=options["reset_password"]
                    )
                    for section in builder.sections:
                        role_users[section] = ensure_demo_role_users(
                            section,
                            options["demo_password"],
                            reset_password=options["reset_password"],
                        )
        except DemoConflict as error:
            raise CommandError(str(error)) from error

        if verbosity >= 1:
            if options["site_address"]:
                base_url = f"http://{options['site_address']}"
            else:
                base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or DEFAULT_BASE_URL
            base_url = base_url.rstrip("/")
            self.report_content(base_url, builder)
            if user is not None:
                self.report_login(base_url, user, outcome, options["admin_password"])
            if role_users:
                self.report_role_users(role_users, options["demo_password"])

    def report_content(self, base_url, builder):
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo content ready. Pages: %(created)d created, %(updated)d updated, "
                    "%(unchanged)d unchanged. Departments: %(departments_created)d created, "
                    "%(departments_updated)d updated, %(departments_unchanged)d unchanged."
                )
                % {
                    "created": builder.pages[CREATED],
                    "updated": builder.pages[UPDATED],
                    "unchanged": builder.pages[UNCHANGED],
                    "departments_created": builder.departments[CREATED],
                    "departments_updated": builder.departments[UPDATED],
                    "departments_unchanged": builder.departments[UNCHANGED],
                }
            )
        )
        for section in builder.sections:
            url = section.get_url() or section.url_path
            if url.startswith("/"):
                url = base_url + url
            self.stdout.write(f"  {section.municipality_name}: {url}")

    def report_login(self, base_url, user, outcome, password):
        self.stdout.write(
            _("Log in at %(url)s") % {"url": base_url + reverse("wagtailadmin_home")}
        )
        self.stdout.write(_("  username: %(username)s") % {"username": user.get_username()})
        if outcome == UNCHANGED:
            self.stdout.write(
                _(
                    "  password: unchanged, the user already existed (run with "
                    "--reset-password to set it to --admin-password)"
                )
            )
            return
        self.stdout.write(_("  password: %(password)s") % {"password": password})
        self.stdout.write(
            self.style.WARNING(
                _("This account is for a local demo only: never use it on a public server.")
            )
        )

    def report_role_users(self, role_users, password):
        self.stdout.write(
            _(
                "Editors, reviewers and board secretaries, to walk a page from draft to "
                "approval (password “%(password)s” for users created now):"
            )
            % {"password": password}
        )
        for section, users in role_users.items():
            names = ", ".join(f"{user.get_username()} ({role})" for role, user, _outcome in users)
            self.stdout.write(f"  {section.municipality_name}: {names}")
