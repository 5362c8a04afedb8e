"""The seed rules as plain functions.

Models, forms, workflow tasks and reports all call these, so that "over the
threshold" or "in force" means one thing everywhere. Rule ids refer to DOMAIN.md.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Since the 1994 election Swedish councils sit for four years (1995–1998, …,
# 2019–2022, 2023–2026, 2027–2030). From the 1970 election to the 1994 election
# the term was three years (1971–1973, …, 1992–1994), and before that four years
# again (…, 1963–1966, 1967–1970). Terms are counted in calendar years, as the
# municipalities' own documents do.
FOUR_YEAR_TERMS_FROM = 1995
THREE_YEAR_TERMS_FROM = 1971


@dataclass(frozen=True, order=True)
class MandatePeriod:
    """A council's term of office (mandatperiod), e.g. 2023–2026."""

    start_year: int
    end_year: int

    def __str__(self):
        return f"{self.start_year}–{self.end_year}"

    def __contains__(self, day):
        return self.start_year <= _year_of(day) <= self.end_year

    @property
    def start(self):
        return datetime.date(self.start_year, 1, 1)

    @property
    def end(self):
        return datetime.date(self.end_year, 12, 31)

    def next(self):
        return mandate_period_for(self.end_year + 1)

    def previous(self):
        return mandate_period_for(self.start_year - 1)


def _year_of(day):
    return day if isinstance(day, int) else day.year


def mandate_period_for(day):
    """Return the mandate period that a date (or a year) falls in (T2).

    >>> str(mandate_period_for(datetime.date(2024, 5, 1)))
    '2023–2026'
    """
    year = _year_of(day)
    if year >= FOUR_YEAR_TERMS_FROM:
        start = FOUR_YEAR_TERMS_FROM + (year - FOUR_YEAR_TERMS_FROM) // 4 * 4
        return MandatePeriod(start, start + 3)
    if year >= THREE_YEAR_TERMS_FROM:
        start = THREE_YEAR_TERMS_FROM + (year - THREE_YEAR_TERMS_FROM) // 3 * 3
        return MandatePeriod(start, start + 2)
    start = THREE_YEAR_TERMS_FROM - ((THREE_YEAR_TERMS_FROM - 1 - year) // 4 + 1) * 4
    return MandatePeriod(start, start + 3)


def current_mandate_period(today=None):
    return mandate_period_for(today or timezone.localdate())


def is_over_threshold(trip, threshold=None):
    """A trip that costs more than the threshold must be reported back (R3).

    "More than 10 000 kronor": a trip of exactly the threshold is not over it.
    The threshold is the municipality's own, read from the trip's section unless
    given.
    """
    if trip.total_cost is None:
        return False
    if threshold is None:
        threshold = trip.reporting_threshold
    return Decimal(trip.total_cost) > Decimal(threshold)


def requires_board_approval(trip):
    """Every trip to a twin town needs the executive board's approval first (R2)."""
    return trip.destination_twin_town_id is not None


class PolicyStatus:
    IN_FORCE = "in_force"
    UPCOMING = "upcoming"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"

    labels = {
        IN_FORCE: _("In force"),
        UPCOMING: _("Upcoming"),
        EXPIRED: _("Expired"),
        SUPERSEDED: _("Superseded"),
    }


def policy_status(policy, on=None, successors=None):
    """Say whether a policy is in force, upcoming, expired or superseded on a date (P1, P2).

    Computed from the validity dates and from the live policies that supersede
    it, never typed by hand. A successor only supersedes from the day it takes
    effect. ``successors`` may be given to spare the query.
    """
    on = on or timezone.localdate()
    if successors is None:
        successors = policy.superseded_by_policies()
    for successor in successors:
        takes_effect = successor.effective_from
        if takes_effect is None or takes_effect <= on:
            return PolicyStatus.SUPERSEDED
    starts = policy.effective_from
    if starts is not None and starts > on:
        return PolicyStatus.UPCOMING
    if policy.valid_until is not None and policy.valid_until < on:
        return PolicyStatus.EXPIRED
    return PolicyStatus.IN_FORCE
