"""A load test of the example site served by gunicorn, without and with the cache.

Builds the example site in a PostgreSQL database of its own (dropped and made anew at
the start, dropped at the end unless ``--keep``): migrations, the demo's five
municipalities (``internationellt_demo``) and the static files (``collectstatic``, into
a temporary folder). Then it serves the site with gunicorn as the README's "Running in
production" says, with the production settings (``example_site.settings.production``),
on a free port of 127.0.0.1, and drives it with wrk over loopback for a fixed time,
requesting in turn a mix of URLs: the public pages of every municipality (section
start, policies, twin-town list and pages, trip-report list and pages), the trip
reports' RSS and Atom feeds, and the open-data exports (CSV and JSON) of both lists.
Every request carries ``X-Forwarded-Proto: https``, as from the proxy in front.

It measures twice, with a new gunicorn each time:

- uncached: no Redis, ``WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT=0``;
- cached: ``REDIS_URL`` (the Redis database is flushed first), so the render cache is
  on, and with it the response cache of the production settings
  (``wagtail_internationellt.response_cache``: whole pages for visitors who are not
  logged in, as wrk is).

For each run it prints requests per second, the median (p50), 95th and 99th percentile
latency, the errors (responses other than 2xx, and socket errors: connect, read,
write, timeout) and the CPU time per request of the gunicorn workers, of PostgreSQL's
backends for the database and of Redis (read from ``/proc``; the machine's other load
disturbs it less than the throughput). Then the ratio of cached to uncached throughput,
and whether the targets are met: no error, and cached throughput at least 5 times
uncached.

It is a report, not a test: the exit code is 0 whatever it finds, and also when it
cannot run (wrk, PostgreSQL or Redis missing, a wrong option, an error), which it
prints. It makes requests to 127.0.0.1 only. wrk is Debian's package ``wrk``
(``apt-get install wrk``). The database must be a new name or one this script made
(it marks its databases with a comment and refuses any other); the Redis database
must not be number 0.

Usage::

    .venv/bin/python benchmarks/load.py [options]
    make loadtest LOADTEST_ARGS="--seconds 10"

Options:
    --seconds S         measured seconds of load per run (default 30)
    --warmup S          seconds of load before each run, not counted (default 5)
    --connections N     open connections wrk keeps (default 8)
    --workers N         gunicorn worker processes (default 3, for two cores)
    --threads N         threads per gunicorn worker; above 1, the gthread worker
                        (default 1: the sync worker, as the README's command)
    --database-url URL  the PostgreSQL database to build
                        (default postgres://postgres@127.0.0.1:5432/internationellt_load)
    --redis-url URL     the Redis database of the cached run, flushed first
                        (default redis://127.0.0.1:6379/5)
    --runs RUNS         which runs, comma separated: uncached,cached (default both)
    --keep              leave the database, the static files and what the cached run
                        put in Redis after the run (else all are removed)
"""

import argparse
import importlib.metadata
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = ROOT / "example_site"
HOST = "127.0.0.1"
CACHE_SETTING = "WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/internationellt_load"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
# The comment that marks a database as made by this script, which it may drop.
DATABASE_MARK = "wagtail-internationellt load test: dropped and made anew by benchmarks/load.py"
# Databases never dropped, whatever their comment says.
PROTECTED_DATABASES = {"postgres", "template0", "template1", "test", "test_test", "root"}
RATIO_TARGET = 5.0
STARTUP_SECONDS = 60
# A response slower than this counts as a socket error (timeout).
REQUEST_TIMEOUT = "10s"
# Variables of the production settings that the script sets itself.
PRODUCTION_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "WAGTAILADMIN_BASE_URL",
    "REDIS_URL",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "SECURE_SSL_REDIRECT",
    CACHE_SETTING,
}
RUNS = {
    "uncached": f"no Redis, {CACHE_SETTING}=0",
    "cached": "REDIS_URL set: the render cache on, and the response cache with it",
}


class CannotRun(Exception):
    """Something the load test needs is missing; the message says what."""


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Load test of the example site under gunicorn, without and with the cache."
    )
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--runs", default="uncached,cached")
    parser.add_argument("--keep", action="store_true")
    arguments = parser.parse_args(argv)
    arguments.runs = [run.strip() for run in arguments.runs.split(",") if run.strip()]
    unknown = set(arguments.runs) - set(RUNS)
    if unknown or not arguments.runs:
        parser.error(f"runs are uncached and cached, not {', '.join(sorted(unknown))}")
    if arguments.seconds < 1:
        parser.error("at least one second of load")
    if arguments.warmup < 0:
        parser.error("the warm-up cannot be negative")
    if min(arguments.connections, arguments.workers, arguments.threads) < 1:
        parser.error("at least one connection, worker and thread")
    database = urlsplit(arguments.database_url)
    if database.scheme not in ("postgres", "postgresql") or not database.path.strip("/"):
        parser.error("--database-url must name a PostgreSQL database: postgres://…/NAME")
    if database_name(arguments.database_url) in PROTECTED_DATABASES:
        parser.error(f"--database-url: the load test never drops {database.path.strip('/')}")
    redis = urlsplit(arguments.redis_url)
    if redis.scheme != "redis" or redis.path.strip("/") in ("", "0"):
        parser.error("--redis-url must name a Redis database other than 0: redis://HOST:PORT/N")
    return arguments


# The services and the tools


def database_name(url):
    return urlsplit(url).path.strip("/")


def maintenance_url(url):
    """The same server's ``postgres`` database, from which databases are made and dropped."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def connect(url):
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise CannotRun(f"PostgreSQL is not reachable at {url}: {error}".strip()) from None


def existing_mark(connection, name):
    """None if the database does not exist, else its comment ("" without one)."""
    found = connection.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [name],
    ).fetchone()
    return None if found is None else found[0] or ""


def drop(connection, name):
    from psycopg import sql

    connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def make_database(url):
    """Drop the database if this script made it, then make it anew; the server's version."""
    from psycopg import sql

    name = database_name(url)
    with connect(maintenance_url(url)) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
        mark = existing_mark(connection, name)
        if mark is not None and mark != DATABASE_MARK:
            raise CannotRun(
                f"The database {name} exists and was not made by the load test: "
                "give another with --database-url."
            )
        if mark is not None:
            drop(connection, name)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(DATABASE_MARK)
            )
        )
    return version.split()[0]


def drop_database(url):
    """Drop the database, if this script made it."""
    name = database_name(url)
    with connect(maintenance_url(url)) as connection:
        if existing_mark(connection, name) == DATABASE_MARK:
            drop(connection, name)


def flush_redis(url):
    """Empty the Redis database; Redis's version."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    try:
        version = client.info("server")["redis_version"]
        client.flushdb()
    except redis.RedisError as error:
        raise CannotRun(f"Redis is not reachable at {url}: {error}") from None
    finally:
        client.close()
    return version


def find_wrk():
    wrk = shutil.which("wrk")
    if wrk is None:
        raise CannotRun("wrk is missing: install Debian's package wrk (apt-get install wrk).")
    shown = subprocess.run([wrk, "-v"], capture_output=True, text=True, check=False)  # noqa: S603
    version = re.search(r"wrk (\S+)", shown.stdout + shown.stderr)
    return wrk, version.group(1) if version else "unknown"


def find_gunicorn():
    try:
        version = importlib.metadata.version("gunicorn")
    except importlib.metadata.PackageNotFoundError:
        raise CannotRun("gunicorn is missing: pip install -e '.[production]'.") from None
    executable = Path(sys.executable).with_name("gunicorn")
    if not executable.exists():
        raise CannotRun(f"gunicorn {version} is installed but {executable} is missing.")
    return str(executable), version


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# The site


def environment(arguments, port, folder, *, redis_url=None, cache_timeout=None):
    """The production settings' environment; with ``redis_url`` the cache is Redis."""
    values = {key: value for key, value in os.environ.items() if key not in PRODUCTION_VARIABLES}
    values.update(
        DJANGO_SETTINGS_MODULE="example_site.settings.production",
        SECRET_KEY=arguments.secret_key,
        DATABASE_URL=arguments.database_url,
        ALLOWED_HOSTS=HOST,
        WAGTAILADMIN_BASE_URL=f"https://{HOST}:{port}",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
    )
    if redis_url:
        values["REDIS_URL"] = redis_url
    if cache_timeout is not None:
        values[CACHE_SETTING] = str(cache_timeout)
    return values


def manage(env, *arguments):
    """Run a management command of the example site; its output."""
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=EXAMPLE_SITE,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(arguments)} failed:\n{completed.stderr}{completed.stdout}"
        )
    return completed.stdout


LIST_URLS = textwrap.dedent(
    """
    import json
    from django.utils.encoding import iri_to_uri
    from wagtail_internationellt.models import (
        InternationalIndexPage, PolicyPage, TripReportIndexPage, TripReportPage,
        TwinTownIndexPage, TwinTownPage,
    )

    def first(model, parent, count):
        pages = model.objects.child_of(parent).live().order_by("path")[:count]
        return [page.url for page in pages]

    mix = {"pages": [], "feeds": [], "exports": []}
    for section in InternationalIndexPage.objects.live().order_by("path"):
        mix["pages"] += [section.url, *first(PolicyPage, section, 1)]
        for index in TwinTownIndexPage.objects.child_of(section).live():
            mix["pages"] += [index.url, *first(TwinTownPage, index, 2)]
            mix["exports"] += [index.url + "data/csv/", index.url + "data/json/"]
        for index in TripReportIndexPage.objects.child_of(section).live():
            mix["pages"] += [index.url, *first(TripReportPage, index, 2)]
            mix["feeds"] += [index.url + "feed/rss/", index.url + "feed/atom/"]
            mix["exports"] += [index.url + "data/csv/", index.url + "data/json/"]
    mix = {kind: [iri_to_uri(url) for url in urls] for kind, urls in mix.items()}
    print("URLS " + json.dumps(mix))
    """
)


def build(arguments, port, folder):
    """Migrate, load the demo, collect the static files; the URL mix."""
    env = environment(arguments, port, folder)
    started = time.perf_counter()
    manage(env, "migrate", "--no-input", "-v", "0")
    migrated = time.perf_counter()
    manage(env, "internationellt_demo", "--site-address", f"{HOST}:{port}", "--no-users")
    demo = time.perf_counter()
    manage(env, "collectstatic", "--no-input", "-v", "0")
    collected = time.perf_counter()
    listed = manage(env, "shell", "-c", LIST_URLS)
    mix = json.loads(listed.rsplit("URLS ", 1)[1])
    print(
        f"Built in {collected - started:.1f} s: migrations {migrated - started:.1f} s, "
        f"demo {demo - migrated:.1f} s, static files {collected - demo:.1f} s."
    )
    return mix


# Serving and loading


def serve(gunicorn, arguments, port, env, log):
    """Start the README's gunicorn command on ``port``; the process once it answers."""
    command = [gunicorn, "example_site.wsgi", "--bind", f"{HOST}:{port}"]
    command += ["--workers", str(arguments.workers), "--error-logfile", str(log)]
    if arguments.threads > 1:
        command += ["--threads", str(arguments.threads)]
    process = subprocess.Popen(  # noqa: S603
        command, cwd=EXAMPLE_SITE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with {process.returncode}:\n{log.read_text()}")
        try:
            fetch(port, "/")
        except OSError:
            time.sleep(0.2)
        else:
            return process
    stop(process)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")


def stop(process):
    """End gunicorn (its master ends the workers); its exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
    return process.returncode


def fetch(port, path):
    """The status of a GET of ``path``, as the proxy in front would send it."""
    request = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
        f"http://{HOST}:{port}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


WRK_SCRIPT = """
-- Requests the paths in turn, as the proxy in front would send them, and counts the
-- responses other than 2xx (wrk itself counts only those of 400 and above).
paths = {%(paths)s}
wrk.headers["X-Forwarded-Proto"] = "https"
local threads = {}

function setup(thread)
    thread:set("offset", #threads)
    table.insert(threads, thread)
end

function init(args)
    position = offset
    non2xx = 0
end

function request()
    position = position %% #paths + 1
    return wrk.format("GET", paths[position])
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
    end
end

function done(summary, latency, requests)
    local non2xx = 0
    for _, thread in ipairs(threads) do
        non2xx = non2xx + thread:get("non2xx")
    end
    io.write(string.format(
        'RESULT {"requests": %%d, "microseconds": %%d, "p50": %%d, "p95": %%d, "p99": %%d, ' ..
        '"max": %%d, "non2xx": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
        '"timeout": %%d}\\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
        latency:percentile(99), latency.max, non2xx, summary.errors.connect,
        summary.errors.read, summary.errors.write, summary.errors.timeout))
end
"""


@dataclass
class Result:
    requests: int
    seconds: float
    p50: float  # ms
    p95: float  # ms
    p99: float  # ms
    non2xx: int
    socket_errors: int
    # Milliseconds of CPU per request, by kind, where /proc tells (Linux).
    cpu: dict = field(default_factory=dict)

    @property
    def per_second(self):
        return self.requests / self.seconds

    @property
    def errors(self):
        return self.non2xx + self.socket_errors


def load(wrk, port, script, connections, seconds):
    """wrk's measurements of ``seconds`` of load with ``connections`` connections."""
    command = [wrk, "--threads", "1", "--connections", str(connections)]
    command += ["--duration", f"{max(1, round(seconds))}s", "--timeout", REQUEST_TIMEOUT]
    command += ["--script", str(script), f"http://{HOST}:{port}"]
    completed = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=seconds + 120, check=False
    )
    found = re.search(r"^RESULT (.*)$", completed.stdout, re.MULTILINE)
    if completed.returncode != 0 or found is None:
        raise RuntimeError(f"wrk failed:\n{completed.stderr}{completed.stdout}")
    measured = json.loads(found.group(1))
    return Result(
        requests=measured["requests"],
        seconds=measured["microseconds"] / 1e6,
        p50=measured["p50"] / 1000,
        p95=measured["p95"] / 1000,
        p99=measured["p99"] / 1000,
        non2xx=measured["non2xx"],
        socket_errors=sum(measured[name] for name in ("connect", "read", "write", "timeout")),
    )


def write_script(folder, paths):
    script = folder / "mix.lua"
    quoted = ", ".join(json.dumps(path) for path in paths)
    script.write_text(WRK_SCRIPT % {"paths": quoted})
    return script


def run_once(name, arguments, tools, port, folder, script, paths):
    """Serve with the run's settings, check every URL once, warm up, measure."""
    if name == "cached":
        env = environment(arguments, port, folder, redis_url=arguments.redis_url)
        flush_redis(arguments.redis_url)
    else:
        env = environment(arguments, port, folder, cache_timeout=0)
    log = folder / f"gunicorn-{name}.log"
    process = serve(tools["gunicorn"], arguments, port, env, log)
    database = database_name(arguments.database_url)
    redis_url = arguments.redis_url if name == "cached" else None
    try:
        failing = [(path, status) for path in paths if (status := fetch(port, path)) != 200]
        for path, status in failing:
            print(f"  {name}: GET {path} answered {status}")
        if arguments.warmup:
            load(tools["wrk"], port, script, arguments.connections, arguments.warmup)
        load_before = os.getloadavg()[0]
        used_before = cpu_used(process.pid, database, redis_url)
        result = load(tools["wrk"], port, script, arguments.connections, arguments.seconds)
        used_after = cpu_used(process.pid, database, redis_url)
        result.cpu = cpu_per_request(used_before, used_after, result)
    finally:
        code = stop(process)
    if code != 0:
        print(f"  {name}: gunicorn ended with {code}; its log:\n{log.read_text()}")
    return result, load_before


def cpu_used(master, database, redis_url):
    """CPU seconds used so far by each gunicorn worker, PostgreSQL backend of the
    database and Redis, as {(kind, id): seconds}; empty where /proc cannot tell (not Linux).
    """
    used = {}
    proc = Path("/proc")
    if not proc.is_dir():
        return used
    tick = os.sysconf("SC_CLK_TCK")
    marker = f" {database} ".encode()
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
        fields = stat[stat.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        if int(fields[1]) == master:
            used["gunicorn", entry.name] = seconds
        elif command.startswith(b"postgres: ") and marker in command:
            used["PostgreSQL", entry.name] = seconds
    if redis_url:
        import redis

        with redis.Redis.from_url(redis_url, socket_connect_timeout=5) as client:
            cpu = client.info("cpu")
        used["Redis", "server"] = cpu["used_cpu_user"] + cpu["used_cpu_sys"]
    return used


def cpu_per_request(before, after, result):
    """Milliseconds of CPU per request, by kind (gunicorn, PostgreSQL, Redis)."""
    per_kind = {}
    for (kind, ident), seconds in after.items():
        spent = seconds - before.get((kind, ident), 0)
        per_kind[kind] = per_kind.get(kind, 0) + spent
    return {kind: spent * 1000 / max(result.requests, 1) for kind, spent in per_kind.items()}


# Reporting


def versions(tools, postgres, redis):
    names = ("gunicorn", "Django", "wagtail")
    found = {name: importlib.metadata.version(name) for name in names}
    return (
        f"gunicorn {found['gunicorn']}, Django {found['Django']}, Wagtail {found['wagtail']}, "
        f"PostgreSQL {postgres}, Redis {redis}, wrk {tools['wrk_version']}, "
        f"Python {sys.version.split()[0]}"
    )


def print_mix(mix):
    paths = [path for kind in ("pages", "feeds", "exports") for path in mix[kind]]
    counts = ", ".join(f"{len(mix[kind])} {kind}" for kind in ("pages", "feeds", "exports"))
    print(f"URL mix, requested in turn: {len(paths)} URLs ({counts}).")
    for kind in ("pages", "feeds", "exports"):
        print(f"  {kind}: {' '.join(mix[kind])}")
    return paths


CPU_KINDS = ("gunicorn", "PostgreSQL", "Redis")


def cpu_cells(result):
    cells = ""
    for kind in CPU_KINDS:
        spent = result.cpu.get(kind)
        cells += f"{spent:>6.2f}" if spent is not None else f"{'–':>6}"
    return cells


def print_results(results, arguments):
    header = (
        f"{'Run':<10}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'non-2xx':>8}{'socket':>7}{'errors':>7}{'app':>6}{'db':>6}{'redis':>6}{'load':>6}"
    )
    workers = f"{arguments.workers} workers" + (
        f" of {arguments.threads} threads (gthread)" if arguments.threads > 1 else " (sync)"
    )
    print()
    print(
        f"{arguments.seconds:g} s of load per run after {arguments.warmup:g} s of warm-up; "
        f"wrk with 1 thread and {arguments.connections} connections; gunicorn with {workers}."
    )
    for name in results:
        print(f"  {name}: {RUNS[name]}")
    print(header)
    print("-" * len(header))
    for name, (result, machine_load) in results.items():
        print(
            f"{name:<10}{result.requests:>9}{result.per_second:>8.1f}{result.p50:>8.1f}"
            f"{result.p95:>8.1f}{result.p99:>8.1f}{result.non2xx:>8}{result.socket_errors:>7}"
            f"{result.errors:>7}{cpu_cells(result)}{machine_load:>6.2f}"
        )
    print(
        "non-2xx: responses other than 2xx; socket: connect, read, write and timeout errors; "
        "app, db, redis: CPU milliseconds per request of the gunicorn workers, of "
        "PostgreSQL's backends for the database and of the Redis server; load: the "
        f"machine's load average before the run ({os.cpu_count()} cores, shared by gunicorn, "
        "wrk, PostgreSQL, Redis and whatever else runs)."
    )
    errors = sum(result.errors for result, _load in results.values())
    print(f"Errors: {errors} (target 0): {'met' if errors == 0 else 'not met'}.")
    if "uncached" in results and "cached" in results:
        uncached, cached = results["uncached"][0], results["cached"][0]
        ratio = cached.per_second / uncached.per_second if uncached.per_second else float("inf")
        verdict = "met" if ratio >= RATIO_TARGET else "not met"
        print(
            f"Cached / uncached throughput: {ratio:.1f}× (target ≥ {RATIO_TARGET:g}×): {verdict}."
        )
        uncached_cpu, cached_cpu = sum(uncached.cpu.values()), sum(cached.cpu.values())
        if uncached_cpu and cached_cpu:
            print(
                f"Uncached / cached CPU per request (app + db + redis): "
                f"{uncached_cpu / cached_cpu:.1f}× ({uncached_cpu:.2f} / {cached_cpu:.2f} ms; "
                "the throughput a machine of its own would give, as other load disturbs it "
                "less)."
            )


def run(arguments):
    wrk, wrk_version = find_wrk()
    gunicorn, _version = find_gunicorn()
    tools = {"wrk": wrk, "wrk_version": wrk_version, "gunicorn": gunicorn}
    redis_version = flush_redis(arguments.redis_url) if "cached" in arguments.runs else "unused"
    postgres_version = make_database(arguments.database_url)
    arguments.secret_key = secrets.token_urlsafe(50)
    folder = Path(tempfile.mkdtemp(prefix="internationellt-load-"))
    try:
        print(versions(tools, postgres_version, redis_version))
        print(
            f"Database {arguments.database_url} (made for this run); "
            f"Redis {arguments.redis_url} (flushed before the cached run)."
        )
        port = free_port()
        mix = build(arguments, port, folder)
        paths = print_mix(mix)
        script = write_script(folder, paths)
        results = {}
        for name in arguments.runs:
            results[name] = run_once(name, arguments, tools, port, folder, script, paths)
        print_results(results, arguments)
    finally:
        if arguments.keep:
            print(
                f"Kept the database {arguments.database_url}, the static files in {folder} "
                f"and Redis {arguments.redis_url}."
            )
        else:
            drop_database(arguments.database_url)
            shutil.rmtree(folder, ignore_errors=True)
            if "cached" in arguments.runs:
                flush_redis(arguments.redis_url)


def main(argv=None):
    try:
        arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    except SystemExit:
        # --help, or a wrong option (argparse has said which): nothing to report.
        return 0
    started = time.perf_counter()
    try:
        run(arguments)
    except CannotRun as missing:
        print(f"The load test cannot run: {missing}")
    except Exception:
        # A report, not a test: say what went wrong and end normally.
        traceback.print_exc()
        print("The load test could not finish; see the error above.")
    print(f"Total time: {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
