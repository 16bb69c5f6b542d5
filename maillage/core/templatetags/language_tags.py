"""The language switch: the same page in the other languages of the site."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_from_path

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Each language of the site with the address of the current page in it (query string kept)."""
    request = context["request"]
    current = get_language()
    return [
        {"code": code, "name": name, "url": translate_url(request.get_full_path(), code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


def _without_language(path):
    language = get_language_from_path(path)
    if language and language != settings.LANGUAGE_CODE:
        path = path[len(language) + 1 :]
    return path


@register.filter
def in_section(path, href):
    """Whether `path` is in the section of the navigation entry `href` (whatever the language prefix)."""
    section = _without_language(href).strip("/").split("/")[0]
    return bool(section) and _without_language(path).strip("/").split("/")[0] == section
