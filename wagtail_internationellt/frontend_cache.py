"""Purging a caching proxy in front of the site when what residents read changes.

Wagtail's ``wagtail.contrib.frontend_cache`` purges a page's own address when it is
published or unpublished, in the language the editor works in. A page of the package
is also shown elsewhere: a trip report on its list, in the list's RSS and Atom feeds
and open-data exports and on the twin town it went to; a twin town on its list, in its
exports, in the municipality's policies, on the trip list and its feeds and on every
report of a trip to it. This module purges those addresses too, each in every language
of the site (``LANGUAGES``), together with the page's own, and at the old place as well
as the new one when a page is moved. A section, a twin-town list or a trip list shows
its title in the breadcrumbs of every page below it: a change to one purges the whole
section.

Deleting a live page goes through ``page_unpublished`` (Wagtail unpublishes each live
page it deletes, descendants included), so deletions are purged like unpublishing.
The purge is sent when the transaction that made the change commits, so that no
request in between can put the old content back in the cache.

Only exact addresses are purged. A list filtered by its query string (``?year=2024``)
and the section's search (``sok/?q=…``) are cached apart from the list itself; the
README's "Running in production" says how to set the cache up for them.

The app config connects the signals only when ``wagtail.contrib.frontend_cache`` is
installed; backends are configured with Wagtail's ``WAGTAILFRONTENDCACHE`` setting.
"""

import threading

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch
from django.utils import translation

# The sub-routes of the package's list pages that show what the list shows.
LIST_ROUTES = ("rss_feed", "atom_feed", "export_csv", "export_json")
PREFIX = "wagtail_internationellt.frontend_cache"

# What a page being moved showed at its old place, until the move is done.
_moving = threading.local()


def languages():
    if not settings.USE_I18N:
        return [translation.get_language()]
    return [code for code, _name in settings.LANGUAGES]


def list_route_suffixes(page):
    """The feeds and exports of a list page, relative to its address."""
    suffixes = []
    for name in LIST_ROUTES:
        try:
            suffixes.append(page.reverse_subpage(name))
        except (AttributeError, NoReverseMatch):
            continue
    return suffixes


def add_page(batch, page):
    """Add the page's address in every language, and those of its feeds and exports."""
    suffixes = ["", *list_route_suffixes(page)]
    for language in languages():
        with translation.override(language):
            # The batch keeps the site root paths for every page it is given.
            url = page.get_full_url(batch)
        if url:
            batch.add_urls(url + suffix for suffix in suffixes)


def section_children(section):
    """The section's policies and lists, live, as their own classes."""
    return list(section.get_children().live().specific(defer=True))


def pages_showing(page):
    """The page and the live pages that show it, as their own classes."""
    from .models import (
        InternationalIndexPage,
        PolicyPage,
        TripReportIndexPage,
        TripReportPage,
        TwinTownIndexPage,
        TwinTownPage,
    )

    section = page.section
    if section is None:
        return [page]
    if isinstance(page, InternationalIndexPage | TwinTownIndexPage | TripReportIndexPage):
        # Its title is in the breadcrumbs of every page of the section below it.
        return [page, *section.get_descendants(inclusive=True).live().specific(defer=True)]
    shown_on = [section] if section.live else []
    children = section_children(section)
    if isinstance(page, TripReportPage):
        shown_on += [child for child in children if page.path.startswith(child.path)]
        towns = {page.destination_twin_town_id, getattr(page, "_live_destination", None)}
        towns.discard(None)
        if towns:
            shown_on += TwinTownPage.objects.live().filter(pk__in=towns).defer_streamfields()
    elif isinstance(page, TwinTownPage):
        shown_on += [
            child
            for child in children
            if page.path.startswith(child.path)
            or isinstance(child, PolicyPage | TripReportIndexPage)
        ]
        shown_on += TripReportPage.objects.live().filter(destination_twin_town=page)
    elif isinstance(page, PolicyPage):
        # A policy names the policies it supersedes and those that supersede it.
        shown_on += [child for child in children if isinstance(child, PolicyPage)]
    return [page, *shown_on]


def urls_showing(page):
    """A purge batch of the addresses of the page and of what shows it."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    for each in pages_showing(page):
        add_page(batch, each)
    return batch


def purge_on_commit(batch):
    if batch.urls:
        transaction.on_commit(batch.purge, robust=True)


# Signal receivers


def on_page_changed(sender, instance, **kwargs):
    """A page of the package was published or unpublished (deleted, if it was live)."""
    purge_on_commit(urls_showing(instance))


def on_trip_report_saved(sender, instance, update_fields=None, **kwargs):
    """Remember the twin town a live report named before it is published anew.

    A report that now names another twin town must leave the earlier one's page.
    """
    if instance.pk is None or (update_fields is not None):
        return
    instance._live_destination = (
        sender.objects.filter(pk=instance.pk, live=True)
        .values_list("destination_twin_town_id", flat=True)
        .first()
    )


def on_page_moving(sender, instance, **kwargs):
    page = instance.specific
    if not page.live:
        return
    pending = getattr(_moving, "urls", {})
    pending[page.pk] = urls_showing(page).urls
    _moving.urls = pending


def on_page_moved(sender, instance, **kwargs):
    before = getattr(_moving, "urls", {}).pop(instance.pk, None)
    if before is None:
        return
    batch = urls_showing(instance.specific)
    batch.add_urls(before)
    purge_on_commit(batch)


def receivers():
    """(signal, receiver, sender, dispatch_uid) for each connection the module makes."""
    from django.db.models.signals import pre_save
    from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

    from .models import (
        InternationalIndexPage,
        PolicyPage,
        TripReportIndexPage,
        TripReportPage,
        TwinTownIndexPage,
        TwinTownPage,
    )

    for model in (
        InternationalIndexPage,
        PolicyPage,
        TwinTownIndexPage,
        TwinTownPage,
        TripReportIndexPage,
        TripReportPage,
    ):
        name = model._meta.model_name
        yield page_published, on_page_changed, model, f"{PREFIX}.{name}.published"
        yield page_unpublished, on_page_changed, model, f"{PREFIX}.{name}.unpublished"
        yield pre_page_move, on_page_moving, model, f"{PREFIX}.{name}.moving"
        yield post_page_move, on_page_moved, model, f"{PREFIX}.{name}.moved"
    yield pre_save, on_trip_report_saved, TripReportPage, f"{PREFIX}.trip_report.saved"


def connect_signals():
    for signal, receiver, sender, uid in receivers():
        signal.connect(receiver, sender=sender, dispatch_uid=uid)
