"""The example site's production settings: everything from the environment, and
Django's deployment checks pass with them."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "example_site"


def manage(*arguments, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="example_site.settings.production", **environment)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=EXAMPLE_SITE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def production_environment(tmp_path):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "internationellt.kommun.se",
        "WAGTAILADMIN_BASE_URL": "https://internationellt.kommun.se",
        "STATIC_ROOT": str(tmp_path / "static"),
    }


def test_the_deployment_checks_find_nothing(production_environment):
    checked = manage("check", "--deploy", "--fail-level", "WARNING", **production_environment)

    assert checked.returncode == 0, checked.stderr + checked.stdout
    assert "no issues" in checked.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"]
)
def test_a_required_setting_missing_stops_with_its_name(production_environment, missing):
    del production_environment[missing]

    checked = manage("check", **production_environment)

    assert checked.returncode != 0
    assert f"Set the environment variable {missing}" in checked.stderr


def test_redis_url_gives_a_shared_cache(production_environment):
    shown = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        REDIS_URL="redis://127.0.0.1:6379/1",
        **production_environment,
    )

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == "django.core.cache.backends.redis.RedisCache"


def test_static_files_are_collected_with_hashed_names(production_environment):
    collected = manage("collectstatic", "--no-input", **production_environment)

    assert collected.returncode == 0, collected.stderr
    manifest = Path(production_environment["STATIC_ROOT"]) / "staticfiles.json"
    assert "wagtail_internationellt/map/land.svg" in manifest.read_text()


def test_the_admin_address_is_the_trusted_origin(production_environment):
    production_environment["WAGTAILADMIN_BASE_URL"] = "https://www.kommun.se/internationellt/"
    shown = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CSRF_TRUSTED_ORIGINS)",
        **production_environment,
    )

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == "['https://www.kommun.se']"
