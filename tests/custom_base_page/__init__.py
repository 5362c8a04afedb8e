"""A site's own base page model (``WAGTAIL_PAGE_MODEL``), for tests/settings_custom_page.py."""
