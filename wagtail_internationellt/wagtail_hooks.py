from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Department


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    menu_order = 300
    add_to_admin_menu = False
    list_display = ["name", "section", "responsible_name", "responsible_title"]
    list_filter = ["section"]
    search_fields = ["name", "responsible_name"]
    search_backend_name = None


register_snippet(DepartmentViewSet)
