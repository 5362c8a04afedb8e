"""Settings for the test suite: the package inside the example site's project.

SQLite in memory by default; PostgreSQL (or any engine) when DATABASE_URL is set.
"""

import os
import sys
from pathlib import Path

import dj_database_url
import django
import wagtail

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
if django.VERSION >= (6, 1):  # Django 6.1 configures mail with MAILERS, not EMAIL_BACKEND
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

if wagtail.VERSION < (7, 1):
    # Wagtail 7.0's django-tasks (0.7) runs a task such as a page's search index update
    # when the transaction commits, which a test's transaction never does; later versions
    # run it at once, and so does this.
    TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "ENQUEUE_ON_COMMIT": False,
        }
    }
