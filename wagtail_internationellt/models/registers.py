from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Department(models.Model):
    """A committee or department and its person responsible for international contacts (R6).

    "Varje förvaltning med ambitioner att ha internationella kontakter skall ha en
    ansvarig för dessa kontakter inom förvaltningen" (Torsby). Departments belong
    to one municipality's section.
    """

    section = models.ForeignKey(
        "wagtail_internationellt.InternationalIndexPage",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="departments",
        help_text=_("The municipality's international section this department belongs to."),
    )
    name = models.CharField(
        _("name"),
        max_length=150,
        help_text=_("E.g. “Barn- och utbildningsförvaltningen” or “Kultur- och fritidsnämnden”."),
    )
    responsible_name = models.CharField(
        _("responsible person"),
        max_length=150,
        blank=True,
        help_text=_("The person responsible for the department's international contacts."),
    )
    responsible_title = models.CharField(
        _("role"),
        max_length=150,
        blank=True,
        help_text=_("E.g. “Utvecklingsstrateg”."),
    )
    responsible_email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_("Reminders about overdue reporting go to this address."),
    )

    panels = [
        FieldPanel("section"),
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("responsible_name"),
                FieldRowPanel([FieldPanel("responsible_title"), FieldPanel("responsible_email")]),
            ],
            heading=_("Responsible for international contacts"),
        ),
    ]

    class Meta:
        verbose_name = _("department or committee")
        verbose_name_plural = _("departments and committees")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "name"],
                name="wagtail_internationellt_department_unique_name",
                violation_error_message=_(
                    "This municipality already has a department with that name."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def refuse_name_in_other_case(self):
        """ "Socialnämnden" and "socialnämnden" are one department (and one in an import).

        The database's constraint compares names exactly; SQLite cannot lower-case
        "Ö", so the comparison is made here.
        """
        if not self.name or self.section_id is None:
            return
        name = self.name.casefold()
        others = Department.objects.filter(section_id=self.section_id).exclude(pk=self.pk)
        if any(other.casefold() == name for other in others.values_list("name", flat=True)):
            raise ValidationError(
                {"name": _("This municipality already has a department with that name.")}
            )

    def trip_reports_using(self):
        """Trip reports that name this department, live or in their latest draft.

        The database protects the first kind; a draft that names it (and would
        fail when approved) is only in the revision's content.
        """
        from .trips import TripReportPage

        if self.pk is None:
            return TripReportPage.objects.none()
        return TripReportPage.objects.filter(
            Q(department=self) | Q(latest_revision__content__department=self.pk)
        )

    def clean(self):
        super().clean()
        self.refuse_name_in_other_case()
        if self.pk is None:
            return
        saved_section_id = (
            Department.objects.filter(pk=self.pk).values_list("section_id", flat=True).first()
        )
        if saved_section_id is None or saved_section_id == self.section_id:
            return
        used_by = self.trip_reports_using().count()
        if used_by:
            raise ValidationError(
                {
                    "section": ngettext(
                        "%(count)d trip report of its municipality names this department, "
                        "so it cannot move to another municipality. Add the department "
                        "there instead.",
                        "%(count)d trip reports of its municipality name this department, "
                        "so it cannot move to another municipality. Add the department "
                        "there instead.",
                        used_by,
                    )
                    % {"count": used_by}
                }
            )
