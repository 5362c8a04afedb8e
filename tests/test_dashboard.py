"""The follow-up panel on the admin's start page, scoped to the user's municipalities."""

# The registers' fixtures are imported and then named as test arguments.
# ruff: noqa: F811

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import make_policy
from tests.test_registers import english_user, motala, roles, torsby  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def panel(client, user):
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    if 'id="intl-follow-up-heading"' not in html:
        return None
    start = html.index('id="intl-follow-up-heading"')
    return html[start : html.index("</section>", start)]


def listed(html, key):
    start = html.index(f'id="intl-follow-up-{key}"')
    end = html.find("<h3", start + 1)
    return re.findall(r'<a href="/admin/pages/\d+/edit/">([^<]+)</a>', html[start:end])


def test_the_panel_lists_what_the_editors_municipality_must_follow_up(client, roles, torsby):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_policy(torsby["section"], title="Gammal policy", revise_by=yesterday)
    make_policy(
        torsby["section"],
        title="Färsk policy",
        slug="farsk",
        revise_by=yesterday + datetime.timedelta(days=400),
    )

    html = panel(client, roles["torsby"])

    # Skjern was evaluated this mandate period, Bömlo was not.
    assert listed(html, "evaluation") == ["Bömlo"]
    # Over the threshold and not reported back; the free trip is under it.
    assert listed(html, "reporting") == ["Dyr resa till Skjern"]
    assert listed(html, "revision") == ["Gammal policy"]


def test_another_municipality_sees_its_own_follow_ups_only(client, roles):
    html = panel(client, roles["motala"])

    assert "Bömlo" not in html and "Dyr resa till Skjern" not in html


def test_a_user_without_a_section_gets_no_panel(client, roles):
    from django.contrib.auth.models import Permission

    outsider = english_user("utomstaende")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))

    assert panel(client, outsider) is None


def test_the_panel_makes_as_many_queries_for_many_items_as_for_few(
    client, roles, torsby, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_trip

    client.force_login(roles["torsby"])
    client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    trip_index = torsby["skjern"].get_parent().get_parent().get_children().live().last().specific
    for number in range(5):
        make_trip(
            trip_index,
            torsby["department"],
            f"Dyr {number}",
            slug=f"dyr-{number}",
            total_cost=20000,
        )
    with django_assert_max_num_queries(len(few)):
        client.get("/admin/")
