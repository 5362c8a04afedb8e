"""Security review of what residents and editors are shown (issue 6, "Production").

- Cross-site scripting: a probe goes into every text, rich text, URL and StreamField
  field of every page type and every related model, found from the models' own
  field lists. The public pages, the search, the feeds, the exports and the admin
  show each probe as the text it is: no script runs, no attribute is added, no link
  leads to ``javascript:``.
- Formula injection: no cell of a CSV or XLSX export is one a spreadsheet calculates.
- Permissions: the admin registers, their exports, the annual account and the import
  refuse whoever may not see a municipality's rows, and say so without the rows.
- Publication: feeds and exports hold the live, public pages of a published section,
  in their published version.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from itertools import cycle

import openpyxl
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import AbstractPage, PageViewRestriction, Task
from wagtail.users.models import UserProfile

from tests.factories import (
    add_page,
    make_department,
    make_section,
    make_trip,
    make_trip_index,
    make_twin_town,
    make_twin_town_index,
    site_root,
)
from wagtail_internationellt.models import (
    Department,
    InternationalIndexPage,
    PolicyPage,
    SupersededDocument,
    TripReportIndexPage,
    TripReportPage,
    TwinTownEvaluation,
    TwinTownImage,
    TwinTownIndexPage,
    TwinTownPage,
)
from wagtail_internationellt.models.choices import DecisionBody
from wagtail_internationellt.roles import BOARD_SECRETARIAT, EDITORS, setup_section_roles

pytestmark = pytest.mark.django_db

# The probes

SCRIPT_PROBE = "<script>alert(1)</script>"
ATTRIBUTE_PROBE = '"><img src=x onerror=alert(1)>'
URL_PROBE = "javascript:alert(1)"
PROBE = SCRIPT_PROBE + ATTRIBUTE_PROBE
# For fields of at most 20 characters: a script element left open.
SHORT_PROBE = "<script>alert(1)"
# What every probe carries: seen as text, it shows the probe was shown and escaped.
PAYLOAD = "alert(1)"
# Rich text as the editor's form saves it when the editor types the probe and links
# text to the probe address.
RICH_TEXT_TYPED = f'<p>{escape(PROBE)} <a href="{URL_PROBE}">{escape(PROBE)}</a></p>'

TEXT, RICH_TEXT, URL, STREAM = "text", "rich text", "url", "stream"
# The page tree's own bookkeeping, never typed by an editor.
TREE_FIELDS = {"path"}

TRIPS = "/admin/wagtail_internationellt/tripreportpage/"
TWIN_TOWNS = "/admin/wagtail_internationellt/twintownpage/"
DEPARTMENTS = "/admin/wagtail_internationellt/department/"
REGISTERS = {"trips": TRIPS, "twin-towns": TWIN_TOWNS, "departments": DEPARTMENTS}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCOUNT_YEAR = 2025


@pytest.fixture(autouse=True)
def swedish():
    # Swedish, the site's default, has no language prefix in page URLs.
    with translation.override("sv"):
        yield


# Finding the fields


def content_models():
    """The package's models that hold content (workflow tasks are configuration)."""
    return sorted(
        (
            model
            for model in apps.get_app_config("wagtail_internationellt").get_models()
            if not issubclass(model, Task)
        ),
        key=lambda model: model.__name__,
    )


def kind_of(field):
    if isinstance(field, StreamField):
        return STREAM
    if isinstance(field, RichTextField):
        return RICH_TEXT
    if isinstance(field, models.URLField):
        return URL
    if isinstance(field, models.SlugField) or field.choices:
        return None  # not free text: a slug, or one of a list of choices
    if isinstance(field, (models.CharField, models.TextField)):
        return TEXT
    return None


def probe_fields(model):
    """``{name: kind}`` of the fields an editor types text, rich text, a URL or blocks
    into: the model's own and those it inherits (a page's title, SEO title…)."""
    return {
        field.name: kind
        for field in model._meta.concrete_fields
        if field.editable
        and field.name not in TREE_FIELDS
        and field.remote_field is None
        and (kind := kind_of(field)) is not None
    }


def text_probe(max_length):
    for probe in (PROBE, ATTRIBUTE_PROBE, SCRIPT_PROBE, SHORT_PROBE):
        if max_length is None or len(probe) <= max_length:
            return probe
    raise AssertionError(f"no probe fits in {max_length} characters")


def as_the_editor_saves(widget, typed=RICH_TEXT_TYPED):
    """Rich text through the editor's widget, as the page editor's form saves it."""
    return widget.value_from_datadict({"probe": widget.format_value(typed)}, {}, "probe")


def block_probe(block):
    """A value for a StreamField block with a probe in each of its texts."""
    if isinstance(block, blocks.RichTextBlock):
        return as_the_editor_saves(block.field.widget)
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return text_probe(block.field.max_length)
    if isinstance(block, blocks.ListBlock):
        return [block_probe(block.child_block)]
    if isinstance(block, blocks.StructBlock):
        return {name: block_probe(child) for name, child in block.child_blocks.items()}
    raise AssertionError(f"no probe for a {type(block).__name__}: add one")


def stream_probe(field):
    return json.dumps(
        [
            {"type": name, "value": block_probe(child)}
            for name, child in field.stream_block.child_blocks.items()
        ]
    )


def probes_for(model, **fixed):
    """Field values with a probe in every field an editor types into (URLs come later)."""
    values = {}
    for name, kind in probe_fields(model).items():
        field = model._meta.get_field(name)
        if kind == TEXT:
            values[name] = text_probe(field.max_length)
        elif kind == RICH_TEXT:
            values[name] = as_the_editor_saves(field.formfield().widget)
        elif kind == STREAM:
            values[name] = stream_probe(field)
        else:  # URL: the model's validation refuses the probe; stored after saving.
            values[name] = "https://www.example.se/"
    return {**values, **fixed}


def store_url_probes(instance):
    """Put the probe address in the URL fields, as data that never passed validation."""
    names = [name for name, kind in probe_fields(type(instance)).items() if kind == URL]
    if names:
        type(instance).objects.filter(pk=instance.pk).update(**dict.fromkeys(names, URL_PROBE))


# The checks


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
JSON_TYPES = {"application/json", "application/ld+json"}


class Markup(HTMLParser):
    """The elements, attributes, scripts and visible text of an HTML document."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self.text = [], [], []
        self._script = None
        self.feed(html)
        self.close()
        if self._script is not None:  # a script element never closed
            self.scripts.append((self._script[0], "".join(self._script[1])))

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data):
        (self._script[1] if self._script is not None else self.text).append(data)

    @property
    def visible_text(self):
        return "".join(self.text)


def is_script_url(value):
    # Browsers ignore whitespace and control characters in the scheme.
    scheme = re.sub(r"[\x00-\x20]", "", value or "").lower()
    return scheme.startswith(("javascript:", "vbscript:"))


def markup_problems(html, *, own_scripts=False):
    """What in ``html`` would run a probe. ``own_scripts``: the page (the admin) has
    scripts of its own; then only a script holding the probe's call is one."""
    markup = Markup(html)
    problems = []
    for tag, attrs in markup.elements:
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag}> has an event handler attribute {name}")
            if name in URL_ATTRIBUTES and is_script_url(value):
                problems.append(f"<{tag} {name}> leads to {value!r}")
    for attrs, content in markup.scripts:
        if attrs.get("type") in JSON_TYPES:
            try:
                json.loads(content)
            except ValueError:
                problems.append(f"a {attrs['type']} script element ends early: {content[:60]!r}")
        elif not own_scripts or PAYLOAD in content or attrs.get("src") == "x":
            problems.append(f"a script element: {content[:60]!r}")
    return problems


def json_ld_blocks(html):
    """The raw text of each JSON-LD element, read up to the first end tag."""
    return re.findall(r'<script type="application/ld\+json">(.*?)</script', html, flags=re.S)


def html_in_feed(root):
    """The elements of a feed whose text a reader shows as HTML."""
    is_rss = root.tag == "rss"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if element.get("type") in ("html", "xhtml") or (
            is_rss and name in ("title", "description")
        ):
            yield element


def feed_problems(data):
    root = ET.fromstring(data)  # noqa: S314 (the suite's own output)
    problems = [
        f"the feed holds a <{element.tag}> element"
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] in ("script", "img", "a", "p")
    ]
    for element in html_in_feed(root):
        problems += markup_problems(element.text or "")
    return problems


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def formula_cells(cells):
    """Cells a spreadsheet would calculate: a formula start, and not a plain number."""
    return [
        cell
        for cell in cells
        if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell)
    ]


def content_of(response):
    """The body, also of a streamed response (read once, kept on the response)."""
    if not response.streaming:
        return response.content
    if not hasattr(response, "streamed"):
        response.streamed = b"".join(response.streaming_content)
    return response.streamed


def csv_cells(response):
    assert response["Content-Type"].startswith("text/csv")
    text = content_of(response).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]


def xlsx_cells(response):
    assert response["Content-Type"] == XLSX
    workbook = openpyxl.load_workbook(io.BytesIO(content_of(response)))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def readable(response):
    """What a response shows, whatever its format, to look for rows in."""
    if response.get("Content-Type", "") == XLSX:
        return "\n".join(str(cell.value) for cell in xlsx_cells(response) if cell.value)
    return content_of(response).decode("utf-8-sig")


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, (url, response.status_code)
    return response


# The checks catch what they look for


def test_the_markup_check_finds_a_probe_left_unescaped():
    assert len(markup_problems(f"<p>{PROBE}</p>")) == 2
    assert markup_problems(f'<p title="{ATTRIBUTE_PROBE}">x</p>')
    assert markup_problems(f'<a href="{URL_PROBE}">x</a>')
    assert markup_problems('<a href=" JaVa\tScript:alert(1)">x</a>')
    assert markup_problems(f"<p>{SHORT_PROBE}</p>")
    leaky = f'<script type="application/ld+json">{{"name": "{SCRIPT_PROBE}"}}</script>'
    assert markup_problems(leaky)

    escaped = f'<p title="{escape(PROBE)}">{escape(PROBE)}</p><a href="/{escape(URL_PROBE)}">x</a>'
    assert markup_problems(escaped) == []
    assert PAYLOAD in Markup(escaped).visible_text


def test_the_feed_check_finds_markup_a_reader_would_run():
    raw = f"<rss><channel><item><description>{escape(PROBE)}</description></item></channel></rss>"
    escaped_twice = raw.replace(escape(PROBE), escape(escape(PROBE)))

    assert feed_problems(raw.encode())
    assert feed_problems(escaped_twice.encode()) == []


def test_the_formula_check_finds_cells_a_spreadsheet_would_calculate():
    assert formula_cells(["=1+1", "+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]) == [
        "=1+1",
        "+1",
        "-1+1",
        "@SUM(1)",
        "\t=1",
        "\r=1",
    ]
    assert formula_cells(["'=1+1", "-27.1", "12400.50", "Skjern", ""]) == []


# A municipality with a probe in every field


class Probed:
    def __init__(self):
        self.instances = {}  # model -> instances
        self.pages = {}  # name -> page

    def add(self, name, instance):
        self.instances.setdefault(type(instance), []).append(instance)
        if isinstance(instance, AbstractPage):
            self.pages[name] = instance
        return instance


@pytest.fixture
def probed():
    world = Probed()
    section = world.add(
        "section",
        add_page(
            site_root(),
            InternationalIndexPage(slug="provkommun", **probes_for(InternationalIndexPage)),
        ),
    )
    towns = world.add(
        "twin_town_index",
        add_page(section, TwinTownIndexPage(slug="vanorter", **probes_for(TwinTownIndexPage))),
    )
    trips = world.add(
        "trip_index",
        add_page(section, TripReportIndexPage(slug="resor", **probes_for(TripReportIndexPage))),
    )
    department = world.add(
        "department", Department.objects.create(section=section, **probes_for(Department))
    )

    town = add_page(
        towns,
        TwinTownPage(
            slug="vanort",
            country="DK",
            decision_year=1977,
            latitude=Decimal("55.9"),
            longitude=Decimal("8.6"),
            **probes_for(TwinTownPage),
        ),
    )
    image = get_image_model().objects.create(title=PROBE, file=get_test_image_file())
    world.add(
        "image", TwinTownImage.objects.create(page=town, image=image, **probes_for(TwinTownImage))
    )
    world.add(
        "evaluation",
        TwinTownEvaluation.objects.create(
            page=town,
            decision_date=datetime.date(ACCOUNT_YEAR, 6, 12),
            **probes_for(TwinTownEvaluation),
        ),
    )
    town.save_revision().publish()
    world.add("twin_town", town)

    trip = {
        "department": department,
        "travellers_count": 2,
        "total_cost": Decimal("14500"),
        "start_date": datetime.date(ACCOUNT_YEAR, 4, 7),
        "end_date": datetime.date(ACCOUNT_YEAR, 4, 10),
    }
    world.add(
        "trip_to_twin_town",
        add_page(
            trips,
            TripReportPage(
                slug="resa-till-vanort",
                **probes_for(
                    TripReportPage,
                    destination_twin_town=town,
                    destination_place="",
                    board_approval_date=datetime.date(ACCOUNT_YEAR, 2, 18),
                    **trip,
                ),
            ),
        ),
    )
    world.add(
        "trip_to_a_place",
        add_page(
            trips,
            TripReportPage(
                slug="resa-till-ort",
                **probes_for(TripReportPage, destination_country="BE", **trip),
            ),
        ),
    )

    committee = {"decided_by": DecisionBody.COMMITTEE}
    earlier = add_page(
        section,
        PolicyPage(
            slug="tidigare-policy",
            **probes_for(PolicyPage, decision_date=datetime.date(2001, 1, 1), **committee),
        ),
    )
    policy = add_page(
        section,
        PolicyPage(
            slug="policy",
            **probes_for(
                PolicyPage,
                decision_date=datetime.date(2012, 5, 6),
                supersedes=earlier,
                **committee,
            ),
        ),
    )
    world.add(
        "superseded_document",
        SupersededDocument.objects.create(policy=policy, **probes_for(SupersededDocument)),
    )
    policy.save_revision().publish()
    world.add("earlier_policy", earlier)
    world.add("policy", policy)

    for instances in world.instances.values():
        for instance in instances:
            store_url_probes(instance)
    for name, page in world.pages.items():
        world.pages[name] = type(page).objects.get(pk=page.pk)
    return world


def holds_a_probe(instance, name, kind):
    value = getattr(type(instance).objects.get(pk=instance.pk), name)
    if kind == URL:
        return value == URL_PROBE
    if kind == STREAM:
        return PAYLOAD in json.dumps(instance._meta.get_field(name).get_prep_value(value))
    return PAYLOAD in str(value)


def test_every_content_model_and_every_field_an_editor_types_into_holds_a_probe(probed):
    assert set(probed.instances) == set(content_models())

    probed_fields = []
    for model, instances in probed.instances.items():
        fields = probe_fields(model)
        assert fields, model
        for name, kind in fields.items():
            # In one instance at least: a trip to a twin town names no place.
            assert any(holds_a_probe(instance, name, kind) for instance in instances), name
            probed_fields.append(name)
    # The enumeration finds the fields the review names, and the body's blocks.
    assert {"purpose", "description", "website", "body", "comment", "name"} <= set(probed_fields)
    assert {"responsible_email", "municipality_name", "caption", "registry_number"} <= set(
        probed_fields
    )
    assert len(probed_fields) > 30


def test_an_editor_cannot_store_a_script_address():
    town = TwinTownPage(title="Skjern", slug="skjern")
    with pytest.raises(ValidationError):
        TwinTownPage._meta.get_field("website").clean(URL_PROBE, town)

    saved = as_the_editor_saves(TwinTownPage._meta.get_field("description").formfield().widget)
    assert "javascript" not in saved.lower()
    assert escape(SCRIPT_PROBE) in saved


# The public pages


PUBLIC_PAGES = [
    "section",
    "policy",
    "earlier_policy",
    "twin_town_index",
    "twin_town",
    "trip_index",
    "trip_to_twin_town",
    "trip_to_a_place",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_public_page_shows_every_probe_as_text(client, probed, name):
    html = get(client, probed.pages[name].url).content.decode()

    assert markup_problems(html) == []
    assert PAYLOAD in Markup(html).visible_text
    assert SCRIPT_PROBE in Markup(html).visible_text


@pytest.mark.parametrize(
    "query",
    [{"q": PROBE}, {"q": "alert"}],
    ids=["probe-as-query", "results-with-probes"],
)
def test_the_section_search_shows_the_query_and_the_results_as_text(client, probed, query):
    response = get(client, probed.pages["section"].url + "sok/", query)
    html = response.content.decode()

    assert markup_problems(html) == []
    assert PAYLOAD in Markup(html).visible_text
    if query["q"] == "alert":
        assert response.context["search_results"].paginator.count > 0


@pytest.mark.parametrize("name", ["twin_town_index", "trip_index"])
def test_filters_in_the_query_string_are_shown_as_text(client, probed, name):
    params = dict.fromkeys(
        ["year", "department", "destination", "country", "status", "page", "q"], PROBE
    )

    html = get(client, probed.pages[name].url, params).content.decode()

    assert markup_problems(html) == []


@pytest.mark.parametrize("name", ["policy", "earlier_policy", "twin_town"])
def test_json_ld_is_data_that_no_probe_can_end(client, probed, name):
    page = probed.pages[name]
    html = get(client, page.url).content.decode()

    (raw,) = json_ld_blocks(html)
    assert "<" not in raw and ">" not in raw
    data = json.loads(raw)
    assert data["name"] == page.title == PROBE


def test_a_stored_script_address_is_neither_linked_nor_published(client, probed):
    town = probed.pages["twin_town"]
    index = probed.pages["twin_town_index"]
    assert town.website == URL_PROBE

    html = get(client, town.url).content.decode()
    data = json.loads(json_ld_blocks(html)[0])
    exported = get(client, index.url + "data/json/").json()["items"]

    assert "javascript" not in html.lower()
    assert "sameAs" not in data
    assert [item["website"] for item in exported] == [None]


# Feeds and exports


@pytest.mark.parametrize("route", ["rss", "atom"])
def test_a_feed_carries_the_probes_as_text_never_as_markup(client, probed, route):
    response = get(client, f"{probed.pages['trip_index'].url}feed/{route}/")
    data = content_of(response)

    assert feed_problems(data) == []
    root = ET.fromstring(data)  # noqa: S314 (the suite's own output)
    texts = [element.text or "" for element in root.iter()]
    assert any(PAYLOAD in text for text in texts)
    # What a reader shows as HTML, read as HTML, gives back the probe as text.
    shown = [Markup(element.text or "").visible_text for element in html_in_feed(root)]
    assert any(PROBE in text for text in shown)


EXPORTS = [
    ("twin_town_index", "name", "csv"),
    ("twin_town_index", "name", "json"),
    ("trip_index", "title", "csv"),
    ("trip_index", "title", "json"),
]


@pytest.mark.parametrize(("index", "column", "kind"), EXPORTS)
def test_an_export_carries_the_probes_as_data(client, probed, index, column, kind):
    response = get(client, f"{probed.pages[index].url}data/{kind}/")

    assert "html" not in response["Content-Type"]
    if kind == "csv":
        assert response["Content-Disposition"].startswith("attachment;")
        rows = list(csv.DictReader(io.StringIO(readable(response)), delimiter=";"))
    else:
        rows = json.loads(readable(response))["items"]
        assert json.loads(readable(response))["municipality"] == PROBE
    assert rows and all(row[column] == PROBE for row in rows)


# The admin


@pytest.fixture
def editor(probed):
    roles = setup_section_roles(probed.pages["section"])
    user = get_user_model().objects.create_user("redaktor", "redaktor@example.se", "pw")
    user.groups.add(roles.groups[EDITORS], roles.groups[BOARD_SECRETARIAT])
    return user


def import_upload(section, header, row, dry_run=True):
    data = f"{header}\r\n{row}\r\n".encode("utf-8-sig")
    upload = {
        "municipality": section.pk,
        "kind": "twin-towns",
        "file": SimpleUploadedFile("vanorter.csv", data, content_type="text/csv"),
        "encoding": "auto",
    }
    return {**upload, "dry_run": "on"} if dry_run else upload


ADMIN_PAGES = [
    "trips",
    "twin-towns",
    "departments",
    "annual-account",
    "dashboard",
    "department-delete",
    "import-checked",
    "import-errors",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_the_admin_shows_the_probes_escaped(client, probed, editor, name):
    client.force_login(editor)
    section = probed.pages["section"]
    department = probed.instances[Department][0]
    if name in REGISTERS:
        response = get(client, REGISTERS[name])
    elif name == "annual-account":
        account = reverse("wagtail_internationellt_annual_account")
        response = get(client, account, {"section": section.pk, "year": ACCOUNT_YEAR})
    elif name == "dashboard":
        response = get(client, "/admin/")
    elif name == "department-delete":
        response = get(client, f"{DEPARTMENTS}delete/{department.pk}/")
    else:
        row = f"{PROBE} Ny;DK;{PROBE};;;{PROBE}"
        if name == "import-errors":
            row = f"{PROBE};{PROBE};{PROBE};{PROBE};{URL_PROBE};{PROBE}"
        header = "name;country;region;decision_year;website;decision_reference"
        response = client.post(
            reverse("wagtail_internationellt_import"), import_upload(section, header, row)
        )
        assert response.status_code == 200
        assert response.context["result"].ok == (name == "import-checked")
    html = response.content.decode()

    assert markup_problems(html, own_scripts=True) == []
    assert PAYLOAD in Markup(html).visible_text


# Formula injection


FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def formulas_for(model, values, **fixed):
    fields = [name for name, kind in probe_fields(model).items() if kind == TEXT]
    return {**{name: next(values) for name in fields}, **fixed}


@pytest.fixture
def formulas():
    values = cycle(FORMULAS)
    section = add_page(
        site_root(),
        InternationalIndexPage(
            slug="formelkommun", **formulas_for(InternationalIndexPage, values)
        ),
    )
    department = Department.objects.create(section=section, **formulas_for(Department, values))
    trips = make_trip_index(section, slug="resor")
    towns = make_twin_town_index(section, slug="vanorter")
    for number in range(2):
        make_trip(
            trips,
            department,
            slug=f"resa-{number}",
            **formulas_for(TripReportPage, values, start_date=datetime.date(ACCOUNT_YEAR, 3, 10)),
        )
    town = make_twin_town(towns, slug="vanort", **formulas_for(TwinTownPage, values))
    TwinTownEvaluation.objects.create(
        page=town,
        decision_date=datetime.date(ACCOUNT_YEAR, 6, 12),
        **formulas_for(TwinTownEvaluation, values),
    )
    town.save_revision().publish()
    roles = setup_section_roles(section)
    user = get_user_model().objects.create_user("formler", "formler@example.se", "pw")
    user.groups.add(roles.groups[EDITORS])
    return {"section": section, "trips": trips, "towns": towns, "user": user}


SPREADSHEETS = [
    "public-twin-towns",
    "public-trips",
    "register-trips",
    "register-twin-towns",
    "register-departments",
    "annual-account",
]


def spreadsheet(client, formulas, name, extension):
    if name.startswith("public-"):
        index = formulas["towns"] if name == "public-twin-towns" else formulas["trips"]
        return get(client, f"{index.url}data/{extension}/")
    client.force_login(formulas["user"])
    if name == "annual-account":
        account = reverse("wagtail_internationellt_annual_account")
        params = {"section": formulas["section"].pk, "year": ACCOUNT_YEAR, "format": extension}
        return get(client, account, params)
    return get(client, REGISTERS[name.removeprefix("register-")], {"export": extension})


@pytest.mark.parametrize("name", SPREADSHEETS)
def test_no_csv_export_holds_a_cell_a_spreadsheet_would_calculate(client, formulas, name):
    cells = csv_cells(spreadsheet(client, formulas, name, "csv"))

    assert formula_cells(cells) == []
    defused = {cell[1] for cell in cells if cell[:1] == "'" and cell[1:2]}
    assert defused, "the export holds none of the formulas typed in"
    if name == "public-trips":
        assert defused == set(FORMULA_STARTS)


@pytest.mark.parametrize("name", [name for name in SPREADSHEETS if not name.startswith("public")])
def test_no_xlsx_export_holds_a_formula(client, formulas, name):
    cells = xlsx_cells(spreadsheet(client, formulas, name, "xlsx"))

    assert [cell.value for cell in cells if cell.data_type == "f"] == []
    typed = [cell for cell in cells if str(cell.value or "").startswith(FORMULA_STARTS)]
    assert typed, "the export holds none of the formulas typed in"


# Permissions


SECRETS = ("Hemliga resan", "Hemliga vänorten", "Hemliga förvaltningen", "Torsby kommun")


@pytest.fixture
def municipalities():
    torsby = make_section("Torsby kommun", slug="torsby")
    department = make_department(torsby, name="Hemliga förvaltningen")
    town = make_twin_town(make_twin_town_index(torsby), "Hemliga vänorten")
    make_trip(
        make_trip_index(torsby),
        department,
        "Hemliga resan",
        destination_twin_town=town,
        destination_place="",
        board_approval_date=datetime.date(ACCOUNT_YEAR, 1, 10),
        start_date=datetime.date(ACCOUNT_YEAR, 3, 10),
    )
    TwinTownEvaluation.objects.create(page=town, decision_date=datetime.date(ACCOUNT_YEAR, 5, 1))
    town.save_revision().publish()
    motala = make_section("Motala kommun", slug="motala")
    make_trip(make_trip_index(motala), make_department(motala, name="Motalas förvaltning"))
    make_twin_town(make_twin_town_index(motala), "Motalas vänort")

    def user(username, section=None, admin=False):
        user = get_user_model().objects.create_user(username, f"{username}@example.se", "pw")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        if section is not None:
            roles = setup_section_roles(section)
            user.groups.add(roles.groups[EDITORS], roles.groups[BOARD_SECRETARIAT])
        if admin:
            user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        return user

    return {
        "torsby": torsby,
        "torsby-editor": user("torsby-red", torsby),
        "motala-editor": user("motala-red", motala),
        "outsider": user("utomstaende", admin=True),
        "no-admin": user("invanare"),
    }


def admin_requests():
    """Every admin view that shows a municipality's rows: (name, method, url, data(world))."""
    account = reverse("wagtail_internationellt_annual_account")
    importer = reverse("wagtail_internationellt_import")
    found = []
    for register, url in REGISTERS.items():
        for export in ("page", "csv", "xlsx"):
            params = {} if export == "page" else {"export": export}
            found.append((f"{register}-{export}", "GET", url, lambda world, p=params: p))
    for export in ("page", "csv", "xlsx"):
        extra = {} if export == "page" else {"format": export}
        found.append(
            (
                f"annual-account-{export}",
                "GET",
                account,
                lambda world, e=extra: {"section": world["torsby"].pk, "year": ACCOUNT_YEAR, **e},
            )
        )
    found.append(("import", "GET", importer, lambda world: {}))
    found.append(
        ("import-torsby", "GET", importer, lambda world: {"municipality": world["torsby"].pk})
    )
    found.append(
        (
            "import-upload",
            "POST",
            importer,
            lambda world: import_upload(world["torsby"], "name;country", "Bömlo;NO", False),
        )
    )
    return found


ADMIN_REQUESTS = admin_requests()
REQUEST_IDS = [name for name, *_rest in ADMIN_REQUESTS]


def ask(client, world, user, request):
    _name, method, url, data = request
    if user is not None:
        client.force_login(world[user])
    imported = TwinTownPage.objects.count()
    # The admin speaks the user's language; to those it refuses, the browser's.
    send = client.post if method == "POST" else client.get
    response = send(url, data(world), HTTP_ACCEPT_LANGUAGE="en")
    assert TwinTownPage.objects.count() == imported, "a refused import wrote pages"
    return response


def wagtail_refusal(message):
    """A refusal as Wagtail's admin words it before it knows the user: in the site's
    language (the admin's addresses have no language prefix)."""
    with translation.override(settings.LANGUAGE_CODE):
        return escape(gettext(message))


def assert_shows_no_rows(response):
    shown = readable(response)
    assert not [secret for secret in SECRETS if secret in shown], response.status_code


@pytest.mark.parametrize("request_", ADMIN_REQUESTS, ids=REQUEST_IDS)
def test_an_anonymous_visitor_is_sent_to_log_in_and_sees_no_rows(client, municipalities, request_):
    response = ask(client, municipalities, None, request_)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert_shows_no_rows(response)


@pytest.mark.parametrize("request_", ADMIN_REQUESTS, ids=REQUEST_IDS)
def test_a_user_without_admin_access_is_sent_to_log_in_and_sees_no_rows(
    client, municipalities, request_
):
    response = ask(client, municipalities, "no-admin", request_)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert_shows_no_rows(response)
    followed = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    refusal = wagtail_refusal("You do not have permission to access the admin.")
    assert refusal in followed.content.decode()
    assert_shows_no_rows(followed)


@pytest.mark.parametrize("request_", ADMIN_REQUESTS, ids=REQUEST_IDS)
def test_a_user_without_a_section_is_refused_and_sees_no_rows(client, municipalities, request_):
    name = request_[0]
    response = ask(client, municipalities, "outsider", request_)

    assert_shows_no_rows(response)
    if name.split("-")[0] in ("trips", "twin", "departments"):
        # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        followed = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
        refusal = wagtail_refusal("Sorry, you do not have permission to access this area.")
        assert refusal in followed.content.decode()
        assert_shows_no_rows(followed)
    else:
        # The annual account and the import answer 403 themselves.
        assert response.status_code == 403


@pytest.mark.parametrize("request_", ADMIN_REQUESTS, ids=REQUEST_IDS)
def test_an_editor_of_another_municipality_sees_none_of_its_rows(client, municipalities, request_):
    name = request_[0]
    response = ask(client, municipalities, "motala-editor", request_)

    assert_shows_no_rows(response)
    if name.startswith(("annual-account", "import-")):
        assert response.status_code == 403
        if name == "annual-account-page":
            with translation.override("en"):
                assert (
                    "You may not see the annual account of this municipality: you cannot "
                    "edit its international section."
                ) in response.content.decode()
    else:
        # Its own register and import page, with its own rows only.
        assert response.status_code == 200
        assert "Motala" in readable(response)


@pytest.mark.parametrize(
    "request_",
    [request for request in ADMIN_REQUESTS if request[1] == "GET"],
    ids=[name for name, method, *_rest in ADMIN_REQUESTS if method == "GET"],
)
def test_the_municipalitys_own_editor_sees_its_rows(client, municipalities, request_):
    response = ask(client, municipalities, "torsby-editor", request_)

    assert response.status_code == 200
    assert [secret for secret in SECRETS if secret in readable(response)]


# Publication


@pytest.fixture
def publication():
    section = make_section("Torsby kommun", slug="torsby")
    trips, towns = make_trip_index(section), make_twin_town_index(section)
    department = make_department(section)

    def draft_only(parent, page):
        page.live = False
        parent.add_child(instance=page)
        page.save_revision()
        return page

    def private(page):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
        )
        return page

    make_trip(trips, department, "Publicerad resa", slug="publicerad")
    make_trip(trips, department, "Avpublicerad resa", slug="avpublicerad").unpublish()
    draft_only(
        trips,
        TripReportPage(
            title="Aldrig publicerad resa",
            slug="utkast",
            department=department,
            destination_place="Bryssel",
            start_date=datetime.date(2025, 5, 5),
            end_date=datetime.date(2025, 5, 6),
            travellers_count=1,
            purpose="Utkastets syfte",
            goals="Utkastets mål",
            total_cost=Decimal("100"),
        ),
    )
    changed = make_trip(
        trips, department, "Publicerad titel", slug="andrad", purpose="Publicerat syfte"
    )
    changed.title, changed.purpose = "Utkastets titel", "Utkastets syfte"
    changed.save_revision()
    private(make_trip(trips, department, "Privat resa", slug="privat"))

    make_twin_town(towns, "Publicerad vänort", slug="publicerad")
    make_twin_town(towns, "Avpublicerad vänort", slug="avpublicerad").unpublish()
    draft_only(towns, TwinTownPage(title="Aldrig publicerad vänort", slug="utkast"))
    town = make_twin_town(towns, "Publicerat namn", slug="andrad", official_name="Publicerat")
    town.title, town.official_name = "Utkastets vänort", "Utkastets officiella namn"
    town.save_revision()
    private(make_twin_town(towns, "Privat vänort", slug="privat"))
    return {"trips": trips, "towns": towns}


PUBLISHED = {
    "trips": {"Publicerad resa", "Publicerad titel"},
    "towns": {"Publicerad vänort", "Publicerat namn"},
}
UNPUBLISHED = ("Avpublicerad", "Aldrig publicerad", "Utkastets", "Privat")


def titles_in(response, route):
    data = content_of(response)
    if route.startswith("feed/"):
        root = ET.fromstring(data)  # noqa: S314 (the suite's own output)
        names = [element.tag.rsplit("}", 1)[-1] for element in root.iter()]
        assert "item" in names or "entry" in names
        return {
            element.findtext("title") or element.findtext("{http://www.w3.org/2005/Atom}title")
            for element in root.iter()
            if element.tag.rsplit("}", 1)[-1] in ("item", "entry")
        }
    if route == "data/json/":
        return {item.get("title") or item.get("name") for item in json.loads(data)["items"]}
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    return {row.get("title") or row.get("name") for row in rows}


PUBLIC_DATA = [
    ("trips", "feed/rss/"),
    ("trips", "feed/atom/"),
    ("trips", "data/csv/"),
    ("trips", "data/json/"),
    ("towns", "data/csv/"),
    ("towns", "data/json/"),
]


@pytest.mark.parametrize(("index", "route"), PUBLIC_DATA)
def test_feeds_and_exports_hold_the_published_version_of_live_public_pages_only(
    client, publication, index, route
):
    response = get(client, publication[index].url + route)

    assert titles_in(response, route) == PUBLISHED[index]
    shown = readable(response)
    assert not [word for word in UNPUBLISHED if word in shown]
    if index == "trips":
        assert "Publicerat syfte" in shown


@pytest.mark.parametrize(("index", "route"), PUBLIC_DATA)
def test_an_unpublished_section_has_no_feeds_or_exports(client, index, route):
    section = make_section("Nedlagda kommunen", slug="nedlagd")
    lists = {"trips": make_trip_index(section), "towns": make_twin_town_index(section)}
    make_trip(lists["trips"], make_department(section), "Kvarglömd resa")
    make_twin_town(lists["towns"], "Kvarglömd vänort")
    url = lists[index].url + route
    get(client, url)  # while the section is live

    section.unpublish()

    response = get(client, url, status=404)
    assert "Kvarglömd" not in response.content.decode()
