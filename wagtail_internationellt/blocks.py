"""StreamField blocks for the recurring sections of a policy document (P4).

Every seed policy is built from the same sections: purpose, goals, priorities,
forms of cooperation, responsibilities per body, financing, twin towns and
follow-up. Each block renders with its own template under
``wagtail_internationellt/blocks/`` and has a preview for the block picker.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class SectionBlock(blocks.StructBlock):
    """A section with a heading and running text (purpose, financing, follow-up…)."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        help_text=_("The section's heading as it stands in the adopted document."),
    )
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        template = "wagtail_internationellt/blocks/section.html"
        label = _("Text section")
        description = _("A heading with running text, e.g. “Finansiering”.")
        preview_value = {
            "heading": "Finansiering",
            "text": "<p>Centrala pengar avsätts för att kunna finansiera vissa kostnader "
            "för internationella kontakter.</p>",
        }


class PurposeBlock(SectionBlock):
    class Meta:
        icon = "help"
        label = _("Purpose")
        description = _("Why the municipality works internationally (syfte).")
        preview_value = {
            "heading": "Syfte",
            "text": "<p>Den internationella policyns syfte är att skapa en plattform för "
            "kommunens arbete med de internationella frågorna.</p>",
        }


class FinancingBlock(SectionBlock):
    class Meta:
        icon = "form"
        label = _("Financing")
        description = _("How international contacts are paid for (finansiering).")


class FollowUpBlock(SectionBlock):
    class Meta:
        icon = "tasks"
        label = _("Follow-up")
        description = _("How the work is followed up and accounted for (uppföljning).")
        preview_value = {
            "heading": "Uppföljning",
            "text": "<p>En redogörelse över kommunens internationella aktiviteter ska lämnas "
            "av styrelse och nämnder i årsredovisningen.</p>",
        }


class ListSectionBlock(blocks.StructBlock):
    """A section whose substance is a list: goals, priorities, forms of cooperation."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        help_text=_("The section's heading as it stands in the adopted document."),
    )
    intro = blocks.RichTextBlock(
        label=_("Introduction"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("Optional text before the list."),
    )
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=500),
        label=_("Items"),
        min_num=1,
    )

    class Meta:
        icon = "list-ul"
        template = "wagtail_internationellt/blocks/list_section.html"
        label = _("List section")
        description = _("A heading, an optional introduction and a bulleted list.")
        preview_value = {
            "heading": "Övergripande prioriteringar",
            "intro": "",
            "items": [
                "samarbetet inom Europa",
                "ungdomars internationella utbyten skall prioriteras",
            ],
        }


class GoalsBlock(ListSectionBlock):
    class Meta:
        icon = "pick"
        label = _("Goals")
        description = _("The goals of the international work, one per line (mål).")
        preview_value = {
            "heading": "Mål",
            "intro": "<p>Målen för kommunens internationella engagemang ska vara</p>",
            "items": [
                "Stärka tillväxten i kommunen",
                "Bidra till att lokala företag kan växa på en internationell marknad",
            ],
        }


class PrioritiesBlock(ListSectionBlock):
    class Meta:
        icon = "order"
        label = _("Priorities")
        description = _("What the municipality gives priority to (prioriteringar).")


class CooperationFormsBlock(ListSectionBlock):
    class Meta:
        icon = "group"
        label = _("Forms of cooperation")
        description = _("The forms of cooperation the municipality chooses (samarbetsformer).")
        preview_value = {
            "heading": "Former för samarbete",
            "intro": "",
            "items": [
                "medverkan i mångnationella projekt",
                "vänortssamarbete och samarbetsavtal",
            ],
        }


class BodyResponsibilityBlock(blocks.StructBlock):
    body = blocks.CharBlock(
        label=_("Body"),
        max_length=120,
        help_text=_("The council, the executive board or a committee, e.g. “Kommunstyrelsen”."),
    )
    duties = blocks.ListBlock(
        blocks.CharBlock(label=_("Duty"), max_length=500),
        label=_("Duties"),
        min_num=1,
    )

    class Meta:
        icon = "user"
        label = _("Body and its duties")


class ResponsibilitiesBlock(blocks.StructBlock):
    """Who is responsible for what: one entry per decision-making body."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    intro = blocks.RichTextBlock(
        label=_("Introduction"), required=False, features=RICH_TEXT_FEATURES
    )
    bodies = blocks.ListBlock(BodyResponsibilityBlock(), label=_("Bodies"), min_num=1)

    class Meta:
        icon = "group"
        template = "wagtail_internationellt/blocks/responsibilities.html"
        label = _("Responsibilities")
        description = _("The duties of the council, the executive board and each committee.")
        preview_value = {
            "heading": "Ansvarsfördelning",
            "intro": "",
            "bodies": [
                {
                    "body": "Kommunfullmäktige",
                    "duties": ["Beslutar om internationell policy för kommunen"],
                },
                {
                    "body": "Kommunstyrelsen",
                    "duties": ["Samtliga resor till vänorter ska godkännas av kommunstyrelsen."],
                },
            ],
        }


class TwinTownsBlock(blocks.StructBlock):
    """The section's twin towns, listed from the register rather than typed again."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.RichTextBlock(
        label=_("Text"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "What the policy says about twin towns. The list of twin towns itself is "
            "taken from the twin town pages of this municipality."
        ),
    )

    class Meta:
        icon = "site"
        template = "wagtail_internationellt/blocks/twin_towns.html"
        label = _("Twin towns")
        description = _("The policy's text on twin towns followed by the current twin towns.")
        preview_value = {
            "heading": "Vänorter",
            "text": "<p>Vänortsavtalen ska utvärderas varje mandatperiod.</p>",
        }


class PolicyBodyBlock(blocks.StreamBlock):
    purpose = PurposeBlock()
    goals = GoalsBlock()
    priorities = PrioritiesBlock()
    cooperation_forms = CooperationFormsBlock()
    responsibilities = ResponsibilitiesBlock()
    financing = FinancingBlock()
    twin_towns = TwinTownsBlock()
    follow_up = FollowUpBlock()
    text = SectionBlock()
    list = ListSectionBlock()
