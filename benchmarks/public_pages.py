"""Response times and SQL query counts of the public pages, against a bare Wagtail page.

Builds two municipalities' sections in a fresh SQLite database (in memory unless told
otherwise): a small one and a large one, with trip reports spread over several years,
departments and twin towns, evaluations on some twin towns and a chain of policies.
Then, in the same process, it requests each public page type of both sections with
Django's test client, together with a bare Wagtail page (a plain ``Page`` below the
site root, served with Wagtail's own minimal template), and prints for each:

- the median and 95th percentile of N requests, after warm-up requests;
- the ratio of that median to the bare page's median, the bare page being requested
  in turn with the page so that both see the same machine load;
- the SQL queries of one request in the small and in the large section, and whether
  they are equal (a page whose queries grow with the data has an N+1).

It measures twice: with the render cache off (``WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT
= 0``, "uncached") and on (the package's default timeout, "cached"); the cache is
cleared between the runs. The CSV and JSON exports list every row and so grow with the
data by nature: they are timed per 1,000 rows at both sizes, not against the bare page.

It is a report, not a test: the exit code is 0 whatever it finds, and also when it
cannot run (a wrong option, an error, which it prints). It makes no network request
(outgoing connections are refused while it runs).

Usage::

    .venv/bin/python benchmarks/public_pages.py [options]
    make benchmark BENCHMARK_ARGS="--requests 20"

Options:
    --requests N            measured requests per page (default 50)
    --warmup N              requests before measuring, not counted (default 2)
    --export-requests N     measured requests per open-data export (default 5)
    --max-seconds S         stop timing a page after S seconds even if fewer than N
                            requests were made; the table says which (default 10)
    --twin-towns N          twin towns in the large section (default 1000)
    --trips N               trip reports in the large section (default 5000)
    --small-twin-towns N    twin towns in the small section (default 10)
    --small-trips N         trip reports in the small section (default 10)
    --runs RUNS             which runs, comma separated: uncached,cached (default both)
    --database PATH         build the database in this SQLite file, which must not exist
                            yet (default: in memory)
"""

import argparse
import contextlib
import datetime
import json
import socket
import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_SETTING = "WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT"
RATIO_LIMIT = 1.5
COUNTRIES = [
    # (ISO code, latitude, longitude) of a point in the country, to place twin towns.
    ("FI", 63.1, 22.5),
    ("DK", 56.0, 9.3),
    ("NO", 60.5, 8.5),
    ("EE", 58.6, 25.5),
    ("DE", 51.2, 10.4),
    ("PL", 52.1, 19.4),
    ("LV", 56.9, 24.6),
    ("LT", 55.2, 23.9),
    ("IS", 64.9, -18.6),
    ("FR", 46.6, 2.2),
    ("NL", 52.1, 5.3),
    ("US", 43.1, -89.4),
    ("JP", 39.7, 141.1),
    ("CL", -27.1, -109.4),
    ("IT", 42.8, 12.6),
    ("ES", 40.4, -3.7),
    ("GB", 54.0, -2.0),
    ("CZ", 49.8, 15.5),
    ("HU", 47.2, 19.5),
    ("AT", 47.5, 14.6),
]
PLACES = [("Bryssel", "BE"), ("Strasbourg", "FR"), ("Luxemburg", "LU"), ("Genève", "CH")]
DEPARTMENTS = [
    "Barn- och utbildningsförvaltningen",
    "Kultur- och fritidsförvaltningen",
    "Kommunledningsförvaltningen",
    "Samhällsbyggnadsförvaltningen",
    "Socialförvaltningen",
    "Miljö- och hälsoskyddsnämnden",
    "Tekniska förvaltningen",
    "Näringslivsenheten",
]
FIRST_TRIP_DAY = datetime.date(2015, 1, 1)
TRIP_DAYS = 11 * 365  # trips from 2015 to 2025
SEARCH_WORD = "skolutbyte"
FILTERED_YEAR = 2024
# Search results are a view of the section's start page, not a page type: every
# query differs, so they are not cached and are left out of the verdicts.
SEARCH_ROW = "Section search**"


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Response times and SQL query counts of the public pages."
    )
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--export-requests", type=int, default=5)
    parser.add_argument("--max-seconds", type=float, default=10.0)
    parser.add_argument("--twin-towns", type=int, default=1000)
    parser.add_argument("--trips", type=int, default=5000)
    parser.add_argument("--small-twin-towns", type=int, default=10)
    parser.add_argument("--small-trips", type=int, default=10)
    parser.add_argument("--runs", default="uncached,cached")
    parser.add_argument("--database", default=":memory:")
    arguments = parser.parse_args(argv)
    arguments.runs = [run.strip() for run in arguments.runs.split(",") if run.strip()]
    unknown = set(arguments.runs) - {"uncached", "cached"}
    if unknown:
        parser.error(f"unknown runs: {', '.join(sorted(unknown))}")
    if min(arguments.twin_towns, arguments.small_twin_towns) < 1:
        parser.error("each section needs at least one twin town")
    if min(arguments.trips, arguments.small_trips) < 1:
        parser.error("each section needs at least one trip report")
    if arguments.database != ":memory:" and Path(arguments.database).exists():
        parser.error(f"{arguments.database} exists: give a new file")
    return arguments


def refuse_network(allow=()):
    """Make any outgoing connection fail: the benchmarks need none.

    ``allow`` lists (host, port) addresses that may still be reached: a database
    server. A host name in it may be resolved, and the addresses it resolves to
    are allowed with it.
    """
    allowed = {(host, int(port)) for host, port in allow}
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    create_connection, getaddrinfo = socket.create_connection, socket.getaddrinfo

    def is_allowed(address):
        try:
            return (address[0], int(address[1])) in allowed
        except (TypeError, ValueError, IndexError):  # a Unix socket's path, a service name
            return False

    def refuse(address):
        raise OSError(f"the benchmarks make no network requests (refused: {address!r})")

    def guarded(original):
        def call(self, address):
            if not is_allowed(address):
                refuse(address)
            return original(self, address)

        return call

    def guarded_create_connection(address, *args, **kwargs):
        if not is_allowed(address):
            refuse(address)
        return create_connection(address, *args, **kwargs)

    def guarded_getaddrinfo(host, port, *args, **kwargs):
        if not is_allowed((host, port)):
            refuse((host, port))
        found = getaddrinfo(host, port, *args, **kwargs)
        allowed.update((info[4][0], int(info[4][1])) for info in found)
        return found

    socket.socket.connect = guarded(connect)
    socket.socket.connect_ex = guarded(connect_ex)
    socket.create_connection = guarded_create_connection
    socket.getaddrinfo = guarded_getaddrinfo


def configure_django(database=":memory:", **overrides):
    """The package inside the example site's settings, as tests/settings.py has it.

    ``database`` names the SQLite database; ``overrides`` replace settings (another
    ``DATABASES``, for one).
    """
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    import django
    from django.conf import settings

    from example_site.settings import base

    values = {name: getattr(base, name) for name in dir(base) if name.isupper()}
    values.update(
        SECRET_KEY="benchmark-only-not-secret",  # noqa: S106
        DEBUG=False,
        ALLOWED_HOSTS=["*"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": database}},
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        WAGTAILADMIN_BASE_URL="http://testserver",
    )
    values.update(overrides)
    settings.configure(**values)
    django.setup()


# Building the content


class Builder:
    """Writes live pages straight into the tree, as ``parent.add_child`` would.

    Pages are appended as the last children of their parent, without validation, a
    revision, a "created" log entry or the search and reference index updates of each
    save: building the large section page by page through revisions would take
    minutes. The search index is built once at the end (``update_index``).
    """

    def __init__(self):
        from django.utils import timezone

        self.published_at = timezone.now() - datetime.timedelta(days=1)
        self.published = 0

    def add(self, parent, page):
        return self.add_all(parent, [page])[0]

    def add_all(self, parent, pages):
        from wagtail.models import Page

        depth = parent.depth + 1
        for number, page in enumerate(pages, start=parent.numchild + 1):
            self.published += 1
            page.depth = depth
            page.path = parent._get_path(parent.path, depth, number)
            page.numchild = 0
            page.locale_id = parent.locale_id
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            # Publication times one second apart, so that feeds have an order.
            moment = self.published_at + datetime.timedelta(seconds=self.published)
            page.first_published_at = page.last_published_at = moment
            page._cached_parent_obj = parent
            page.save(clean=False, log_action=None)
        parent.numchild += len(pages)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
        return pages


def policy_body(number):
    return json.dumps(
        [
            {
                "type": "purpose",
                "value": {
                    "heading": "Syfte",
                    "text": f"<p>Policy {number}: varför kommunen arbetar internationellt.</p>",
                },
            },
            {
                "type": "goals",
                "value": {
                    "heading": "Mål",
                    "intro": "<p>Målen är:</p>",
                    "items": ["Stärka tillväxten", "Fler skolutbyten", "Mer EU-finansiering"],
                },
            },
            {
                "type": "twin_towns",
                "value": {
                    "heading": "Vänorter",
                    "text": "<p>Vänortsavtalen utvärderas varje mandatperiod.</p>",
                },
            },
        ]
    )


def build_section(builder, home, slug, municipality, twin_town_count, trip_count):
    """One section: three policies in a supersession chain, twin towns, trip reports.

    Returns the pages (and a department) the measurements need.
    """
    from wagtail_internationellt.models import (
        Department,
        InternationalIndexPage,
        PolicyPage,
        SupersededDocument,
        TripReportIndexPage,
        TripReportPage,
        TwinTownEvaluation,
        TwinTownIndexPage,
        TwinTownPage,
    )

    section = builder.add(
        home,
        InternationalIndexPage(
            title="Internationellt arbete",
            slug=slug,
            municipality_name=municipality,
            intro="<p>Varför kommunen arbetar internationellt.</p>",
        ),
    )
    policy = None
    for number, year in enumerate((1997, 2012, 2021), start=1):
        policy = builder.add(
            section,
            PolicyPage(
                title=f"Policy för internationellt arbete {year}",
                slug=f"policy-{year}",
                decision_date=datetime.date(year, 5, 6),
                registry_number=f"KS{year}/{number}",
                supersedes=policy,
                body=policy_body(number),
            ),
        )
    SupersededDocument.objects.bulk_create(
        SupersededDocument(
            policy=policy,
            sort_order=number,
            title=f"Riktlinjer för internationella kontakter {year}",
            decision_date=datetime.date(year, 3, 1),
            registry_number=f"KS{year}/9",
        )
        for number, year in enumerate((1985, 1991))
    )

    town_index = builder.add(
        section, TwinTownIndexPage(title="Vänorter", slug="vanorter", intro="<p>Vänorter.</p>")
    )
    towns = builder.add_all(
        town_index, [twin_town(TwinTownPage, number) for number in range(twin_town_count)]
    )
    evaluations = []
    for number, town in enumerate(towns):
        # The first twin town has an evaluation for each of six mandate periods,
        # every fourth one has one or two.
        periods = 6 if number == 0 else (1 + number % 8 // 4 if number % 4 == 0 else 0)
        evaluations += [
            TwinTownEvaluation(
                page=town,
                sort_order=period,
                decision_date=datetime.date(2024 - 4 * period, 6, 12),
                decision_reference=f"KF {2024 - 4 * period}-06-12 § {period + 10}",
                comment="Skolutbyte varje år." if period % 2 else "",
            )
            for period in range(periods)
        ]
    TwinTownEvaluation.objects.bulk_create(evaluations)

    departments = Department.objects.bulk_create(
        Department(section=section, name=name, responsible_title="Utvecklingsstrateg")
        for name in DEPARTMENTS
    )
    trip_index = builder.add(
        section, TripReportIndexPage(title="Reserapporter", slug="reserapporter")
    )
    trips = builder.add_all(
        trip_index,
        [trip_report(TripReportPage, number, towns, departments) for number in range(trip_count)],
    )
    trip = next((trip for trip in trips if trip.destination_twin_town_id), trips[0])
    return {
        "section": section,
        "policy": policy,
        "twin_town_index": town_index,
        "twin_town": towns[0],
        "trip_index": trip_index,
        "trip": trip,
        "department": departments[0],
    }


def twin_town(model, number):
    code, latitude, longitude = COUNTRIES[number % len(COUNTRIES)]
    status = "terminated" if number % 20 == 19 else "inactive" if number % 7 == 6 else "active"
    located = number % 3 != 2
    return model(
        title=f"Vänort {number:04d}",
        slug=f"vanort-{number:04d}",
        official_name=f"Vänort {number:04d} Stad" if number % 2 else "",
        country=code,
        region=f"Region {number % 13}",
        decision_year=1950 + number % 70,
        decision_reference=f"KF § {number % 150 + 1}",
        status=status,
        end_date=datetime.date(2019, 1, 1) if status == "terminated" else None,
        latitude=Decimal(f"{latitude + (number % 11 - 5) / 10:.6f}") if located else None,
        longitude=Decimal(f"{longitude + (number % 7 - 3) / 10:.6f}") if located else None,
        website=f"https://vanort-{number:04d}.example/",
        description="<p>Skolutbyte, kultur och näringsliv.</p>",
    )


def trip_report(model, number, towns, departments):
    start = FIRST_TRIP_DAY + datetime.timedelta(days=number * 37 % TRIP_DAYS)
    end = start + datetime.timedelta(days=2 + number % 4)
    # A quarter of the trips go to the first twin town, half to the others, a quarter
    # to places that are not twin towns.
    if number % 4 == 0:
        town = towns[0]
    elif number % 4 in (1, 2):
        town = towns[number * 7919 % len(towns)]
    else:
        town = None
    place, country = PLACES[number % len(PLACES)]
    cost = Decimal(2000 + number * 137 % 30000)
    return model(
        title=f"Resa {number:05d} till {town.title if town else place}",
        slug=f"resa-{number:05d}",
        destination_twin_town=town,
        destination_place="" if town else place,
        destination_country="" if town else country,
        start_date=start,
        end_date=end,
        department=departments[number % len(departments)],
        travellers_count=1 + number % 5,
        travellers_roles="förtroendevalda och tjänstepersoner",
        purpose=(
            "Skolutbyte och erfarenhetsutbyte." if number % 2 else "Samarbete om näringsliv."
        ),
        goals="Två nya projektidéer.",
        results="Ett gemensamt projekt." if number % 3 else "",
        total_cost=cost,
        board_approval_date=start - datetime.timedelta(days=30) if town else None,
        board_approval_reference="KS § 112" if town else "",
        # Every fifth trip over the threshold is not reported back to the board yet.
        reported_to_board_date=(
            end + datetime.timedelta(days=40) if cost > 10000 and number % 5 else None
        ),
        reported_to_council_date=end + datetime.timedelta(days=60) if number % 2 else None,
    )


@contextlib.contextmanager
def building():
    """One transaction, without the search and reference index updates of each save.

    The search index is built once afterwards where it is needed (``update_index``).
    """
    from django.db import transaction
    from django.db.models.signals import post_save
    from wagtail.search import index  # modelsearch's, re-exported, from Wagtail 7.1 on
    from wagtail.search.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    indexed_models = list(index.get_indexed_models())
    for model in indexed_models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with transaction.atomic(), disable_reference_index_auto_update():
            yield
    finally:
        for model in indexed_models:
            post_save.connect(post_save_signal_handler, sender=model)


def build(arguments):
    """Migrate, build both sections and the bare page; return what the pages need."""
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Page, Site

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()

    with building():
        builder = Builder()
        home = Site.objects.get(is_default_site=True).root_page.specific
        bare = builder.add(home, Page(title="Bar sida", slug="bar-sida"))
        small = build_section(
            builder,
            home,
            "liten",
            "Lilla kommun",
            arguments.small_twin_towns,
            arguments.small_trips,
        )
        large = build_section(
            builder, home, "stor", "Stora kommun", arguments.twin_towns, arguments.trips
        )
    built = time.perf_counter()
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    indexed = time.perf_counter()
    print(
        f"Built in {indexed - started:.1f} s: migrations {migrated - started:.1f} s, "
        f"{builder.published} live pages {built - migrated:.1f} s, "
        f"search index {indexed - built:.1f} s."
    )
    print(
        f"Small section: {arguments.small_twin_towns} twin towns, {arguments.small_trips} "
        f"trip reports. Large section: {arguments.twin_towns} twin towns, "
        f"{arguments.trips} trip reports."
    )
    return bare, small, large


# Measuring


@dataclass
class Measurement:
    median: float  # ms
    p95: float  # ms
    queries: int  # of one warm request
    requests: int  # how many were timed
    body: bytes = field(repr=False)
    # The bare page's median, timed in turn with this page's GETs so that both see
    # the same machine load; None where no bare page was timed alongside.
    baseline: float | None = None


def page_urls(content):
    """(page type, URL) of each public page type of one section."""
    section_url = content["section"].url
    town_index_url = content["twin_town_index"].url
    trip_index_url = content["trip_index"].url
    from wagtail_internationellt.models import TripReportPage
    from wagtail_internationellt.models.trips import TRIPS_PER_PAGE

    filtered = (
        TripReportPage.objects.child_of(content["trip_index"])
        .live()
        .filter(start_date__year=FILTERED_YEAR, department=content["department"])
        .count()
    )
    # The second page where the filter gives one (the small section's gives one page).
    page = 2 if filtered > TRIPS_PER_PAGE else 1
    filtered_trips = f"year={FILTERED_YEAR}&department={content['department'].pk}&page={page}"
    return [
        ("Section start", section_url),
        ("Policy page", content["policy"].url),
        ("Twin-town list", town_index_url),
        ("Twin-town list, filtered", f"{town_index_url}?status=active&country=FI"),
        ("Twin-town page", content["twin_town"].url),
        ("Trip-report list", trip_index_url),
        ("Trip-report list, filtered, page 2*", f"{trip_index_url}?{filtered_trips}"),
        ("Trip report page", content["trip"].url),
        ("RSS feed", f"{trip_index_url}feed/rss/"),
        ("Atom feed", f"{trip_index_url}feed/atom/"),
        (SEARCH_ROW, f"{section_url}sok/?q={SEARCH_WORD}"),
    ]


def export_urls(content):
    town_index_url = content["twin_town_index"].url
    trip_index_url = content["trip_index"].url
    return [
        ("Twin towns CSV", f"{town_index_url}data/csv/"),
        ("Twin towns JSON", f"{town_index_url}data/json/"),
        ("Trip reports CSV", f"{trip_index_url}data/csv/"),
        ("Trip reports JSON", f"{trip_index_url}data/json/"),
    ]


class Failed(Exception):
    pass


def fetch(client, url):
    """GET the URL and read the whole body, streamed or not; the body as bytes."""
    response = client.get(url)
    if response.status_code != 200:
        raise Failed(f"HTTP {response.status_code}")
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    response.close()
    return body


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(client, url, requests, warmup, budget, baseline_url=None):
    """Time GETs of the URL after ``warmup`` untimed ones, then count one's queries.

    With ``baseline_url``, a GET of it is timed before each GET of the URL, and its
    median kept as the measurement's baseline.

    Stops timing after ``requests`` GETs, or earlier once ``budget`` seconds are spent
    (a page that takes seconds would otherwise hold the run up for minutes).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        fetch(client, url)
    timings, baseline = [], []
    deadline = time.perf_counter() + budget
    while len(timings) < requests and (not timings or time.perf_counter() < deadline):
        if baseline_url is not None:
            started = time.perf_counter()
            fetch(client, baseline_url)
            baseline.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        fetch(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        body = fetch(client, url)
    return Measurement(
        statistics.median(timings),
        percentile(timings, 0.95),
        len(queries),
        len(timings),
        body,
        statistics.median(baseline) if baseline else None,
    )


def measure_both(client, urls, requests, warmup, budget, baseline_url=None):
    """{"small": Measurement, "large": Measurement}, or {"error": text}."""
    row = {}
    for size, url in urls:
        try:
            row[size] = measure(client, url, requests, warmup, budget, baseline_url)
        except Failed as error:
            return {"error": f"{size} {url}: {error}"}
    return row


def measure_pages(client, bare, small, large, arguments):
    """The bare page's measurement and the rows of one run's table, the bare page first."""
    budget = arguments.max_seconds
    bare_row = measure_both(
        client, [("small", bare.url)], arguments.requests, arguments.warmup, budget
    )
    bare_row["large"] = bare_row["small"]
    rows = [("Bare Wagtail page", bare_row)]
    for (name, small_url), (_name, large_url) in zip(
        page_urls(small), page_urls(large), strict=True
    ):
        urls = [("small", small_url), ("large", large_url)]
        rows.append(
            (
                name,
                measure_both(client, urls, arguments.requests, arguments.warmup, budget, bare.url),
            )
        )
    return bare_row["small"], rows


def count_rows(name, body):
    if name.endswith("CSV"):
        return max(body.decode("utf-8-sig").count("\r\n") - 1, 0)
    return len(json.loads(body)["items"])


def measure_exports(client, small, large, arguments):
    rows = []
    for (name, small_url), (_name, large_url) in zip(
        export_urls(small), export_urls(large), strict=True
    ):
        urls = [("small", small_url), ("large", large_url)]
        warmup = min(arguments.warmup, 1)
        row = measure_both(client, urls, arguments.export_requests, warmup, arguments.max_seconds)
        rows.append((name, row))
    return rows


# Reporting


def print_pages_table(title, bare, rows, requests):
    header = (
        f"{'Page type':<36}{'median':>8}{'p95':>8}{'ratio':>7}   "
        f"{'median':>8}{'p95':>8}{'ratio':>7}   {'small':>6}{'large':>7}  equal"
    )
    print()
    print(title)
    print(f"{'':<36}{'small section (ms)':^23}   {'large section (ms)':^23}   {'queries':^20}")
    print(header)
    print("-" * len(header))
    ratios_ok = queries_constant = True
    shortened = []
    for name, row in rows:
        if "error" in row:
            ratios_ok = queries_constant = False
            print(f"{name:<36}failed: {row['error']}")
            continue
        cells = []
        judged = name != SEARCH_ROW
        for size in ("small", "large"):
            measured = row[size]
            ratio = measured.median / (measured.baseline or bare.median)
            ratios_ok = ratios_ok and (ratio <= RATIO_LIMIT or not judged)
            cells.append(f"{measured.median:>8.1f}{measured.p95:>8.1f}{ratio:>7.1f}")
            measured_once = size == "large" and row["large"] is row["small"]  # the bare page
            if measured.requests < requests and not measured_once:
                shortened.append(f"{name}, {size}: {measured.requests}")
        small_queries, large_queries = row["small"].queries, row["large"].queries
        equal = small_queries == large_queries
        queries_constant = queries_constant and (equal or not judged)
        verdict = "yes" if equal else f"no ({large_queries - small_queries:+d})"
        print(
            f"{name:<36}{cells[0]}   {cells[1]}   {small_queries:>6}{large_queries:>7}  {verdict}"
        )
    if shortened:
        print(f"Fewer than {requests} GETs (time budget spent): {'; '.join(shortened)}.")
    print(
        "* page 2 of the filtered list in the large section; the small section's filter "
        "gives one page."
    )
    print(
        "** not a page type and not cached (every query differs); ranked by relevance up "
        "to 200 matches, the newest first beyond. Left out of the verdicts."
    )
    print(
        f"Every page type's ratio ≤ {RATIO_LIMIT}: {'yes' if ratios_ok else 'no'}. "
        f"Every page type's query count constant: {'yes' if queries_constant else 'no'}."
    )


def print_exports_table(rows):
    columns = f"{'rows':>7}{'ms':>9}{'ms/1000':>9}{'queries':>9}"
    header = f"{'Export':<20}{columns}   {columns}"
    print(f"{'':<20}{'small section':^34}   {'large section':^34}")
    print(header)
    print("-" * len(header))
    for name, row in rows:
        if "error" in row:
            print(f"{name:<20}failed: {row['error']}")
            continue
        cells = []
        for size in ("small", "large"):
            measured = row[size]
            count = count_rows(name, measured.body)
            per_thousand = measured.median / count * 1000 if count else float("nan")
            cells.append(
                f"{count:>7}{measured.median:>9.1f}{per_thousand:>9.1f}{measured.queries:>9}"
            )
        print(f"{name:<20}{cells[0]}   {cells[1]}")


def run(arguments):
    from django.core.cache import cache
    from django.test import Client, override_settings

    from wagtail_internationellt import conf

    bare, small, large = build(arguments)
    client = Client()
    default_timeout = conf.DEFAULTS.get(CACHE_SETTING)
    if default_timeout is None:
        print(
            f"The package has no {CACHE_SETTING} default yet: both runs render the same "
            "way, whatever the setting says."
        )
    for name in arguments.runs:
        timeout = 0 if name == "uncached" else default_timeout
        overrides = {CACHE_SETTING: timeout} if timeout is not None else {}
        cache.clear()
        started = time.perf_counter()
        with override_settings(**overrides):
            bare_page, rows = measure_pages(client, bare, small, large, arguments)
            exports = measure_exports(client, small, large, arguments)
        setting = f"{CACHE_SETTING} = {timeout}" if timeout is not None else "setting unset"
        print_pages_table(
            f"{name.capitalize()} ({setting}); median and p95 of {arguments.requests} GETs "
            f"after {arguments.warmup} warm-up requests; ratio = median / median of the bare "
            f"page timed in turn with it (alone: {bare_page.median:.1f} ms); queries of one "
            "warm request",
            bare_page,
            rows,
            arguments.requests,
        )
        print()
        print(
            f"Open-data exports, {name}: median of {arguments.export_requests} GETs, "
            "per 1,000 rows (linear by nature)"
        )
        print_exports_table(exports)
        print(f"({name} run: {time.perf_counter() - started:.1f} s)")


def main(argv=None):
    try:
        arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    except SystemExit:
        # --help, or a wrong option (argparse has said which): nothing to report.
        return 0
    started = time.perf_counter()
    refuse_network()
    try:
        configure_django(arguments.database)
        run(arguments)
    except Exception:
        # A report, not a test: say what went wrong and end normally.
        traceback.print_exc()
        print("The benchmark could not finish; see the error above.")
    print(f"Total time: {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
