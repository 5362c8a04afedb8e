"""RSS 2.0 and Atom feeds of a municipality's trip reports (R4).

Served by the trip report list page at ``feed/rss/`` and ``feed/atom/``; the newest
reports first, with the same filters as the list. A feed holds the live, public
reports of a published section only.

Feed readers show an item's description (RSS) and summary (Atom, of type "html")
as HTML, and most show RSS titles as HTML too: what the editors typed is escaped
there, so that it reaches the reader as the text it is. Atom titles are text.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

FEED_ITEMS = 30


class TripReportFeed(Feed):
    """Called with the list page and the reports to show: ``TripReportFeed(page, reports)``."""

    # Whether the feed format reads titles and the feed's description as HTML.
    titles_are_html = True

    def __init__(self, index_page, trip_reports):
        super().__init__()
        self.index_page = index_page
        self.trip_reports = trip_reports

    def __call__(self, request, *args, **kwargs):
        section = self.index_page.section
        if section is None or not section.live:
            raise Http404
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def as_title(self, text):
        return escape(text) if self.titles_are_html else text

    def title(self):
        return self.as_title(
            _("%(title)s – %(municipality)s")
            % {
                "title": self.index_page.title,
                "municipality": self.index_page.section,
            }
        )

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return self.as_title(
            _("Reports of the international trips of %(municipality)s.")
            % {"municipality": self.index_page.section}
        )

    def items(self):
        return self.trip_reports.public()[:FEED_ITEMS]

    def item_title(self, item):
        return self.as_title(item.title)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_description(self, item):
        """HTML in both formats: the destination and the purpose, escaped, as paragraphs."""
        parts = [item.destination_label, item.purpose]
        return linebreaks("\n\n".join(part for part in parts if part), autoescape=True)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.department.name] if item.department else []


class TripReportAtomFeed(TripReportFeed):
    feed_type = Atom1Feed
    # Atom's title and subtitle are text constructs: no escaping for them.
    titles_are_html = False
    subtitle = TripReportFeed.description
