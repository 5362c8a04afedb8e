"""Settings for running the example site in production, all from the environment.

Required: ``SECRET_KEY``, ``DATABASE_URL`` (e.g. ``postgres://user:pw@host/db``),
``ALLOWED_HOSTS`` (comma-separated host names) and ``WAGTAILADMIN_BASE_URL`` (the
address editors use, for links in e-mail). Optional: ``REDIS_URL`` (the cache all app
servers share; without it each process keeps its own and the render cache stays off),
``MEDIA_ROOT``, ``STATIC_ROOT``, ``EMAIL_HOST`` with ``EMAIL_PORT``,
``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS`` and
``DEFAULT_FROM_EMAIL``, and ``SECURE_SSL_REDIRECT`` (``false`` where the proxy in front
already redirects to HTTPS). The README's "Running in production" says how to use them.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
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

# Static files from the app servers themselves (WhiteNoise), compressed and with
# hashed names; media on the local disk unless another storage is configured.
SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
MIDDLEWARE = [
    SECURITY_MIDDLEWARE,
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *(name for name in MIDDLEWARE if name != SECURITY_MIDDLEWARE),  # noqa: F405
]
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
