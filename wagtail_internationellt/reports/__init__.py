"""Reports on a municipality's international work, built from its live pages.

``annual_account(section, year)`` gathers what the annual report accounts for
(R4, R5); ``write_csv`` and ``write_xlsx`` write it for spreadsheets.
"""

from .annual import (
    AnnualAccount,
    EvaluationRow,
    GroupTotal,
    TripRow,
    annual_account,
    write_csv,
    write_xlsx,
)

__all__ = [
    "AnnualAccount",
    "EvaluationRow",
    "GroupTotal",
    "TripRow",
    "annual_account",
    "write_csv",
    "write_xlsx",
]
