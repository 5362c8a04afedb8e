"""Small builders for the page tree the tests need.

Each returns saved, live pages unless told otherwise; keyword arguments
override the defaults so a test states only what matters to it.
"""

import datetime
from decimal import Decimal

from wagtail.models import Site

from wagtail_internationellt.models import (
    Department,
    InternationalIndexPage,
    PolicyPage,
    TripReportIndexPage,
    TripReportPage,
    TwinTownIndexPage,
    TwinTownPage,
)
from wagtail_internationellt.models.page_model import Page


def site_root():
    return Site.objects.get(is_default_site=True).root_page.specific


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_section(municipality="Testkommun", parent=None, **fields):
    fields.setdefault("title", "Internationellt arbete")
    fields.setdefault("slug", municipality.lower().replace(" ", "-"))
    page = InternationalIndexPage(municipality_name=municipality, **fields)
    return add_page(parent or site_root(), page)


def make_twin_town_index(section, **fields):
    fields.setdefault("title", "Vänorter")
    return add_page(section, TwinTownIndexPage(**fields))


def make_twin_town(index, title="Skjern", **fields):
    fields.setdefault("country", "DK")
    fields.setdefault("decision_year", 1977)
    return add_page(index, TwinTownPage(title=title, **fields))


def make_trip_index(section, **fields):
    fields.setdefault("title", "Reserapporter")
    return add_page(section, TripReportIndexPage(**fields))


def make_department(section, name="Kommunledningsförvaltningen", **fields):
    return Department.objects.create(section=section, name=name, **fields)


def make_trip(index, department, title="Studieresa", **fields):
    fields.setdefault("destination_place", "Bryssel")
    fields.setdefault("destination_country", "BE")
    fields.setdefault("start_date", datetime.date(2025, 3, 10))
    fields.setdefault("end_date", datetime.date(2025, 3, 12))
    fields.setdefault("travellers_count", 2)
    fields.setdefault("purpose", "Lära av andra kommuners EU-arbete.")
    fields.setdefault("goals", "Två nya projektidéer.")
    fields.setdefault("total_cost", Decimal("8000"))
    return add_page(index, TripReportPage(title=title, department=department, **fields))


def make_policy(section, title="Internationell policy", **fields):
    fields.setdefault("decision_date", datetime.date(2012, 5, 6))
    return add_page(section, PolicyPage(title=title, **fields))


def root_page():
    return Page.get_first_root_node()
