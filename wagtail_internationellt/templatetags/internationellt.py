"""Template filters for the public pages."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

NBSP = "\u00a0"
ONE_ORE = Decimal("0.01")


@register.filter(is_safe=True)
def kronor(value):
    """Format an amount as Swedish kronor, e.g. ``Decimal("12400")`` → "12 400 kr".

    Thousands are grouped with a non-breaking space and öre follow a decimal
    comma ("12 400,50 kr"), as Swedish documents write amounts, whatever the
    active locale. Whole amounts have no decimals. Empty values give "".
    """
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value)).quantize(ONE_ORE, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return ""
    whole, ore = f"{abs(amount):.2f}".split(".")
    number = f"{int(whole):,}".replace(",", NBSP)
    if ore != "00":
        number = f"{number},{ore}"
    sign = "-" if amount < 0 else ""
    return f"{sign}{number}{NBSP}kr"


@register.simple_tag
def approval_trail(page):
    """``{% approval_trail page as trail %}``: when and by which role the page was approved."""
    from ..workflows.trail import approval_trail as trail_for

    return trail_for(page)


@register.simple_tag
def approval_comment(obj):
    """The comment left with the last approval of ``obj``, for the approval e-mail."""
    from wagtail.models import TaskState

    task_state = (
        TaskState.objects.for_instance(obj)
        .filter(status=TaskState.STATUS_APPROVED)
        .order_by("-finished_at")
        .first()
    )
    return task_state.get_comment() if task_state else ""
