import datetime

import pytest
from django.db import connection

from tests.factories import make_department, make_section, make_trip, make_trip_index


@pytest.mark.postgres
@pytest.mark.django_db
def test_suite_runs_on_the_postgresql_named_by_database_url():
    assert connection.vendor == "postgresql"


@pytest.mark.postgres
@pytest.mark.django_db
def test_trip_reports_order_and_filter_by_date_on_postgresql():
    section = make_section("Motala kommun")
    index = make_trip_index(section)
    department = make_department(section)
    for day in (3, 1, 2):
        make_trip(
            index,
            department,
            title=f"Resa {day}",
            start_date=datetime.date(2025, 5, day),
            end_date=datetime.date(2025, 5, day),
        )
    titles = [trip.title for trip in index.get_trip_reports()]
    assert titles == ["Resa 3", "Resa 2", "Resa 1"]


@pytest.mark.postgres
def test_search_uses_postgresql_full_text_search_with_swedish_stemming():
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()

    assert type(backend).__name__ == "PostgresSearchBackend"
    assert backend.config == "swedish"


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_section_search_finds_inflected_swedish_words_on_postgresql(client):
    from wagtail.search.backends import get_search_backend

    section = make_section("Motala kommun")
    index = make_trip_index(section)
    department = make_department(section)
    trip = make_trip(index, department, title="Besök hos vänorterna i Finland")
    other = make_trip(index, department, title="Studieresa till Bryssel")
    backend = get_search_backend()
    for page in (trip, other):
        backend.add(page)

    html = client.get(section.url + "sok/", {"q": "vänort"}).content.decode()

    assert "Besök hos vänorterna i Finland" in html
    assert "Studieresa till Bryssel" not in html
