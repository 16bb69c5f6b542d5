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
from maillage.network.models import Relation, RelationOrigin, RelationStatus, is_directed

from .answers import relation_ends
from .models import Answer, Outcome, OutcomeState, ResponseStatus


def _summary(answer):
    if answer is None:
        return None
    return {
        "verdict": answer.verdict,
        "verdict_label": str(answer.get_verdict_display()),
        "motivations": answer.motivations,
        "frequency": answer.frequency,
        "since_year": answer.since_year,
        "comment": answer.comment,
        "submitted": answer.response.status == ResponseStatus.SUBMITTED,
    }


def pair_answers(wave, *, submitted_only=True):
    """{(source id, target id, kind): {"source": Answer|None, "target": Answer|None}} for the wave."""
    answers = Answer.objects.filter(response__invitation__wave=wave).select_related("response__invitation")
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
    done = {"applied": 0, "proposed": 0, "disputed": 0, "stale": 0}
    pairs = pair_answers(wave)
    relations = {}
    keys = list(pairs)
    for start in range(0, len(keys), 300):
        chunk = keys[start : start + 300]
        for relation in Relation.objects.filter(
            source_id__in={k[0] for k in chunk}, target_id__in={k[1] for k in chunk}
        ):
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
            elif status == RelationStatus.CONFIRMED and campaign.apply_confirmed_directly:
                answer = sides["source"] or sides["target"]
                write = writing.create_relation(
                    Actor.objects.get(pk=key[0]),
                    Actor.objects.get(pk=key[1]),
                    key[2],
                    motivations=answer.motivations,
                    start_year=answer.since_year,
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


def _propose(wave, key, sides, status, declared_by, user):
    answer = sides["source"] if declared_by.pk == key[0] else sides["target"]
    source, target = Actor.objects.get(pk=key[0]), Actor.objects.get(pk=key[1])
    payload = {
        "source": source.slug,
        "target": target.slug,
        "kind": key[2],
        "motivations": answer.motivations,
        "start_year": answer.since_year,
        "end_year": None,
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
