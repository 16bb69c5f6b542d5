"""The campaign dashboard's figures, each computed by a few aggregate queries (a 2,000-actor
campaign is measured in bench/surveys.py)."""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from maillage.directory.models import ActorType
from maillage.network.models import RelationStatus

from .models import InvitationEmail, Outcome, ResponseStatus


def _rate(answered, total):
    return round(100 * answered / total, 1) if total else 0.0


def response_rates(wave):
    """Overall, by actor type and by département: (label, roster, reachable, answered, rate %)."""
    submitted = Q(response__status=ResponseStatus.SUBMITTED)
    reachable = ~Q(email="")
    overall = wave.invitations.aggregate(
        total=Count("pk"), reachable=Count("pk", filter=reachable), answered=Count("pk", filter=submitted)
    )
    by_type = (
        wave.invitations.values("actor__primary_type")
        .annotate(total=Count("pk"), reachable=Count("pk", filter=reachable), answered=Count("pk", filter=submitted))
        .order_by("actor__primary_type")
    )
    type_labels = dict(ActorType.objects.values_list("code", "label"))
    by_department = (
        wave.invitations.values("actor__department__code", "actor__department__name")
        .annotate(total=Count("pk"), reachable=Count("pk", filter=reachable), answered=Count("pk", filter=submitted))
        .order_by("actor__department__code")
    )

    def row(label, data):
        return {
            "label": label,
            "total": data["total"],
            "reachable": data["reachable"],
            "answered": data["answered"],
            "rate": _rate(data["answered"], data["total"]),
        }

    return {
        "overall": row(_("Ensemble"), overall),
        "by_type": [row(type_labels.get(d["actor__primary_type"], d["actor__primary_type"]), d) for d in by_type],
        "by_department": [
            row(
                f"{d['actor__department__name']} ({d['actor__department__code']})"
                if d["actor__department__code"]
                else _("Sans département"),
                d,
            )
            for d in by_department
        ],
    }


NON_RESPONDENTS_PAGE = 50


def non_respondents(wave, page=1, per_page=NON_RESPONDENTS_PAGE):
    """One page of the actors that have not submitted, with their contact basis and every e-mail sent
    (reminder history); a page, so the dashboard of a 2,000-actor campaign stays fast."""
    start = (max(page, 1) - 1) * per_page
    invitations = list(
        wave.invitations.exclude(response__status=ResponseStatus.SUBMITTED)
        .select_related("actor__parent", "response")
        .order_by("actor__name", "pk")[start : start + per_page]
    )
    emails = {}
    for invitation_id, kind, number, sent_at in InvitationEmail.objects.filter(
        invitation_id__in=[i.pk for i in invitations]
    ).values_list("invitation_id", "kind", "number", "sent_at"):
        emails.setdefault(invitation_id, []).append({"kind": kind, "number": number, "sent_at": sent_at})
    return [
        {"invitation": invitation, "emails": emails.get(invitation.pk, []), "draft": invitation.response_or_none()}
        for invitation in invitations
    ]


def outcome_counts(wave):
    counts = Counter(dict(wave.outcomes.values_list("status").annotate(n=Count("pk")).values_list("status", "n")))
    return [
        (status.value, status.label, counts.get(status.value, 0)) for status in RelationStatus if status != "sourced"
    ]


def positive_keys(wave):
    if wave is None:
        return set()
    return set(
        wave.outcomes.filter(status__in=[RelationStatus.CONFIRMED, RelationStatus.DECLARED]).values_list(
            "source_id", "target_id", "kind"
        )
    )


def gained_and_lost(wave):
    """Relations confirmed or declared in this wave and not in the previous one (gained), and the reverse."""
    previous = wave.previous()
    if previous is None:
        return None
    now, before = positive_keys(wave), positive_keys(previous)
    return {"gained": len(now - before), "lost": len(before - now), "kept": len(now & before)}


DISPUTES_SHOWN = 50


def disputes(wave, limit=DISPUTES_SHOWN):
    """The disputes still to settle first (at most `limit`: the rest are counted, and settled in turn)."""
    return list(
        Outcome.objects.filter(wave=wave, status=RelationStatus.DISPUTED)
        .select_related("source__parent", "target__parent")
        .order_by("-state", "pk")[:limit]
    )


def invitation_counts(wave):
    return wave.invitations.aggregate(
        roster=Count("pk"),
        reachable=Count("pk", filter=~Q(email="")),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        opened=Count("pk", filter=Q(opened_at__isnull=False)),
        opted_out=Count("pk", filter=Q(opted_out_at__isnull=False)),
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
        drafts=Count("pk", filter=Q(response__status=ResponseStatus.DRAFT)),
    )


def dashboard(wave, page=1):
    counts = invitation_counts(wave)
    rates = response_rates(wave)
    missing = rates["overall"]["total"] - rates["overall"]["answered"]
    pages = max(1, -(-missing // NON_RESPONDENTS_PAGE))
    page = min(max(page, 1), pages)
    return {
        "rates": rates,
        "counts": counts,
        "non_respondents": non_respondents(wave, page),
        "non_respondents_page": page,
        "non_respondents_pages": pages,
        "non_respondents_total": missing,
        "outcomes": outcome_counts(wave),
        "changes": gained_and_lost(wave),
        "disputes": disputes(wave),
    }
