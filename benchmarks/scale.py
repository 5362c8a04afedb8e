"""Response times and SQL query counts with Sweden's 290 municipalities in one installation.

Builds two PostgreSQL databases of its own: a small installation of 5 municipalities and
a large one of 290 (Sweden's number), each municipality with its section, three
policies, 8 twin towns, 200 trip reports and 8 departments (about 60,000 pages in the
large one), its groups and workflow (``internationellt_roles``) and, for every seventh
municipality, a reporting threshold of its own; and the search index of Wagtail's
database backend (on PostgreSQL, its full-text search). It then measures, in one
municipality chosen the same way in both (the first one), what grows with the
installation rather than with the municipality:

- each public page type: section start, policy page, twin-town list (also filtered),
  twin-town page, trip-report list (also filtered), trip report, RSS and Atom feeds,
  the CSV and JSON exports of both lists, and the section's search;
- the admin registers: the trip register's list, its filters and its search, the
  twin-town register (also filtered) and the department register; once as an editor
  of that one municipality, once as a superuser, who sees every municipality (the
  registers show 50 rows to a page, so the superuser's pages should stay flat too).

A page of the first municipality is the same page in both databases, so each is timed
at both sizes in turn, request by request, in one process (Django's default database is
switched between the requests, outside the timing): both sizes see the same machine
load. It prints, per page, the median and 95th percentile of N requests after warm-up
requests at each size, their ratio large/small (the target is at most 2), and the SQL
queries of one request at each size and whether they are equal. The render cache is off
(``WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = 0``): uncached is the honest measure of scale.

The build is fast because it writes rows in bulk: each list's pages in two inserts (the
page tree's rows, then the page type's), without a revision or a log entry. The large
database starts as a copy of the small one (``CREATE DATABASE … TEMPLATE``), so the
first municipalities are the same rows in both. Wagtail's indexer writes the search
entries of the small database and of every section page; the other municipalities'
pages, whose text is the first municipality's, get copies of its entries (the indexer
takes about 7 ms a page: ``--full-index`` runs it on every page instead). Both
databases are analysed (``ANALYZE``) before measuring, as autovacuum would have them.

It is a report, not a test: the exit code is 0 whatever it finds, and also when it
cannot run (a wrong option, an error, which it prints). It makes no network connection
but to the database server. Its databases are dropped at the end unless ``--keep``.

Usage::

    .venv/bin/python benchmarks/scale.py [options]
    make benchmark-scale BENCHMARK_ARGS="--requests 10"

Options:
    --municipalities N          municipalities in the large installation (default 290)
    --small-municipalities N    municipalities in the small installation (default 5)
    --twin-towns N              twin towns of each municipality (default 8)
    --trips N                   trip reports of each municipality (default 200)
    --requests N                measured requests per page and size (default 20)
    --warmup N                  requests per size before measuring, not counted (default 2)
    --max-seconds S             stop timing a page after S seconds (both sizes together)
                                even if fewer than N requests were made (default 30)
    --database-url URL          the server and the stem of the databases' names: NAME_small
                                and NAME_large are created (default
                                postgres://postgres@127.0.0.1:5432/internationellt_scale)
    --keep                      keep the databases at the end
    --reuse                     measure the databases a run with --keep left, same sizes,
                                without building them (with --keep, keep them again)
    --full-index                index every page with Wagtail's indexer (update_index)
"""

import argparse
import datetime
import platform
import statistics
import sys
import time
import traceback
from io import StringIO

# The builders, the measurements and the Django configuration are the other benchmarks'.
from public_pages import (
    SEARCH_ROW,
    Builder,
    Failed,
    Measurement,
    build_section,
    building,
    configure_django,
    export_urls,
    fetch,
    page_urls,
    percentile,
    refuse_network,
)
from registers import LIST, REGISTER, SEARCH_WORD, operations, rows_shown

RATIO_LIMIT = 2.0
SIZES = ("small", "large")
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/internationellt_scale"
# Databases others use on the same server: never created, measured or dropped here.
FOREIGN_DATABASES = {"postgres", "template0", "template1", "test", "test_test"}
TWIN_TOWN_REGISTER = "/admin/wagtail_internationellt/twintownpage/"
DEPARTMENT_REGISTER = "/admin/wagtail_internationellt/department/"
EDITOR, SUPERUSER, RESIDENT = "editor", "superuser", "resident"
# Every seventh municipality (the fourth, the eleventh…) has a reporting threshold of its
# own, 20,000 kronor; the others keep the default.
OWN_THRESHOLD = 3


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Response times and SQL query counts with 290 municipalities against 5."
    )
    parser.add_argument("--municipalities", type=int, default=290)
    parser.add_argument("--small-municipalities", type=int, default=5)
    parser.add_argument("--twin-towns", type=int, default=8)
    parser.add_argument("--trips", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=30.0)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--full-index", action="store_true")
    arguments = parser.parse_args(argv)
    if not 1 <= arguments.small_municipalities <= arguments.municipalities:
        parser.error("give at least one small municipality, and no fewer in the large one")
    if arguments.twin_towns < 1 or arguments.trips < 1:
        parser.error("each municipality needs at least one twin town and one trip report")
    if arguments.requests < 1:
        parser.error("at least one measured request per page")
    import dj_database_url

    server = dj_database_url.parse(arguments.database_url)
    if "postgres" not in server["ENGINE"] or not server.get("NAME"):
        parser.error("--database-url must name a PostgreSQL server and a database")
    arguments.server = server
    arguments.names = {size: f"{server['NAME']}_{size}" for size in SIZES}
    if FOREIGN_DATABASES & set(arguments.names.values()):
        parser.error("choose another database name")
    return arguments


# The two databases


def maintenance_connection(server):
    """A connection to the server's ``postgres`` database, to create and drop ours."""
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        host=server.get("HOST") or None,
        port=server.get("PORT") or None,
        user=server.get("USER") or None,
        password=server.get("PASSWORD") or None,
        autocommit=True,
        connect_timeout=10,
    )


def existing_databases(server, names):
    with maintenance_connection(server) as admin:
        rows = admin.execute(
            "SELECT datname FROM pg_database WHERE datname = ANY(%s)", [list(names)]
        ).fetchall()
    return {name for (name,) in rows}


def create_database(server, name, template=None):
    from psycopg import sql

    with maintenance_connection(server) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        admin.execute(statement)


def drop_databases(server, names):
    from psycopg import sql

    with maintenance_connection(server) as admin:
        for name in names:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


class Databases:
    """Both installations in one process; ``use(size)`` makes one of them Django's default.

    Each size has a connection of its own; switching replaces the connection behind the
    ``default`` alias, so that the ORM, Wagtail and the package all read that database.
    """

    def __init__(self):
        from django.db import connections

        self.connections = {"small": connections["default"], "large": connections["large"]}
        self.current = "small"

    def use(self, size):
        from django.db import connections

        if size != self.current:
            connections["default"] = self.connections[size]
            self.current = size

    def close(self):
        for connection in self.connections.values():
            connection.close()


def django_databases(arguments):
    return {
        "default": {**arguments.server, "NAME": arguments.names["small"]},
        "large": {**arguments.server, "NAME": arguments.names["large"]},
    }


# Building


class BulkBuilder(Builder):
    """Writes each list's live pages in two inserts: the page tree's rows, then the type's.

    The pages are placed as ``Builder`` places them; Django's ``bulk_create`` does not
    write a model with parent tables, so the rows of the page type's own table (and of
    a site's base page, if it has one) are inserted as ``bulk_create`` inserts them.
    """

    batch_size = 500

    def add_all(self, parent, pages):
        from django.db import router
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
            moment = self.published_at + datetime.timedelta(seconds=self.published)
            page.first_published_at = page.last_published_at = moment
            page.set_url_path(parent)
            page._cached_parent_obj = parent
        model = type(pages[0])
        # From the page tree's table down to the page type's own.
        tables = [model, *model._meta.get_parent_list()][::-1]
        tree, using = tables[0], router.db_for_write(model)
        tree_fields = [field for field in tree._meta.concrete_fields if not field.primary_key]
        rows = tree._base_manager.using(using).bulk_create(
            [tree(**{f.attname: getattr(page, f.attname) for f in tree_fields}) for page in pages],
            batch_size=self.batch_size,
        )
        for page, row in zip(pages, rows, strict=True):
            for table in tables:
                setattr(page, table._meta.pk.attname, row.pk)
            page._state.adding, page._state.db = False, using
        for table in tables[1:]:
            for start in range(0, len(pages), self.batch_size):
                table._base_manager._insert(
                    pages[start : start + self.batch_size],
                    fields=table._meta.local_concrete_fields,
                    using=using,
                )
        parent.numchild += len(pages)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
        return pages


def municipality_name(number):
    return f"Kommun {number + 1:03d}"


def build_municipalities(numbers, arguments):
    """The sections of the given municipalities, with their roles; the number of pages."""
    from wagtail.models import Site

    from wagtail_internationellt.models import InternationalIndexPage
    from wagtail_internationellt.roles import setup_section_roles

    builder = BulkBuilder()
    home = Site.objects.get(is_default_site=True).root_page.specific
    sections = []
    with building():
        for number in numbers:
            content = build_section(
                builder,
                home,
                f"kommun-{number + 1:03d}",
                municipality_name(number),
                arguments.twin_towns,
                arguments.trips,
            )
            if number % 7 == OWN_THRESHOLD:
                InternationalIndexPage.objects.filter(pk=content["section"].pk).update(
                    reporting_threshold=20_000
                )
            setup_section_roles(content["section"])
            sections.append(content["section"])
    return sections, builder.published


def create_users():
    """An editor of the first municipality (its *Redaktörer*) and a superuser."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail_internationellt.models import InternationalIndexPage
    from wagtail_internationellt.roles import EDITORS, group_name

    users = get_user_model().objects
    first = InternationalIndexPage.objects.order_by("path").first()
    editor = users.create_user("redaktor", "redaktor@example.se", "x")
    editor.groups.add(Group.objects.get(name=group_name(first, EDITORS)))
    users.create_superuser("admin", "admin@example.se", "x")


def copy_search_entries(original, sections):
    """Search entries for the pages below ``sections``, copied from ``original``'s pages.

    The municipalities' pages are built alike, so the page at the same place below
    ``original`` has the same text. Sections themselves are indexed by Wagtail's indexer.
    """
    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    entries, pages = IndexEntry._meta.db_table, Page._meta.db_table
    columns = [
        field.column
        for field in IndexEntry._meta.concrete_fields
        if not field.primary_key and field.name != "object_id"
    ]
    length = len(original.path)
    statement = (
        f"INSERT INTO {entries} (object_id, {', '.join(columns)}) "  # noqa: S608 - names from the models
        f"SELECT copy.id::text, {', '.join(f'entry.{column}' for column in columns)} "
        f"FROM {pages} copy "
        f"JOIN {pages} original ON original.path = %s || substr(copy.path, %s) "
        f"JOIN {entries} entry ON entry.object_id = original.id::text "
        "WHERE substr(copy.path, 1, %s) = ANY(%s) AND copy.depth > %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            statement,
            [original.path, length + 1, length, [s.path for s in sections], original.depth],
        )
        return cursor.rowcount


def index_sections(original, sections, full):
    """Index the new sections' pages: the sections by Wagtail's indexer, the rest copied."""
    if full:
        from django.core.management import call_command

        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        return "every page by Wagtail's indexer (update_index)"
    from django.db import transaction
    from wagtail.search.backends import get_search_backend

    from wagtail_internationellt.models import InternationalIndexPage

    # Within this function's transaction, as update_index without its own.
    backend = get_search_backend(ATOMIC_REBUILD=False)
    rebuilder = backend.rebuilder_class(backend.get_index_for_model(InternationalIndexPage))
    with transaction.atomic():
        index = rebuilder.start()
        index.add_items(InternationalIndexPage, sections)
        copied = copy_search_entries(original, sections)
        # Each entry's title weight against the average title, as update_index leaves it.
        rebuilder.finish()
    return (
        f"the small installation's pages and {len(sections)} more sections by Wagtail's "
        f"indexer, {copied} more pages' entries copied from the first municipality's"
    )


def analyse():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def build(arguments, databases):
    """Both installations, the large one from a copy of the small one; the times taken."""
    from django.core.management import call_command
    from django.db import connection

    small, large = arguments.small_municipalities, arguments.municipalities
    times, started = {}, time.perf_counter()
    create_database(arguments.server, arguments.names["small"])
    databases.use("small")
    call_command("migrate", verbosity=0, interactive=False, stdout=StringIO())
    times["migrations"] = time.perf_counter() - started

    started = time.perf_counter()
    sections, small_pages = build_municipalities(range(small), arguments)
    create_users()
    times["small"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    analyse()
    times["small index"] = time.perf_counter() - started

    started = time.perf_counter()
    connection.close()  # a template has no other connection
    create_database(arguments.server, arguments.names["large"], template=arguments.names["small"])
    databases.use("large")
    times["copy"] = time.perf_counter() - started
    started = time.perf_counter()
    more, large_pages = build_municipalities(range(small, large), arguments)
    times["large"] = time.perf_counter() - started
    started = time.perf_counter()
    indexed = index_sections(sections[0], more, arguments.full_index) if more else ""
    analyse()
    times["large index"] = time.perf_counter() - started
    print(
        f"Built in {sum(times.values()):.1f} s: migrations {times['migrations']:.1f} s; "
        f"small, {small} municipalities, {small_pages} pages {times['small']:.1f} s, its "
        f"search index {times['small index']:.1f} s; copied to the large one "
        f"{times['copy']:.1f} s; {large - small} more municipalities, {large_pages} pages "
        f"{times['large']:.1f} s; their search index {times['large index']:.1f} s."
    )
    print(
        "Search index: every page by Wagtail's indexer in the small installation; in the "
        f"large one {indexed or 'the same'}."
    )


def check_sizes(arguments, databases):
    """That the databases kept by an earlier run hold the sizes asked for (``--reuse``)."""
    from wagtail_internationellt.models import InternationalIndexPage, TripReportPage

    for size, municipalities in (
        ("small", arguments.small_municipalities),
        ("large", arguments.municipalities),
    ):
        databases.use(size)
        found = (InternationalIndexPage.objects.count(), TripReportPage.objects.count())
        wanted = (municipalities, municipalities * arguments.trips)
        if found != wanted:
            raise RuntimeError(
                f"{arguments.names[size]} holds {found[0]} municipalities and {found[1]} trip "
                f"reports, not {wanted[0]} and {wanted[1]}: run without --reuse"
            )
    print("Measuring the databases of an earlier run (--reuse); not built again.")


def first_municipality():
    """The pages and the department the measurements need, of the first municipality."""
    from wagtail_internationellt.models import (
        Department,
        InternationalIndexPage,
        PolicyPage,
        TripReportIndexPage,
        TripReportPage,
        TwinTownIndexPage,
        TwinTownPage,
    )

    section = InternationalIndexPage.objects.order_by("path").first()
    town_index = TwinTownIndexPage.objects.child_of(section).get()
    trip_index = TripReportIndexPage.objects.child_of(section).get()
    trips = TripReportPage.objects.child_of(trip_index).order_by("path")
    return {
        "section": section,
        # The policy in force: the latest of the chain.
        "policy": PolicyPage.objects.child_of(section).order_by("path").last(),
        "twin_town_index": town_index,
        "twin_town": TwinTownPage.objects.child_of(town_index).order_by("path").first(),
        "trip_index": trip_index,
        "trip": trips.filter(destination_twin_town__isnull=False).first() or trips.first(),
        "department": Department.objects.filter(section=section).order_by("pk").first(),
    }


def describe(arguments, databases):
    from django.db import connection
    from wagtail.models import Page

    from wagtail_internationellt.models import TripReportPage

    lines = []
    for size in SIZES:
        databases.use(size)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            (disk,) = cursor.fetchone()
        lines.append(
            f"{size.capitalize()}: {arguments.names[size]}, "
            f"{Page.objects.filter(depth__gt=2).count()} pages "
            f"({TripReportPage.objects.count()} trip reports), {disk}."
        )
    return lines


def versions():
    import django
    import wagtail
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (server,) = cursor.fetchone()
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, PostgreSQL {server.split()[0]}."
    )


# Measuring


def measure_pair(clients, databases, url, arguments):
    """Time GETs of the URL at both sizes in turn, then count one request's queries at each.

    After ``warmup`` untimed GETs at each size, the sizes take turns, the one that goes
    first alternating, until each has ``requests`` GETs or ``max_seconds`` are spent.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(size):
        databases.use(size)
        started = time.perf_counter()
        fetch(clients[size], url)
        return (time.perf_counter() - started) * 1000

    for _ in range(arguments.warmup):
        for size in SIZES:
            get(size)
    timings = {size: [] for size in SIZES}
    deadline = time.perf_counter() + arguments.max_seconds
    turn = 0
    while len(timings["large"]) < arguments.requests and (
        not turn or time.perf_counter() < deadline
    ):
        for size in SIZES if turn % 2 == 0 else SIZES[::-1]:
            timings[size].append(get(size))
        turn += 1
    row = {}
    for size in SIZES:
        databases.use(size)
        with CaptureQueriesContext(connection) as queries:
            body = fetch(clients[size], url)
        row[size] = Measurement(
            statistics.median(timings[size]),
            percentile(timings[size], 0.95),
            len(queries),
            len(timings[size]),
            body,
        )
    return row


def public_pages(content):
    """(name, URL) of each public page type of the first municipality."""
    pages = [(name.rstrip("*"), url) for name, url in page_urls(content)]
    return [*pages, *export_urls(content)]


def register_pages(content):
    """(name, URL) of each register page: the trip register's, then the others."""
    pages = [
        (f"Trips: {name[0].lower()}{name[1:]}", f"{REGISTER}?{query}" if query else REGISTER)
        for name, kind, query in operations(content)
        if kind == LIST and name != "List, page 5"
    ]
    return [
        *pages,
        ("Twin towns: list", TWIN_TOWN_REGISTER),
        ("Twin towns: not evaluated", f"{TWIN_TOWN_REGISTER}?utvardering=saknas"),
        ("Departments: list", DEPARTMENT_REGISTER),
    ]


def logged_in_clients(databases):
    """A test client per role and size; the sessions are in each size's database."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = {EDITOR: "redaktor", SUPERUSER: "admin"}
    clients = {role: {} for role in (RESIDENT, *users)}
    for size in SIZES:
        databases.use(size)
        clients[RESIDENT][size] = Client()
        for role, username in users.items():
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            clients[role][size] = client
    return clients


def measure_rows(clients, databases, pages, arguments, with_rows=False):
    rows = []
    for name, url in pages:
        try:
            row = measure_pair(clients, databases, url, arguments)
        except Failed as error:
            row = {"error": f"{url}: {error}"}
        else:
            if with_rows:
                row["rows"] = {size: rows_shown(row[size].body) for size in SIZES}
        rows.append((name, row))
    return rows


# Reporting


def print_table(title, rows, arguments, with_rows=False, notes=()):
    """One table; returns the names whose ratio is over the limit and whose queries differ."""
    name_width = max(len(name) for name, _row in rows) + 2
    rows_cells = f"{'rows':>5}" if with_rows else ""
    columns = f"{rows_cells}{'median':>9}{'p95':>9}"
    header = (
        f"{'Page':<{name_width}}{columns}   {columns}{'ratio':>7}{'p95 r.':>8}   "
        f"{'small':>6}{'large':>7}  equal"
    )
    blank = " " * name_width
    width = len(columns)
    print()
    print(title)
    print(f"{blank}{'small (ms)':^{width}}   {'large (ms)':^{width}}{'':15}   {'queries':^20}")
    print(header)
    print("-" * len(header))
    over, unequal, shortened = [], [], []
    for name, row in rows:
        if "error" in row:
            over.append(name)
            unequal.append(name)
            print(f"{name:<{name_width}}failed: {row['error']}")
            continue
        small, large = row["small"], row["large"]
        ratio, p95_ratio = large.median / small.median, large.p95 / small.p95
        if ratio > RATIO_LIMIT:
            over.append(name)
        if small.queries != large.queries:
            unequal.append(name)
        cells = []
        for size, measured in (("small", small), ("large", large)):
            rows_cell = f"{row['rows'][size]:>5}" if with_rows else ""
            cells.append(f"{rows_cell}{measured.median:>9.1f}{measured.p95:>9.1f}")
            if measured.requests < arguments.requests and size == "large":
                shortened.append(f"{name}: {measured.requests}")
        equal = (
            "yes" if small.queries == large.queries else f"no ({large.queries - small.queries:+d})"
        )
        print(
            f"{name:<{name_width}}{cells[0]}   {cells[1]}{ratio:>7.2f}{p95_ratio:>8.2f}   "
            f"{small.queries:>6}{large.queries:>7}  {equal}"
        )
    for note in notes:
        print(note)
    if shortened:
        print(
            f"Fewer than {arguments.requests} GETs per size (time budget spent): "
            f"{'; '.join(shortened)}."
        )
    return over, unequal


def run(arguments):
    databases = Databases()
    try:
        existing = existing_databases(arguments.server, arguments.names.values())
        if arguments.reuse:
            missing = set(arguments.names.values()) - existing
            if missing:
                raise RuntimeError(f"--reuse: no database {', '.join(sorted(missing))}")
            check_sizes(arguments, databases)
        else:
            build(arguments, databases)
        measure(arguments, databases)
    finally:
        databases.close()
        if not arguments.keep:
            drop_databases(arguments.server, arguments.names.values())
            print("The databases are dropped (--keep keeps them).")
        else:
            print(f"Kept: {', '.join(arguments.names.values())} (--reuse measures them again).")


def measure(arguments, databases):
    print(versions())
    for line in describe(arguments, databases):
        print(line)
    contents = {}
    for size in SIZES:
        databases.use(size)
        contents[size] = first_municipality()
    urls = {size: public_pages(content) for size, content in contents.items()}
    if urls["small"] != urls["large"]:
        raise RuntimeError("the first municipality differs between the two databases")
    content = contents["small"]
    print(
        f"Measured: {content['section'].municipality_name}, the first municipality, in both; "
        "render cache off (WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = 0)."
    )
    clients = logged_in_clients(databases)
    timing = (
        f"median and p95 of {arguments.requests} GETs per size after {arguments.warmup} "
        "warm-up GETs, the sizes in turn; ratio = large median / small median, p95 r. = "
        "large p95 / small p95; queries of one request"
    )
    started = time.perf_counter()
    verdicts = []
    public = measure_rows({**clients[RESIDENT]}, databases, urls["small"], arguments)
    search = SEARCH_ROW.rstrip("*")
    verdicts.append(
        print_table(
            f"Public pages, {arguments.small_municipalities} against {arguments.municipalities} "
            f"municipalities; {timing}",
            public,
            arguments,
            notes=[
                f"{search}: Wagtail's database search backend, PostgreSQL full-text search, "
                "over the whole installation's index, narrowed to the section.",
                "Exports: every live twin town or trip report of the municipality "
                f"({arguments.twin_towns} and {arguments.trips} at both sizes).",
            ],
        )
    )
    registers = register_pages(content)
    for role, title, note in (
        (
            EDITOR,
            "Admin registers, as an editor of the first municipality (its Redaktörer)",
            "rows = rows of the register's table on the page: the municipality's own.",
        ),
        (
            SUPERUSER,
            "Admin registers, as a superuser, who sees every municipality",
            "rows = rows of the register's table on the page (at most 50 to a page); a "
            "page of fewer rows at the small size is a shorter page. The search is "
            "modeladmin's, a substring search (ILIKE) of every trip the user sees, whose "
            f"matches it counts: {SEARCH_WORD!r} is in every second trip at both sizes.",
        ),
    ):
        rows = measure_rows(clients[role], databases, registers, arguments, with_rows=True)
        verdicts.append(
            print_table(f"{title}; {timing}", rows, arguments, with_rows=True, notes=[note])
        )
    print(f"(measured in {time.perf_counter() - started:.1f} s)")
    over = [name for table_over, _unequal in verdicts for name in table_over]
    unequal = [name for _over, table_unequal in verdicts for name in table_unequal]
    print()
    print(
        f"Every ratio large/small ≤ {RATIO_LIMIT:g}: "
        f"{'yes' if not over else 'no (' + '; '.join(over) + ')'}."
    )
    print(
        "Queries equal at both sizes: "
        f"{'yes' if not unequal else 'no (' + '; '.join(unequal) + ')'}."
    )


def main(argv=None):
    try:
        arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    except SystemExit:
        # --help, or a wrong option (argparse has said which): nothing to report.
        return 0
    started = time.perf_counter()
    server = arguments.server
    if server.get("HOST") and not server["HOST"].startswith("/"):
        refuse_network(allow=[(server["HOST"], server.get("PORT") or 5432)])
    else:
        refuse_network()
    try:
        configure_django(
            DATABASES=django_databases(arguments),
            WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT=0,
        )
        run(arguments)
    except Exception:
        # A report, not a test: say what went wrong and end normally.
        traceback.print_exc()
        print("The benchmark could not finish; see the error above.")
    print(f"Total time: {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
