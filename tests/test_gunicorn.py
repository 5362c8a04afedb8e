"""The README's gunicorn command serves the example site with the production settings.

The command is read from the README's "Running in production" and run as it stands,
bound to a free loopback port, against a throwaway SQLite database with the demo
content and the static files collected into a temporary folder. Requests carry
``X-Forwarded-Proto: https`` as the proxy in front would.
"""

import http.client
import importlib.util
import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = ROOT / "example_site"
HOST = "127.0.0.1"
# Variables of the production settings that the test sets itself.
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
    "WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT",
}
ONE_YEAR = 365 * 24 * 60 * 60
STARTUP_SECONDS = 60


@pytest.fixture(autouse=True)
def once_per_ci_run():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("gunicorn runs on its own SQLite database: checked in the SQLite run")


def documented_command():
    """The gunicorn command of the README's "Running in production", as arguments."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    line = re.search(r"^gunicorn .*$", section, re.MULTILINE)
    assert line, "the README's “Running in production” gives no gunicorn command"
    return shlex.split(line.group())


def with_address(command, address):
    """The command bound to ``address`` instead of the README's address."""
    command = list(command)
    for number, argument in enumerate(command):
        if argument in ("--bind", "-b"):
            command[number + 1] = address
            return command
        if argument.startswith("--bind="):
            command[number] = f"--bind={address}"
            return command
    return [*command, "--bind", address]


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def gunicorn_executable():
    if importlib.util.find_spec("gunicorn") is None:
        pytest.skip("gunicorn is not installed: pip install -e '.[production]'")
    installed = Path(sys.executable).with_name("gunicorn")
    if not installed.exists():
        pytest.skip(f"gunicorn is importable but {installed} is missing")
    return str(installed)


def production_environment(tmp_path, port):
    environment = {
        key: value for key, value in os.environ.items() if key not in PRODUCTION_VARIABLES
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="example_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS=HOST,
        WAGTAILADMIN_BASE_URL=f"https://{HOST}:{port}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return environment


def manage(environment, *arguments):
    completed = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=EXAMPLE_SITE,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout


def get(port, path, *, host=None, https=True, headers=None):
    """(status, headers, body) of a GET, the headers with lower-case names."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    sent = {"Host": host or f"{HOST}:{port}", **(headers or {})}
    if https:
        sent["X-Forwarded-Proto"] = "https"
    try:
        connection.request("GET", path, headers=sent)
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def wait_until_answering(process, port, log):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped with {process.returncode}:\n{log.read_text()}")
        try:
            get(port, "/")
        except OSError:
            time.sleep(0.2)
        else:
            return
    pytest.fail(f"gunicorn did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")


@pytest.fixture
def gunicorn_site(tmp_path):
    """The port of the README's gunicorn command serving the demo; the process and its log."""
    executable = gunicorn_executable()
    port = free_port()
    environment = production_environment(tmp_path, port)
    manage(environment, "migrate", "--no-input", "-v", "0")
    manage(environment, "internationellt_demo", "--site-address", f"{HOST}:{port}", "--no-users")
    manage(environment, "collectstatic", "--no-input", "-v", "0")
    command = with_address(documented_command(), f"{HOST}:{port}")
    log = tmp_path / "gunicorn.log"
    command = [executable, *command[1:], "--error-logfile", str(log)]
    process = subprocess.Popen(  # noqa: S603
        command, cwd=EXAMPLE_SITE, env=environment, stdout=subprocess.DEVNULL
    )
    try:
        wait_until_answering(process, port, log)
        yield port, process, log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def hashed_name(static_root, name):
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return manifest["paths"][name]


def test_the_readme_command_serves_the_site_with_the_production_settings(gunicorn_site, tmp_path):
    port, process, log = gunicorn_site

    status, headers, body = get(port, "/torsby/")
    assert status == 200
    assert "Torsby" in body.decode()
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"

    # Without the proxy's header, plain HTTP is sent to HTTPS.
    status, headers, _body = get(port, "/torsby/", https=False)
    assert status == 301
    assert headers["location"] == f"https://{HOST}:{port}/torsby/"

    # WhiteNoise serves the collected files under their hashed names, for a year and more.
    stylesheet = "/static/" + hashed_name(
        tmp_path / "static", "wagtail_internationellt/css/internationellt.css"
    )
    assert stylesheet in body.decode()
    status, headers, css = get(port, stylesheet, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-type"].startswith("text/css")
    assert headers["content-encoding"] == "gzip"
    max_age = re.search(r"max-age=(\d+)", headers["cache-control"])
    assert max_age and int(max_age.group(1)) >= ONE_YEAR, headers["cache-control"]
    assert "immutable" in headers["cache-control"]
    assert css

    status, headers, _body = get(port, "/admin/")
    assert status == 302
    assert headers["location"].startswith("/admin/login/?next=/admin/")

    status, _headers, _body = get(port, "/torsby/", host="elsewhere.example")
    assert status == 400

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    logged = log.read_text()
    assert "Shutting down: Master" in logged
    assert "Traceback" not in logged, logged
