"""Template helpers of the contributions app."""

import markdown as markdown_lib
import nh3
from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h3", "h4"}


@register.simple_tag
def actor_url(actor):
    """The fiche's URL, or '' while the directory page is not available."""
    try:
        return reverse("directory:actor_detail", kwargs={"slug": actor.slug})
    except NoReverseMatch:
        return ""


@register.filter
def safe_markdown(text):
    """Markdown to HTML, then sanitised by nh3: raw HTML in the source never survives."""
    html = markdown_lib.markdown(text or "", extensions=[], output_format="html")
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"})
    return mark_safe(cleaned)  # noqa: S308 — sanitised just above
