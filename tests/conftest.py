import os

import pytest


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skip without a PostgreSQL DATABASE_URL.

    Under `.ci/run` (REQUIRE_POSTGRES=1) they are required: a missing URL stops
    the run instead of skipping them.
    """
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres:", "postgresql:"))
    if on_postgres:
        return
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        raise pytest.UsageError("REQUIRE_POSTGRES=1 needs DATABASE_URL=postgres://…")
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
