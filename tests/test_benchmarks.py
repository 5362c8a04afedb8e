"""The benchmark scripts run to the end on tiny data and print their tables.

They are reports, not tests (they never fail on a figure); this only keeps them
working as the package changes. Each builds its own database in a child process.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def once_per_ci_run():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the benchmarks build their own SQLite databases: checked in the SQLite run")


def run(script, *arguments):
    completed = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "benchmarks" / script), *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    assert "could not finish" not in completed.stdout, completed.stdout + completed.stderr
    return completed.stdout


def test_the_register_benchmark_measures_every_operation_at_both_sizes():
    output = run("registers.py", "--small=8", "--large=60", "--requests=1", "--export-requests=1")

    assert "Small: 8 trip reports" in output
    assert "Large: 60 trip reports" in output
    for operation in ("List, first page", "Filter: not reported back", "Search: skolutbyte"):
        line = next(line for line in output.splitlines() if line.startswith(operation))
        assert "failed" not in line
    export_lines = [line for line in output.splitlines() if line.startswith(("CSV", "XLSX"))]
    # Every trip report is exported, at each size.
    assert [line.split()[1:2] + line.split()[5:6] for line in export_lines] == [
        ["8", "60"],
        ["8", "60"],
    ]


def test_the_public_pages_benchmark_measures_every_page_type():
    output = run(
        "public_pages.py",
        "--requests=1",
        "--warmup=0",
        "--export-requests=1",
        "--twin-towns=3",
        "--trips=6",
        "--small-twin-towns=1",
        "--small-trips=2",
        "--runs=uncached",
    )

    assert "failed" not in output
    assert "Trip-report list" in output
    assert "Every page type's query count constant" in output
