"""The Swedish catalogue is complete, compiled and in step with the code."""

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
# The package, and the example site's own templates (start page, base, error pages).
CATALOGUED = [ROOT / "wagtail_internationellt", ROOT / "example_site"]

needs_gettext = pytest.mark.skipif(
    shutil.which("xgettext") is None and os.environ.get("CI") != "true",
    reason="needs GNU gettext (apt install gettext); CI installs it",
)


def catalogue(mo_path):
    with open(mo_path, "rb") as fh:
        return gettext.GNUTranslations(fh)._catalog


def messages_dir(root):
    return root / "locale" / "sv" / "LC_MESSAGES"


@needs_gettext
@pytest.mark.parametrize("root", CATALOGUED, ids=lambda root: root.name)
def test_committed_mo_is_compiled_from_committed_po(tmp_path, root):
    compiled = tmp_path / "django.mo"
    po, mo = messages_dir(root) / "django.po", messages_dir(root) / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)
    assert catalogue(compiled) == catalogue(mo), "django.mo is stale: run `make messages`"


def msgids(po_path, *attrib_flags):
    listing = subprocess.run(
        ["msgattrib", "--no-obsolete", "--no-wrap", *attrib_flags, str(po_path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # With --no-wrap only the header has an empty msgid.
    return [
        line for line in listing.splitlines() if line.startswith("msgid ") and line != 'msgid ""'
    ]


@needs_gettext
@pytest.mark.parametrize("root", CATALOGUED, ids=lambda root: root.name)
def test_every_string_in_the_code_has_a_swedish_translation(tmp_path, root):
    copy = tmp_path / root.name
    shutil.copytree(
        root, copy, ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3", "media", "static")
    )
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["sv"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    refreshed = messages_dir(copy) / "django.po"
    assert msgids(refreshed, "--untranslated") == [], "strings without Swedish: `make messages`"
    assert msgids(refreshed, "--only-fuzzy") == [], "fuzzy translations left in django.po"


def test_labels_render_in_swedish():
    from wagtail_internationellt.models import TripReportPage

    with translation.override("sv"):
        assert str(TripReportPage._meta.verbose_name) == "reserapport"
        assert str(TripReportPage._meta.get_field("total_cost").verbose_name) == (
            "total kostnad (kronor)"
        )
