"""Who may run a campaign: staff, or a moderator within their territories.

A moderator's campaign must name a territory (département or région filter), every one of
which is within their moderation scope (`maillage.contributions.permissions`).
"""

from django.http import QueryDict

from maillage.contributions.permissions import in_scope, is_moderator
from maillage.directory.filtering import ActorFilters
from maillage.territories.models import Department, Region


def is_staff(user):
    return bool(user and user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


def can_run_surveys(user):
    return is_staff(user) or is_moderator(user)


def can_manage_scope(user, filters):
    """Whether the user may survey the actors of these filters."""
    if is_staff(user):
        return True
    if not is_moderator(user):
        return False
    departments = list(Department.objects.filter(code__in=filters.departments).values_list("pk", "region_id"))
    regions = list(Region.objects.filter(code__in=filters.regions).values_list("pk", flat=True))
    if not departments and not regions:
        return False
    if filters.departments and len(departments) != len(filters.departments):
        return False
    return all(in_scope(user, pk, region) for pk, region in departments) and all(
        in_scope(user, None, pk) for pk in regions
    )


def can_manage_campaign(user, campaign):
    return can_manage_scope(user, ActorFilters.from_query(QueryDict(campaign.filter_query)))


def can_settle(user, outcome):
    """A dispute is settled by a moderator of the relation's territory (either end)."""
    if is_staff(user):
        return True
    return any(in_scope(user, actor.department_id, actor.region_id) for actor in (outcome.source, outcome.target))
