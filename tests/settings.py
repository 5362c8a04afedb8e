"""Settings for the test suite: the package inside the example site's project.

SQLite in memory by default; PostgreSQL (or any engine) when DATABASE_URL is set.
"""

import os
import sys
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "example_site"))

from example_site.settings.base import *  # noqa: E402, F403

SECRET_KEY = "tests-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
