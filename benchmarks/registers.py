"""Response times and SQL query counts of the trip register (*Resor*) in the admin.

Builds one municipality's section twice, each time in a fresh SQLite database of its
own (in memory): once with a small number of trip reports (500 by default) and once
with a large one (50,000), with the same departments, twin towns and spread of years.
Each size is built and measured in a child process of its own, so that neither sees the
other's rows or caches. In each, an editor of the section (the municipality's
*Redaktörer* group, as ``internationellt_roles`` sets it up) requests the register with
Django's test client (timed as in the public-pages benchmark):

- the list, its first page and a later one, and the list filtered by year, mandate
  period, department, twin town, over the threshold, not reported back and mandate
  period with over the threshold, and a search;
- the CSV and XLSX exports of the whole register, which write every row.

It prints, per operation, the rows the page shows, the median and 95th percentile of N
requests after warm-up requests, the ratio of the large median to the small one, and
the SQL queries of one request at each size. The data are spread so that each filter
fills a page (or nearly) at both sizes: the ratio compares pages of the same length.
The list and the filters are paginated: the target is a ratio of at most 2 and the
same queries at both sizes. The exports are linear in rows by nature: they are
compared per 1,000 rows.

It is a report, not a test: the exit code is 0 whatever it finds, and also when it
cannot run (a wrong option, an error, which it prints). It makes no network request.

Usage::

    .venv/bin/python benchmarks/registers.py [options]
    make benchmark-registers BENCHMARK_ARGS="--requests 10"

Options:
    --small N           trip reports in the small section (default 500)
    --large N           trip reports in the large section (default 50000)
    --requests N        measured requests per list operation (default 20)
    --export-requests N measured requests per export (default 3)
    --warmup N          requests before measuring, not counted (default 2)
    --max-seconds S     stop timing an operation after S seconds even if fewer than N
                        requests were made (default 20)
"""

import argparse
import json
import subprocess
import sys
import time
import traceback

# The builders and the Django configuration are the public-pages benchmark's.
from public_pages import (
    Builder,
    Failed,
    build_section,
    building,
    configure_django,
    measure,
    refuse_network,
)

RATIO_LIMIT = 2.0
REGISTER = "/admin/wagtail_internationellt/tripreportpage/"
TWIN_TOWNS = 20
FILTERED_YEAR = 2024
FILTERED_PERIOD = 2023  # the mandate period 2023–2026
SEARCH_WORD = "skolutbyte"
LIST = "list"
EXPORT = "export"


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Response times and SQL query counts of the trip register in the admin."
    )
    parser.add_argument(
        "--small", type=int, default=500, help="trip reports in the small section (500)"
    )
    parser.add_argument(
        "--large", type=int, default=50_000, help="trip reports in the large section (50000)"
    )
    parser.add_argument(
        "--requests", type=int, default=20, help="measured requests per list operation (20)"
    )
    parser.add_argument(
        "--export-requests", type=int, default=3, help="measured requests per export (3)"
    )
    parser.add_argument(
        "--warmup", type=int, default=2, help="requests before measuring, not counted (2)"
    )
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=20.0,
        help="stop timing an operation after this many seconds even if fewer requests "
        "were made (20)",
    )
    # Internal: build and measure one size, print the result as JSON.
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if min(arguments.small, arguments.large) < 1:
        parser.error("each size needs at least one trip report")
    if min(arguments.requests, arguments.export_requests) < 1:
        parser.error("at least one measured request per operation")
    return arguments


# One size, in a child process


def build(trips):
    """Migrate, build the section with ``trips`` trip reports, and its editor."""
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.models import Site

    from wagtail_internationellt.roles import EDITORS, setup_section_roles

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False, stdout=StringIO())
    with building():
        builder = Builder()
        home = Site.objects.get(is_default_site=True).root_page.specific
        content = build_section(builder, home, "kommun", "Kommunen", TWIN_TOWNS, trips)
        roles = setup_section_roles(content["section"])
        editor = get_user_model().objects.create_user("redaktor", "redaktor@example.se", "x")
        editor.groups.add(roles.groups[EDITORS])
    return content, editor, time.perf_counter() - started


def operations(content):
    """(name, kind, query string) of each operation on the register."""
    department = content["department"].pk
    twin_town = content["twin_town"].pk
    return [
        ("List, first page", LIST, ""),
        ("List, page 5", LIST, "p=5"),
        (f"Filter: year {FILTERED_YEAR}", LIST, f"ar={FILTERED_YEAR}"),
        ("Filter: mandate period", LIST, f"mandatperiod={FILTERED_PERIOD}"),
        ("Filter: department", LIST, f"forvaltning={department}"),
        ("Filter: twin town", LIST, f"vanort={twin_town}"),
        ("Filter: over threshold", LIST, "over_grans=ja"),
        ("Filter: not reported back", LIST, "aterrapporterad=nej"),
        (
            "Filter: period + over threshold",
            LIST,
            f"mandatperiod={FILTERED_PERIOD}&over_grans=ja",
        ),
        (f"Search: {SEARCH_WORD}", LIST, f"q={SEARCH_WORD}"),
        ("Export CSV", EXPORT, "export=csv"),
        ("Export XLSX", EXPORT, "export=xlsx"),
    ]


def exported_rows(query, body):
    if query == "export=csv":
        return max(body.decode("utf-8-sig").count("\r\n") - 1, 0)
    from io import BytesIO

    import openpyxl

    sheet = openpyxl.load_workbook(BytesIO(body), read_only=True).active
    return sum(1 for _row in sheet.iter_rows()) - 1


def rows_shown(body):
    """The rows of the register's table on the page."""
    html = body.decode()
    table = html.find('<table class="listing')
    if table == -1:
        return 0
    start = html.find("<tbody", table)
    return html.count("<tr", start, html.find("</tbody>", start))


def measure_size(arguments):
    from django.test import Client

    from wagtail_internationellt.models import TripReportPage

    trips = arguments.measure
    content, editor, build_seconds = build(trips)
    client = Client()
    client.force_login(editor)
    results = {"trips": trips, "build_seconds": build_seconds, "operations": {}}
    for name, kind, query in operations(content):
        url = f"{REGISTER}?{query}" if query else REGISTER
        requests = arguments.requests if kind == LIST else arguments.export_requests
        warmup = arguments.warmup if kind == LIST else min(arguments.warmup, 1)
        try:
            measured = measure(client, url, requests, warmup, arguments.max_seconds)
        except Failed as error:
            results["operations"][name] = {"error": f"{url}: {error}"}
            continue
        body = measured.body
        results["operations"][name] = {
            "kind": kind,
            "median": measured.median,
            "p95": measured.p95,
            "requests": measured.requests,
            "queries": measured.queries,
            "rows": exported_rows(query, body) if kind == EXPORT else rows_shown(body),
        }
    results["live_trips"] = TripReportPage.objects.live().count()
    return results


# The parent: both sizes, then the comparison


def run_size(trips, arguments):
    command = [
        sys.executable,
        __file__,
        f"--measure={trips}",
        f"--requests={arguments.requests}",
        f"--export-requests={arguments.export_requests}",
        f"--warmup={arguments.warmup}",
        f"--max-seconds={arguments.max_seconds}",
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0 or not completed.stdout.strip():
        raise RuntimeError(
            f"measuring {trips} trip reports failed:\n{completed.stderr or completed.stdout}"
        )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def print_report(small, large):
    print(
        f"Small: {small['live_trips']} trip reports (built in {small['build_seconds']:.1f} s). "
        f"Large: {large['live_trips']} trip reports (built in {large['build_seconds']:.1f} s)."
    )
    print("Each in its own SQLite database; requests by an editor of the section, in English.")
    print()
    header = (
        f"{'Operation':<32}{'rows':>5}{'median':>9}{'p95':>9}   {'rows':>5}{'median':>9}"
        f"{'p95':>9}{'ratio':>8}   {'small':>6}{'large':>7}  equal"
    )
    print(f"{'':<32}{'small (ms)':^23}   {'large (ms)':^23}{'':>8}   {'queries':^20}")
    print(header)
    print("-" * len(header))
    ratios_ok = queries_constant = True
    exports, uneven = [], []
    for name, small_row in small["operations"].items():
        large_row = large["operations"][name]
        if "error" in small_row or "error" in large_row:
            ratios_ok = queries_constant = False
            print(f"{name:<32}failed: {small_row.get('error') or large_row.get('error')}")
            continue
        if small_row["kind"] == EXPORT:
            exports.append((name, small_row, large_row))
            continue
        ratio = large_row["median"] / small_row["median"]
        equal = small_row["queries"] == large_row["queries"]
        ratios_ok = ratios_ok and ratio <= RATIO_LIMIT
        queries_constant = queries_constant and equal
        verdict = "yes" if equal else f"no ({large_row['queries'] - small_row['queries']:+d})"
        if small_row["rows"] != large_row["rows"]:
            uneven.append(name)
        print(
            f"{name:<32}{small_row['rows']:>5}{small_row['median']:>9.1f}"
            f"{small_row['p95']:>9.1f}   {large_row['rows']:>5}{large_row['median']:>9.1f}"
            f"{large_row['p95']:>9.1f}{ratio:>8.2f}   "
            f"{small_row['queries']:>6}{large_row['queries']:>7}  {verdict}"
        )
    print("rows = rows of the register's table on the page (at most 50 to a page).")
    if uneven:
        print(
            f"Pages of different length at the two sizes: {', '.join(uneven)}. Their ratio "
            "also measures the extra rows, and a page without rows makes fewer queries."
        )
    print(
        f"List and filters: every ratio large/small ≤ {RATIO_LIMIT:g}: "
        f"{'yes' if ratios_ok else 'no'}. Queries constant: "
        f"{'yes' if queries_constant else 'no'}."
    )
    if not exports:
        return
    print()
    print("Exports (every row of the register): median, and per 1,000 rows")
    columns = f"{'rows':>8}{'ms':>10}{'ms/1000':>9}{'queries':>9}"
    header = f"{'Export':<14}{columns}   {columns}{'ratio/row':>11}"
    print(f"{'':<14}{'small':^36}   {'large':^36}")
    print(header)
    print("-" * len(header))
    for name, small_row, large_row in exports:
        cells, per_row = [], []
        for row in (small_row, large_row):
            per_thousand = row["median"] / row["rows"] * 1000 if row["rows"] else float("nan")
            per_row.append(per_thousand)
            cells.append(
                f"{row['rows']:>8}{row['median']:>10.1f}{per_thousand:>9.1f}{row['queries']:>9}"
            )
        label = name.replace("Export ", "")
        print(f"{label:<14}{cells[0]}   {cells[1]}{per_row[1] / per_row[0]:>11.2f}")
    print("ratio/row = large ms per 1,000 rows / small ms per 1,000 rows (linear: about 1).")


def main(argv=None):
    try:
        arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    except SystemExit:
        # --help, or a wrong option (argparse has said which): nothing to report.
        return 0
    refuse_network()
    if arguments.measure is not None:
        # The child: build one size in memory, measure, print JSON as the last line.
        configure_django(":memory:")
        print(json.dumps(measure_size(arguments)))
        return 0
    started = time.perf_counter()
    try:
        small = run_size(arguments.small, arguments)
        large = run_size(arguments.large, arguments)
        print_report(small, large)
    except Exception:
        # A report, not a test: say what went wrong and end normally.
        traceback.print_exc()
        print("The benchmark could not finish; see the error above.")
    print(f"Total time: {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
