"""What residents and authors see of an approval: the trail under a page, the mail."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.utils import timezone, translation

from tests.factories import (
    make_department,
    make_section,
    make_trip_index,
    make_twin_town,
    make_twin_town_index,
)
from wagtail_internationellt.models import TripReportPage
from wagtail_internationellt.roles import (
    BOARD_SECRETARIAT,
    EDITORS,
    REVIEWERS,
    setup_section_roles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return make_section("Torsby kommun")


@pytest.fixture
def roles(section):
    return setup_section_roles(section)


def member(roles, role, username):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.se", "pw", first_name="Karin", last_name="Exempel"
    )
    user.groups.add(roles.groups[role])
    return user


def draft_trip(section, author, **fields):
    index = make_trip_index(section)
    fields.setdefault("destination_place", "Oslo")
    trip = TripReportPage(
        title="Studieresa till Oslo",
        department=make_department(section),
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2025, 4, 2),
        travellers_count=2,
        purpose="Lära av grannkommuner.",
        goals="Två idéer.",
        total_cost=Decimal("4000"),
        live=False,
        **fields,
    )
    index.add_child(instance=trip)
    trip.save_revision(user=author)
    return trip


def twin_town_trip_in_review(section, roles):
    """A trip to a twin town, approved by the board beforehand, submitted by its editor."""
    editor = member(roles, EDITORS, "redaktor")
    town = make_twin_town(make_twin_town_index(section), "Skjern")
    trip = draft_trip(
        section,
        editor,
        destination_twin_town=town,
        destination_place="",
        board_approval_date=datetime.date(2025, 3, 1),
        board_approval_reference="KS § 12",
    )
    trip.get_workflow().start(trip, editor)
    return trip, member(roles, REVIEWERS, "granskare"), member(roles, BOARD_SECRETARIAT, "kansli")


def act(page, user, action="approve", **kwargs):
    state = page.current_workflow_state
    state.current_task_state.task.specific.on_action(
        state.current_task_state, user, action, **kwargs
    )
    page.refresh_from_db()


def public_html(client, page, language="en"):
    prefix = "" if language == "sv" else f"/{language}"
    with translation.override("sv"):
        url = page.url
    return client.get(prefix + url).content.decode()


def test_approved_page_says_when_and_by_which_role_not_by_whom(client, section, roles):
    editor = member(roles, EDITORS, "redaktor")
    reviewer = member(roles, REVIEWERS, "granskare")
    trip = draft_trip(section, editor)
    trip.get_workflow().start(trip, editor)

    act(trip, reviewer)

    assert trip.live
    html = public_html(client, trip)
    today = timezone.localdate().isoformat()
    assert f'<p class="intl-approval">Reviewed and approved {today} (Granskare)</p>' in html
    assert "granskare@example.se" not in html and "Karin" not in html
    swedish = public_html(client, trip, language="sv")
    assert f"Granskad och godkänd {today} (Granskare)" in swedish


def test_trip_checked_by_the_board_names_both_roles(client, section, roles):
    trip, reviewer, secretary = twin_town_trip_in_review(section, roles)

    act(trip, reviewer)
    assert not trip.live  # waits for the board secretariat
    act(trip, secretary)

    assert trip.live
    assert "(Granskare, Kommunstyrelsens kansli)</p>" in public_html(client, trip)


@override_settings(WAGTAIL_INTERNATIONELLT_SUPERUSERS_MAY_PUBLISH=True)
def test_page_published_without_approval_shows_no_trail(client, section):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.se", "pw")
    trip = draft_trip(section, admin)

    trip.get_latest_revision().publish(user=admin)
    trip.refresh_from_db()

    assert trip.live
    assert 'class="intl-approval"' not in public_html(client, trip)


def test_demo_content_loaded_by_a_script_claims_no_approval(client, section):
    # The builders publish without a user and without a workflow, as a script does.
    assert 'class="intl-approval"' not in public_html(client, section)


def test_the_author_reads_the_reviewers_comment_in_the_approval_mail(section, roles):
    editor = member(roles, EDITORS, "redaktor")
    reviewer = member(roles, REVIEWERS, "granskare")
    trip = draft_trip(section, editor)
    trip.get_workflow().start(trip, editor)
    mail.outbox.clear()

    with translation.override("en"):
        act(trip, reviewer, comment="Fint, men ange kostnaden per person nästa gång.")

    to_author = [message for message in mail.outbox if message.to == ["redaktor@example.se"]]
    assert len(to_author) == 1
    assert "has been approved" in to_author[0].body
    assert "Fint, men ange kostnaden per person nästa gång." in to_author[0].body


def test_the_reviewers_comment_reaches_the_author_when_the_board_approves_last(section, roles):
    trip, reviewer, secretary = twin_town_trip_in_review(section, roles)

    with translation.override("en"):
        act(trip, reviewer, comment="Lägg gärna till en bild.")
        mail.outbox.clear()
        act(trip, secretary)

    (to_author,) = [message for message in mail.outbox if message.to == ["redaktor@example.se"]]
    assert 'Comment from Granskare: "Lägg gärna till en bild."' in to_author.body
    assert "Kommunstyrelsens kansli:" not in to_author.body
