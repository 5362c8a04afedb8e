"""Template filters for the public pages."""

import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import URLValidator
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import compat

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
def approval_comments(obj):
    """The comments left with the approvals of ``obj``'s last approved workflow.

    For the approval e-mail: [(role or task name, comment)], in the order the
    steps approved, so that a reviewer's comment is not lost when the board's
    step follows.
    """
    from wagtail.models import TaskState, WorkflowState

    state = (
        WorkflowState.objects.for_instance(obj)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .order_by("-created_at")
        .first()
    )
    if state is None:
        return []
    comments = []
    approvals = state.task_states.filter(status=TaskState.STATUS_APPROVED).order_by("finished_at")
    for task_state in approvals.select_related("task"):
        comment = task_state.get_comment()
        if comment:
            task = task_state.task.specific
            comments.append((getattr(task, "public_role", "") or task.name, comment))
    return comments


_JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """``{% json_ld data %}``: a schema.org description as a JSON-LD script element.

    The JSON is escaped so that no text in it can close the element.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_LD_ESCAPES)
    # Safe: "<", ">" and "&" are escaped above, so the text cannot end the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308  # nosec B308 B703


@register.filter
def web_address(value):
    """``value`` if it is a web address as a URL field accepts it, else "".

    For what is linked or published as a site's address: a value stored without
    the field's validation (``javascript:…``) is never made a link.
    """
    if not value:
        return ""
    try:
        URLValidator()(value)
    except ValidationError:
        return ""
    return value


@register.filter
def elided_page_range(items):
    """The page numbers to link from a paginated list, with "…" for the gaps."""
    return items.paginator.get_elided_page_range(items.number, on_each_side=2, on_ends=1)


class CachedPartNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        from .. import render_cache

        parts = context.get("intl_cached_parts")
        key = context.get("intl_cache_key")
        if parts is not None and self.name in parts and key is None:
            return parts[self.name]
        output = self.nodelist.render(context)
        if key is not None and parts is not None:
            render_cache.store_part(key, self.name, output, parts)
        return output


@register.tag
def intl_cached(parser, token):
    """``{% intl_cached "content" %}…{% endintl_cached %}``: a part kept in the render cache.

    Outside a page that uses the render cache, the content is rendered as usual.
    """
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name.")
    nodelist = parser.parse(("endintl_cached",))
    parser.delete_first_token()
    return CachedPartNode(bits[1][1:-1], nodelist)


def content_language(page):
    """The language the page's content is written in: its locale's, or the site's."""
    from django.conf import settings

    if getattr(settings, "WAGTAIL_I18N_ENABLED", False) and page is not None:
        return page.locale.language_code
    return settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def content_lang(context):
    """`` lang="sv"`` on content shown with an interface in another language, else nothing.

    The English pages of a Swedish site show the editors' Swedish text: marked,
    a screen reader reads it with Swedish pronunciation.
    """
    from django.utils.translation import get_language

    content = content_language(context.get("page")) or ""
    active = get_language() or ""
    if not content or content.split("-")[0] == active.split("-")[0]:
        return ""
    return format_html(' lang="{}"', content)


@register.simple_tag(takes_context=True)
def intl_querystring(context, **changes):
    """``{% querystring %}`` that gives nothing, not a lone "?", when no parameter is
    left: ``href="{{ feeds.rss }}{% intl_querystring page=None %}"``."""
    return compat.querystring(context, **changes)
