"""The seed rules in rules.py: mandate periods, the reporting threshold, board
approval and whether a policy is in force (DOMAIN.md T2, R2, R3, P1, P2)."""

import datetime
from decimal import Decimal

import pytest
from django.test import TestCase
from django.utils import timezone

from tests import factories
from wagtail_internationellt.models import PolicyPage, TripReportPage
from wagtail_internationellt.rules import (
    PolicyStatus,
    is_over_threshold,
    mandate_period_for,
    policy_status,
    requires_board_approval,
)

D = datetime.date


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


# Mandate periods (T2) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2019, 1, 1), "2019–2022"),
        (D(2022, 12, 31), "2019–2022"),
        (D(2023, 1, 1), "2023–2026"),
        (D(2024, 5, 1), "2023–2026"),
        (D(2026, 12, 31), "2023–2026"),
        (D(2027, 1, 1), "2027–2030"),
        (D(2030, 12, 31), "2027–2030"),
    ],
)
def test_mandate_period_of_a_date_in_the_four_year_terms(day, expected):
    assert str(mandate_period_for(day)) == expected


def test_new_years_eve_and_new_years_day_fall_in_adjoining_periods():
    last_day = mandate_period_for(D(2022, 12, 31))
    first_day = mandate_period_for(D(2023, 1, 1))

    assert last_day != first_day
    assert last_day.next() == first_day
    assert first_day.previous() == last_day


def test_mandate_period_accepts_a_year_as_an_int():
    assert mandate_period_for(2024) == mandate_period_for(D(2024, 7, 1))
    assert str(mandate_period_for(2019)) == "2019–2022"


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1971, "1971–1973"),
        (1973, "1971–1973"),
        (1974, "1974–1976"),
        (1991, "1989–1991"),
        (1992, "1992–1994"),
        (1994, "1992–1994"),
        (1995, "1995–1998"),
    ],
)
def test_terms_were_three_years_from_1971_to_1994(year, expected):
    assert str(mandate_period_for(year)) == expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [(1967, "1967–1970"), (1970, "1967–1970"), (1966, "1963–1966"), (1963, "1963–1966")],
)
def test_terms_before_1971_were_four_years(year, expected):
    assert str(mandate_period_for(year)) == expected


def test_every_year_belongs_to_exactly_one_period_and_periods_follow_each_other():
    for year in range(1950, 2060):
        period = mandate_period_for(year)
        assert year in period
        assert D(year, 6, 1) in period
        expected_length = 3 if 1971 <= year <= 1994 else 4
        assert period.end_year - period.start_year + 1 == expected_length, year
        assert period.next().start_year == period.end_year + 1
        assert period.previous().end_year == period.start_year - 1


def test_mandate_period_starts_on_jan_1_and_ends_on_dec_31():
    period = mandate_period_for(2025)

    assert period.start == D(2023, 1, 1)
    assert period.end == D(2026, 12, 31)
    assert period.start in period
    assert period.end in period
    assert period.end + datetime.timedelta(days=1) not in period


# The reporting threshold (R3) -------------------------------------------------


class ThresholdTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.solleftea = factories.make_section("Sollefteå", reporting_threshold=10_000)
        cls.other = factories.make_section("Annan kommun", reporting_threshold=5_000)
        cls.solleftea_trips = factories.make_trip_index(cls.solleftea)
        cls.other_trips = factories.make_trip_index(cls.other)
        cls.solleftea_department = factories.make_department(cls.solleftea)
        cls.other_department = factories.make_department(cls.other)

    def trip(self, cost, index=None, department=None):
        return factories.make_trip(
            index or self.solleftea_trips,
            department or self.solleftea_department,
            total_cost=Decimal(cost),
        )

    def test_trip_of_exactly_the_threshold_is_not_over_it(self):
        trip = self.trip("10000")

        assert not is_over_threshold(trip)
        assert not trip.is_over_threshold

    def test_trip_of_one_ore_more_than_the_threshold_is_over_it(self):
        trip = self.trip("10000.01")

        assert is_over_threshold(trip)
        assert trip.is_over_threshold

    def test_threshold_is_the_municipalitys_own(self):
        cost = "6000"
        here = self.trip(cost)
        there = self.trip(cost, self.other_trips, self.other_department)

        assert here.reporting_threshold == 10_000
        assert there.reporting_threshold == 5_000
        assert not is_over_threshold(here)
        assert is_over_threshold(there)

    def test_a_trip_of_exactly_another_municipalitys_threshold_is_not_over_it(self):
        trip = self.trip("5000", self.other_trips, self.other_department)

        assert not is_over_threshold(trip)

    def test_a_threshold_given_explicitly_overrides_the_sections(self):
        trip = self.trip("6000")

        assert not is_over_threshold(trip)
        assert is_over_threshold(trip, threshold=5_000)

    def test_trip_without_a_cost_is_not_over_the_threshold(self):
        trip = TripReportPage(total_cost=None)

        assert not is_over_threshold(trip, threshold=0)


# Board approval (R2) ----------------------------------------------------------


class BoardApprovalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = factories.make_section()
        cls.skjern = factories.make_twin_town(factories.make_twin_town_index(cls.section))
        cls.trips = factories.make_trip_index(cls.section)
        cls.department = factories.make_department(cls.section)

    def test_trip_to_twin_town_requires_board_approval(self):
        trip = factories.make_trip(
            self.trips, self.department, destination_twin_town=self.skjern, destination_place=""
        )

        assert requires_board_approval(trip)
        assert trip.requires_board_approval

    def test_trip_to_a_place_that_is_not_a_twin_town_needs_no_board_approval(self):
        trip = factories.make_trip(self.trips, self.department, destination_place="Bryssel")

        assert not requires_board_approval(trip)
        assert not trip.requires_board_approval


# Whether a policy is in force (P1, P2) -----------------------------------------


class PolicyStatusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = factories.make_section()

    def policy(self, title="Internationell policy", **fields):
        return factories.make_policy(self.section, title=title, **fields)

    def draft_policy(self, title, **fields):
        page = PolicyPage(title=title, live=False, **fields)
        self.section.add_child(instance=page)
        page.save_revision()
        return page

    def test_policy_that_has_taken_effect_and_has_no_end_is_in_force(self):
        policy = self.policy(valid_from=days_from_today(-365), valid_until=None)

        assert policy_status(policy) == PolicyStatus.IN_FORCE
        assert policy.status == PolicyStatus.IN_FORCE
        assert policy.status_label == PolicyStatus.labels[PolicyStatus.IN_FORCE]

    def test_policy_is_in_force_on_its_first_and_last_day(self):
        policy = self.policy(valid_from=D(2013, 1, 1), valid_until=D(2014, 12, 31))

        assert policy_status(policy, on=D(2013, 1, 1)) == PolicyStatus.IN_FORCE
        assert policy_status(policy, on=D(2014, 12, 31)) == PolicyStatus.IN_FORCE

    def test_policy_valid_from_a_future_date_is_upcoming(self):
        policy = self.policy(decision_date=days_from_today(-10), valid_from=days_from_today(30))

        assert policy.status == PolicyStatus.UPCOMING

    def test_policy_without_valid_from_takes_effect_on_its_decision_date(self):
        policy = self.policy(decision_date=D(2016, 2, 8), valid_from=None)

        assert policy_status(policy, on=D(2016, 2, 7)) == PolicyStatus.UPCOMING
        assert policy_status(policy, on=D(2016, 2, 8)) == PolicyStatus.IN_FORCE

    def test_policy_whose_valid_until_has_passed_is_expired(self):
        policy = self.policy(valid_from=D(2019, 1, 1), valid_until=days_from_today(-1))

        assert policy.status == PolicyStatus.EXPIRED

    def test_status_on_a_given_date(self):
        policy = self.policy(valid_from=D(2019, 1, 1), valid_until=D(2022, 12, 31))

        assert policy_status(policy, on=D(2018, 12, 31)) == PolicyStatus.UPCOMING
        assert policy_status(policy, on=D(2020, 6, 1)) == PolicyStatus.IN_FORCE
        assert policy_status(policy, on=D(2023, 1, 1)) == PolicyStatus.EXPIRED

    def test_policy_is_superseded_once_a_live_successor_has_taken_effect(self):
        old = self.policy("Riktlinjer 2006", valid_from=D(2006, 1, 1))
        self.policy("Policy 2012", slug="policy-2012", supersedes=old, valid_from=D(2012, 6, 1))

        assert old.status == PolicyStatus.SUPERSEDED
        assert policy_status(old, on=D(2012, 6, 1)) == PolicyStatus.SUPERSEDED
        assert policy_status(old, on=D(2012, 5, 31)) == PolicyStatus.IN_FORCE

    def test_superseded_wins_over_expired(self):
        old = self.policy("Riktlinjer 2006", valid_from=D(2006, 1, 1), valid_until=D(2010, 12, 31))
        self.policy("Policy 2012", slug="policy-2012", supersedes=old, valid_from=D(2012, 6, 1))

        assert old.status == PolicyStatus.SUPERSEDED

    def test_successor_that_takes_effect_in_the_future_does_not_supersede_yet(self):
        old = self.policy("Policy 2019", valid_from=D(2019, 1, 1))
        self.policy(
            "Policy 2027",
            slug="policy-2027",
            supersedes=old,
            decision_date=days_from_today(-30),
            valid_from=days_from_today(60),
        )

        assert old.status == PolicyStatus.IN_FORCE

    def test_unpublished_draft_successor_does_not_supersede(self):
        old = self.policy("Policy 2019", valid_from=D(2019, 1, 1))
        self.draft_policy(
            "Policy 2023", slug="policy-2023", supersedes=old, valid_from=D(2023, 1, 1)
        )

        assert old.status == PolicyStatus.IN_FORCE

    def test_supersession_only_in_a_draft_of_a_live_page_does_not_count(self):
        old = self.policy("Policy 2019", valid_from=D(2019, 1, 1))
        successor = self.policy("Policy 2023", slug="policy-2023", valid_from=D(2023, 1, 1))
        successor.supersedes = old
        successor.save_revision()

        assert PolicyPage.objects.get(pk=successor.pk).supersedes_id is None
        assert old.status == PolicyStatus.IN_FORCE

    def test_successors_can_be_given_to_spare_the_query(self):
        old = self.policy("Policy 2019", valid_from=D(2019, 1, 1))
        successor = PolicyPage(title="Policy 2023", valid_from=D(2023, 1, 1))

        with self.assertNumQueries(0):
            assert policy_status(old, on=D(2024, 1, 1), successors=[successor]) == (
                PolicyStatus.SUPERSEDED
            )
            assert policy_status(old, on=D(2024, 1, 1), successors=[]) == PolicyStatus.IN_FORCE
