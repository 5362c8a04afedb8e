import os

import pytest


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skip without DATABASE_URL, but CI (CI=true) must run them."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))
    if on_postgres:
        return
    if os.environ.get("CI") == "true" and os.environ.get("REQUIRE_POSTGRES") == "1":
        raise pytest.UsageError("REQUIRE_POSTGRES=1 but DATABASE_URL is not a PostgreSQL URL")
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
