"""The public pages residents read: policy, twin towns and trip reports (W2).

Requests are made in English (under /en/) where a test reads a label, so
that the tests hold once the Swedish translation exists; everything else is
asserted on data values and structure.
"""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from home.models import HomePage
from tests.factories import (
    make_policy,
    make_section,
    make_trip,
    make_twin_town,
    site_root,
)
from wagtail_internationellt.blocks import PolicyBodyBlock
from wagtail_internationellt.models import (
    PolicyPage,
    SupersededDocument,
    TwinTownEvaluation,
    TwinTownImage,
)
from wagtail_internationellt.templatetags.internationellt import kronor

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
URL_HOST = re.compile(r"""(?:https?:)?//([^/"'\s<>]+)""")


def get(client, url, **params):
    # The request activates its own language; keep Swedish, the site's default,
    # active in the test itself so that ``page.url`` has no language prefix.
    with translation.override("sv"):
        response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def get_en(client, url, **params):
    """The page in English: Swedish is the default, English has the prefix /en/."""
    return get(client, "/en" + url, **params)


def count_h1(html):
    return len(re.findall(r"<h1[\s>]", html))


def foreign_hosts(html):
    """Hosts named in the page, apart from its JSON-LD (data for machines, never fetched)."""
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    return {host for host in URL_HOST.findall(html) if host != "testserver"}


def between(html, start_marker, end_marker):
    start = html.index(start_marker)
    return html[start : html.index(end_marker, start)]


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def body(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


@pytest.fixture
def section():
    return make_section("Sandvikens kommun")


# Every page of the section


def test_every_page_has_one_h1_swedish_lang_and_no_requests_to_other_hosts(
    client, section, twin_town_index, trip_index, department
):
    policy = make_policy(section, minute_paragraph="44")
    town = make_twin_town(twin_town_index, "Skjern", website="https://www.skjern.dk/")
    trip = make_trip(
        trip_index,
        department,
        destination_twin_town=town,
        destination_place="",
        board_approval_date=datetime.date(2025, 2, 1),
    )
    pages = [site_root(), section, policy, twin_town_index, town, trip_index, trip]

    for page in pages:
        html = get(client, page.url)
        assert count_h1(html) == 1, page.url
        assert '<html lang="sv">' in html, page.url
        assert '<main id="main"' in html and 'href="#main"' in html, page.url
        expected = {"www.skjern.dk"} if page.pk == town.pk else set()
        if page.pk in (twin_town_index.pk, trip_index.pk):
            expected = {"creativecommons.org"}  # the open data's licence, a link
        assert foreign_hosts(html) == expected, page.url


def test_the_page_is_in_english_when_the_visitor_chooses_english(client, section):
    html = get(client, section.url)
    english = f'href="/en{section.url}" lang="en" hreflang="en"'
    assert english in html
    # A plain link: no form, so no CSRF cookie on public pages.
    assert "csrftoken" not in client.cookies

    html = get(client, "/en" + section.url)

    assert '<html lang="en">' in html
    assert f'href="{section.url}" lang="sv" hreflang="sv"' in html
    assert f'{english} aria-current="true"' in html


def test_titles_and_breadcrumbs_name_the_municipality(client, section, twin_town_index):
    html = get(client, twin_town_index.url)

    assert "<title>Vänorter – Sandvikens kommun" in html
    crumbs = between(html, 'class="intl-breadcrumbs"', "</nav>")
    assert "Internationellt arbete (Sandvikens kommun)" in crumbs
    assert "<title>Internationellt arbete – Sandvikens kommun" in get(client, section.url)


def test_the_site_name_leads_to_the_start_page_in_the_visitors_language(client, section):
    assert 'class="site-name" href="/"' in get(client, section.url)
    assert 'class="site-name" href="/en/"' in get(client, "/en" + section.url)


def test_unknown_address_gives_a_page_not_found_page_of_the_site(client):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert count_h1(html) == 1
    assert "Page not found" in html
    assert '<main id="main"' in html


def test_server_error_page_renders_without_a_request():
    html = render_to_string("500.html")

    assert count_h1(html) == 1
    assert 'href="/"' in html


# Home page of the example site


def test_home_page_lists_every_municipality(client):
    make_section("Sandvikens kommun", slug="sandviken")
    make_section("Torsby kommun", slug="torsby")
    home = HomePage.objects.get()

    html = get(client, home.url)

    assert "Sandvikens kommun" in html and "Torsby kommun" in html
    assert 'href="/sandviken/"' in html and 'href="/torsby/"' in html
    assert count_h1(html) == 1


# The section's start page


def test_section_start_links_policy_twin_towns_and_trip_reports(
    client, section, twin_town_index, trip_index
):
    policy = make_policy(section, title="Internationell policy 2012")
    expired = make_policy(
        section,
        title="Gammal policy",
        decision_date=datetime.date(2001, 1, 1),
        valid_until=datetime.date(2004, 12, 31),
    )

    html = get(client, section.url)

    assert "Sandvikens kommun" in html
    assert f'href="{policy.url}"' in html
    assert f'href="{expired.url}"' not in html
    assert f'href="{twin_town_index.url}"' in html
    assert f'href="{trip_index.url}"' in html


# Policy page


def test_document_information_shows_the_decision_details(client, section):
    policy = make_policy(
        section,
        id_number="0:19",
        version="1.0",
        decision_date=datetime.date(2012, 5, 6),
        minute_paragraph="44",
        registry_number="KS2011/157",
        period_start_year=2013,
        period_end_year=2014,
        document_owner="Kommundirektör",
        revise_by=datetime.date(2030, 6, 30),
    )

    html = get_en(client, policy.url)
    box = between(html, "Document information", "</dl>")

    assert "§ 44" in box
    assert "KS2011/157" in box
    assert "2012-05-06" in box
    assert "0:19" in box and "1.0" in box
    assert "2013–2014" in box
    assert "Kommundirektör" in box
    assert "2030-06-30" in box
    assert "Valid until further notice" in box


def test_paragraph_typed_with_its_sign_is_shown_with_one_sign(client, section):
    policy = make_policy(section, minute_paragraph="§121")

    html = get(client, policy.url)

    assert "§ 121" in html
    assert "§ §" not in html


def test_policy_with_an_end_date_shows_it_instead_of_until_further_notice(client, section):
    policy = make_policy(section, valid_until=datetime.date(2099, 12, 31))

    box = between(get_en(client, policy.url), "Document information", "</dl>")

    assert "2099-12-31" in box
    assert "Valid until further notice" not in box


def test_expired_policy_says_so(client, section):
    policy = make_policy(
        section, decision_date=datetime.date(2016, 2, 8), valid_until=datetime.date(2020, 12, 31)
    )

    html = get_en(client, policy.url)

    assert "Expired" in html
    assert "expired on 2020-12-31" in html


def test_upcoming_policy_says_when_it_comes_into_force(client, section):
    starts = days_from_today(30)
    policy = make_policy(section, valid_from=starts)

    html = get_en(client, policy.url)

    assert "Upcoming" in html
    assert f"comes into force on {starts:%Y-%m-%d}" in html


def test_superseded_policy_links_to_its_successor(client, section):
    old = make_policy(section, title="Riktlinjer 2006", decision_date=datetime.date(2006, 3, 1))
    new = make_policy(
        section,
        title="Internationell policy",
        supersedes=old,
        decision_date=datetime.date(2012, 5, 6),
    )

    html = get_en(client, old.url)
    banner = between(html, 'class="intl-notice intl-notice--superseded"', "</div>")

    assert "Superseded" in html
    assert f'href="/en{new.url}"' in banner
    assert "Internationell policy" in banner
    # The register box no longer claims the old document is valid until further notice.
    facts = between(html, 'class="intl-facts"', "</dl>")
    assert "Superseded on 2012-05-06" in facts
    assert "until further notice" not in facts


def test_policy_not_yet_replaced_announces_its_successor(client, section):
    old = make_policy(section, title="Policy 2012")
    starts = days_from_today(60)
    new = make_policy(section, title="Policy 2026", supersedes=old, valid_from=starts)

    html = get_en(client, old.url)

    assert "In force" in html
    assert "intl-notice--superseded" not in html
    assert f'href="/en{new.url}"' in html
    assert f"{starts:%Y-%m-%d}" in html


def test_policy_lists_the_documents_it_supersedes(client, section):
    oldest = make_policy(section, title="Policy 2001", registry_number="KS2001/12")
    older = make_policy(section, title="Policy 2006", supersedes=oldest)
    policy = make_policy(section, title="Policy 2012", supersedes=older)
    SupersededDocument.objects.create(
        policy=policy,
        title="Riktlinjer för kommunens internationella verksamhet",
        decision_date=datetime.date(1997, 5, 26),
        registry_number="KS2006/639",
    )

    html = get(client, policy.url)
    table = between(html, "<table", "</table>")

    assert "<caption" in table
    assert f'href="{older.url}"' in table and f'href="{oldest.url}"' in table
    assert table.index("Policy 2006") < table.index("Policy 2001")
    assert "KS2001/12" in table
    assert "Riktlinjer för kommunens internationella verksamhet" in table
    assert "1997-05-26" in table and "KS2006/639" in table


def test_table_of_contents_links_to_each_section_of_the_body(client, section):
    policy = make_policy(
        section,
        body=body(
            ("purpose", {"heading": "Syfte", "text": "<p>En plattform.</p>"}),
            ("goals", {"heading": "Mål", "intro": "", "items": ["Stärka tillväxten"]}),
        ),
    )

    html = get(client, policy.url)
    toc = between(html, '<nav class="intl-toc"', "</nav>")

    assert '<a href="#section-1">Syfte</a>' in toc
    assert '<a href="#section-2">Mål</a>' in toc
    assert 'id="section-1"' in html and 'id="section-2"' in html
    assert re.search(r'id="section-2">\s*<h2>Mål</h2>', html)
    assert "<li>Stärka tillväxten</li>" in html


def test_policy_offers_the_adopted_pdf_with_its_size(client, section):
    document = get_document_model().objects.create(
        title="Internationell policy", file=ContentFile(b"%PDF-1.4" + b"x" * 2040, "policy.pdf")
    )
    policy = make_policy(section, document=document)

    html = get_en(client, policy.url)

    assert f'href="{document.url}"' in html
    assert "(PDF, 2.0\xa0KB)" in html


def test_twin_town_section_of_a_policy_lists_current_twin_towns(client, section, twin_town_index):
    skjern = make_twin_town(twin_town_index, "Skjern", country="DK")
    bomlo = make_twin_town(twin_town_index, "Bømlo", country="NO", status="inactive")
    ended = make_twin_town(
        twin_town_index,
        "Pernå",
        country="FI",
        status="terminated",
        end_date=datetime.date(2019, 1, 1),
    )
    policy = make_policy(
        section,
        body=body(
            ("twin_towns", {"heading": "Vänorter", "text": "<p>Inga nya avtal.</p>"}),
        ),
    )

    html = get(client, policy.url)
    block = between(html, 'id="section-1"', "</section>")

    assert "<h2>Vänorter</h2>" in block
    assert "Inga nya avtal." in block
    assert f'href="{skjern.url}"' in block and "Danmark" in block
    assert f'href="{bomlo.url}"' in block
    assert f'href="{ended.url}"' not in block
    assert block.index("Bømlo") < block.index("Skjern")


@pytest.mark.parametrize("name", list(PolicyBodyBlock.base_blocks))
def test_block_previews_render_without_a_page(name):
    block = PolicyBodyBlock.base_blocks[name]

    html = block.render(block.get_preview_value(), context={})

    assert f"<h2>{block.get_preview_value()['heading']}</h2>" in html


def test_a_new_policy_can_be_previewed_before_it_is_saved(section):
    policy = PolicyPage(title="Ny policy", slug="ny-policy", minute_paragraph="7")
    policy.depth = section.depth + 1
    policy.path = policy._get_path(section.path, policy.depth, 1)
    policy.set_url_path(section)

    response = policy.make_preview_request()

    assert response.status_code == 200
    assert "§ 7" in response.content.decode()


# Twin towns


def test_twin_town_table_lists_countries_by_name(client, twin_town_index):
    make_twin_town(twin_town_index, "Grosskrotzenburg", country="DE", decision_year=1965)
    make_twin_town(twin_town_index, "Skjern", country="DK", decision_year=1977)
    make_twin_town(twin_town_index, "Påskön", country="CL", decision_year=1987)

    html = get(client, twin_town_index.url)
    table = between(html, "<table", "</table>")

    assert "<caption" in table and '<th scope="col">' in table
    assert table.index("Chile") < table.index("Danmark") < table.index("Tyskland")
    assert re.search(
        r"Danmark</td>\s*<th scope=\"row\"><a [^>]*>Skjern</a></th>\s*<td>1977", table
    )
    assert "Germany" in get_en(client, twin_town_index.url)


def test_a_decision_year_not_stated_is_said_so_not_left_blank(client, twin_town_index):
    make_twin_town(twin_town_index, "Esashi", country="JP", decision_year=None)

    html = get_en(client, twin_town_index.url)
    row = between(html, "Esashi", "</tr>")

    assert "Not stated" in row


def test_twin_town_page_shows_facts_evaluations_images_and_trips(
    client, twin_town_index, trip_index, department
):
    town = make_twin_town(
        twin_town_index,
        "Nykarleby",
        country="FI",
        official_name="Nykarleby Stad",
        region="Österbotten",
        decision_year=1988,
        decision_reference="KF § 18",
        website="https://www.nykarleby.fi/",
    )
    TwinTownEvaluation.objects.create(
        page=town,
        decision_date=datetime.date(2023, 6, 12),
        decision_reference="KF § 77",
        comment="Skolutbyte varje år.",
    )
    TwinTownEvaluation.objects.create(
        page=town,
        decision_date=datetime.date(2019, 9, 2),
        decision_reference="KF § 101",
    )
    image = get_image_model().objects.create(
        title="torget.jpg",
        description="Torget i Nykarleby en sommardag",
        file=get_test_image_file(),
    )
    TwinTownImage.objects.create(page=town, image=image, caption="Torget")
    make_trip(
        trip_index,
        department,
        "Skolresa 2024",
        destination_twin_town=town,
        start_date=datetime.date(2024, 4, 1),
        end_date=datetime.date(2024, 4, 3),
    )
    make_trip(trip_index, department, "Kulturutbyte 2025", destination_twin_town=town)
    draft = make_trip(trip_index, department, "Planerad resa", destination_twin_town=town)
    draft.unpublish()

    html = get(client, town.url)

    assert "Nykarleby Stad" in html and "Finland" in html and "Österbotten" in html
    assert "1988" in html and "KF § 18" in html
    assert 'href="https://www.nykarleby.fi/"' in html
    evaluations = between(html, "<table", "</table>")
    assert evaluations.index("2019–2022") < evaluations.index("2023–2026")
    assert "2023-06-12" in evaluations and "KF § 77" in evaluations
    assert "Skolutbyte varje år." in evaluations
    assert 'alt="Torget i Nykarleby en sommardag"' in html
    assert "<figcaption>Torget</figcaption>" in html
    assert html.index("Kulturutbyte 2025") < html.index("Skolresa 2024")
    assert "Planerad resa" not in html


def test_terminated_twin_town_shows_when_the_agreement_ended(client, twin_town_index):
    town = make_twin_town(
        twin_town_index,
        "Pernå",
        country="FI",
        status="terminated",
        end_date=datetime.date(2019, 1, 1),
    )

    html = get_en(client, town.url)

    assert "Terminated" in html
    assert "2019-01-01" in html


# Trip reports


def test_trip_report_list_is_paginated_twenty_a_page(client, trip_index, department):
    first_day = datetime.date(2024, 1, 1)
    for number in range(21):
        day = first_day + datetime.timedelta(days=number * 7)
        make_trip(
            trip_index,
            department,
            f"Resa {number:02d}",
            slug=f"resa-{number:02d}",
            start_date=day,
            end_date=day,
        )

    first = get(client, trip_index.url)
    second = get(client, trip_index.url, page=2)

    assert first.count('class="intl-trip"') == 20
    assert "Resa 20" in first and "Resa 00" not in first
    assert 'href="?page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    assert second.count('class="intl-trip"') == 1
    assert "Resa 00" in second
    assert 'href="?page=1" rel="prev"' in second
    assert 'rel="next"' not in second
    nav = between(second, '<nav class="intl-pagination"', "</nav>")
    assert "aria-label=" in nav
    assert 'aria-current="page">2</a>' in nav


def test_trip_report_list_shows_destination_dates_and_department(
    client, trip_index, twin_town_index, department
):
    town = make_twin_town(twin_town_index, "Skjern")
    make_trip(
        trip_index,
        department,
        "Vänortsbesök",
        destination_twin_town=town,
        destination_place="",
        board_approval_date=datetime.date(2025, 2, 1),
    )
    make_trip(trip_index, department, "EU-konferens", destination_place="Bryssel")

    html = get(client, trip_index.url)

    assert "Skjern, Danmark" in html and "Bryssel, Belgien" in html
    assert "2025-03-10" in html and "2025-03-12" in html
    assert "Kultur- och fritidsförvaltningen" in html


def test_trip_report_shows_cost_in_kronor_and_travellers(client, trip_index, department):
    trip = make_trip(
        trip_index,
        department,
        total_cost=Decimal("12400.00"),
        travellers_count=3,
        travellers_roles="två förtroendevalda, en tjänsteperson",
        financing="eu_programme",
        financing_details="Erasmus+",
        results="Två projektansökningar.\n\nEtt nytt nätverk.",
    )

    html = get_en(client, trip.url)

    assert f"12{NBSP}400{NBSP}kr" in html
    assert "3 people" in html and "två förtroendevalda, en tjänsteperson" in html
    assert "EU programme" in html and "Erasmus+" in html
    assert "<p>Två projektansökningar.</p>" in html and "<p>Ett nytt nätverk.</p>" in html
    assert "Bryssel, Belgium" in html


def test_trip_to_twin_town_without_board_approval_says_approval_is_missing(
    client, trip_index, twin_town_index, department
):
    town = make_twin_town(twin_town_index, "Skjern")
    trip = make_trip(trip_index, department, destination_twin_town=town, destination_place="")

    html = get_en(client, trip.url)

    assert f'href="/en{town.url}"' in html
    assert "Approval by the executive board is missing." in html


def test_approved_trip_shows_the_board_decision(client, trip_index, twin_town_index, department):
    town = make_twin_town(twin_town_index, "Skjern")
    trip = make_trip(
        trip_index,
        department,
        destination_twin_town=town,
        destination_place="",
        board_approval_date=datetime.date(2025, 2, 1),
        board_approval_reference="KS § 112",
    )

    html = get_en(client, trip.url)

    assert "2025-02-01, KS § 112" in html
    assert "is missing" not in html


def test_trip_over_the_threshold_shows_reporting_back_to_the_board(client, trip_index, department):
    reported = make_trip(
        trip_index,
        department,
        "Dyr resa",
        total_cost=Decimal("10000.01"),
        reported_to_board_date=datetime.date(2025, 4, 2),
        reported_to_council_date=datetime.date(2025, 5, 19),
    )
    pending = make_trip(trip_index, department, "Obetald", total_cost=Decimal("15000"))

    html = get_en(client, reported.url)
    assert "Reported back to the executive board" in html
    assert "2025-04-02" in html and "2025-05-19" in html
    assert f"10{NBSP}000{NBSP}kr" in html

    html = get_en(client, pending.url)
    decisions = between(html, "Reported back to the executive board", "</dl>")
    assert decisions.count("Not yet reported") == 2


def test_trip_at_the_threshold_is_not_reported_back_to_the_board(client, trip_index, department):
    trip = make_trip(trip_index, department, total_cost=Decimal("10000"))

    html = get_en(client, trip.url)

    assert "Reported back to the executive board" not in html
    assert "Reported to the council" in html


# The kronor filter


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("12400"), f"12{NBSP}400{NBSP}kr"),
        (Decimal("12400.50"), f"12{NBSP}400,50{NBSP}kr"),
        (Decimal("1234567.00"), f"1{NBSP}234{NBSP}567{NBSP}kr"),
        (950, f"950{NBSP}kr"),
        (None, ""),
    ],
)
def test_kronor_groups_thousands_with_a_non_breaking_space(amount, expected):
    assert kronor(amount) == expected


@pytest.mark.parametrize("language", ["en", "sv"])
def test_kronor_ignores_the_active_locale(settings, language):
    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override(language):
        assert kronor(Decimal("12400.5")) == f"12{NBSP}400,50{NBSP}kr"
