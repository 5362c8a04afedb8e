"""RSS 2.0 and Atom feeds of a municipality's trip reports (R4).

Served by the trip report list page at ``rss.xml`` and ``atom.xml``; the newest
reports first, with the same filters as the list.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

FEED_ITEMS = 30


class TripReportFeed(Feed):
    """Called with the list page and the reports to show: ``TripReportFeed(page, reports)``."""

    def __init__(self, index_page, trip_reports):
        super().__init__()
        self.index_page = index_page
        self.trip_reports = trip_reports

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(title)s – %(municipality)s") % {
            "title": self.index_page.title,
            "municipality": self.index_page.section,
        }

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return _("Reports of the international trips of %(municipality)s.") % {
            "municipality": self.index_page.section
        }

    def items(self):
        return self.trip_reports[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_description(self, item):
        parts = [item.destination_label, item.purpose]
        return "\n\n".join(part for part in parts if part)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.department.name] if item.department else []


class TripReportAtomFeed(TripReportFeed):
    feed_type = Atom1Feed
    subtitle = TripReportFeed.description
