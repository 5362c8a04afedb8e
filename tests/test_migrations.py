"""The package's migrations apply to an empty database, reverse to nothing and apply again.

Each test migrates its own new database in a child process, as a site's deployment
would: a SQLite file, or a PostgreSQL database made for the test and dropped after it.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
APP = "wagtail_internationellt"
MIGRATIONS = sorted(
    path.stem for path in (ROOT / APP / "migrations").glob("0*.py") if path.is_file()
)
# Run in the child process: migrate, step back through every migration to none, migrate
# again, and print what was applied and which tables existed after each step.
STEPS = f"""
import json
import django
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

django.setup()
APP = {APP!r}


def state():
    applied = sorted(
        MigrationRecorder(connection).migration_qs.filter(app=APP).values_list("name", flat=True)
    )
    tables = sorted(
        name for name in connection.introspection.table_names() if name.startswith(APP + "_")
    )
    return {{"applied": applied, "tables": tables}}


steps = []
call_command("migrate", verbosity=0, interactive=False)
steps.append(("all", state()))
names = state()["applied"]
for target in [*reversed(names[:-1]), "zero"]:
    call_command("migrate", APP, target, verbosity=0, interactive=False)
    steps.append((target, state()))
call_command("migrate", verbosity=0, interactive=False)
steps.append(("all again", state()))
call_command("makemigrations", APP, check=True, dry_run=True, verbosity=0)
print(json.dumps(steps))
"""


def migrate_back_and_forth(database_url):
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", STEPS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(json.loads(result.stdout.splitlines()[-1]))


def assert_migrations_apply_and_reverse(database_url):
    steps = migrate_back_and_forth(database_url)

    first = steps["all"]
    assert first["applied"] == MIGRATIONS
    assert f"{APP}_tripreportpage" in first["tables"]
    assert f"{APP}_department" in first["tables"]
    # Back one migration at a time, then to nothing: each step has its reverse.
    for position in range(len(MIGRATIONS) - 1, 0, -1):
        assert steps[MIGRATIONS[position - 1]]["applied"] == MIGRATIONS[:position]
    assert steps["zero"] == {"applied": [], "tables": []}
    # Forward again to the same tables; the models and the migrations agree (the child
    # process ran makemigrations --check).
    assert steps["all again"] == first


def test_the_migrations_are_listed():
    assert MIGRATIONS[0] == "0001_initial"
    assert len(MIGRATIONS) >= 3


def test_migrations_apply_to_an_empty_sqlite_database_and_reverse(tmp_path):
    assert_migrations_apply_and_reverse(f"sqlite:///{tmp_path / 'empty.sqlite3'}")


@pytest.fixture
def empty_postgresql_database(django_db_blocker):
    """A new PostgreSQL database beside the test database, dropped after the test."""
    name = f"internationellt_migrations_{uuid.uuid4().hex[:12]}"
    settings = connection.settings_dict
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = settings["USER"] or ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    credentials = f"{user}{password}@" if user else ""
    host = settings["HOST"] or "127.0.0.1"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    yield f"postgres://{credentials}{host}{port}/{name}"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_migrations_apply_to_an_empty_postgresql_database_and_reverse(
    empty_postgresql_database,
):
    assert_migrations_apply_and_reverse(empty_postgresql_database)
