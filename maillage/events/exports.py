"""Programme exports: iCalendar, and the conference schedule XML/JSON of frab/pretalx (c3voc schema)."""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.text import slugify
from icalendar import Calendar
from icalendar import Event as IcsEvent
from lxml import etree

from .models import SCHEDULE_NAMESPACE, SlotKind, TimeSlot, Workshop

TZ = ZoneInfo(settings.TIME_ZONE)


def _dt(day, time):
    return datetime.datetime.combine(day.date, time, tzinfo=TZ)


def _end(slot):
    if slot.end:
        return _dt(slot.day, slot.end)
    return _dt(slot.day, slot.start) + datetime.timedelta(minutes=15)


def guid(*parts):
    """Deterministic UUID5: the same item keeps its guid from one export to the next."""
    return str(uuid.uuid5(SCHEDULE_NAMESPACE, "/".join(str(p) for p in parts)))


def programme_items(event):
    """Every programme item: each non-workshop slot, and each workshop (theme × session)."""
    items = []
    slots = (
        TimeSlot.objects.filter(day__event=event)
        .select_related("day", "venue")
        .prefetch_related("slot_speakers__speaker")
    )
    for slot in slots:
        if slot.kind == SlotKind.WORKSHOPS or slot.kind == SlotKind.END:
            continue
        items.append(
            {
                "key": f"slot-{slot.pk}",
                "id": slot.pk * 2,
                "title": slot.title,
                "abstract": slot.detail,
                "type": slot.get_kind_display(),
                "track": slot.get_kind_display(),
                "day": slot.day,
                "start": _dt(slot.day, slot.start),
                "end": _end(slot),
                "room": slot.venue.name if slot.venue else event.city or event.name,
                "location": f"{slot.venue.name}, {slot.venue.address}" if slot.venue else "",
                "persons": [(ss.speaker.pk, ss.speaker.name) for ss in slot.slot_speakers.all()],
            }
        )
    workshops = (
        Workshop.objects.filter(session__event=event)
        .select_related("theme", "session__slot__day", "room__venue")
        .prefetch_related("speakers")
    )
    for w in workshops:
        slot = w.session.slot
        items.append(
            {
                "key": f"workshop-{w.pk}",
                "id": w.pk * 2 + 1,
                "title": f"{w.theme.number}. {w.theme.title}",
                "abstract": w.theme.text,
                "type": "workshop",
                "track": w.theme.title,
                "day": slot.day,
                "start": _dt(slot.day, slot.start),
                "end": _end(slot),
                "room": f"{w.room.name} ({w.room.venue.name})",
                "location": f"{w.room.name}, {w.room.venue.name}, {w.room.venue.address}",
                "persons": [(s.pk, s.name) for s in w.speakers.all()],
            }
        )
    items.sort(key=lambda i: (i["start"], i["room"]))
    return items


def _calendar(event, name):
    cal = Calendar()
    cal.add("prodid", "-//Maillage//Programme//FR")
    cal.add("version", "2.0")
    # X-WR-CALNAME is not escaped by icalendar: a line break in a registrant's name would end the line.
    cal.add("x-wr-calname", " ".join(str(name).split()))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _ics_event(event, item, base_url):
    ics = IcsEvent()
    ics.add("uid", f"{guid(event.slug, item['key'])}@maillage")
    ics.add("summary", item["title"])
    ics.add("dtstart", item["start"])
    ics.add("dtend", item["end"])
    ics.add("dtstamp", datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    if item["location"]:
        ics.add("location", item["location"])
    description = item["abstract"]
    if item["persons"]:
        description = "Intervenants : " + ", ".join(n for _i, n in item["persons"]) + "\n\n" + description
    ics.add("description", description)
    if base_url:
        ics.add("url", base_url + event.get_absolute_url())
    return ics


def programme_ical(event, base_url=""):
    cal = _calendar(event, event.name)
    for item in programme_items(event):
        cal.add_component(_ics_event(event, item, base_url))
    return cal.to_ical()


def parcours_ical(registration, base_url=""):
    """The attendee's own calendar: the plenary slots of their days and their workshops."""
    event = registration.event
    day_ids = set(registration.days.values_list("pk", flat=True))
    mine = {f"workshop-{a.workshop_id}" for a in registration.assignments.all()}
    cal = _calendar(event, f"{event.name} — {registration.name}")
    for item in programme_items(event):
        if item["day"].pk not in day_ids:
            continue
        if item["type"] == "workshop" and item["key"] not in mine:
            continue
        cal.add_component(_ics_event(event, item, base_url))
    return cal.to_ical()


def _duration(item):
    minutes = int((item["end"] - item["start"]).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _day_bounds(event):
    bounds = {}
    for item in programme_items(event):
        lo, hi = bounds.get(item["day"].pk, (item["start"], item["end"]))
        bounds[item["day"].pk] = (min(lo, item["start"]), max(hi, item["end"]))
    return bounds


def _slug(event, item):
    return f"{slugify(event.acronym).replace('-', '_')}-{item['id']}-{slugify(item['title'])[:50].strip('-') or 'item'}"


def schedule_json(event, base_url="http://localhost"):
    """The c3voc/frab schedule as a dict (json.dumps it)."""
    items = programme_items(event)
    bounds = _day_bounds(event)
    days = []
    for index, day in enumerate(event.days.all(), start=1):
        rooms = {}
        for item in items:
            if item["day"].pk != day.pk:
                continue
            rooms.setdefault(item["room"], []).append(
                {
                    "guid": guid(event.slug, item["key"]),
                    "id": item["id"],
                    "date": item["start"].isoformat(),
                    "start": item["start"].strftime("%H:%M"),
                    "duration": _duration(item),
                    "room": item["room"],
                    "slug": _slug(event, item),
                    "url": base_url + event.get_absolute_url(),
                    "title": item["title"],
                    "subtitle": "",
                    "track": item["track"],
                    "type": item["type"],
                    "language": "fr",
                    "abstract": item["abstract"],
                    "description": "",
                    "logo": None,
                    "persons": [{"name": name, "guid": guid(event.slug, "person", pk)} for pk, name in item["persons"]],
                    "links": [],
                    "attachments": [],
                }
            )
        start, end = bounds.get(day.pk, (_dt(day, datetime.time(0)), _dt(day, datetime.time(23, 59))))
        days.append(
            {
                "index": index,
                "date": day.date.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": rooms,
            }
        )
    room_names = sorted({item["room"] for item in items})
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "Maillage", "version": "0.1"},
        "schedule": {
            "version": "1.0",
            "base_url": base_url + "/",
            "conference": {
                "acronym": event.acronym.replace("-", "_") if len(event.acronym) >= 4 else f"{event.acronym}_conf",
                "title": event.name,
                "start": event.start_date.isoformat(),
                "end": event.end_date.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": "00:15",
                "time_zone_name": settings.TIME_ZONE,
                "url": base_url + event.get_absolute_url(),
                "rooms": [{"name": n, "guid": guid(event.slug, "room", n)} for n in room_names],
                "tracks": [{"name": n} for n in sorted({item["track"] for item in items})],
                "days": days,
            },
        },
    }


def schedule_xml(event, base_url="http://localhost"):
    """The c3voc/frab schedule.xml as bytes."""
    data = schedule_json(event, base_url)["schedule"]
    conf = data["conference"]
    root = etree.Element("schedule")
    gen = etree.SubElement(root, "generator")
    gen.set("name", "Maillage")
    gen.set("version", "0.1")
    etree.SubElement(root, "version").text = data["version"]
    c = etree.SubElement(root, "conference")
    etree.SubElement(c, "title").text = conf["title"]
    etree.SubElement(c, "acronym").text = conf["acronym"].replace("_", "-").lower()
    etree.SubElement(c, "start").text = conf["start"]
    etree.SubElement(c, "end").text = conf["end"]
    etree.SubElement(c, "days").text = str(conf["daysCount"])
    etree.SubElement(c, "timeslot_duration").text = conf["timeslot_duration"]
    etree.SubElement(c, "base_url").text = data["base_url"]
    etree.SubElement(c, "time_zone_name").text = conf["time_zone_name"]
    for track in conf["tracks"]:
        etree.SubElement(c, "track", name=track["name"])
    for d in conf["days"]:
        day = etree.SubElement(
            root, "day", date=d["date"], start=d["day_start"], end=d["day_end"], index=str(d["index"])
        )
        for room_name, events in d["rooms"].items():
            room = etree.SubElement(
                day, "room", name=room_name, guid=guid(data["conference"]["title"], "room", room_name)
            )
            for e in events:
                ev = etree.SubElement(room, "event", id=str(e["id"]), guid=e["guid"])
                for key in ("room", "title", "subtitle", "type", "date", "start", "duration", "abstract", "slug"):
                    etree.SubElement(ev, key).text = e[key]
                etree.SubElement(ev, "track").text = e["track"]
                etree.SubElement(ev, "language").text = e["language"]
                persons = etree.SubElement(ev, "persons")
                for p in e["persons"]:
                    etree.SubElement(persons, "person", guid=p["guid"]).text = p["name"]
                etree.SubElement(ev, "url").text = e["url"]
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
