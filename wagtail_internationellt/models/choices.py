from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionBody(models.TextChoices):
    """The body that took a decision (P1): council, executive board or a committee."""

    COUNCIL = "council", _("Municipal council (kommunfullmäktige)")
    EXECUTIVE_BOARD = "executive_board", _("Municipal executive board (kommunstyrelsen)")
    COMMITTEE = "committee", _("A committee (nämnd)")


class DocumentType(models.TextChoices):
    POLICY = "policy", _("Policy")
    GUIDELINE = "guideline", _("Guideline")
    PROGRAMME = "programme", _("Programme")
