from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current address in each of the site's languages, as plain links.

    Links rather than a form: they work without JavaScript, need no CSRF cookie
    and keep public pages cacheable.
    """
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "is_current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
