"""The example site's production settings: everything from the environment, and
Django's deployment checks pass with them. With them every public response carries a
strict Content Security Policy (the browser's side: test_csp), and a caching proxy is
purged when FRONTEND_CACHE_PURGE_URL names one (what is purged: test_frontend_cache)."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.utils import override_settings

from tests.factories import (
    make_trip,
    make_trip_index,
    make_twin_town,
    make_twin_town_index,
)

EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "example_site"
CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"
PRODUCTION_SETTINGS = "example_site.settings.production"
# Variables of the machine the tests run on that the settings must not see.
OPTIONAL_ENVIRONMENT = {"REDIS_URL", "FRONTEND_CACHE_PURGE_URL"}
# What the settings need to be read; nothing is connected to or written.
REQUIRED_ENVIRONMENT = {
    "SECRET_KEY": "read-in-this-process-only",
    "DATABASE_URL": "sqlite:///unused.sqlite3",
    "ALLOWED_HOSTS": "internationellt.kommun.se",
    "WAGTAILADMIN_BASE_URL": "https://internationellt.kommun.se",
}


def import_production_settings(**environment):
    """The production settings module as read in this process with ``environment``.

    For the settings a test applies with ``override_settings``; the tests that run
    the site on them use ``manage`` (a process of its own).
    """
    with mock.patch.dict(os.environ, {**REQUIRED_ENVIRONMENT, **environment}):
        for name in OPTIONAL_ENVIRONMENT - set(environment):
            os.environ.pop(name, None)
        sys.modules.pop(PRODUCTION_SETTINGS, None)
        try:
            return importlib.import_module(PRODUCTION_SETTINGS)
        finally:
            sys.modules.pop(PRODUCTION_SETTINGS, None)


def production_content_security_policy():
    """The production settings' policy and its middleware, over the test settings."""
    production = import_production_settings()
    middleware = list(settings.MIDDLEWARE)
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    middleware.insert(security + 1, CSP_MIDDLEWARE)
    return override_settings(
        MIDDLEWARE=middleware,
        CONTENT_SECURITY_POLICY=production.CONTENT_SECURITY_POLICY,
        TEMPLATES=production.TEMPLATES,
    )


def manage(*arguments, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
        and key not in OPTIONAL_ENVIRONMENT
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


# Content Security Policy

STRICT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}


def directives(header):
    """A policy header as {directive: [source, …]}."""
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


@pytest.fixture
def trip_list(section, department):
    make_twin_town(make_twin_town_index(section, slug="vanorter"), "Skjern", slug="skjern")
    index = make_trip_index(section, slug="reserapporter")
    make_trip(index, department, "Studieresa till Bryssel")
    return index


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/torsby/",
        "/en/torsby/",
        "/torsby/vanorter/skjern/",
        "/torsby/reserapporter/",
        "/torsby/sok/?q=Bryssel",
        "/torsby/finns-inte/",
        # Feeds and exports too: a browser shows them as documents of the site.
        "/torsby/reserapporter/feed/rss/",
        "/torsby/reserapporter/feed/atom/",
        "/torsby/reserapporter/data/csv/",
        "/torsby/reserapporter/data/json/",
        "/torsby/vanorter/data/csv/",
        "/torsby/vanorter/data/json/",
    ],
)
def test_every_public_response_has_the_strict_policy(client, trip_list, path):
    with production_content_security_policy():
        response = client.get(path)

    assert response.status_code in (200, 404), path
    assert directives(response["Content-Security-Policy"]) == STRICT_POLICY


@pytest.mark.django_db
def test_the_admin_is_left_out_of_the_policy(client, admin_user):
    client.force_login(admin_user)
    with production_content_security_policy():
        response = client.get("/admin/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_an_inline_script_with_the_request_nonce_is_allowed():
    """A host template that needs an inline script writes the nonce; the header has it."""
    with production_content_security_policy():
        from csp.middleware import CSPMiddleware

        def view(request):
            template = Template('<script nonce="{{ CSP_NONCE }}">start();</script>')
            return HttpResponse(template.render(RequestContext(request)))

        request = RequestFactory().get("/torsby/")
        response = CSPMiddleware(view)(request)

    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert len(nonce) >= 16
    assert directives(response["Content-Security-Policy"])["script-src"] == [
        "'self'",
        f"'nonce-{nonce}'",
    ]


def test_the_production_settings_send_the_policy():
    production = import_production_settings()

    assert CSP_MIDDLEWARE in production.MIDDLEWARE
    assert production.CONTENT_SECURITY_POLICY["EXCLUDE_URL_PREFIXES"] == [
        "/admin/",
        "/django-admin/",
    ]


# Purging a caching proxy


def test_without_a_purge_address_the_frontend_cache_app_is_not_installed():
    production = import_production_settings()

    assert "wagtail.contrib.frontend_cache" not in production.INSTALLED_APPS
    assert not hasattr(production, "WAGTAILFRONTENDCACHE")


def test_a_purge_address_installs_the_frontend_cache_with_an_http_backend(
    production_environment,
):
    shown = manage(
        "shell",
        "-c",
        "from django.apps import apps; from django.conf import settings; "
        "print(apps.is_installed('wagtail.contrib.frontend_cache'), "
        "settings.WAGTAILFRONTENDCACHE['default'])",
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081",
        **production_environment,
    )

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == (
        "True {'BACKEND': 'wagtail.contrib.frontend_cache.backends.HTTPBackend', "
        "'LOCATION': 'http://127.0.0.1:6081'}"
    )
