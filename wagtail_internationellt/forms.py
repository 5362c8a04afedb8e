from wagtail.admin.forms import WagtailAdminPageForm


class SectionPageForm(WagtailAdminPageForm):
    """Editor form for pages inside a municipality's section.

    Tells an unsaved page where it will live, so that rules tied to the
    municipality (a trip's twin town, a policy's predecessor) are checked before
    the first save, and narrows choosers to the section's own objects.
    """

    section_scoped_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and self.parent_page is not None:
            self.instance.parent_page_hint = self.parent_page
        section = self.instance.section
        for name in self.section_scoped_fields:
            field = self.fields.get(name)
            if field is not None and section is not None:
                field.queryset = self.scope_queryset(field.queryset, section)

    @property
    def is_saving_draft(self):
        """True while the form validates a draft, whose required fields Wagtail defers."""
        if hasattr(self, "is_deferred_validation"):  # Wagtail 7.1+
            return self.is_deferred_validation
        return bool(self.deferred_required_fields or self.deferred_formset_min_nums)

    @staticmethod
    def scope_queryset(queryset, section):
        if hasattr(queryset, "descendant_of"):  # pages
            return queryset.descendant_of(section)
        return queryset.filter(section=section)  # registers such as departments
