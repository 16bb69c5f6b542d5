"""Reading both sides' answers together, and taking the result into the map.

For every relation (pair, kind, orientation) some respondent of the wave answered about:
    both sides say it exists                  -> confirmed by both
    one side says it exists, the other denies -> disputed (both answers kept for the moderator)
    one side denies a relation on the map     -> disputed (the source says yes, the actor no)
    one side says it exists, the other silent -> declared by one side
Relations confirmed or declared in the previous wave that nobody re-confirms in a closed
wave become "not re-confirmed in the latest wave".

Into the map, through the one write path (`maillage.network.writing`, versioned with the wave
as the source of the change): a relation already on the map gets its status; a confirmed new
relation is created at once when the campaign says so; every other new relation becomes a
proposal in contributions' moderation queue (with the declaring side and the wave). A dispute
stays for a moderator, who sees both answers and settles it.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from maillage.contributions import services as contributions
from maillage.contributions.models import ProposalKind
from maillage.directory.models import Actor
from maillage.directory.writing import Change
from maillage.network import writing
from maillage.network.models import (
    Motivation,
    MotivationCode,
    Relation,
    RelationKind,
    RelationOrigin,
    RelationStatus,
    is_directed,
)

from .answers import relation_ends
from .models import Answer, CorrectionState, Outcome, OutcomeState, ResponseStatus, Verdict


def _summary(answer):
    if answer is None:
        return None
    return {
        "verdict": answer.verdict,
        "verdict_label": str(answer.get_verdict_display()),
        "motivations": answer.motivations,
        "frequency": answer.frequency,
        "since_year": answer.since_year,
        "until_year": answer.until_year,
        "corrected_kind": answer.corrected_kind,
        "corrected_direction": answer.corrected_direction,
        "comment": answer.comment,
        "submitted": answer.response.status == ResponseStatus.SUBMITTED,
    }


def pair_answers(wave, *, submitted_only=True):
    """{(source id, target id, kind): {"source": Answer|None, "target": Answer|None}} for the wave."""
    answers = Answer.objects.filter(response__invitation__wave=wave, partner__isnull=False).select_related(
        "response__invitation"
    )
    if submitted_only:
        answers = answers.filter(response__status=ResponseStatus.SUBMITTED)
    pairs = {}
    for answer in answers:
        actor_id = answer.response.invitation.actor_id
        source, target = relation_ends(actor_id, answer.partner_id, answer.kind, answer.direction)
        side = "source" if actor_id == source else "target"
        pairs.setdefault((source, target, answer.kind), {"source": None, "target": None})[side] = answer
    return pairs


def judge(sides, relation_exists):
    """(status, declaring actor side) of a pair from its two sides' answers, or None if nothing to record."""
    positive = [side for side in ("source", "target") if sides[side] is not None and sides[side].is_positive]
    negative = [side for side in ("source", "target") if sides[side] is not None and not sides[side].is_positive]
    if len(positive) == 2:
        return RelationStatus.CONFIRMED, "source"
    if positive and negative:
        return RelationStatus.DISPUTED, positive[0]
    if positive:
        return RelationStatus.DECLARED, positive[0]
    if negative and relation_exists:
        return RelationStatus.DISPUTED, negative[0]
    return None


def reconcile(wave, user):
    """Record every pair's outcome and take it into the map; returns a Counter-like dict of what was done."""
    campaign = wave.campaign
    source_label = wave.label
    change = Change(user=user, comment=source_label)
    done = {"applied": 0, "proposed": 0, "disputed": 0, "stale": 0, "corrected": 0, "corrections": 0}
    pairs = pair_answers(wave)
    relations = {}
    keys = list(pairs)
    for start in range(0, len(keys), 300):
        chunk = keys[start : start + 300]
        for relation in Relation.objects.filter(
            source_id__in={k[0] for k in chunk}, target_id__in={k[1] for k in chunk}
        ).prefetch_related("motivations"):
            relations[(relation.source_id, relation.target_id, relation.kind)] = relation
    for key, sides in pairs.items():
        relation = relations.get(key)
        verdict = judge(sides, relation is not None)
        if verdict is None:
            continue
        status, declaring_side = verdict
        declared_by_id = key[0] if declaring_side == "source" else key[1]
        with transaction.atomic():
            outcome, created = Outcome.objects.select_for_update().get_or_create(
                wave=wave,
                source_id=key[0],
                target_id=key[1],
                kind=key[2],
                defaults={"status": status, "declared_by_id": declared_by_id, "state": OutcomeState.PENDING},
            )
            if outcome.state == OutcomeState.SETTLED:
                continue  # a moderator's decision is not undone by a later reading
            outcome.status, outcome.declared_by_id, outcome.relation = status, declared_by_id, relation
            outcome.answers = {side: _summary(sides[side]) for side in ("source", "target")}
            declared_by = Actor.objects.get(pk=declared_by_id)
            if relation is not None:
                # The survey's observation of a relation already on the map: its status, versioned.
                if relation.status != status or relation.declared_by_id != declared_by_id:
                    writing.set_relation_status(
                        relation, status, declared_by=declared_by, status_source=source_label, change=change
                    )
                outcome.state = OutcomeState.PENDING if status == RelationStatus.DISPUTED else OutcomeState.APPLIED
                done["disputed" if status == RelationStatus.DISPUTED else "applied"] += 1
                if status != RelationStatus.DISPUTED:
                    _take_correction(outcome, sides, relation, campaign.apply_confirmed_directly, change, done)
            elif status == RelationStatus.CONFIRMED and campaign.apply_confirmed_directly:
                answer = sides["source"] or sides["target"]
                write = writing.create_relation(
                    Actor.objects.get(pk=key[0]),
                    Actor.objects.get(pk=key[1]),
                    key[2],
                    motivations=answer.motivations,
                    start_year=answer.since_year,
                    end_year=answer.until_year,
                    origin=RelationOrigin.SURVEY,
                    status=RelationStatus.CONFIRMED,
                    declared_by=declared_by,
                    status_source=source_label,
                    source_reference=source_label[:255],
                    change=change,
                )
                outcome.relation = write.instance
                outcome.state = OutcomeState.APPLIED
                done["applied"] += 1
            elif status in (RelationStatus.CONFIRMED, RelationStatus.DECLARED) and outcome.proposal_id is None:
                outcome.proposal = _propose(wave, key, sides, status, declared_by, user)
                outcome.state = OutcomeState.PROPOSED
                done["proposed"] += 1
            elif status == RelationStatus.DISPUTED:
                done["disputed"] += 1
            outcome.save()
    if not wave.is_open:
        done["stale"] = mark_stale(wave, pairs, change)
    return done


# --- corrections of a relation on the map ---------------------------------------------------

CORRECTABLE = ("start_year", "end_year", "motivations", "kind", "source", "target")


def side_correction(answer, actor_id, relation):
    """{field: value} an answer "confirmed, with corrections" changes on a relation (only what differs).

    Since when / until (the relation's period), the motivations (the ticked ones replace the
    relation's), the kind and direction (the ends as the network stores them). The frequency has
    no place on a relation of the map: it stays in the answers (exports, dashboard).
    """
    if answer is None or answer.verdict != Verdict.CORRECT:
        return {}
    values = {}
    if answer.since_year is not None and answer.since_year != relation.start_year:
        values["start_year"] = answer.since_year
    if answer.until_year is not None and answer.until_year != relation.end_year:
        values["end_year"] = answer.until_year
    current = sorted(m.code for m in relation.motivations.all())
    if answer.motivations and sorted(answer.motivations) != current:
        values["motivations"] = sorted(answer.motivations)
    if answer.corrected_kind:
        source, target = relation_ends(actor_id, answer.partner_id, answer.corrected_kind, answer.corrected_direction)
        if (source, target, answer.corrected_kind) != (relation.source_id, relation.target_id, relation.kind):
            values.update(kind=answer.corrected_kind, source=source, target=target)
    return values


def corrections(sides, relation):
    """(values, conflicts): both sides' corrections together; a field the two sides correct differently
    is a conflict, left to a moderator."""
    ends = {"source": relation.source_id, "target": relation.target_id}
    found = [side_correction(sides[side], ends[side], relation) for side in ("source", "target") if sides[side]]
    values, conflicts = {}, []
    for correction in found:
        for name, value in correction.items():
            if name in values and values[name] != value:
                conflicts.append(name)
            values.setdefault(name, value)
    if {"kind", "source", "target"} & set(conflicts):
        conflicts = sorted(set(conflicts) | {"kind", "source", "target"})
    return values, sorted(set(conflicts))


def relation_values(relation):
    """The correctable values of a relation, as a correction names them."""
    return {
        "start_year": relation.start_year,
        "end_year": relation.end_year,
        "motivations": sorted(m.code for m in relation.motivations.all()),
        "kind": relation.kind,
        "source": relation.source_id,
        "target": relation.target_id,
    }


def _take_correction(outcome, sides, relation, apply_directly, change, done):
    values, conflicts = corrections(sides, relation)
    if not values:
        return  # nothing (or nothing more) to correct: an applied or settled correction stays as it is
    stored = outcome.correction or {}
    if outcome.correction_state == CorrectionState.REJECTED and stored.get("values") == values:
        return  # a moderator already set this very correction aside
    outcome.correction = {"values": values, "conflicts": conflicts, "before": relation_values(relation)}
    if apply_directly and not conflicts:
        outcome.relation = apply_correction(relation, values, change)
        outcome.correction_state = CorrectionState.APPLIED
        done["corrected"] += 1
    else:
        outcome.correction_state = CorrectionState.PENDING
        done["corrections"] += 1


def apply_correction(relation, values, change):
    """Take a correction into the map through the one write path; returns the relation as corrected.

    Period and motivations are a change of the relation (a new version). A corrected kind or
    direction changes what the relation is: the corrected relation is created (keeping the period,
    motivations, description, source and status) and the wrong one deleted, both versioned with the
    same change; if the corrected relation is already on the map, the wrong one is only deleted.
    """
    with transaction.atomic():
        relation = Relation.objects.select_for_update().get(pk=relation.pk)
        motivations = values.get("motivations")
        identity = (
            values.get("source", relation.source_id),
            values.get("target", relation.target_id),
            values.get("kind", relation.kind),
        )
        if identity == (relation.source_id, relation.target_id, relation.kind):
            relation.start_year = values.get("start_year", relation.start_year)
            relation.end_year = values.get("end_year", relation.end_year)
            save_m2m = None
            if motivations is not None:

                def save_m2m():
                    relation.motivations.set(Motivation.objects.filter(code__in=motivations))

            writing.save_relation(relation, change=change, save_m2m=save_m2m)
            return relation
        existing = Relation.objects.filter(source_id=identity[0], target_id=identity[1], kind=identity[2]).first()
        if existing is None:
            existing = writing.create_relation(
                Actor.objects.get(pk=identity[0]),
                Actor.objects.get(pk=identity[1]),
                identity[2],
                motivations=motivations if motivations is not None else [m.code for m in relation.motivations.all()],
                start_year=values.get("start_year", relation.start_year),
                end_year=values.get("end_year", relation.end_year),
                description=relation.description,
                source_reference=relation.source_reference,
                source_note=relation.source_note,
                origin=relation.origin,
                status=relation.status,
                declared_by=relation.declared_by,
                status_source=relation.status_source,
                change=change,
            ).instance
        writing.delete_relation(relation, change=change)
        return existing


def correction_rows(outcome):
    """What a correction changes, for the moderator: [(label, on the map, corrected, conflicting)]."""
    correction = outcome.correction or {}
    values, before = correction.get("values", {}), correction.get("before", {})
    if not values:
        return []
    conflicts = set(correction.get("conflicts", []))
    motivations = dict(MotivationCode.choices)
    kinds = dict(RelationKind.choices)
    names = dict(
        Actor.objects.filter(pk__in=[v for k, v in (*values.items(), *before.items()) if k in ("source", "target")])
        .select_related("parent")
        .in_bulk()
        .items()
    )

    def shown(name, data):
        if name == "motivations":
            return ", ".join(str(motivations.get(code, code)) for code in data.get(name) or []) or "—"
        if name == "kind":
            source, target = names.get(data.get("source")), names.get(data.get("target"))
            ends = f"{source.display_name} → {target.display_name}" if source and target else ""
            return (
                f"{kinds.get(data.get('kind'), data.get('kind'))} ({ends})"
                if is_directed(data.get("kind"))
                else (str(kinds.get(data.get("kind"), data.get("kind"))))
            )
        value = data.get(name)
        return "—" if value is None else str(value)

    labels = {
        "start_year": _("Depuis"),
        "end_year": _("Jusqu'à"),
        "motivations": _("Motivations"),
        "kind": _("Type et sens"),
    }
    return [
        (labels[name], shown(name, before), shown(name, values), name in conflicts) for name in labels if name in values
    ]


def settle_correction(outcome, user, *, apply, note=""):
    """A moderator applies a pending correction (through the write path) or sets it aside."""
    change = Change(user=user, comment=(_("Correction : %(wave)s") % {"wave": outcome.wave.label})[:500])
    with transaction.atomic():
        outcome = Outcome.objects.select_for_update().select_related("wave").get(pk=outcome.pk)
        if outcome.correction_state != CorrectionState.PENDING:
            raise ValueError(_("Cette correction a déjà été examinée."))
        relation = Relation.objects.filter(pk=outcome.relation_id).first()
        if apply:
            if relation is None:
                raise ValueError(_("La relation corrigée n'est plus sur la carte."))
            outcome.relation = apply_correction(relation, outcome.correction.get("values", {}), change)
        outcome.correction_state = CorrectionState.APPLIED if apply else CorrectionState.REJECTED
        outcome.decided_by = user if getattr(user, "is_authenticated", False) else None
        outcome.decision = (
            (_("Correction appliquée") if apply else _("Correction écartée")) + (f" — {note}" if note else "")
        )[:500]
        outcome.save()
    return outcome


def _propose(wave, key, sides, status, declared_by, user):
    answer = sides["source"] if declared_by.pk == key[0] else sides["target"]
    source, target = Actor.objects.get(pk=key[0]), Actor.objects.get(pk=key[1])
    payload = {
        "source": source.slug,
        "target": target.slug,
        "kind": key[2],
        "motivations": answer.motivations,
        "start_year": answer.since_year,
        "end_year": answer.until_year,
        "description": answer.comment,
        "provenance": {
            "declared_by": declared_by.slug,
            "source": wave.label,
            "confirmed": status == RelationStatus.CONFIRMED,
        },
    }
    message = _("Déclarée par %(actor)s lors de l'enquête « %(wave)s »%(both)s.") % {
        "actor": declared_by.display_name,
        "wave": wave.label,
        "both": _(", confirmée par les deux acteurs") if status == RelationStatus.CONFIRMED else "",
    }
    return contributions.create_proposal(
        kind=ProposalKind.NEW_RELATION, user=user, actor=declared_by, payload=payload, message=message[:2000]
    )


def mark_stale(wave, pairs, change):
    """Relations the previous wave confirmed or declared that no respondent re-confirmed in this one."""
    previous = wave.previous()
    if previous is None:
        return 0
    reconfirmed = {key for key, sides in pairs.items() if judge(sides, True) is not None}
    count = 0
    earlier = Outcome.objects.filter(
        wave=previous, status__in=[RelationStatus.CONFIRMED, RelationStatus.DECLARED], relation__isnull=False
    ).select_related("relation")
    for outcome in earlier:
        key = (outcome.source_id, outcome.target_id, outcome.kind)
        relation = outcome.relation
        if key in reconfirmed or relation.status == RelationStatus.STALE:
            continue
        writing.set_relation_status(
            relation, RelationStatus.STALE, declared_by=relation.declared_by, status_source=wave.label, change=change
        )
        count += 1
    return count


def settle(outcome, user, *, keep, note=""):
    """A moderator settles a dispute: keep the relation (declared by the side that stands by it) or remove it."""
    change = Change(user=user, comment=(_("Arbitrage : %(wave)s") % {"wave": outcome.wave.label})[:500])
    with transaction.atomic():
        outcome = Outcome.objects.select_for_update().select_related("wave__campaign").get(pk=outcome.pk)
        if outcome.state == OutcomeState.SETTLED:
            raise ValueError(_("Ce litige a déjà été tranché."))
        relation = Relation.objects.filter(pk=outcome.relation_id).first()
        if relation is not None:
            if keep:
                writing.set_relation_status(
                    relation,
                    RelationStatus.DECLARED,
                    declared_by=outcome.declared_by,
                    status_source=_("%(wave)s, arbitrage de la modération") % {"wave": outcome.wave.label},
                    change=change,
                )
            else:
                writing.delete_relation(relation, change=change)
                outcome.relation = None
        outcome.state = OutcomeState.SETTLED
        outcome.decided_by = user if getattr(user, "is_authenticated", False) else None
        outcome.decision = (
            (_("Relation maintenue") if keep else _("Relation retirée")) + (f" — {note}" if note else "")
        )[:500]
        outcome.save()
    return outcome


def is_reciprocal_kind(kind):
    return not is_directed(kind)
