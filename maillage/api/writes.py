"""Partner writes: the site's contribution path, reached from the API.

A write is validated by the same form the site's contributors fill in (so the same rules and
French messages apply), then becomes a contributions Proposal through
`contributions.services.create_proposal` — which applies it at once, through the directory's
write path, when the partner's account owns the fiche, and queues it for moderation otherwise.
There is no other write path. What the API adds: the token's territory (a write outside it is
refused) and the If-Match precondition on a fiche's version (a change made against an older
version is refused with 412 rather than silently overwriting the newer one).
"""

from django.db import transaction
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from rest_framework import exceptions, status

from maillage.contributions import services
from maillage.contributions.duplicates import find_duplicates
from maillage.contributions.forms import ActorProposalForm, NewActorForm, RelationProposalForm
from maillage.contributions.models import ProposalKind, ProposalStatus
from maillage.directory.fields import snapshot as actor_snapshot
from maillage.directory.models import Actor
from maillage.directory.writing import changed_fields
from maillage.territories.models import Commune

CONTRIBUTOR_FIELDS = ("email", "contact_url", "confirm_not_duplicate")


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_code = "precondition_required"


class DuplicateSuspected(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "duplicate_suspected"


def actor_form_fields():
    """The actor fields a contributor may set on the site's form, in its order (the API's writable fields)."""
    return [name for name in ActorProposalForm.base_fields if name not in CONTRIBUTOR_FIELDS and name != "message"]


def _form_data(values):
    """Snapshot-like values as the form's posted data (lists stay lists, None becomes empty)."""
    data = MultiValueDict()
    for name, value in values.items():
        if isinstance(value, list | tuple):
            data.setlist(name, [str(v) for v in value])
        else:
            data[name] = "" if value is None else str(value)
    return data


def _raise_form_errors(form):
    errors = {
        ("non_field_errors" if key == "__all__" else key): list(messages) for key, messages in form.errors.items()
    }
    raise exceptions.ValidationError(errors)


def _out_of_scope(token):
    return exceptions.PermissionDenied(
        _("Ce jeton ne permet pas d'écrire dans ce territoire. Territoires du jeton : %(scope)s.")
        % {"scope": token.scope_label()}
    )


def _require_covers(token, commune):
    if not token.covers(commune):
        raise _out_of_scope(token)


def _commune(code):
    return Commune.objects.select_related("department").filter(code=code).first() if code else None


def _flags(token, **extra):
    return {"api_token": token.pk, **extra}


def propose_new_actor(token, data):
    """A new fiche, always moderated (a partner owns no fiche that does not exist yet)."""
    message = data.pop("message", "")
    confirmed = data.pop("confirm_not_duplicate", False)
    form = NewActorForm(_form_data(data), user=token.user)
    if not form.is_valid():
        _raise_form_errors(form)
    values = form.values()
    commune = form.cleaned_data.get("commune")
    _require_covers(token, commune)
    duplicates = find_duplicates(values["name"], commune=commune)
    if duplicates and not confirmed:
        listed = ", ".join(actor.slug for actor, _score in duplicates)
        raise DuplicateSuspected(
            _(
                "Des acteurs au nom proche existent déjà dans ce territoire (%(slugs)s) : vérifiez qu'il ne s'agit "
                "pas du même, puis renvoyez avec confirm_not_duplicate = true."
            )
            % {"slugs": listed}
        )
    flags = _flags(token)
    if duplicates:
        flags["duplicates"] = [{"slug": a.slug, "name": a.name, "score": s} for a, s in duplicates]
    return services.create_proposal(
        kind=ProposalKind.NEW_ACTOR,
        user=token.user,
        email=token.user.email,
        payload=values,
        message=message,
        flags=flags,
    )


def parse_if_match(header):
    """The actor versions an If-Match header accepts: a set of ints, or None for "*"."""
    if header is None or not header.strip():
        raise PreconditionRequired(
            _(
                "En-tête If-Match requis : renvoyez l'ETag lu sur la fiche (GET), pour qu'une modification "
                "concurrente ne soit jamais écrasée."
            )
        )
    if header.strip() == "*":
        return None
    versions = set()
    for part in header.split(","):
        part = part.strip()
        # Weak tags never match in If-Match (RFC 9110, 13.1.1): only strong "N" counts.
        if len(part) >= 3 and part[0] == '"' and part[-1] == '"' and part[1:-1].isdigit():
            versions.add(int(part[1:-1]))
    return versions


def propose_actor_change(token, slug, data, if_match):
    """A change to a fiche: applied at once for its owner, moderated otherwise; refused if the fiche moved on."""
    accepted = parse_if_match(if_match)
    message = data.pop("message", "")
    with transaction.atomic():
        actor = Actor.objects.select_for_update(of=("self",)).filter(slug=slug).first()
        if actor is None:
            raise exceptions.NotFound()
        actor = Actor.objects.select_related("commune__department", "parent").get(pk=actor.pk)
        if accepted is not None and actor.version not in accepted:
            raise PreconditionFailed(
                _(
                    "La fiche a été modifiée depuis votre lecture (version actuelle : %(v)s). "
                    "Relisez-la et renvoyez votre modification avec son nouvel ETag."
                )
                % {"v": actor.version}
            )
        _require_covers(token, actor.commune)
        current = actor_snapshot(actor)
        form_values = {
            k: v for k, v in ActorProposalForm.initial_from(current).items() if k in ActorProposalForm.base_fields
        }
        form = ActorProposalForm(_form_data({**form_values, **data}), user=token.user)
        if not form.is_valid():
            _raise_form_errors(form)
        values = form.values()
        if not changed_fields(current, values, list(values)):
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Vous n'avez modifié aucun champ : il n'y a rien à proposer.")]}
            )
        if values.get("commune") != current.get("commune"):
            _require_covers(token, _commune(values.get("commune")))
        return services.create_proposal(
            kind=ProposalKind.CHANGE_ACTOR,
            user=token.user,
            email=token.user.email,
            actor=actor,
            payload=values,
            message=message,
            flags=_flags(token),
        )


def propose_relation(token, data):
    """A new relation, moderated as on the site; one of its two actors must lie in the token's territory."""
    source = Actor.objects.select_related("commune__department").filter(slug=data.get("source")).first()
    if source is None:
        raise exceptions.ValidationError({"source": [_("Aucun acteur n'a cet identifiant.")]})
    form_data = {
        "other": data.get("target"),
        "kind": data.get("kind"),
        "direction": "out",
        "motivations": data.get("motivations") or [],
        "start_year": data.get("start_year"),
        "end_year": data.get("end_year"),
        "description": data.get("description", ""),
    }
    form = RelationProposalForm(_form_data(form_data), user=token.user, actor=source)
    if not form.is_valid():
        errors = {("target" if key == "other" else key): messages for key, messages in form.errors.items()}
        form._errors = errors
        _raise_form_errors(form)
    target = form.cleaned_data["other"]
    if not (token.covers(source.commune) or token.covers(_commune(target.commune.code if target.commune_id else None))):
        raise _out_of_scope(token)
    return services.create_proposal(
        kind=ProposalKind.NEW_RELATION,
        user=token.user,
        email=token.user.email,
        actor=source,
        payload=form.values(),
        message=data.get("message", ""),
        flags=_flags(token),
    )


def is_applied(proposal):
    return proposal.status == ProposalStatus.ACCEPTED
