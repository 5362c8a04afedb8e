"""Settings for running the example site in production, all from the environment.

Required: ``SECRET_KEY``, ``DATABASE_URL`` (e.g. ``postgres://user:pw@host/db``),
``ALLOWED_HOSTS`` (comma-separated host names) and ``WAGTAILADMIN_BASE_URL`` (the
address editors use, for links in e-mail). Optional: ``REDIS_URL`` (the cache all app
servers share; without it each process keeps its own and the render cache stays off),
``MEDIA_ROOT``, ``STATIC_ROOT``, ``EMAIL_HOST`` with ``EMAIL_PORT``,
``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS`` and
``DEFAULT_FROM_EMAIL``, ``SECURE_SSL_REDIRECT`` (``false`` where the proxy in front
already redirects to HTTPS) and ``FRONTEND_CACHE_PURGE_URL`` (the address of a caching
proxy, Varnish or nginx, that takes HTTP PURGE requests). The README's "Running in
production" says how to use them.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env(name, default=None, *, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(
            f"Set the environment variable {name}: the production settings have no default "
            "for it (README, “Running in production”)."
        )
    return value


def env_flag(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
ALLOWED_HOSTS = [host.strip() for host in env("ALLOWED_HOSTS", required=True).split(",")]
ALLOWED_HOSTS = [host for host in ALLOWED_HOSTS if host]
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", required=True)
_admin_address = urlsplit(WAGTAILADMIN_BASE_URL)
CSRF_TRUSTED_ORIGINS = [f"{_admin_address.scheme}://{_admin_address.netloc}"]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", required=True), conn_max_age=600, conn_health_checks=True
    )
}

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "internationellt",
        }
    }

# Seconds the package keeps rendered page content in the cache; 0 turns it off.
if env("WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT"):
    WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT = int(env("WAGTAIL_INTERNATIONELLT_CACHE_TIMEOUT"))

# Static files from the app servers themselves (WhiteNoise), compressed and with
# hashed names; media on the local disk unless another storage is configured.
SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
MIDDLEWARE = [
    SECURITY_MIDDLEWARE,
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *(name for name in MIDDLEWARE if name != SECURITY_MIDDLEWARE),  # noqa: F405
]
# Whole public pages for visitors without a session while the render cache is on,
# after LocaleMiddleware (the language is part of the key): wagtail_internationellt.response_cache.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
    "wagtail_internationellt.response_cache.ResponseCacheMiddleware",
)
STATIC_ROOT = env("STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
MEDIA_ROOT = env("MEDIA_ROOT", str(MEDIA_ROOT))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS only, behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's preview frames its own pages and says so on those views.
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): the public pages load scripts, styles and images
# from this site only, run no inline script without the request's nonce (templates write
# it as {{ CSP_NONCE }}), carry no inline style and cannot be framed. JSON-LD is data,
# not script, and needs no nonce. The admin has inline scripts and styles of its own and
# is left out; it keeps X-Frame-Options and the other headers above. Django 6.0 has a
# policy of its own (SECURE_CSP) but no way to leave a part of the site out, so
# django-csp serves every supported Django.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
MIDDLEWARE.insert(MIDDLEWARE.index(SECURITY_MIDDLEWARE) + 1, "csp.middleware.CSPMiddleware")
_templates = TEMPLATES[0]  # noqa: F405
TEMPLATES = [
    {
        **_templates,
        "OPTIONS": {
            **_templates["OPTIONS"],
            "context_processors": [
                *_templates["OPTIONS"]["context_processors"],
                "csp.context_processors.nonce",
            ],
        },
    }
]

# A caching proxy in front (Varnish, nginx) that takes HTTP PURGE requests at this
# address, e.g. http://127.0.0.1:6081: publishing, unpublishing, moving or deleting a
# page purges the page and the lists, feeds and exports that show it. Without the
# variable the app is not installed and publishing sends nothing.
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
