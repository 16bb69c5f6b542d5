"""Demo step 2: the organised actors the TIPs report names, from data/actors.yaml.

Idempotent upsert keyed on the slug: a second run creates nothing and changes nothing.
Parents are resolved in a second pass (a parent may come later in the file).

People: `contacts` are the names of the report's annex 2.2 actor file, the only file the
report presents as a contact file; they are published on that basis (`published_by_source`),
and the loader never sets anyone's consent. `cited` people (named in interviews, committees,
quotations) are not contacts: they are kept as "personne citée" in the actor's sources. No
e-mail or phone number is ever added here. A report-sourced contact the file no longer lists
is removed.

Places: `commune` is the one the report gives. A commune the report does not give is an
addition labelled by `commune_added` (why it was chosen), stored as a source of the actor.
An entry `{slug, merged_into}` records that an actor was the same as another: the loader
removes the duplicate if a previous load created it.
"""

from collections import Counter
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify

from maillage.core.text import normalize
from maillage.directory.actor_types import ensure_actor_types
from maillage.directory.models import Actor, ActorSource, ActorType, Contact, Tag
from maillage.directory.search import rebuild_search_text
from maillage.directory.writing import Change, save_actor
from maillage.territories.models import Commune

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "actors.yaml"
REPORT = "Rapport TIPs (mars 2023)"
COMMUNE_ADDITION = "Ajout hors rapport : Code officiel géographique (découpage administratif)"
# Who the history credits the demo data to (every write goes through the directory's write path).
DEMO_CHANGE = Change(comment="Données de démonstration")
# Tags that name a way of working; the others are themes.
METHOD_WORDS = (
    "design",
    "facilitation",
    "sciences comportementales",
    "intelligence collective",
    "co-developpement",
    "co-construction",
    "prototypage",
    "living lab",
    "immersion",
    "ateliers",
    "participation",
    "innovation ouverte",
    "evaluation",
    "prospective",
    "formation",
)
SCALAR_FIELDS = (
    "name",
    "legal_status",
    "scope",
    "address",
    "website",
    "lifecycle",
    "founded_year",
    "ended_year",
    "aliases",
    "attachment",
    "missions",
    "description",
)


def source_reference(section):
    section = str(section).strip()
    if section[:1].isdigit():
        return f"{REPORT}, section {section}"
    return f"{REPORT}, {section}"


def read_entries(path=DATA_FILE):
    with open(path, encoding="utf-8") as handle:
        entries = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []  # noqa: S506
    return [e for e in entries if isinstance(e, dict) and e.get("slug")]


def _tag(name, cache):

    slug = slugify(name)[:100]
    if slug not in cache:
        kind = Tag.Kind.METHOD if any(w in normalize(name) for w in METHOD_WORDS) else Tag.Kind.THEME
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            tag = Tag.objects.create(name=name[:100], slug=slug, kind=kind)
        cache[slug] = tag
    return cache[slug]


def _upsert(entry, communes, tags_cache, warnings):
    """Create or update one actor (without its parent); returns (actor, changed)."""
    # A field the data file leaves out goes back to its default: the file is the truth.
    values = {key: entry.get(key) for key in SCALAR_FIELDS}
    for key, value in values.items():
        if value is None:
            values[key] = Actor._meta.get_field(key).get_default()
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    values["primary_type_id"] = entry["primary_type"]
    code = str(entry.get("commune") or "").strip()
    commune_id = None
    if code:
        commune_id = communes.get(code)
        if commune_id is None:
            warnings.append(f"{entry['slug']} : commune {code} absente du référentiel")
    values["commune_id"] = commune_id
    values["raw_record"] = entry.get("annex_row") or {}

    actor = Actor.objects.filter(slug=entry["slug"]).first()
    created = actor is None
    if created:
        actor = Actor(slug=entry["slug"], **values)
        changed_fields = list(values)
    else:
        changed_fields = [k for k, v in values.items() if getattr(actor, k) != v]
        for key in changed_fields:
            setattr(actor, key, values[key])

    secondary = set(entry.get("secondary_types") or []) - {entry["primary_type"]}
    wanted_tags = {_tag(name, tags_cache).pk for name in entry.get("tags") or [] if slugify(name)}
    m2m_changed = created or (
        set(actor.secondary_types.values_list("code", flat=True)) != secondary
        or set(actor.tags.values_list("pk", flat=True)) != wanted_tags
    )
    if changed_fields or m2m_changed:
        save_actor(
            actor,
            change=DEMO_CHANGE,
            save_m2m=lambda: (actor.secondary_types.set(secondary), actor.tags.set(wanted_tags)),
        )
    changed = bool(changed_fields) or m2m_changed

    listed = set()
    for item in entry.get("contacts") or []:
        name = str(item.get("name", "")).strip()[:150]
        if not name:
            continue
        listed.add(name)
        wanted = {
            "function": str(item.get("function") or "").strip()[:255],
            "source": f"{REPORT}, {item['source']}"[:255] if item.get("source") else REPORT,
            "published_by_source": True,  # the report's own contact file; not the person's consent
        }
        contact, made = Contact.objects.get_or_create(actor=actor, name=name, defaults=wanted)
        if not made and not contact.published_by_source:
            # Loaded before the basis existed: its "consent" was set by the old loader, not given by
            # the person. From now on a consent recorded on this contact is left alone.
            wanted = {**wanted, "publication_consent": False}
        if not made and any(getattr(contact, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(contact, key, value)
            contact.save()
            changed = True
        changed = changed or made
    stale = Contact.objects.filter(actor=actor, source__startswith=REPORT).exclude(name__in=listed)
    changed = bool(stale.delete()[0]) or changed

    for item in entry.get("sources") or []:
        if not item.get("section"):
            continue
        _source, made = ActorSource.objects.get_or_create(
            actor=actor, reference=source_reference(item["section"])[:255], note=str(item.get("note") or "").strip()
        )
        changed = changed or made
    if entry.get("commune_added") and commune_id is not None:
        _source, made = ActorSource.objects.get_or_create(
            actor=actor,
            reference=COMMUNE_ADDITION,
            note=f"Commune non donnée par le rapport, ajoutée : {str(entry['commune_added']).strip()}",
        )
        changed = changed or made
    for item in entry.get("cited") or []:
        name = str(item.get("name", "")).strip()
        if not name:
            continue
        function = str(item.get("function") or "").strip()
        note = f"Personne citée : {name}" + (f", {function}" if function else "")
        _source, made = ActorSource.objects.get_or_create(
            actor=actor, reference=source_reference(item.get("source") or REPORT)[:255], note=note
        )
        changed = changed or made
    return actor, created, changed


@transaction.atomic
def load_entries(entries):
    """Load parsed entries; returns (per-type counts, created, updated, warnings)."""

    known_types = set(ActorType.objects.values_list("code", flat=True))
    codes = {str(e.get("commune")).strip() for e in entries if e.get("commune")}
    communes = dict(Commune.objects.filter(code__in=codes).values_list("code", "pk"))
    warnings, tags_cache = [], {}
    created = updated = 0
    by_slug = {}
    merged = [e for e in entries if e.get("merged_into")]
    entries = [e for e in entries if not e.get("merged_into")]
    for entry in merged:
        _count, deleted = Actor.objects.filter(slug=entry["slug"]).delete()
        updated += bool(deleted.get(Actor._meta.label))
    for entry in entries:
        if entry.get("primary_type") not in known_types:
            warnings.append(f"{entry['slug']} : type inconnu {entry.get('primary_type')!r}, ignoré")
            continue
        actor, was_created, changed = _upsert(entry, communes, tags_cache, warnings)
        by_slug[actor.slug] = actor
        created += was_created
        updated += changed and not was_created

    # Second pass: parents, which may appear later in the file.
    reparented = []
    for entry in entries:
        actor = by_slug.get(entry["slug"])
        if actor is None:
            continue
        parent_slug = entry.get("parent")
        parent = by_slug.get(parent_slug) or (Actor.objects.filter(slug=parent_slug).first() if parent_slug else None)
        if parent_slug and parent is None:
            warnings.append(f"{actor.slug} : organisation de rattachement {parent_slug!r} introuvable")
        if parent is not None and parent.pk == actor.pk:
            parent = None
        if actor.parent_id != (parent.pk if parent else None):
            actor.parent = parent
            save_actor(actor, change=DEMO_CHANGE)
            reparented.append(actor.pk)
    if reparented:
        rebuild_search_text(Actor.objects.filter(pk__in=reparented))
    counts = Counter(a.primary_type_id for a in by_slug.values())
    return counts, created, updated, warnings


def load(stdout, path=DATA_FILE):
    if not Path(path).exists():
        return "acteurs : fichier de données absent, étape ignorée"
    # The types are reference data seeded by a migration; make sure they are there
    # (a flushed or hand-edited database would otherwise drop every actor).
    ensure_actor_types(ActorType)
    counts, created, updated, warnings = load_entries(read_entries(path))
    for warning in warnings:
        stdout.write(f"  attention : {warning}")
    labels = dict(ActorType.objects.values_list("code", "plural_label"))
    order = list(ActorType.objects.order_by("position").values_list("code", flat=True))
    detail = ", ".join(f"{counts[code]} {labels[code].lower()}" for code in order if counts.get(code))
    total = sum(counts.values())
    return f"acteurs : {total} ({detail}) ; {created} créés, {updated} mis à jour"
