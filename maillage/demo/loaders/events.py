"""Demo step: the Assises de l'innovation publique 2025, loaded completely from its data file.

Idempotent: an event already loaded keeps its structure and registrations; the facts the file
states (speakers' functions, venues' roles, slots' venues, the labelled room assumption) and the
links from speakers to directory actors are refreshed, as the file or the directory may have
changed since.
"""

import datetime
from pathlib import Path

import yaml
from django.db import transaction

from maillage.core.text import normalize
from maillage.directory.models import Actor, Contact
from maillage.events.models import (
    Day,
    Event,
    Room,
    Session,
    SlotSpeaker,
    Speaker,
    Theme,
    TimeSlot,
    Venue,
    Workshop,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "assises-2025.yaml"


def read_data(path=DATA):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def find_actor(candidates):
    """First directory actor matching a slug or a name among the candidates; None when absent."""
    for candidate in candidates or []:
        actor = Actor.objects.filter(slug=candidate).first()
        if actor is None:
            key = normalize(candidate)
            actor = next((a for a in Actor.objects.filter(name__iexact=candidate)), None)
            if actor is None:
                actor = next((a for a in Actor.objects.all().only("name", "slug") if normalize(a.name) == key), None)
        if actor is not None:
            return actor
    return None


def _time(value):
    return datetime.time.fromisoformat(str(value))


def link_speakers(event, data):
    linked = 0
    for key, info in data["speakers"].items():
        speaker = event.speakers.get(slug=key)
        actor = find_actor(info.get("actors"))
        contact = None
        if actor is not None:
            contact = Contact.objects.filter(actor=actor, name__iexact=info["name"]).first()
            linked += 1
        if speaker.actor_id != (actor.pk if actor else None) or speaker.contact_id != (contact.pk if contact else None):
            speaker.actor, speaker.contact = actor, contact
            speaker.save(update_fields=["actor", "contact"])
    return linked


def refresh_facts(event, data):
    """Bring an already loaded event's stated facts in line with the data file (no structural change)."""
    assumption = str(data["event"].get("rooms_assumption") or "").strip()
    if event.rooms_assumption != assumption:
        event.rooms_assumption = assumption
        event.save(update_fields=["rooms_assumption"])
    for key, info in data["speakers"].items():
        event.speakers.filter(slug=key).exclude(function=info.get("function", "")).update(
            function=info.get("function", "")
        )
    venues = {}
    for v in data["venues"]:
        venue = event.venues.filter(name=v["name"]).first()
        if venue is not None:
            venues[v["key"]] = venue
            if venue.role != v.get("role", ""):
                venue.role = v.get("role", "")
                venue.save(update_fields=["role"])
    for d in data["days"]:
        for s in d["slots"]:
            venue = venues.get(s.get("venue"))
            TimeSlot.objects.filter(
                day__event=event, day__date=d["date"], start=_time(s["start"]), title=s["title"]
            ).exclude(venue=venue).update(venue=venue)


@transaction.atomic
def load_programme(data=None):
    """Create the event from the data file; returns (event, created)."""
    data = data or read_data()
    info = data["event"]
    existing = Event.objects.filter(slug=info["slug"]).first()
    if existing is not None:
        refresh_facts(existing, data)
        link_speakers(existing, data)
        return existing, False
    event = Event.objects.create(
        name=info["name"],
        slug=info["slug"],
        acronym=info["acronym"],
        tagline=info.get("tagline", ""),
        description=info.get("description", "").strip(),
        city=info.get("city", ""),
        organiser=find_actor(info.get("organiser")),
        registration_mode=info.get("registration_mode", "preallocation"),
        min_choices=info.get("min_choices", 4),
        source=info.get("source", ""),
        rooms_assumption=str(info.get("rooms_assumption") or "").strip(),
    )
    venues, rooms = {}, {}
    for v in data["venues"]:
        venue = Venue.objects.create(event=event, name=v["name"], address=v.get("address", ""), role=v.get("role", ""))
        venues[v["key"]] = venue
        for r in v.get("rooms", []):
            rooms[r["name"]] = Room.objects.create(venue=venue, name=r["name"], capacity=r["capacity"])
    speakers = {}
    for key, s in data["speakers"].items():
        speakers[key] = Speaker.objects.create(event=event, name=s["name"], slug=key, function=s.get("function", ""))
    sessions_by_date = {}
    for d in data["days"]:
        day = Day.objects.create(event=event, date=d["date"], label=d.get("label", ""))
        slots = d["slots"]
        for i, s in enumerate(slots):
            end = s.get("end")
            if end is None and s["kind"] != "end":
                later = [_time(o["start"]) for o in slots[i + 1 :] if _time(o["start"]) > _time(s["start"])]
                end = later[0] if later else None
            slot = TimeSlot.objects.create(
                day=day,
                kind=s["kind"],
                title=s["title"],
                detail=s.get("detail", ""),
                start=_time(s["start"]),
                end=_time(end) if end else None,
                venue=venues.get(s.get("venue")),
            )
            if s.get("session"):
                session = Session.objects.create(event=event, slot=slot, number=s["session"])
                sessions_by_date.setdefault(day.date, []).append(session)
            for position, sp in enumerate(s.get("speakers", [])):
                SlotSpeaker.objects.create(slot=slot, speaker=speakers[sp["key"]], role=sp["role"], position=position)
    for t in data["themes"]:
        theme = Theme.objects.create(
            event=event, number=t["number"], title=t["title"], text=t["text"].strip(), note=t.get("note", "")
        )
        dates = [d if isinstance(d, datetime.date) else datetime.date.fromisoformat(str(d)) for d in t.get("days", [])]
        room = rooms[t.get("room", f"Salle {t['number']}")]
        for date, sessions in sessions_by_date.items():
            if dates and date not in dates:
                continue
            for session in sessions:
                workshop = Workshop.objects.create(theme=theme, session=session, room=room, capacity=room.capacity)
                for sp in t.get("speakers", []):
                    day = sp.get("day")
                    if day is None or datetime.date.fromisoformat(str(day)) == date:
                        workshop.speakers.add(speakers[sp["key"]])
    link_speakers(event, data)
    return event, True


def load(stdout):
    event, created = load_programme()
    state = "chargé" if created else "déjà chargé"
    linked = event.speakers.filter(actor__isnull=False).count()
    return (
        f"{event.name} {state} : {event.themes.count()} thèmes, {event.sessions.count()} sessions, "
        f"{event.speakers.count()} intervenants dont {linked} reliés à l'annuaire"
    )
