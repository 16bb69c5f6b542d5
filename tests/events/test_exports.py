"""Exports re-read by the tools' own parsers and validated against the shared c3voc schemas."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from icalendar import Calendar

from maillage.demo.loaders import events as loader
from maillage.events import exports, services

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "c3voc-schedule"


@pytest.fixture
def event():
    return loader.load_programme()[0]


def test_programme_ical_is_reread_with_every_workshop_and_slot(client, event):
    response = client.get(f"/evenements/{event.slug}/programme.ics")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    workshops = [e for e in events if str(e["summary"]).startswith(("1. ", "2. ", "9. ", "10. "))]
    assert len(workshops) == 4 + 4 + 2 + 2
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    welcome = next(e for e in events if str(e["summary"]) == "Accueil Café")
    assert welcome.decoded("dtstart").isoformat() == "2025-10-01T09:00:00+02:00"


def test_parcours_ical_has_only_the_attendees_workshops(client, event):
    days = list(event.days.all())
    themes = list(event.themes.all())
    before = event.starts_at - datetime.timedelta(days=7)  # the demo event is past: register when it was not
    ada = services.register(
        event, name="Ada", email="ada@example.org", organisation="", days=days[:1], theme_ranking=themes[:4], now=before
    )
    workshop = event.sessions.get(number=1).workshops.get(theme__number=2)
    services.sign_up(ada, workshop.pk, now=before)
    cal = Calendar.from_ical(client.get(f"/evenements/parcours/{ada.token}/parcours.ics").content)
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert [s for s in summaries if s[0].isdigit()] == ["2. Management par la confiance et laboratoires d'innovation"]
    assert "Plénière de clôture" not in summaries  # day 2 not attended


def test_schedule_json_is_valid_against_the_schema(client, event):
    data = json.loads(client.get(f"/evenements/{event.slug}/schedule.json").content)
    schema = json.loads((SCHEMAS / "schema.json").read_text())
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    events = [e for d in data["schedule"]["conference"]["days"] for room in d["rooms"].values() for e in room]
    assert sum(1 for e in events if e["type"] == "workshop") == 36


def test_schedule_xml_is_valid_against_the_xsd(client, event):
    xml = client.get(f"/evenements/{event.slug}/schedule.xml").content
    schema = xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))
    assert [str(e) for e in schema.iter_errors(xml)] == []


def test_guids_are_deterministic_uuid5(event):
    first = exports.schedule_json(event)
    second = exports.schedule_json(event)
    assert first == second
    guid = first["schedule"]["conference"]["days"][0]["rooms"]
    some = next(iter(guid.values()))[0]["guid"]
    assert some[14] == "5"  # UUID version 5
