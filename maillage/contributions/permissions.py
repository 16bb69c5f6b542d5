"""Who may do what: one function per action, used by every view and service.

Roles: visitor (anonymous), contributor (signed-in), owner of a fiche,
moderator (scoped to départements / régions) and administrator (superuser).
A proposal's territory is its actor's (or proposed commune's) département and région;
a proposal with no territory is for administrators only.
"""

from django.db.models import Q

from .models import ModeratorScope, Ownership, Proposal


def is_admin(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def is_moderator(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or ModeratorScope.objects.filter(user=user).exists()


def is_owner(user, actor):
    if not (user and user.is_authenticated and user.is_active and actor is not None and actor.pk):
        return False
    return Ownership.objects.filter(user=user, actor=actor).exists()


def _scope_q(user, department_field="department", region_field="region"):
    scopes = list(ModeratorScope.objects.filter(user=user).values_list("department_id", "region_id"))
    departments = [d for d, _r in scopes if d]
    regions = [r for _d, r in scopes if r]
    query = Q(pk__in=[])
    if departments:
        query |= Q(**{f"{department_field}__in": departments})
    if regions:
        query |= Q(**{f"{region_field}__in": regions})
    return query


def in_scope(user, department_id, region_id):
    """Whether a territory (ids) is within the user's moderation scope."""
    if is_admin(user):
        return True
    if not (department_id or region_id) or not is_moderator(user):
        return False
    query = Q(pk__in=[])
    if department_id:
        query |= Q(department_id=department_id)
    if region_id:
        query |= Q(region_id=region_id)
    return ModeratorScope.objects.filter(user=user).filter(query).exists()


def visible_proposals(user):
    """The proposals a moderator may see in the queue."""
    if is_admin(user):
        return Proposal.objects.all()
    if not is_moderator(user):
        return Proposal.objects.none()
    return Proposal.objects.filter(_scope_q(user))


# --- actions ---------------------------------------------------------------


def can_propose(user):
    """Anyone may propose; a visitor confirms an e-mail address first."""
    return True


def can_claim(user):
    """Claiming a fiche needs an account: ownership is tied to a user."""
    return bool(user and user.is_authenticated and user.is_active)


def can_view_queue(user):
    return is_moderator(user)


def can_view_proposal(user, proposal):
    if user and user.is_authenticated and proposal.author_id == user.pk:
        return True
    return can_decide(user, proposal)


def can_decide(user, proposal):
    """Accept, reject or ask for changes on a proposal (moderator of its territory)."""
    return in_scope(user, proposal.department_id, proposal.region_id)


def can_edit_directly(user, actor):
    """An owner's edits of their own fiche apply without moderation."""
    return is_owner(user, actor)


def can_revert(user, actor):
    return actor is not None and in_scope(user, actor.department_id, actor.region_id)


def can_revert_subject(user, subject, item):
    """Restore an earlier version of a registered subject's object (moderators of its territory)."""
    if item is None:
        return False
    department_id, region_id = subject.territory(item, {})
    return in_scope(user, department_id, region_id)


def can_undo_contributor(user):
    """Spam clean-up; a scoped moderator only undoes changes on fiches of their territory."""
    return is_moderator(user)


def can_confirm_freshness(user, actor):
    return is_owner(user, actor) or can_revert(user, actor)


def can_view_history(user, actor):
    """The history of a fiche is public (contributors shown by user name, never by e-mail)."""
    return True


ACTIONS = {
    "propose": lambda user, proposal, actor: can_propose(user),
    "claim": lambda user, proposal, actor: can_claim(user),
    "view_queue": lambda user, proposal, actor: can_view_queue(user),
    "view_proposal": lambda user, proposal, actor: can_view_proposal(user, proposal),
    "decide": lambda user, proposal, actor: can_decide(user, proposal),
    "edit_directly": lambda user, proposal, actor: can_edit_directly(user, actor),
    "revert": lambda user, proposal, actor: can_revert(user, actor),
    "undo_contributor": lambda user, proposal, actor: can_undo_contributor(user),
    "confirm_freshness": lambda user, proposal, actor: can_confirm_freshness(user, actor),
    "view_history": lambda user, proposal, actor: can_view_history(user, actor),
}
