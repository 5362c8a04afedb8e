"""The package in a site with its own base page model (``WAGTAIL_PAGE_MODEL``, Wagtail 8).

Run under tests/settings_custom_page.py (``make test`` does; the plain run leaves this
file out): the site's ``SitePage`` with a field of its own replaces Wagtail's ``Page``.
The test database was built by the migrations, the package's included, from empty.
tests/test_workflow.py and tests/test_registers.py run under the same settings.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission, Site, get_page_models

from tests.settings_custom_page import SWAPPABLE_BASE_PAGE
from wagtail_internationellt.models import TripReportIndexPage, TripReportPage, TwinTownIndexPage
from wagtail_internationellt.models.page_model import Page, page_link_name, page_model_name
from wagtail_internationellt.roles import EDITORS, group_name

pytestmark = pytest.mark.skipif(
    not SWAPPABLE_BASE_PAGE, reason="Wagtail 7 has no swappable base page model"
)


def package_page_models():
    package = apps.get_app_config("wagtail_internationellt")
    return [model for model in get_page_models() if model._meta.app_config is package]


def test_the_settings_swap_the_base_page():
    assert page_model_name() == "custom_base_page.SitePage"
    assert Page._meta.label == "custom_base_page.SitePage"


def test_every_page_type_derives_from_the_sites_base_page():
    models = package_page_models()

    assert {model.__name__ for model in models} >= {
        "InternationalIndexPage",
        "PolicyPage",
        "TwinTownIndexPage",
        "TwinTownPage",
        "TripReportIndexPage",
        "TripReportPage",
    }
    for model in models:
        assert issubclass(model, Page), model
        assert model._meta.get_field(page_link_name()).related_model is Page, model
        assert model._meta.get_field("audience").model is Page, model


@pytest.mark.django_db
def test_the_migrations_link_the_tables_to_the_sites_base_page():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, TripReportPage._meta.db_table
        )
    link = f"{page_link_name()}_id"
    targets = {
        constraint["foreign_key"]
        for constraint in constraints.values()
        if constraint["columns"] == [link] and constraint["foreign_key"]
    }
    assert targets == {(Page._meta.db_table, "id")}


class SiteWithItsOwnBasePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with translation.override("en"):
            call_command("internationellt_demo", stdout=StringIO())
            call_command("internationellt_roles", stdout=StringIO())
        cls.root = Site.objects.get(is_default_site=True).root_page
        cls.superuser = get_user_model().objects.get(username="admin")

    def test_the_demo_builds_on_the_sites_base_page_and_every_page_renders(self):
        pages = Page.objects.descendant_of(self.root).live().specific()
        ours = [page for page in pages if page._meta.app_label == "wagtail_internationellt"]

        assert len(ours) > 30
        for page in ours:
            response = self.client.get(page.url)
            assert response.status_code == 200, page.url

    def test_feeds_and_exports_answer(self):
        trips = TripReportIndexPage.objects.live().first()
        towns = TwinTownIndexPage.objects.live().first()
        for url in [
            trips.url + "feed/rss/",
            trips.url + "feed/atom/",
            trips.url + "data/csv/",
            towns.url + "data/json/",
        ]:
            response = self.client.get(url)
            assert response.status_code == 200, url
            assert b"Traceback" not in b"".join(response)

    def test_the_roles_hold_the_sites_page_permissions(self):
        section = TripReportPage.objects.live().first().section
        codenames = set(
            GroupPagePermission.objects.filter(
                group__name=group_name(section, EDITORS), page=section
            ).values_list("permission__codename", flat=True)
        )

        assert codenames == {"add_sitepage", "change_sitepage"}

    def test_the_sites_own_field_is_edited_and_saved_on_a_trip_report(self):
        trip = TripReportPage.objects.live().first()
        self.client.force_login(self.superuser)

        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[trip.pk]))

        assert response.status_code == 200
        assert 'name="audience"' in response.content.decode()
        trip.audience = "Skolor"
        trip.save_revision().publish()
        assert Page.objects.get(pk=trip.pk).audience == "Skolor"

    def test_an_editor_sees_the_register_of_their_municipality(self):
        trip = TripReportPage.objects.live().first()
        editor = (
            get_user_model().objects.filter(groups__name=group_name(trip.section, EDITORS)).first()
        )
        self.client.force_login(editor)

        response = self.client.get("/admin/wagtail_internationellt/tripreportpage/")

        assert response.status_code == 200
        assert trip.title in response.content.decode()
