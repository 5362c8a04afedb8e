"""Demo content for the example site, built by ``manage.py internationellt_demo``."""
