"""Settings for `make demo`: SQLite, debug on, mail to the console."""

import os

from .base import *  # noqa: F403

DEBUG = True
# Only for the local demo; production settings read SECRET_KEY from the environment.
SECRET_KEY = "django-insecure-demo-only-wagtail-internationellt"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# `make demo PORT=…` passes the address it serves on, for links in printed output and mail.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", WAGTAILADMIN_BASE_URL)  # noqa: F405
# A cache on disk that the server and the management commands share, so that the
# package's render cache is on and a publish from any of them shows at once.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": BASE_DIR / ".cache",  # noqa: F405
    }
}
