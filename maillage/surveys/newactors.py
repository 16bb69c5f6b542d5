"""Free recall of an organisation the directory lacks: a new actor proposed from the questionnaire.

The respondent names a partner that is not in the directory and ticks "propose it": the new
actor goes the usual contribution path (a `new_actor` Proposal in the moderation queue, its
address already checked by the personal link), and the answer keeps the link to that proposal
(`Answer.proposed_actor`, no partner yet). The proposal's message tells the moderator which
relation comes with it. When the moderator accepts it, `contributions` creates the actor through
the directory's write path and records the creation as a Revision naming the proposal; saving
that Revision reaches `attach_accepted_actor` here (a `post_save` receiver: the directory's own
`actor_written` signal is left to the history recorder its system check looks for):
the answer's partner becomes the new actor and, the answers being submitted, the declared
relation is created through the network's write path (declared by the respondent, the wave as
source). A draft waits for the next reading of the answers, like any other declaration.
"""

from django.utils.translation import gettext as _

from maillage.contributions import services as contributions
from maillage.contributions.models import ProposalKind
from maillage.directory.models import Actor
from maillage.directory.writing import Change, ChangeKind
from maillage.network import writing
from maillage.network.models import Relation, RelationKind, RelationOrigin, RelationStatus

from .models import Answer, Outcome, OutcomeState, ResponseStatus

MAX_NEW_ACTOR_NAME = 200


def clean_name(text):
    return " ".join((text or "").split())[:MAX_NEW_ACTOR_NAME]


def proposal_for(invitation, response, name, kind):
    """The new-actor proposal for `name` made from this response: the one already made (same name,
    any case), or a new one in the moderation queue."""
    name = clean_name(name)
    earlier = Answer.objects.filter(response=response, partner__isnull=True).select_related("proposed_actor")
    for answer in earlier:
        if (answer.proposed_actor.payload.get("name") or "").casefold() == name.casefold():
            return answer.proposed_actor
    actor = invitation.actor
    message = _(
        "Proposé par %(actor)s lors de l'enquête « %(wave)s », comme partenaire d'une relation "
        "(%(kind)s) que %(actor)s déclare. Si vous acceptez ce nouvel acteur, cette relation est ajoutée "
        "à la carte, déclarée par %(actor)s."
    ) % {"actor": actor.display_name, "wave": invitation.wave.label, "kind": RelationKind(kind).label}
    return contributions.create_proposal(
        kind=ProposalKind.NEW_ACTOR,
        email=invitation.email,
        email_confirmed=True,
        payload={"name": name},
        message=message[:2000],
    )


def pending_declarations(invitation):
    """The respondent's declarations with an organisation proposed and not yet accepted."""
    return list(
        Answer.objects.filter(response__invitation=invitation, partner__isnull=True)
        .select_related("proposed_actor")
        .order_by("pk")
    )


def attach_accepted_actor(sender, instance, created, **kwargs):
    """`post_save` receiver of contributions' Revision: the history of an actor created by accepting a
    proposal some answers are waiting for (the creation's revision names the proposal)."""
    if not created or instance.kind != ChangeKind.CREATE or not (instance.actor_id and instance.proposal_id):
        return
    answers = Answer.objects.filter(proposed_actor_id=instance.proposal_id, partner__isnull=True).select_related(
        "response__invitation__wave__campaign", "response__invitation__actor"
    )
    accepted = Change(user=instance.author, email=instance.author_email, proposal=instance.proposal)
    for answer in answers:
        answer.partner_id = instance.actor_id
        answer.save(update_fields=["partner"])
        if answer.response.status == ResponseStatus.SUBMITTED and answer.is_positive:
            follow(answer, accepted)


def follow(answer, accepted):
    """The declared relation of an accepted new actor, into the map through the one write path; its
    revision names the wave and, like the actor's, the contributor and the proposal (`accepted`,
    the Change of the actor's creation)."""
    from .answers import relation_ends
    from .reconciliation import _summary

    invitation = answer.response.invitation
    wave = invitation.wave
    source_id, target_id = relation_ends(invitation.actor_id, answer.partner_id, answer.kind, answer.direction)
    relation = Relation.objects.filter(source_id=source_id, target_id=target_id, kind=answer.kind).first()
    if relation is None:
        relation = writing.create_relation(
            Actor.objects.get(pk=source_id),
            Actor.objects.get(pk=target_id),
            answer.kind,
            motivations=answer.motivations,
            start_year=answer.since_year,
            end_year=answer.until_year,
            description=answer.comment,
            origin=RelationOrigin.SURVEY,
            status=RelationStatus.DECLARED,
            declared_by=invitation.actor,
            status_source=wave.label[:255],
            source_reference=wave.label[:255],
            change=Change(
                user=accepted.user, email=accepted.email, comment=wave.label[:500], proposal=accepted.proposal
            ),
        ).instance
    side = "source" if invitation.actor_id == source_id else "target"
    Outcome.objects.update_or_create(
        wave=wave,
        source_id=source_id,
        target_id=target_id,
        kind=answer.kind,
        defaults={
            "relation": relation,
            "status": RelationStatus.DECLARED,
            "declared_by": invitation.actor,
            "state": OutcomeState.APPLIED,
            "answers": {side: _summary(answer), ("target" if side == "source" else "source"): None},
        },
    )
    return relation
