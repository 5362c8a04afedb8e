"""A panel on the admin's start page: what the user's municipalities must follow up.

Agreements not evaluated this mandate period (T2), trips over the threshold not
reported back to the executive board (R3), and policies past their revise-by
date (P4). Pages awaiting the user's review are in Wagtail's own panel beside it.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .models import PolicyPage, TripReportPage, TwinTownPage
from .models.twin_towns import not_evaluated_in
from .registers import editable_scope, editable_sections, with_section_threshold
from .rules import current_mandate_period

LISTED = 10


def follow_ups(user, today=None):
    """The three lists for the user's sections, each the first few and a count."""
    today = today or timezone.localdate()
    scope = editable_scope(user)
    period = current_mandate_period(today)
    agreements = not_evaluated_in(TwinTownPage.objects.live().filter(scope), period).order_by(
        "title"
    )
    trips = (
        with_section_threshold(
            TripReportPage.objects.live().filter(scope), editable_sections(user)
        )
        .filter(over_threshold=True, reported_to_board_date__isnull=True)
        .order_by("end_date", "pk")
    )
    policies = PolicyPage.objects.live().filter(scope, revise_by__lt=today).order_by("revise_by")
    return [
        {
            "key": "evaluation",
            "heading": _("Twin-town agreements not evaluated in the mandate period %(period)s")
            % {"period": period},
            "pages": list(agreements.defer_streamfields()[:LISTED]),
            "count": agreements.count(),
            "register": reverse("wagtail_internationellt_twintownpage_modeladmin_index")
            + "?utvardering=saknas",
        },
        {
            "key": "reporting",
            "heading": _("Trips over the threshold not reported back to the executive board"),
            "pages": list(trips[:LISTED]),
            "count": trips.count(),
            "register": reverse("wagtail_internationellt_tripreportpage_modeladmin_index")
            + "?aterrapporterad=nej",
        },
        {
            "key": "revision",
            "heading": _("Policies past their revise-by date"),
            "pages": list(policies.defer_streamfields()[:LISTED]),
            "count": policies.count(),
            "register": None,
        },
    ]


class FollowUpPanel(Component):
    name = "wagtail_internationellt_follow_up"
    order = 110
    template_name = "wagtail_internationellt/admin/follow_up_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"lists": follow_ups(self.user), "listed": LISTED}
