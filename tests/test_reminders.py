"""Reminders (R3, R4, R6, T2): each department's responsible person is emailed what is
overdue in their area, once, with all their items; evaluations go to --evaluation-to."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from django.utils.translation import trans_real

from tests.factories import (
    make_department,
    make_section,
    make_trip,
    make_trip_index,
    make_twin_town,
    make_twin_town_index,
)
from wagtail_internationellt.management.commands.internationellt_reminders import SUBJECT
from wagtail_internationellt.models import TripReportPage, TwinTownEvaluation

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 1)  # the mandate period 2023–2026 ends in ten months


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def pages():
    torsby = make_section("Torsby kommun", slug="torsby", reporting_threshold=10_000)
    index = make_trip_index(torsby)
    schools = make_department(
        torsby,
        "Barn- och utbildningsförvaltningen",
        responsible_name="Karin Exempel",
        responsible_email="skola@example.se",
    )
    leaders = make_department(
        torsby, "Kommunledningsförvaltningen", responsible_email="ledning@example.se"
    )
    culture = make_department(torsby, "Kultur- och fritidsförvaltningen")  # no address

    def trip(title, department, start, end, cost, **fields):
        return make_trip(
            index,
            department,
            title=title,
            slug=title.lower(),
            start_date=day(start),
            end_date=day(end),
            total_cost=Decimal(cost),
            **fields,
        )

    found = {
        # Over the threshold, ended 90 days ago, reported nowhere: board and council.
        "overdue": trip("Overdue", schools, "2025-11-28", "2025-12-01", "12000"),
        # Reported back to the board and to the council.
        "reported": trip(
            "Reported",
            schools,
            "2025-09-28",
            "2025-10-01",
            "15000",
            reported_to_board_date=day("2025-11-01"),
            reported_to_council_date=day("2025-11-20"),
        ),
        # Under the threshold and reported to the council: nothing to do.
        "under": trip(
            "Under",
            leaders,
            "2025-09-28",
            "2025-10-01",
            "8000",
            reported_to_council_date=day("2025-11-01"),
        ),
        # Under the threshold, not reported to the council.
        "council": trip("Council", leaders, "2025-08-30", "2025-09-01", "5000"),
        # Ended two weeks ago: not overdue yet.
        "recent": trip("Recent", schools, "2026-02-10", "2026-02-15", "20000"),
        # A department without an address.
        "culture": trip("Culture", culture, "2025-06-01", "2025-06-02", "30000"),
    }
    draft = TripReportPage(
        title="Draft",
        slug="draft",
        department=schools,
        destination_place="Berlin",
        start_date=day("2025-01-01"),
        end_date=day("2025-01-02"),
        travellers_count=1,
        purpose="p",
        goals="g",
        total_cost=Decimal("50000"),
        live=False,
    )
    index.add_child(instance=draft)
    found["draft"] = draft

    towns = make_twin_town_index(torsby)
    skjern = make_twin_town(towns, "Skjern")
    TwinTownEvaluation.objects.create(page=skjern, decision_date=day("2024-05-01"))
    found["bomlo"] = make_twin_town(towns, "Bömlo", country="NO")
    make_twin_town(towns, "Pernå", country="FI", status="terminated", end_date=day("2020-01-01"))

    motala = make_section("Motala kommun", slug="motala")
    motala_department = make_department(motala, responsible_email="motala@example.se")
    found["motala"] = make_trip(
        make_trip_index(motala),
        motala_department,
        title="Motala",
        start_date=day("2025-05-01"),
        end_date=day("2025-05-02"),
    )
    return found


def remind(*args):
    out = StringIO()
    call_command("internationellt_reminders", *args, stdout=out)
    return out.getvalue()


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def message_to(address):
    (message,) = [message for message in mail.outbox if address in message.to]
    return message


def edit_url(page):
    return f"http://testserver/admin/pages/{page.pk}/edit/"


def test_each_responsible_person_gets_one_email(pages):
    output = remind()

    assert sent_to() == ["ledning@example.se", "motala@example.se", "skola@example.se"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert "3 recipients, 4 items: sent" in output


def test_a_trip_over_the_threshold_is_overdue_for_the_board_and_the_council(pages):
    remind()

    body = message_to("skola@example.se").body
    board, council = body.split("Trips not reported to the council:")
    assert "Overdue" in board and "12000.00 kronor, more than 10000" in board
    assert "Overdue" in council
    assert edit_url(pages["overdue"]) in body
    assert body.startswith("Hello Karin Exempel,")
    for title in ("Reported", "Recent", "Draft", "Under", "Council", "Culture", "Motala"):
        assert f"- {title} " not in body


def test_a_trip_under_the_threshold_is_overdue_for_the_council_only(pages):
    remind()

    body = message_to("ledning@example.se").body
    assert "executive board:" not in body
    assert "- Council (Kommunledningsförvaltningen, Torsby kommun)" in body
    assert "- Under " not in body
    assert edit_url(pages["council"]) in body


def test_a_department_without_an_address_is_listed_in_the_output(pages):
    output = remind()

    assert "No address: Kultur- och fritidsförvaltningen (Torsby kommun), 2 items" in output
    assert all("Culture" not in message.body for message in mail.outbox)


def test_grace_days_decide_what_is_overdue(pages):
    remind("--grace-days", "10")

    assert "- Recent " in message_to("skola@example.se").body


def test_dry_run_prints_and_sends_nothing(pages):
    output = remind("--dry-run")

    assert mail.outbox == []
    assert "To: skola@example.se" in output
    assert edit_url(pages["overdue"]) in output
    assert "3 recipients, 4 items: dry run, nothing sent" in output


def test_municipality_limits_the_reminders_to_one_section(pages):
    remind("--municipality", "motala")

    assert sent_to() == ["motala@example.se"]
    assert "- Motala " in mail.outbox[0].body


def test_unknown_municipality_is_refused(pages):
    with pytest.raises(CommandError, match="No international section"):
        remind("--municipality", "atlantis")


def test_unevaluated_agreements_are_listed_but_not_sent_without_addresses(pages):
    output = remind()

    assert "To evaluate: Bömlo (Torsby kommun), mandate period 2023–2026" in output
    assert "Skjern" not in output and "Pernå" not in output
    assert all("Bömlo" not in message.body for message in mail.outbox)


def test_evaluation_reminders_go_to_the_given_addresses(pages):
    remind("--evaluation-to", "kansli@example.se", "--evaluation-to", "skola@example.se")

    assert sent_to() == [
        "kansli@example.se",
        "ledning@example.se",
        "motala@example.se",
        "skola@example.se",
    ]
    kansli = message_to("kansli@example.se").body
    assert "- Bömlo (Torsby kommun), mandate period 2023–2026" in kansli
    assert edit_url(pages["bomlo"]) in kansli
    assert "Overdue" not in kansli
    # Someone who is both gets one email with all their items.
    both = message_to("skola@example.se").body
    assert "- Bömlo " in both and "- Overdue " in both


def test_evaluations_are_not_due_when_the_period_ends_later(pages):
    output = remind("--evaluation-months", "6", "--evaluation-to", "kansli@example.se")

    assert "Bömlo" not in output
    assert "kansli@example.se" not in sent_to()


def test_a_bad_evaluation_address_is_refused(pages):
    with pytest.raises(CommandError, match="Not an email address"):
        remind("--evaluation-to", "inte-en-adress")


@pytest.fixture
def swedish_subject(monkeypatch):
    """The subject's Swedish translation, as the catalogue gives it (or one for the test)."""
    catalog = trans_real.translation("sv")._catalog
    with translation.override(None):
        msgid = str(SUBJECT)
    swedish = catalog.get(msgid) or "Påminnelse: internationellt arbete (%(municipalities)s)"
    monkeypatch.setitem(catalog._catalogs[0], msgid, swedish)
    return swedish


def test_subject_is_in_the_sites_language(pages, settings, swedish_subject):
    settings.LANGUAGE_CODE = "sv"

    with translation.override("en"):
        remind("--municipality", "motala")

    assert mail.outbox[0].subject == swedish_subject % {"municipalities": "Motala kommun"}


def test_subject_names_the_municipalities(pages):
    remind("--municipality", "torsby")

    assert message_to("skola@example.se").subject == (
        "Reminder: overdue reporting of the international work (Torsby kommun)"
    )
