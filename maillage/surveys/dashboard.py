"""The campaign dashboard's figures, each computed in the database by a fixed number of queries.

The dashboard of a 2,000-actor campaign must stay fast (bench/surveys.py, target ≤ 200 ms), so
nothing here loops over the roster in Python: the counts come from one grouped query (by actor
type and département, the groups bounded by the number of types and territories, not of
actors), relations gained and lost are counted with `Exists` subqueries, and the long lists
(non-respondents, disputes) are read one page at a time. tests/surveys/test_dashboard.py checks
that the page runs the same number of queries for 10 actors as for 50.
"""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext as _

from maillage.directory.models import ActorType
from maillage.network.models import RelationKind, RelationStatus

from .models import ContactBasis, CorrectionState, InvitationEmail, Outcome, OutcomeState, ResponseStatus

NON_RESPONDENTS_PAGE = 50
DISPUTES_PAGE = 50
POSITIVE_STATUSES = (RelationStatus.CONFIRMED, RelationStatus.DECLARED)
COUNTED = ("total", "reachable", "answered", "sent", "opened", "opted_out", "revoked", "drafts")


def _labels(choices):
    """{value: label} translated once per page: Django's get_FOO_display() hashes every choice on
    each call, which a list of fifty rows pays fifty times over."""
    return {value: str(label) for value, label in choices}


def _flag(condition):
    """1 where the condition (a Q) holds, else 0: computed in the query, for ordering or a row's state."""
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _rate(answered, total):
    return round(100 * answered / total, 1) if total else 0.0


def invitation_groups(wave):
    """Every invitation count of the wave by (actor type, département), in one grouped query."""
    submitted = Q(response__status=ResponseStatus.SUBMITTED)
    return list(
        wave.invitations.values("actor__primary_type", "actor__department__code", "actor__department__name")
        .annotate(
            total=Count("pk"),
            reachable=Count("pk", filter=~Q(email="")),
            answered=Count("pk", filter=submitted),
            sent=Count("pk", filter=Q(sent_at__isnull=False)),
            opened=Count("pk", filter=Q(opened_at__isnull=False)),
            opted_out=Count("pk", filter=Q(opted_out_at__isnull=False)),
            revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
            drafts=Count("pk", filter=Q(response__status=ResponseStatus.DRAFT)),
        )
        .order_by()
    )


def _sum(groups):
    return {name: sum(group[name] for group in groups) for name in COUNTED}


def _grouped(groups, key):
    totals = {}
    for group in groups:
        row = totals.setdefault(key(group), dict.fromkeys(COUNTED, 0))
        for name in COUNTED:
            row[name] += group[name]
    return totals


def _rate_row(label, data):
    return {
        "label": label,
        "total": data["total"],
        "reachable": data["reachable"],
        "answered": data["answered"],
        "rate": _rate(data["answered"], data["total"]),
    }


def response_rates(wave, groups=None):
    """Overall, by actor type and by département: (label, roster, reachable, answered, rate %)."""
    groups = invitation_groups(wave) if groups is None else groups
    type_labels = dict(ActorType.objects.values_list("code", "label"))
    by_type = _grouped(groups, lambda g: g["actor__primary_type"] or "")
    by_department = _grouped(groups, lambda g: (g["actor__department__code"] or "", g["actor__department__name"] or ""))
    return {
        "overall": _rate_row(_("Ensemble"), _sum(groups)),
        "by_type": [_rate_row(type_labels.get(code, code), by_type[code]) for code in sorted(by_type)],
        "by_department": [
            _rate_row(f"{name} ({code})" if code else _("Sans département"), by_department[(code, name)])
            for code, name in sorted(by_department)
        ],
    }


def invitation_counts(wave, groups=None):
    """Roster, reachable, sent, opened, drafts, opt-outs and revoked links of the wave."""
    counts = _sum(invitation_groups(wave) if groups is None else groups)
    counts["roster"] = counts.pop("total")
    return counts


def non_respondents(wave, page=1, per_page=NON_RESPONDENTS_PAGE):
    """One page of the actors that have not submitted, with their contact basis and every e-mail sent
    (reminder history): two queries whatever the size of the roster."""
    start = (max(page, 1) - 1) * per_page
    invitations = list(
        wave.invitations.exclude(response__status=ResponseStatus.SUBMITTED)
        .select_related("actor__parent")
        .only(
            "email",
            "basis",
            "opened_at",
            "opted_out_at",
            "revoked_at",
            "wave_id",
            "actor__name",
            "actor__parent_id",
            "actor__parent__name",
        )
        .annotate(draft=_flag(Q(response__status=ResponseStatus.DRAFT)))
        .order_by("actor__name", "pk")[start : start + per_page]
    )
    emails = {}
    for invitation_id, kind, number, sent_at in (
        InvitationEmail.objects.filter(invitation_id__in=[i.pk for i in invitations])
        .order_by("sent_at", "pk")
        .values_list("invitation_id", "kind", "number", "sent_at")
    ):
        emails.setdefault(invitation_id, []).append({"kind": kind, "number": number, "sent_at": sent_at})
    bases = _labels(ContactBasis.choices)
    return [
        {
            "invitation": invitation,
            "basis": bases.get(invitation.basis, invitation.basis),
            "emails": emails.get(invitation.pk, []),
            "draft": bool(invitation.draft),
        }
        for invitation in invitations
    ]


def outcome_groups(wave):
    """{(status, correction state): number of outcomes} of the wave, in one grouped query."""
    rows = wave.outcomes.order_by().values_list("status", "correction_state").annotate(n=Count("pk"))
    return {(status, correction): n for status, correction, n in rows}


def outcome_counts(wave, groups=None):
    groups = outcome_groups(wave) if groups is None else groups
    counts = {}
    for (status, _correction), n in groups.items():
        counts[status] = counts.get(status, 0) + n
    return [
        (status.value, status.label, counts.get(status.value, 0))
        for status in RelationStatus
        if status != RelationStatus.SOURCED
    ]


def review_count(groups):
    """How many outcomes `to_review` lists, from the grouped counts."""
    reviewed = (CorrectionState.PENDING, CorrectionState.REJECTED)
    return sum(n for (status, state), n in groups.items() if status == RelationStatus.DISPUTED or state in reviewed)


UNKNOWN = object()  # "the caller did not look the previous wave up"


def gained_and_lost(wave, previous=UNKNOWN):
    """Relations confirmed or declared in this wave and not in the previous one (gained), and the reverse,
    counted in the database (an outcome is unique per wave and relation)."""
    previous = wave.previous() if previous is UNKNOWN else previous
    if previous is None:
        return None
    in_previous = Outcome.objects.filter(
        wave=previous,
        status__in=POSITIVE_STATUSES,
        source_id=OuterRef("source_id"),
        target_id=OuterRef("target_id"),
        kind=OuterRef("kind"),
    )
    now = wave.outcomes.filter(status__in=POSITIVE_STATUSES).aggregate(
        total=Count("pk"), kept=Count("pk", filter=Exists(in_previous))
    )
    before = previous.outcomes.filter(status__in=POSITIVE_STATUSES).count()
    return {"gained": now["total"] - now["kept"], "lost": before - now["kept"], "kept": now["kept"]}


def to_review(wave):
    """What a moderator looks at: the disputes, and the corrections of relations not applied directly."""
    corrected = Q(correction_state__in=[CorrectionState.PENDING, CorrectionState.REJECTED])
    return Q(wave=wave) & (Q(status=RelationStatus.DISPUTED) | corrected)


def disputes(wave, page=1, per_page=DISPUTES_PAGE):
    """One page of the wave's disputes and corrections to review, those still to decide first."""
    start = (max(page, 1) - 1) * per_page
    undecided = Q(status=RelationStatus.DISPUTED, state=OutcomeState.PENDING)
    undecided |= Q(correction_state=CorrectionState.PENDING)
    rows = list(
        Outcome.objects.filter(to_review(wave))
        .select_related("source__parent", "target__parent")
        .only(
            "kind",
            "state",
            "decision",
            "correction_state",
            "wave_id",
            "source__name",
            "source__parent_id",
            "source__parent__name",
            "target__name",
            "target__parent_id",
            "target__parent__name",
        )
        .order_by(_flag(~undecided), "pk")[start : start + per_page]
    )
    kinds, states = _labels(RelationKind.choices), _labels(OutcomeState.choices)
    corrections = _labels(CorrectionState.choices)
    for outcome in rows:
        outcome.kind_label = kinds.get(outcome.kind, outcome.kind)
        correction = outcome.correction_state
        outcome.state_label = corrections[correction] if correction else states[outcome.state]
    return rows


def _pages(total, per_page):
    return max(1, -(-total // per_page))


def dashboard(wave, page=1, disputes_page=1, previous=UNKNOWN):
    """Every figure of the dashboard of one wave; `previous` (the wave before, if the caller has it)
    saves a query."""
    groups = invitation_groups(wave)
    rates = response_rates(wave, groups)
    counts = invitation_counts(wave, groups)
    missing = rates["overall"]["total"] - rates["overall"]["answered"]
    pages = _pages(missing, NON_RESPONDENTS_PAGE)
    page = min(max(page, 1), pages)
    outcome_figures = outcome_groups(wave)
    outcomes = outcome_counts(wave, outcome_figures)
    disputed = review_count(outcome_figures)
    dispute_pages = _pages(disputed, DISPUTES_PAGE)
    disputes_page = min(max(disputes_page, 1), dispute_pages)
    return {
        "rates": rates,
        "counts": counts,
        "non_respondents": non_respondents(wave, page, NON_RESPONDENTS_PAGE),
        "non_respondents_page": page,
        "non_respondents_pages": pages,
        "non_respondents_total": missing,
        "outcomes": outcomes,
        "changes": gained_and_lost(wave, previous),
        "disputes": disputes(wave, disputes_page, DISPUTES_PAGE),
        "disputes_total": disputed,
        "disputes_page": disputes_page,
        "disputes_pages": dispute_pages,
    }
