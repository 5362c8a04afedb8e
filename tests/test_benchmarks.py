"""The benchmark scripts run to the end on tiny data and print their tables.

They are reports, not tests (they never fail on a figure); this only keeps them
working as the package changes. Each builds its own database in a child process:
SQLite for the public pages and the registers, PostgreSQL for the scale benchmark.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The PostgreSQL server of the scale benchmark when the suite runs on SQLite.
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
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


@pytest.mark.usefixtures("once_per_ci_run")
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


@pytest.mark.usefixtures("once_per_ci_run")
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


@pytest.fixture
def postgres_server():
    """The URL of the PostgreSQL server the scale benchmark builds its databases on.

    The suite's own server on a PostgreSQL run (DATABASE_URL), else the local one. The
    test skips when it is not reachable; with REQUIRE_POSTGRES=1 it fails instead.
    """
    import dj_database_url
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres:", "postgresql:")):
        url = DEFAULT_POSTGRES_URL
    server = dj_database_url.parse(url)
    try:
        psycopg.connect(
            dbname="postgres",
            host=server.get("HOST") or None,
            port=server.get("PORT") or None,
            user=server.get("USER") or None,
            password=server.get("PASSWORD") or None,
            connect_timeout=3,
        ).close()
    except psycopg.OperationalError as error:
        reason = f"the scale benchmark needs PostgreSQL, not reachable at {url}: {error}"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


def test_the_scale_benchmark_measures_every_page_at_both_sizes(postgres_server):
    # A database name of this run's own, dropped by the benchmark when it ends.
    url = urlsplit(postgres_server)._replace(path=f"/internationellt_scale_smoke_{os.getpid()}")
    output = run(
        "scale.py",
        "--municipalities=3",
        "--small-municipalities=2",
        "--twin-towns=2",
        "--trips=3",
        "--requests=2",
        "--warmup=0",
        f"--database-url={url.geturl()}",
    )

    assert "could not finish" not in output
    assert "PostgreSQL" in output
    lines = output.splitlines()
    header = next(line for line in lines if line.startswith("Page "))
    assert "ratio" in header
    for page in (
        "Section start",
        "Policy page",
        "Twin-town list",
        "Twin-town page",
        "Trip-report list",
        "Trip report page",
        "RSS feed",
        "Atom feed",
        "Trip reports CSV",
        "Trip reports JSON",
        "Section search",
        "Trips: list, first page",
        "Trips: search: skolutbyte",
        "Twin towns: list",
        "Departments: list",
    ):
        rows = [line for line in lines if line.startswith(page + " ")]
        assert rows, f"no row for {page}"
        assert not any("failed" in row for row in rows), rows
    # Each register page once as an editor and once as a superuser.
    assert len([line for line in lines if line.startswith("Departments: list ")]) == 2
    assert "Every ratio large/small" in output
    assert "The databases are dropped" in output


def load_test_tools():
    """The Redis URL of the load test, once wrk and Redis are found; skips (fails with
    REQUIRE_POSTGRES=1) without them."""
    import shutil

    import redis

    missing = None
    url = "redis://127.0.0.1:6379/6"
    if shutil.which("wrk") is None:
        missing = "the load test needs wrk: apt-get install wrk"
    else:
        try:
            with redis.Redis.from_url(url, socket_connect_timeout=3) as client:
                client.ping()
        except redis.RedisError as error:
            missing = f"the load test needs Redis, not reachable at {url}: {error}"
    if missing and os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail(missing)
    if missing:
        pytest.skip(missing)
    return url


def test_the_load_test_serves_both_runs_without_errors(postgres_server):
    redis_url = load_test_tools()
    # A database name of this run's own, dropped by the load test when it ends.
    url = urlsplit(postgres_server)._replace(path=f"/internationellt_load_smoke_{os.getpid()}")
    output = run(
        "load.py",
        "--seconds=2",
        "--warmup=1",
        "--connections=4",
        "--workers=2",
        f"--database-url={url.geturl()}",
        f"--redis-url={redis_url}",
    )

    assert "cannot run" not in output, output
    lines = output.splitlines()
    for name in ("uncached", "cached"):
        row = next((line for line in lines if line.startswith(f"{name} ")), None)
        assert row is not None, output
        columns = row.split()
        # requests, req/s, p50, p95, p99, non-2xx, socket errors, errors
        assert int(columns[1]) > 0, row
        assert columns[6:9] == ["0", "0", "0"], row
    assert "Errors: 0 (target 0): met." in output
    assert "Cached / uncached throughput:" in output
