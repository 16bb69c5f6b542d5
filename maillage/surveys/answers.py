"""The questionnaire's rules: what an actor is asked, and saving its answers safely.

A respondent answers for its own actor only (the actor of the link's invitation): every
answer is that actor's side of a relation, and an answer about a relation that does not
involve it is refused. Answers are keyed by (partner, kind, direction): a save updates the
answers it carries and keeps the others, in a transaction that locks the invitation row, so
two submissions for one actor at once are applied one after the other and neither loses an
answer. Answers are bounded in number and size.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.directory.models import YEAR_MAX, YEAR_MIN, Actor
from maillage.network.models import MotivationCode, Relation, RelationKind, is_directed

from . import newactors
from .models import (
    MAX_ANSWERS_PER_RESPONSE,
    MAX_COMMENT_LENGTH,
    MAX_FREE_ANSWER_LENGTH,
    Answer,
    Direction,
    Frequency,
    Response,
    ResponseStatus,
    Verdict,
)


class AnswerError(Exception):
    """Answers that cannot be saved; the message is in French, for the respondent."""


@dataclass
class AnswerInput:
    partner_id: int | None  # None: an organisation the directory lacks, named by new_actor_name
    kind: str
    direction: str = ""
    verdict: str = Verdict.CONFIRM
    relation_id: int | None = None
    motivations: list = field(default_factory=list)
    frequency: str = ""
    since_year: int | None = None
    until_year: int | None = None
    corrected_kind: str = ""
    corrected_direction: str = ""
    comment: str = ""
    new_actor_name: str = ""


def relation_ends(actor_id, partner_id, kind, direction):
    """(source id, target id) of the relation an answer is about, as the network stores it."""
    if not is_directed(kind):
        return (min(actor_id, partner_id), max(actor_id, partner_id))
    return (actor_id, partner_id) if direction == Direction.OUT else (partner_id, actor_id)


def direction_of(relation, actor_id):
    """The direction of a stored relation seen from one of its ends."""
    if not relation.is_directed:
        return Direction.NONE
    return Direction.OUT if relation.source_id == actor_id else Direction.IN


def validate(invitation, item):
    """Raise AnswerError unless `item` is a valid answer of the invitation's actor."""
    campaign = invitation.wave.campaign
    actor_id = invitation.actor_id
    if item.partner_id == actor_id:
        raise AnswerError(_("Une organisation ne peut pas être en relation avec elle-même."))
    if item.kind not in [k.value for k in campaign.asked_kinds]:
        raise AnswerError(_("Ce type de relation n'est pas demandé par cette enquête."))
    if item.verdict not in Verdict.values:
        raise AnswerError(_("Réponse inconnue."))
    if is_directed(item.kind):
        if item.direction not in (Direction.OUT, Direction.IN):
            raise AnswerError(_("Indiquez le sens de chaque relation orientée."))
    else:
        item.direction = Direction.NONE
    if item.frequency and item.frequency not in Frequency.values:
        raise AnswerError(_("Fréquence inconnue."))
    for year in (item.since_year, item.until_year):
        if year is not None and not (YEAR_MIN <= year <= YEAR_MAX):
            raise AnswerError(_("L'année doit être comprise entre %(a)s et %(b)s.") % {"a": YEAR_MIN, "b": YEAR_MAX})
    if item.since_year is not None and item.until_year is not None and item.until_year < item.since_year:
        raise AnswerError(_("La relation ne peut pas finir avant d'avoir commencé."))
    _validate_kind_correction(item)
    if len(item.comment) > MAX_COMMENT_LENGTH:
        raise AnswerError(_("Un commentaire compte au plus %(n)s caractères.") % {"n": MAX_COMMENT_LENGTH})
    item.motivations = sorted({m for m in item.motivations if m in MotivationCode.values})
    if item.relation_id is not None:
        relation = Relation.objects.filter(pk=item.relation_id).first()
        if relation is None:
            item.relation_id = None
        elif actor_id not in (relation.source_id, relation.target_id) or item.partner_id not in (
            relation.source_id,
            relation.target_id,
        ):
            # A link answers for its own actor: never about another pair's relation.
            raise AnswerError(_("Vous ne pouvez répondre que sur les relations de votre organisation."))
        elif relation.kind != item.kind or direction_of(relation, actor_id) != item.direction:
            raise AnswerError(_("Cette réponse ne correspond pas à la relation indiquée."))
    # Confirming or denying is about a relation on the map, or one the partner declared in this wave.
    reviewing = item.verdict in (Verdict.CONFIRM, Verdict.CORRECT, Verdict.DENY) and item.relation_id is None
    if reviewing and not _declared_by_partner(invitation, item):
        raise AnswerError(_("Il n'y a rien à confirmer : déclarez plutôt une nouvelle relation."))
    if item.partner_id is None:
        # Free recall of an organisation the directory lacks: only a new declaration, with a name.
        if item.verdict != Verdict.DECLARE or not item.new_actor_name.strip():
            raise AnswerError(_("Partenaire introuvable dans l'annuaire."))
    elif not Actor.objects.filter(pk=item.partner_id).exists():
        raise AnswerError(_("Partenaire introuvable dans l'annuaire."))


def _validate_kind_correction(item):
    """A corrected kind or direction comes with a correction of a relation on the map, and is whole."""
    if not (item.corrected_kind or item.corrected_direction):
        return
    if item.verdict != Verdict.CORRECT or item.relation_id is None:
        raise AnswerError(_("Le type ou le sens ne se corrige que sur une relation déjà sur la carte."))
    kind = item.corrected_kind or item.kind
    if kind not in RelationKind.values:
        raise AnswerError(_("Type de relation inconnu."))
    if not is_directed(kind):
        direction = Direction.NONE
    elif item.corrected_direction in (Direction.OUT, Direction.IN):
        direction = item.corrected_direction
    elif item.corrected_direction == "" and is_directed(item.kind):
        direction = item.direction
    else:
        raise AnswerError(_("Indiquez le sens de chaque relation orientée."))
    if (kind, direction) == (item.kind, item.direction):
        item.corrected_kind, item.corrected_direction = "", ""  # nothing corrected after all
    else:
        item.corrected_kind, item.corrected_direction = kind, direction


def _declared_by_partner(invitation, item):
    mirror = {Direction.OUT: Direction.IN, Direction.IN: Direction.OUT}.get(item.direction, Direction.NONE)
    return Answer.objects.filter(
        response__invitation__wave_id=invitation.wave_id,
        response__invitation__actor_id=item.partner_id,
        partner_id=invitation.actor_id,
        kind=item.kind,
        direction=mirror,
        verdict=Verdict.DECLARE,
    ).exists()


def save_answers(token, items, *, free_answers=None, submit=False, remove=()):
    """Save (and optionally submit) the answers of the link's actor; returns the Response.

    `items` are AnswerInput; `remove` lists (partner id, kind, direction) of the respondent's own
    answers to withdraw. Raises tokens.LinkError for a bad link and AnswerError for bad answers;
    either way nothing is written.
    """
    from .tokens import read_invitation

    with transaction.atomic():
        invitation = read_invitation(token, for_writing=True)  # locks the invitation: one save at a time
        if invitation.opted_out_at:
            raise AnswerError(_("Cette organisation s'est désinscrite de l'enquête."))
        response, _created = Response.objects.get_or_create(invitation=invitation)
        for item in items:
            validate(invitation, item)
            proposed = None
            if item.partner_id is None:  # a new actor, through the usual contribution path
                proposed = newactors.proposal_for(invitation, response, item.new_actor_name, item.kind)
            Answer.objects.update_or_create(
                response=response,
                partner_id=item.partner_id,
                proposed_actor=proposed,
                kind=item.kind,
                direction=item.direction,
                defaults={
                    "verdict": item.verdict,
                    "relation_id": item.relation_id,
                    "motivations": item.motivations,
                    "frequency": item.frequency,
                    "since_year": item.since_year,
                    "until_year": item.until_year,
                    "corrected_kind": item.corrected_kind,
                    "corrected_direction": item.corrected_direction,
                    "comment": item.comment,
                },
            )
        for partner_id, kind, direction in remove:
            Answer.objects.filter(response=response, partner_id=partner_id, kind=kind, direction=direction).delete()
        if response.answers.count() > MAX_ANSWERS_PER_RESPONSE:
            raise AnswerError(
                _("Au plus %(n)s relations par organisation : regroupez ou retirez-en.")
                % {"n": MAX_ANSWERS_PER_RESPONSE}
            )
        if free_answers is not None:
            questions = invitation.wave.campaign.free_questions or []
            cleaned = {}
            for index, text in free_answers.items():
                if str(index).isdigit() and int(index) < len(questions) and text.strip():
                    if len(text) > MAX_FREE_ANSWER_LENGTH:
                        raise AnswerError(
                            _("Une réponse libre compte au plus %(n)s caractères.") % {"n": MAX_FREE_ANSWER_LENGTH}
                        )
                    cleaned[str(int(index))] = text.strip()
            response.free_answers = cleaned
        if submit:
            response.status = ResponseStatus.SUBMITTED
            response.submitted_at = timezone.now()
        response.save()
        if invitation.opened_at is None:
            type(invitation).objects.filter(pk=invitation.pk).update(opened_at=timezone.now())
    return response


def relations_to_review(invitation):
    """What the actor is asked to confirm, correct or deny, each with its current (or pre-filled) answer.

    The relations on the map that involve the actor (of the asked kinds), then the relations
    other respondents of this wave declared with it. A relation not yet answered in this wave is
    pre-filled with the actor's answer of the previous wave, if any.
    """
    actor_id = invitation.actor_id
    kinds = [k.value for k in invitation.wave.campaign.asked_kinds]
    mine = _answers_by_key(Answer.objects.filter(response__invitation=invitation))
    previous = _previous_answers(invitation)
    items = []
    relations = (
        Relation.objects.filter(Q(source_id=actor_id) | Q(target_id=actor_id), kind__in=kinds)
        .select_related("source__parent", "target__parent", "declared_by")
        .prefetch_related("motivations")
        .order_by("kind", "pk")
    )
    seen = set()
    for relation in relations:
        partner = relation.target if relation.source_id == actor_id else relation.source
        key = (partner.pk, relation.kind, direction_of(relation, actor_id))
        seen.add(key)
        answer = mine.get(key)
        items.append(
            {
                "key": key,
                "partner": partner,
                "relation": relation,
                "answer": answer,
                "prefill": None if answer else previous.get(key),
                "declared_by_partner": False,
            }
        )
    mirror = {Direction.OUT: Direction.IN, Direction.IN: Direction.OUT, Direction.NONE: Direction.NONE}
    declared = (
        Answer.objects.filter(
            response__invitation__wave_id=invitation.wave_id,
            partner_id=actor_id,
            verdict=Verdict.DECLARE,
            kind__in=kinds,
        )
        .select_related("response__invitation__actor__parent")
        .order_by("pk")
    )
    for other in declared:
        partner = other.response.invitation.actor
        key = (partner.pk, other.kind, mirror[other.direction])
        if key in seen:
            continue
        seen.add(key)
        answer = mine.get(key)
        items.append(
            {
                "key": key,
                "partner": partner,
                "relation": None,
                "answer": answer,
                "prefill": None if answer else previous.get(key),
                "declared_by_partner": True,
            }
        )
    return items


def own_declarations(invitation, reviewed_keys):
    """The actor's declarations of new relations in this wave, or pre-filled from the previous wave."""
    mine = _answers_by_key(Answer.objects.filter(response__invitation=invitation))
    current = [a for key, a in mine.items() if key not in reviewed_keys and a.verdict == Verdict.DECLARE]
    if current or invitation.response_or_none() is not None:
        return current, False
    previous = _previous_answers(invitation)
    return [a for key, a in previous.items() if key not in reviewed_keys and a.is_positive], True


def _answers_by_key(queryset):
    """Answers about directory actors by (partner, kind, direction); those awaiting a proposed actor
    are listed apart (newactors.pending_declarations)."""
    queryset = queryset.filter(partner__isnull=False).select_related("partner__parent")
    return {(a.partner_id, a.kind, a.direction): a for a in queryset}


def _previous_answers(invitation):
    previous_wave = invitation.wave.previous()
    if previous_wave is None:
        return {}
    return _answers_by_key(
        Answer.objects.filter(
            response__invitation__wave=previous_wave, response__invitation__actor_id=invitation.actor_id
        )
    )
