"""French typography through one set of helpers: "1er", plural rules, localised dates."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from maillage.core.typography import format_date, format_time
from tests.events.factories import DayFactory, EventFactory

ROOT = Path(settings.BASE_DIR)


def french(function, *args):
    with translation.override("fr"):
        return function(*args)


def test_first_day_of_a_month_is_an_ordinal_in_french():
    assert french(format_date, datetime.date(2025, 10, 1), "date") == "1er octobre 2025"


def test_other_days_are_cardinal_in_french():
    assert french(format_date, datetime.date(2025, 10, 2), "weekday") == "jeudi 2 octobre"


def test_first_day_keeps_the_weekday_before_it():
    assert french(format_date, datetime.date(2025, 10, 1), "weekday_date") == "mercredi 1er octobre 2025"


def test_english_has_no_french_ordinal():
    with translation.override("en"):
        assert format_date(datetime.date(2025, 10, 1), "date") == "October 1, 2025"


def test_short_date_is_localised_in_french():
    assert french(format_date, datetime.date(2026, 11, 30), "short") == "30 nov. 2026"


def test_aware_datetime_is_shown_in_local_time():
    moment = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)  # 00:30 in Paris, 1 December
    assert french(format_date, moment, "datetime") == "1er décembre 2026 à 00:30"


def test_unknown_style_fails_loudly():
    with pytest.raises(ValueError, match="Unknown date style"):
        format_date(datetime.date(2025, 10, 1), "lng")


def test_time_of_day_in_french():
    assert french(format_time, datetime.time(9, 30)) == "09h30"


def test_template_filter_uses_the_helper():
    template = Template('{% load maillage_tags %}{{ d|human_date:"day" }}, {{ t|human_time }}')
    with translation.override("fr"):
        html = template.render(Context({"d": datetime.date(2025, 10, 1), "t": datetime.time(14, 0)}))
    assert html == "1er octobre, 14h00"


def test_no_template_formats_a_date_with_djangos_filters():
    pattern = re.compile(r"\|\s*(date|time)\b")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "maillage").rglob("templates/**/*.html")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_zero_takes_the_singular_in_french():
    msgid, plural = "%(n)s proposition", "%(n)s propositions"
    assert french(ngettext, msgid, plural, 0) == msgid


def test_two_takes_the_plural_in_french():
    msgid, plural = "%(n)s proposition", "%(n)s propositions"
    assert french(ngettext, msgid, plural, 2) == plural


def test_french_plural_catalogue_holds_every_plural_message():
    english = polib.pofile(str(ROOT / "maillage/locale/en/LC_MESSAGES/django.po"))
    french_po = polib.pofile(str(ROOT / "maillage/locale/fr/LC_MESSAGES/django.po"))
    expected = {(e.msgctxt, e.msgid, e.msgid_plural) for e in english if e.msgid_plural and not e.obsolete}
    held = {(e.msgctxt, e.msgid, e.msgid_plural) for e in french_po if e.msgstr_plural.get(0) == e.msgid}
    assert expected - held == set(), "run `make messages` (scripts/french_plurals.py)"


@pytest.mark.django_db
def test_directory_says_zero_actor_found_in_the_singular(client):
    html = client.get(reverse("directory:actor_list"), {"q": "zzzz-introuvable"}).content.decode()
    assert "0 acteur trouvé" in html


@pytest.mark.django_db
def test_event_list_writes_the_first_of_october(client):
    DayFactory(event=EventFactory(), date=datetime.date(2025, 10, 1))
    html = client.get(reverse("events:event_list")).content.decode()
    assert "1er octobre 2025" in html
