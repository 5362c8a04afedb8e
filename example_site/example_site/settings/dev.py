"""Settings for `make demo`: SQLite, debug on, mail to the console."""

from .base import *  # noqa: F403

DEBUG = True
# Only for the local demo; production settings read SECRET_KEY from the environment.
SECRET_KEY = "django-insecure-demo-only-wagtail-internationellt"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
