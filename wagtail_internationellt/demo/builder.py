"""Builds the demo content of ``seeds.py`` into the page tree, idempotently.

Every page is looked up by its slug under its parent. A missing page is created
and published; an existing page whose live content differs from the seed values
is brought back to them and published again; a page that already matches is
left alone, drafts included. Departments are looked up by name in their
section and updated the same way. Running the build twice changes nothing the
second time.
"""

import unicodedata
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue

from ..models import (
    Department,
    InternationalIndexPage,
    PolicyPage,
    SupersededDocument,
    TripReportIndexPage,
    TripReportPage,
    TwinTownIndexPage,
    TwinTownPage,
)
from ..models.page_model import Page
from ..roles import BOARD_SECRETARIAT, EDITORS, REVIEWERS, setup_section_roles
from . import seeds

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# The fields of a page's child rows that the seeds give, to compare them with the rows
# a page already has.
CHILD_FIELDS = {
    SupersededDocument: ("title", "decided_by", "decision_date", "registry_number"),
}

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = "admin@example.se"
# One demo user per role and municipality: "torsby-redaktor", "torsby-granskare"…
DEMO_ROLE_USERS = {EDITORS: "redaktor", REVIEWERS: "granskare", BOARD_SECRETARIAT: "kansli"}
# How mail greets them: "Hej Redaktör," (example names, not people).
DEMO_ROLE_FIRST_NAMES = {
    EDITORS: "Redaktör",
    REVIEWERS: "Granskare",
    BOARD_SECRETARIAT: "Kanslist",
}


class DemoConflict(Exception):
    """A page the demo needs is taken by a page of another type."""


def ascii_slug(text):
    """“Policy för internationella kontakter” → “policy-for-internationella-kontakter”."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return slugify(ascii_text)


def stream_data(stream_value):
    """The stream's content without block ids, to compare two streams by what they say."""
    return _without_ids(stream_value.stream_block.get_prep_value(stream_value))


def _without_ids(data):
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    return data


def _child_rows(page, relation, fields):
    return [tuple(getattr(row, name) for name in fields) for row in getattr(page, relation).all()]


class DemoBuilder:
    """Writes the five municipalities' sections under ``root``.

    ``log(message, verbosity)`` receives one line per page or department that
    was created or updated (verbosity 1) or left unchanged (verbosity 2).
    """

    def __init__(self, root, log=None):
        self.root = root
        self.log = log or (lambda message, verbosity=1: None)
        self.pages = Counter()
        self.departments = Counter()
        self.sections = []

    def build(self):
        for municipality in seeds.MUNICIPALITIES:
            self.sections.append(self.build_municipality(municipality))
        return self.sections

    def build_municipality(self, data):
        section = self.sync_page(
            self.root,
            InternationalIndexPage,
            data["slug"],
            title=seeds.SECTION_TITLE,
            municipality_name=data["municipality_name"],
            intro=data["intro"],
            reporting_threshold=seeds.REPORTING_THRESHOLD,
        )
        self.build_policy(section, data["policy"])
        twin_towns = self.build_twin_towns(section, data.get("twin_towns"))
        departments = {
            row["name"]: self.sync_department(section, **row) for row in data["departments"]
        }
        self.build_trip_reports(section, data["trip_reports"], twin_towns, departments)
        return section

    def build_policy(self, section, data):
        body_block = PolicyPage._meta.get_field("body").stream_block
        body = body_block.to_python(
            [{"type": block_type, "value": value} for block_type, value in data["body"]]
        )
        return self.sync_page(
            section,
            PolicyPage,
            ascii_slug(data["title"]),
            title=data["title"],
            body=body,
            children={
                "superseded_documents": (
                    SupersededDocument,
                    data.get("superseded_documents", []),
                ),
            },
            **data["fields"],
        )

    def build_twin_towns(self, section, data):
        if data is None:
            return {}
        index = self.sync_page(
            section, TwinTownIndexPage, intro=data["intro"], **seeds.TWIN_TOWN_INDEX
        )
        towns = {}
        for town in data["towns"]:
            fields = {"description": data["description"], **town}
            slug = fields.pop("slug")
            towns[slug] = self.sync_page(index, TwinTownPage, slug, **fields)
        return towns

    def build_trip_reports(self, section, data, twin_towns, departments):
        index = self.sync_page(
            section, TripReportIndexPage, intro=data["intro"], **seeds.TRIP_REPORT_INDEX
        )
        for report in data["reports"]:
            fields = dict(report)
            slug = fields.pop("slug")
            fields["department"] = departments[fields["department"]]
            if "destination_twin_town" in fields:
                fields["destination_twin_town"] = twin_towns[fields["destination_twin_town"]]
            self.sync_page(index, TripReportPage, slug, **fields)
        return index

    def sync_page(self, parent, model, slug, children=None, **fields):
        """Create, update or leave alone the page ``slug`` under ``parent``."""
        children = children or {}
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
        if existing is None:
            page = model(slug=slug, live=False, **fields)
            for relation, (child_model, rows) in children.items():
                setattr(page, relation, [child_model(**row) for row in rows])
            parent.add_child(instance=page)
            outcome = CREATED
        else:
            page = existing.specific
            if not isinstance(page, model):
                raise DemoConflict(
                    _("“%(url)s” is a %(found)s, not a %(expected)s: move or rename it first.")
                    % {
                        "url": existing.get_url() or existing.url_path,
                        "found": existing.specific_class._meta.verbose_name,
                        "expected": model._meta.verbose_name,
                    }
                )
            changed = self._update_fields(page, fields)
            changed |= self._update_children(page, children)
            outcome = UPDATED if changed or not page.live else UNCHANGED
        if outcome != UNCHANGED:
            page.save_revision().publish()
        self.pages[outcome] += 1
        self._report(
            outcome, model._meta.verbose_name, page.title, page.get_url() or page.url_path
        )
        return page

    def sync_department(self, section, name, **fields):
        department = Department.objects.filter(section=section, name=name).first()
        if department is None:
            department = Department.objects.create(section=section, name=name, **fields)
            outcome = CREATED
        elif self._update_fields(department, fields):
            department.save()
            outcome = UPDATED
        else:
            outcome = UNCHANGED
        self.departments[outcome] += 1
        self._report(outcome, Department._meta.verbose_name, name, section)
        return department

    def _update_fields(self, obj, fields):
        changed = False
        for name, wanted in fields.items():
            if isinstance(wanted, models.Model):
                differs = getattr(obj, f"{name}_id") != wanted.pk
            elif isinstance(wanted, StreamValue):
                differs = stream_data(getattr(obj, name)) != stream_data(wanted)
            else:
                differs = getattr(obj, name) != wanted
            if differs:
                setattr(obj, name, wanted)
                changed = True
        return changed

    def _update_children(self, page, children):
        changed = False
        for relation, (child_model, rows) in children.items():
            fields = CHILD_FIELDS[child_model]
            wanted = [tuple(row[name] for name in fields) for row in rows]
            if _child_rows(page, relation, fields) != wanted:
                setattr(page, relation, [child_model(**row) for row in rows])
                changed = True
        return changed

    def _report(self, outcome, kind, title, where):
        messages = {
            CREATED: _("Created %(kind)s “%(title)s” (%(where)s)"),
            UPDATED: _("Updated %(kind)s “%(title)s” (%(where)s)"),
            UNCHANGED: _("Unchanged %(kind)s “%(title)s” (%(where)s)"),
        }
        message = messages[outcome] % {"kind": kind, "title": title, "where": where}
        self.log(message, 2 if outcome == UNCHANGED else 1)


def ensure_demo_superuser(password, reset_password=False, username=DEMO_ADMIN_USERNAME):
    """Create the demo superuser if missing; only reset its password when asked.

    Returns (user, outcome) where outcome is CREATED, UPDATED (password reset)
    or UNCHANGED.
    """
    user_model = get_user_model()
    user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
    if user is None:
        user = user_model._default_manager.create_superuser(
            **{user_model.USERNAME_FIELD: username},
            email=DEMO_ADMIN_EMAIL,
            password=password,
        )
        return user, CREATED
    if reset_password:
        user.set_password(password)
        user.save(update_fields=["password"])
        return user, UPDATED
    return user, UNCHANGED


def ensure_demo_role_users(section, password, reset_password=False):
    """An editor, a reviewer and a board-secretariat user for one demo municipality.

    Sets up the section's roles and workflow first (idempotent), creates each
    user only if missing and puts it in its group. Returns [(role, user, outcome)].
    """
    roles = setup_section_roles(section)
    user_model = get_user_model()
    users = []
    for role, suffix in DEMO_ROLE_USERS.items():
        username = f"{section.slug}-{suffix}"
        user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
        if user is None:
            user = user_model._default_manager.create_user(
                **{user_model.USERNAME_FIELD: username},
                email=f"{username}@example.se",
                password=password,
                first_name=DEMO_ROLE_FIRST_NAMES[role],
                last_name=f"({section.municipality_name})",
            )
            outcome = CREATED
        elif reset_password:
            user.set_password(password)
            user.save(update_fields=["password"])
            outcome = UPDATED
        else:
            outcome = UNCHANGED
        user.groups.add(roles.groups[role])
        users.append((role, user, outcome))
    return users
