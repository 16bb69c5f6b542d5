"""French typography in one place: dates in words with "1er", times, and the styles every page uses.

Templates reach these helpers through the `human_date` / `human_time` filters of `maillage_tags`;
Python code calls `format_date` / `format_time` directly. No template formats a date with Django's
`date` filter (tests/core/test_typography.py checks it), so a rule changed here changes everywhere.
"""

import datetime
import re

from django.utils import timezone
from django.utils.dateformat import format as django_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Unescaped "j" (day of the month without leading zero) in a Django date format.
_DAY = re.compile(r"(?<!\\)j")


def _styles():
    """The date styles of the site, each a format in Django's syntax, translated for the active language."""
    return {
        "day": _("j F"),  # 1er octobre
        "date": _("j F Y"),  # 1er octobre 2025
        "weekday": _("l j F"),  # mercredi 1er octobre
        "weekday_date": _("l j F Y"),  # mercredi 1er octobre 2025
        "short": _("j N Y"),  # 30 nov. 2026
        "datetime": _("j F Y à H:i"),  # 30 novembre 2026 à 14:05
        "short_datetime": _("j N Y, H:i"),  # 30 nov. 2026, 14:05
    }


def _is_french():
    return (get_language() or "fr").split("-")[0] == "fr"


def format_date(value, style="date"):
    """A date (or datetime, shown in local time) in words, French typography when French is active.

    The first day of a month is an ordinal in French: "1er octobre", never "1 octobre".
    Unknown styles fail loudly (a typo in a template must not print a raw format).
    """
    if value in (None, ""):
        return ""
    formats = _styles()
    if style not in formats:
        raise ValueError(f"Unknown date style {style!r}; expected one of {sorted(formats)}")
    fmt = formats[style]
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.day == 1 and _is_french():
        fmt = _DAY.sub(r"j\\e\\r", fmt)
    return django_format(value, fmt)


def format_time(value):
    """A time of day: "09h30" in French, "09:30" in English."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return django_format(value, _("H\\hi"))
