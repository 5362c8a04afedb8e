from wagtail.contrib.routable_page.models import path


class SectionMemberMixin:
    """For pages that belong to one municipality's international section.

    A page that is not yet in the tree (in the admin's create view) has no path;
    its form tells it the parent through ``parent_page_hint`` so that the rules
    that depend on the municipality can be checked before the first save.
    """

    parent_page_hint = None

    @property
    def section(self):
        cached = self.__dict__.get("_section")
        if cached is None:
            cached = self.__dict__["_section"] = self._find_section()
        return cached

    def _find_section(self):
        from .sections import InternationalIndexPage

        if self.path:
            path, own_depth = self.path, True
        elif self.parent_page_hint is not None:
            path, own_depth = self.parent_page_hint.path, False
        else:
            return None
        steplen = self.steplen
        prefixes = [path[:end] for end in range(steplen, len(path) + 1, steplen)]
        if own_depth:
            prefixes.pop()
        return InternationalIndexPage.objects.filter(path__in=prefixes).order_by("-depth").first()


class ApprovalRequiredMixin:
    """For every page of a section: it goes live only through an approved workflow (W1)."""

    def permissions_for_user(self, user):
        from ..workflows.permissions import ApprovalRequiredPermissionTester

        return ApprovalRequiredPermissionTester(user, self)


class RenderCacheMixin:
    """Serves the page's rendered parts from the render cache when it can (see render_cache).

    Pages put what their template needs in ``get_page_context``; it is only
    called when the parts are not cached. ``cached_query_parameters`` names
    the query parameters the page understands; a request with any other one is
    rendered afresh.
    """

    cached_query_parameters = frozenset()

    def get_context(self, request, *args, **kwargs):
        from .. import render_cache

        context = super().get_context(request, *args, **kwargs)
        match = getattr(request, "routable_resolver_match", None)
        if match is not None and match.url_name != render_cache.INDEX_ROUTE:
            # A sub-route (search) renders its own context.
            return context
        key = render_cache.key_for(self, request)
        if key is not None:
            parts = render_cache.cached_parts(key)
            if parts is not None and "content" in parts:
                context["intl_cached_parts"] = parts
                return context
            context.update(intl_cache_key=key, intl_cached_parts={})
        context.update(self.get_page_context(request, *args, **kwargs))
        return context

    def get_page_context(self, request, *args, **kwargs):
        return {}


class OpenDataMixin:
    """Serves a list page's live items as open data: ``data/csv/`` and ``data/json/``.

    For routable list pages; ``open_data_items(request)`` gives the items the
    query string's filters select, ``open_data_columns`` what is exported of
    each, and ``open_data_name`` the stem of the file name.
    """

    open_data_columns = ()
    open_data_name = ""

    def open_data_items(self, request):
        raise NotImplementedError

    def open_data_links(self, request):
        """The URLs of the CSV and JSON exports (without the current filters) and the licence."""
        from .. import open_data

        url = self.get_url(request)
        if not url:
            return {}
        return {
            "csv": url + self.reverse_subpage("export_csv"),
            "json": url + self.reverse_subpage("export_json"),
            "licence": open_data.licence(),
        }

    def _exported(self, request):
        from .. import open_data

        items = self.open_data_items(request).iterator(chunk_size=500)
        return open_data.in_section(items, self.section)

    @path("data/csv/", name="export_csv")
    def export_csv(self, request):
        from .. import open_data

        return open_data.csv_response(
            self._exported(request),
            self.open_data_columns,
            request,
            name=open_data.filename(self.section, self.open_data_name, "csv"),
        )

    @path("data/json/", name="export_json")
    def export_json(self, request):
        from .. import open_data

        return open_data.json_response(
            self._exported(request),
            self.open_data_columns,
            request,
            section=self.section,
            source_page=self,
            name=open_data.filename(self.section, self.open_data_name, "json"),
        )
