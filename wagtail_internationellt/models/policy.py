from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from ..blocks import PolicyBodyBlock
from ..forms import SectionPageForm
from ..rules import PolicyStatus, policy_status
from ..structured_data import policy_legislation
from .base import ApprovalRequiredMixin, RenderCacheMixin, SectionMemberMixin
from .choices import DecisionBody, DocumentType
from .page_model import Page

# The policy's twin-town section lists at most this many, then links to the list.
TWIN_TOWNS_IN_POLICY = 30


def normalise_paragraph(value):
    """ "§ 121", "§121" and "121" are the same minute paragraph: store "121"."""
    return value.replace("§", "").strip()


def _in_order_of_effect(policy):
    return (policy.effective_from is None, policy.effective_from, policy.pk)


class PolicyPage(RenderCacheMixin, ApprovalRequiredMixin, SectionMemberMixin, Page):
    """An adopted policy document with its register metadata (P1–P4).

    Whether the policy is in force is computed from its dates and from the live
    policies that supersede it (``status``), never typed by hand.
    """

    document_type = models.CharField(
        _("document type"),
        max_length=20,
        choices=DocumentType.choices,
        default=DocumentType.POLICY,
        help_text=_("What kind of governing document this is; most are policies."),
    )
    id_number = models.CharField(
        _("id number"),
        max_length=40,
        blank=True,
        help_text=_("The document's number in the municipality's register, e.g. “0:19”."),
    )
    version = models.CharField(_("version"), max_length=20, blank=True, help_text=_("E.g. “1.0”."))
    decided_by = models.CharField(
        _("decided by"),
        max_length=20,
        choices=DecisionBody.choices,
        default=DecisionBody.COUNCIL,
        help_text=_("The body that adopted the document. Policies are adopted by the council."),
    )
    decided_by_committee = models.CharField(
        _("name of the committee"),
        max_length=120,
        blank=True,
        help_text=_("Only when a committee decided, e.g. “Arbetsmarknads- och trafiknämnden”."),
    )
    decision_date = models.DateField(
        _("decision date"),
        null=True,
        blank=True,
        help_text=_("The date of the meeting that adopted it, e.g. 2012-05-06."),
    )
    minute_paragraph = models.CharField(
        _("minute paragraph (§)"),
        max_length=20,
        blank=True,
        help_text=_("The paragraph of the minutes, with or without “§”, e.g. “44”."),
    )
    registry_number = models.CharField(
        _("registry number"),
        max_length=40,
        blank=True,
        help_text=_("The case's registry number (diarienummer), e.g. “KS2011/157”."),
    )
    valid_from = models.DateField(
        _("valid from"),
        null=True,
        blank=True,
        help_text=_("The day the document takes effect. Empty: from the decision date."),
    )
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the document is valid until further notice (tills vidare)."),
    )
    period_start_year = models.PositiveSmallIntegerField(
        _("policy period from (year)"),
        null=True,
        blank=True,
        help_text=_("When the policy is tied to a period, its first year, e.g. 2019."),
    )
    period_end_year = models.PositiveSmallIntegerField(
        _("policy period to (year)"),
        null=True,
        blank=True,
        help_text=_("The period's last year, e.g. 2022."),
    )
    revise_by = models.DateField(
        _("to be revised by"),
        null=True,
        blank=True,
        help_text=_("When the document owner must review the document."),
    )
    document_owner = models.CharField(
        _("document owner"),
        max_length=120,
        blank=True,
        help_text=_(
            "The official who owns the document, a role not a name, e.g. “Kommundirektör”."
        ),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document as adopted (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The signed or registered original, for residents who want it."),
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        help_text=_(
            "The earlier policy page this document replaces, if it is published here. "
            "Earlier documents that were never published are listed below."
        ),
    )
    body = StreamField(
        PolicyBodyBlock(),
        verbose_name=_("content"),
        blank=True,
        help_text=_("The document's sections in the order the adopted text has them."),
    )

    base_form_class = SectionPageForm
    parent_page_types = ["wagtail_internationellt.InternationalIndexPage"]
    subpage_types = []
    template = "wagtail_internationellt/pages/policy_page.html"
    page_description = _("An adopted policy, guideline or programme with its decision details.")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("document_type"), FieldPanel("id_number"), FieldPanel("version")]
                ),
                FieldRowPanel([FieldPanel("decided_by"), FieldPanel("decided_by_committee")]),
                FieldRowPanel(
                    [
                        FieldPanel("decision_date"),
                        FieldPanel("minute_paragraph"),
                        FieldPanel("registry_number"),
                    ]
                ),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldRowPanel([FieldPanel("period_start_year"), FieldPanel("period_end_year")]),
                FieldRowPanel([FieldPanel("revise_by"), FieldPanel("document_owner")]),
                FieldPanel("document"),
            ],
            heading=_("Document information"),
            icon="clipboard-list",
        ),
        MultiFieldPanel(
            [
                FieldPanel("supersedes"),
                InlinePanel(
                    "superseded_documents", label=_("Earlier document not published here")
                ),
            ],
            heading=_("Documents this one supersedes"),
            icon="history",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("registry_number"),
        index.SearchField("id_number"),
        index.SearchField("decided_by_committee"),
        index.SearchField("document_owner"),
        index.FilterField("document_type"),
    ]

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def get_page_context(self, request, *args, **kwargs):
        return {"structured_data": policy_legislation(self, request)}

    @property
    def effective_from(self):
        return self.valid_from or self.decision_date

    @property
    def decided_by_label(self):
        if self.decided_by == DecisionBody.COMMITTEE and self.decided_by_committee:
            return self.decided_by_committee
        return self.get_decided_by_display()

    def superseded_by_policies(self):
        if self.pk is None:
            # A new policy shown in preview: nothing can supersede it yet.
            return PolicyPage.objects.none()
        return PolicyPage.objects.live().filter(supersedes=self)

    @cached_property
    def successors(self):
        """The live policies that supersede this one, in the order they take effect."""
        return sorted(self.superseded_by_policies(), key=_in_order_of_effect)

    @staticmethod
    def attach_successors(policies):
        """Fill ``successors`` of live sibling policies from the list itself, one query in all.

        A policy is only superseded by a policy of its own section (see ``clean``).
        """
        for policy in policies:
            policy.successors = sorted(
                (other for other in policies if other.supersedes_id == policy.pk),
                key=_in_order_of_effect,
            )
        return policies

    @property
    def superseded_on(self):
        """The day the first successor took effect, when the policy is superseded."""
        if self.status != PolicyStatus.SUPERSEDED:
            return None
        return next((s.effective_from for s in self.successors if s.effective_from), None)

    def twin_towns(self):
        """The municipality's current twin towns, for the policy's twin town section (T1).

        Live twin town pages of the policy's section whose agreement has not
        been terminated, by name.
        """
        from .twin_towns import TwinTownPage, TwinTownStatus

        section = self.section
        if section is None:
            return TwinTownPage.objects.none()
        return (
            TwinTownPage.objects.descendant_of(section)
            .live()
            .public()
            .exclude(status=TwinTownStatus.TERMINATED)
            .order_by("title")
        )

    @cached_property
    def status(self):
        return policy_status(self, successors=self.successors)

    @property
    def status_label(self):
        return PolicyStatus.labels[self.status]

    @cached_property
    def supersession_chain(self):
        """The policies this one replaced, newest first (P2), fetched in one query.

        A policy only supersedes policies of its own section (see ``clean``), so
        the section's policies hold the whole chain.
        """
        if self.supersedes_id is None:
            return []
        section = self.section
        candidates = (
            PolicyPage.objects.descendant_of(section)
            if section is not None
            else PolicyPage.objects.filter(pk=self.supersedes_id)
        )
        by_pk = {policy.pk: policy for policy in candidates.defer_streamfields()}
        chain, seen, pk = [], {self.pk}, self.supersedes_id
        while pk is not None and pk not in seen:
            seen.add(pk)
            current = by_pk.get(pk) or PolicyPage.objects.filter(pk=pk).first()
            if current is None:
                break
            chain.append(current)
            pk = current.supersedes_id
        return chain

    @cached_property
    def superseded_records(self):
        """Earlier documents that exist only as records (P2), read once per page view."""
        return list(self.superseded_documents.all())

    @cached_property
    def twin_town_summary(self):
        """The twin towns for the policy's twin-town section: the first few and how many.

        A long list is cut short and links to the twin-town list, where the
        resident can filter it.
        """
        from .twin_towns import TwinTownIndexPage

        towns = list(self.twin_towns()[: TWIN_TOWNS_IN_POLICY + 1])
        index = None
        if towns and self.section is not None:
            # Looked up whenever there are towns, so that a short and a long list
            # cost the same queries.
            index = TwinTownIndexPage.objects.child_of(self.section).live().first()
        return {
            "towns": towns[:TWIN_TOWNS_IN_POLICY],
            "more": len(towns) > TWIN_TOWNS_IN_POLICY,
            "index": index,
        }

    def clean(self):
        super().clean()
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("“Valid until” cannot be before “valid from”.")
        if (
            self.period_start_year
            and self.period_end_year
            and self.period_end_year < self.period_start_year
        ):
            errors["period_end_year"] = _("The policy period cannot end before it starts.")
        if self.decided_by == DecisionBody.COMMITTEE and not self.decided_by_committee:
            errors["decided_by_committee"] = _("Name the committee that decided.")
        if self.supersedes_id is not None:
            error = self._supersession_error()
            if error:
                errors["supersedes"] = error
        self.minute_paragraph = normalise_paragraph(self.minute_paragraph)
        if errors:
            raise ValidationError(errors)

    def _supersession_error(self):
        if self.pk is not None and self.supersedes_id == self.pk:
            return _("A policy cannot supersede itself.")
        seen, current = {self.pk}, self.supersedes
        while current is not None:
            if current.pk in seen:
                return _(
                    "“%(title)s” already supersedes this policy, directly or through others: "
                    "that would make a cycle."
                ) % {"title": self.supersedes.title}
            seen.add(current.pk)
            current = current.supersedes
        if self.section is not None and self.supersedes.section != self.section:
            return _("A policy can only supersede a policy of the same municipality.")
        return None

    def minimal_clean(self):
        # Drafts are saved without full_clean (Wagtail 7+); the dates and the
        # supersession chain must still hold for a draft.
        super().minimal_clean()
        self.clean()


class SupersededDocument(Orderable):
    """An earlier document that this policy supersedes and that exists only as a record (P2).

    Sandviken's policy supersedes "Riktlinjer för kommunens internationella
    verksamhet" (KF 1997-05-26, KS2006/639), which was never published on the web.
    """

    policy = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="superseded_documents")
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("E.g. “Riktlinjer för kommunens internationella verksamhet”."),
    )
    decided_by = models.CharField(
        _("decided by"), max_length=20, choices=DecisionBody.choices, default=DecisionBody.COUNCIL
    )
    decision_date = models.DateField(
        _("decision date"), null=True, blank=True, help_text=_("E.g. 1997-05-26.")
    )
    registry_number = models.CharField(
        _("registry number"), max_length=40, blank=True, help_text=_("E.g. “KS2006/639”.")
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel(
            [FieldPanel("decided_by"), FieldPanel("decision_date"), FieldPanel("registry_number")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("earlier document")
        verbose_name_plural = _("earlier documents")

    def __str__(self):
        return self.title
