"""Demo step 3: the relations between actors that the TIPs report states.

Reads data/relations.yaml (after the actors step). Idempotent: a relation is keyed on
(source, target, kind), undirected pairs in canonical order, so a second run creates
nothing. Each relation keeps the report section(s) it comes from and the report's own
words that support it (a short quotation, checked against the reference text by the tests).
The file is the truth for the demo: a demo relation (sourced to the report) that the file
no longer lists is removed, so a database loaded from an older file converges.
"""

from collections import Counter
from pathlib import Path

import yaml
from django.db import transaction

from maillage.directory.models import Actor
from maillage.directory.writing import Change
from maillage.network.models import (
    Motivation,
    Relation,
    RelationKind,
    RelationOrigin,
    ensure_motivations,
    is_directed,
)
from maillage.network.writing import save_relation

# Who the history credits the demo data to (every write goes through the network's write path).
DEMO_CHANGE = Change(comment="Données de démonstration")

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "relations.yaml"
REPORT = "Rapport TIPs (mars 2023)"


def read_entries(path=DATA_FILE):
    with open(path, encoding="utf-8") as handle:
        entries = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []  # noqa: S506
    return [e for e in entries if isinstance(e, dict)]


def source_fields(entry):
    """(reference, note) from `sources: [{section, quote}]`; the note is the quotations, « … » each."""
    sources = entry.get("sources")
    if sources is None and isinstance(entry.get("source"), dict):
        sources = [entry["source"]]
    sources = [s for s in (sources or []) if isinstance(s, dict) and s.get("section")]
    if not sources:
        return "", ""
    sections = [str(s["section"]).strip() for s in sources]
    numbered = all(section[:1].isdigit() for section in sections)
    if numbered:
        word = "section" if len(sections) == 1 else "sections"
        reference = f"{REPORT}, {word} {', '.join(sections)}"
    else:
        reference = f"{REPORT}, {', '.join(sections)}"
    note = " ; ".join(f"« {str(s['quote']).strip()} »" for s in sources if s.get("quote"))
    return reference[:255], note


def _year(value):
    return int(value) if value not in (None, "") else None


@transaction.atomic
def load_relations(entries):
    """Upsert the entries; returns (created Counter by kind, total Counter by kind, warnings, removed count)."""
    actors = dict(Actor.objects.values_list("slug", "pk"))
    motivations = set(Motivation.objects.values_list("code", flat=True))
    created, total, warnings = Counter(), Counter(), []
    kept = set()
    for entry in entries:
        kind = entry.get("kind")
        source_id, target_id = actors.get(entry.get("source")), actors.get(entry.get("target"))
        if kind not in RelationKind.values or source_id is None or target_id is None or source_id == target_id:
            warnings.append(f"{entry.get('source')} → {entry.get('target')} ({kind})")
            continue
        if not is_directed(kind) and source_id > target_id:
            source_id, target_id = target_id, source_id
        reference, note = source_fields(entry)
        defaults = {
            "description": str(entry.get("description", "")).strip(),
            "start_year": _year(entry.get("start_year")),
            "end_year": _year(entry.get("end_year")),
            "source_reference": reference,
            "source_note": note,
        }
        wanted = {m for m in entry.get("motivations") or [] if m in motivations}
        relation = Relation.objects.filter(source_id=source_id, target_id=target_id, kind=kind).first()
        if relation is None:
            # Stated by the report's authors from their interviews, not declared by the actors
            # themselves: origin "report", status "sourced" (the model's default) until a survey asks.
            relation = Relation(
                source_id=source_id, target_id=target_id, kind=kind, origin=RelationOrigin.REPORT, **defaults
            )
            created[kind] += 1
            changed = True
        else:
            changed = any(getattr(relation, name) != value for name, value in defaults.items())
            for name, value in defaults.items():
                setattr(relation, name, value)
            changed = changed or set(relation.motivations.values_list("code", flat=True)) != wanted
        if changed:
            save_relation(relation, change=DEMO_CHANGE, save_m2m=lambda r=relation, w=wanted: r.motivations.set(w))
        total[kind] += 1
        kept.add(relation.pk)
    stale = Relation.objects.filter(source_reference__startswith=REPORT).exclude(pk__in=kept)
    _total, per_model = stale.delete()
    return created, total, warnings, per_model.get(Relation._meta.label, 0)


def load(stdout):
    ensure_motivations(Motivation)  # reference data seeded by a migration, restored if missing
    created, total, warnings, removed = load_relations(read_entries())
    for warning in warnings:
        stdout.write(f"  relation ignorée (acteur ou type inconnu) : {warning}")
    per_kind = ", ".join(f"{RelationKind(kind).label.lower()} {total[kind]}" for kind in RelationKind if total[kind])
    gone = f", {removed} retirées (absentes du fichier)" if removed else ""
    return f"relations : {sum(total.values())} ({per_kind}), dont {sum(created.values())} nouvelles{gone}"
