"""Thin views over services.py; permissions come from permissions.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from maillage.directory.models import Actor
from maillage.territories.models import Department, Region

from . import accounts, permissions, services, tokens
from .duplicates import find_duplicates
from .forms import (
    ActorProposalForm,
    ClaimForm,
    DecisionForm,
    EndRelationForm,
    NewActorForm,
    QueuedPasswordResetForm,
    RelationProposalForm,
    ReportForm,
    SignupForm,
)
from .history import fiche_history
from .models import Proposal, ProposalKind, ProposalStatus, Revision
from .ratelimit import check_and_count, check_password_reset, check_signup, client_ip, hash_ip
from .snapshots import actor_snapshot, changed_fields, diff_rows, display_value, field_label
from .subjects import get_subject

LOGIN_URL = reverse_lazy("contributions:login")
K = ProposalKind
HONEYPOT_REFUSAL = gettext_noop(
    "Votre envoi a été refusé : un champ invisible, réservé à la détection des robots, a été rempli."
)


def _base_url(request):
    return request.build_absolute_uri("/")


def _forbidden(request, message):
    return render(request, "contributions/refused.html", {"reason": message}, status=403)


def _guard(request, form):
    """Honeypot and rate limits for visitors and contributors (not moderators); a French refusal or None."""
    if form.honeypot_filled:
        return _(HONEYPOT_REFUSAL)
    if permissions.is_moderator(request.user):
        return None
    email = form.cleaned_data.get("email") or form.cleaned_data.get("claim_email", "")
    return check_and_count(client_ip(request), email, user=request.user)


def _submit(
    request, form, *, kind, actor=None, relation=None, payload=None, report_reason="", flags=None, subject="", item=None
):
    """Create the proposal and send the contributor to the right next page."""
    refusal = _guard(request, form)
    if refusal:
        form.add_error(None, refusal)
        return None
    proposal = services.create_proposal(
        kind=kind,
        user=request.user,
        email=form.cleaned_data.get("email") or form.cleaned_data.get("claim_email", ""),
        actor=actor,
        relation=relation,
        payload=payload,
        message=form.cleaned_data.get("message", ""),
        report_reason=report_reason,
        ip_hash=hash_ip(client_ip(request)),
        flags=flags,
        base_url=_base_url(request),
        subject=subject,
        item=item,
    )
    if proposal.status == ProposalStatus.UNCONFIRMED:
        return redirect("contributions:check_email")
    if proposal.status == ProposalStatus.ACCEPTED:
        messages.success(request, _("Votre modification est publiée ; elle figure dans l'historique de la fiche."))
    else:
        messages.success(request, _("Merci ! Votre proposition attend la validation de l'équipe de modération."))
    return redirect("contributions:status", token=tokens.make_status_token(proposal))


def _render_form(request, template, form, status=200, **context):
    if request.method == "POST" and form.errors:
        status = 429 if any("Trop de propositions" in e for e in form.non_field_errors()) else 400
    return render(request, template, {"form": form, **context}, status=status)


# --- propose -----------------------------------------------------------------


def propose_actor(request):
    form = NewActorForm(request.POST or None, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        values = form.values()
        commune = form.cleaned_data.get("commune")
        duplicates = find_duplicates(values["name"], commune=commune)
        if duplicates and not form.cleaned_data.get("confirm_not_duplicate"):
            form.add_error(
                None,
                _("Des acteurs au nom proche existent déjà dans ce territoire : vérifiez qu'il ne s'agit pas du même."),
            )
            return render(request, "contributions/propose_actor.html", {"form": form, "duplicates": duplicates})
        flags = {}
        if duplicates:
            flags["duplicates"] = [{"slug": a.slug, "name": a.name, "score": s} for a, s in duplicates]
        response = _submit(request, form, kind=K.NEW_ACTOR, payload=values, flags=flags)
        if response:
            return response
    return _render_form(request, "contributions/propose_actor.html", form, duplicates=duplicates)


def propose_change(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    current = actor_snapshot(actor)
    form = ActorProposalForm(request.POST or None, user=request.user, initial=ActorProposalForm.initial_from(current))
    direct = permissions.can_edit_directly(request.user, actor)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if not diff_rows(current, values, list(values)):
            form.add_error(None, _("Vous n'avez modifié aucun champ : il n'y a rien à proposer."))
        else:
            response = _submit(request, form, kind=K.CHANGE_ACTOR, actor=actor, payload=values)
            if response:
                return response
    return _render_form(request, "contributions/propose_change.html", form, actor=actor, direct=direct)


def report_actor(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        response = _submit(request, form, kind=K.REPORT, actor=actor, report_reason=form.cleaned_data["reason"])
        if response:
            return response
    return _render_form(request, "contributions/report.html", form, actor=actor)


@login_required(login_url=LOGIN_URL)
def claim_actor(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    if permissions.is_owner(request.user, actor):
        messages.info(request, _("Vous êtes déjà responsable de cette fiche."))
        return redirect(actor.get_absolute_url())
    form = ClaimForm(request.POST or None, user=request.user, initial={"claim_email": request.user.email})
    if request.method == "POST" and form.is_valid():
        response = _submit(request, form, kind=K.CLAIM, actor=actor)
        if response:
            return response
    return _render_form(request, "contributions/claim.html", form, actor=actor)


def propose_relation(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    form = RelationProposalForm(request.POST or None, user=request.user, actor=actor)
    if request.method == "POST" and form.is_valid():
        response = _submit(request, form, kind=K.NEW_RELATION, actor=actor, payload=form.values())
        if response:
            return response
    return _render_form(request, "contributions/propose_relation.html", form, actor=actor)


def end_relation(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    form = EndRelationForm(request.POST or None, user=request.user, actor=actor)
    if request.method == "POST" and form.is_valid():
        relation = form.cleaned_data["relation"]
        response = _submit(
            request,
            form,
            kind=K.END_RELATION,
            actor=actor,
            relation=relation,
            payload={"end_year": form.cleaned_data["end_year"], "relation": str(relation)},
        )
        if response:
            return response
    return _render_form(request, "contributions/end_relation.html", form, actor=actor)


def check_email(request):
    return render(request, "contributions/check_email.html")


def confirm_email(request, token):
    try:
        proposal_id, email = tokens.read_confirm_token(token)
    except signing.SignatureExpired:
        return _forbidden(request, _("Ce lien de confirmation a expiré (7 jours) : refaites votre proposition."))
    except signing.BadSignature:
        return _forbidden(request, _("Ce lien de confirmation n'est pas valide : copiez-le en entier."))
    if not Proposal.objects.filter(pk=proposal_id).exists():
        raise Http404
    proposal, confirmed = services.confirm_email(proposal_id, email)
    if confirmed:
        messages.success(request, _("Adresse confirmée : votre proposition est transmise à l'équipe de modération."))
    return redirect("contributions:status", token=tokens.make_status_token(proposal))


def _subject_rows(spec, before, after, names):
    return [
        {
            "field": f,
            "label": spec.field_label(f),
            "before": spec.display(f, before.get(f)),
            "after": spec.display(f, after.get(f)),
        }
        for f in changed_fields(before, after, names)
    ]


def _subject_context(proposal, context):
    spec = proposal.subject_spec
    if spec is None:
        return context
    if proposal.kind == K.NEW_SUBJECT:
        context["rows"] = _subject_rows(spec, {}, proposal.payload, list(proposal.payload))
        return context
    current = services.current_snapshot(proposal)
    context["rows"] = _subject_rows(spec, current, {**current, **proposal.payload}, list(proposal.payload))
    if proposal.has_conflict:
        for row in services.three_way(proposal, current):
            context["three_way"].append(
                {
                    **row,
                    "label": spec.field_label(row["field"]),
                    "base": spec.display(row["field"], row["base"]),
                    "current": spec.display(row["field"], row["current"]),
                    "proposed": spec.display(row["field"], row["proposed"]),
                }
            )
    return context


def _proposal_context(proposal):
    """Diff rows for display (and three-way rows for a change made against an older version)."""
    context = {"proposal": proposal, "rows": [], "three_way": []}
    if proposal.subject:
        return _subject_context(proposal, context)
    if proposal.kind == K.CHANGE_ACTOR and proposal.actor_id:
        current = actor_snapshot(proposal.actor)
        fields = list(proposal.payload)
        context["rows"] = diff_rows(current, {**current, **proposal.payload}, fields)
        if proposal.has_conflict:
            for row in services.three_way(proposal, current):
                context["three_way"].append(
                    {
                        **row,
                        "label": field_label(row["field"]),
                        "base": display_value(row["field"], row["base"]),
                        "current": display_value(row["field"], row["current"]),
                        "proposed": display_value(row["field"], row["proposed"]),
                    }
                )
    elif proposal.kind == K.NEW_ACTOR:
        context["rows"] = diff_rows({}, proposal.payload, list(proposal.payload))
    elif proposal.kind == K.NEW_RELATION:
        context["rows"] = diff_rows({}, proposal.payload, list(proposal.payload), model="relation")
    elif proposal.kind == K.END_RELATION:
        context["rows"] = [
            {
                "label": _("Année de fin"),
                "before": _("(vide)"),
                "after": str(proposal.payload.get("end_year")),
            }
        ]
    return context


def proposal_status(request, token):
    try:
        proposal_id = tokens.read_status_token(token)
    except signing.BadSignature:
        return _forbidden(request, _("Ce lien de suivi n'est pas valide."))
    proposal = get_object_or_404(Proposal.objects.select_related("actor"), pk=proposal_id)
    context = _proposal_context(proposal)
    context["status_token"] = token
    if proposal.status == ProposalStatus.CHANGES_REQUESTED and proposal.kind in (K.NEW_ACTOR, K.CHANGE_ACTOR):
        form = ActorProposalForm(
            request.POST or None,
            user=request.user if request.user.is_authenticated else None,
            initial=ActorProposalForm.initial_from({**proposal.base_snapshot, **proposal.payload}),
        )
        form.fields.pop("email", None)
        if request.method == "POST" and form.is_valid():
            try:
                services.resubmit(proposal, payload=form.values(), message=form.cleaned_data["message"])
            except services.DecisionError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Votre proposition corrigée est de nouveau soumise à la modération."))
            return redirect("contributions:status", token=token)
        context["resubmit_form"] = form
    elif proposal.status == ProposalStatus.CHANGES_REQUESTED and proposal.subject_spec is not None:
        spec = proposal.subject_spec
        form = spec.form_class(
            request.POST or None,
            user=request.user if request.user.is_authenticated else None,
            initial=spec.form_class.initial_from({**proposal.base_snapshot, **proposal.payload}),
        )
        form.fields.pop("email", None)
        if request.method == "POST" and form.is_valid():
            try:
                services.resubmit(proposal, payload=form.values(), message=form.cleaned_data["message"])
            except services.DecisionError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Votre proposition corrigée est de nouveau soumise à la modération."))
            return redirect("contributions:status", token=token)
        context["resubmit_form"] = form
    return render(request, "contributions/status.html", context)


# --- accounts ----------------------------------------------------------------


def signup(request):
    """Account creation: e-mail confirmed before the account works; the answer is the same for any address."""
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.honeypot_filled:
            refusal = _(HONEYPOT_REFUSAL)
        else:
            refusal = check_signup(client_ip(request), form.cleaned_data["email"])
        if refusal is None:
            accounts.start_signup(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                base_url=_base_url(request),
            )
            return redirect("contributions:signup_sent")
        form.add_error(None, refusal)
        status = 429
    elif form.errors:
        status = 400
    return render(request, "contributions/signup.html", {"form": form}, status=status)


def signup_sent(request):
    return render(request, "contributions/signup_sent.html")


def activate(request, token):
    try:
        user = accounts.activate(token)
    except (signing.BadSignature, get_user_model().DoesNotExist):
        return render(
            request,
            "contributions/refused.html",
            {"reason": _("Ce lien d'activation n'est pas valide ou a expiré : créez votre compte à nouveau.")},
            status=400,
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Votre compte est activé."))
    return redirect("contributions:my_contributions")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset flow with French templates, rate-limited per address and per connection."""

    template_name = "contributions/password_reset_form.html"
    form_class = QueuedPasswordResetForm
    email_template_name = "contributions/emails/password_reset.txt"
    subject_template_name = "contributions/emails/password_reset_subject.txt"
    success_url = reverse_lazy("contributions:password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {"site_name": settings.SITE_NAME}
        if check_password_reset(client_ip(self.request), form.cleaned_data["email"]):
            # Over the limit: the same answer as usual, and no e-mail.
            return redirect(self.success_url)
        return super().form_valid(form)


@login_required(login_url=LOGIN_URL)
def my_contributions(request):
    proposals = Proposal.objects.filter(author=request.user).select_related("actor__parent")
    rows = [(p, tokens.make_status_token(p)) for p in proposals[:200]]
    ownerships = request.user.ownerships.select_related("actor__parent")
    return render(
        request,
        "contributions/my_contributions.html",
        {"rows": rows, "ownerships": ownerships, "is_moderator": permissions.is_moderator(request.user)},
    )


# --- moderation --------------------------------------------------------------

AGE_CHOICES = [("", _("Toutes")), ("7", _("Plus de 7 jours")), ("30", _("Plus de 30 jours"))]
FLAG_CHOICES = [
    ("", _("Toutes")),
    ("doublon", _("Doublon probable")),
    ("conflit", _("Conflit de version")),
    ("signalement", _("Signalements")),
]


def filtered_queue(user, params):
    """The moderator's queue with the query-string filters applied."""
    queryset = permissions.visible_proposals(user).select_related("actor__parent", "department", "region", "author")
    status = params.get("statut", "pending")
    if status in ProposalStatus.values:
        queryset = queryset.filter(status=status)
    if params.get("nature") in K.values:
        queryset = queryset.filter(kind=params["nature"])
    if params.get("departement"):
        queryset = queryset.filter(department__code=params["departement"])
    if params.get("region"):
        queryset = queryset.filter(region__code=params["region"])
    if params.get("age", "").isdigit():
        queryset = queryset.filter(created_at__lt=timezone.now() - timezone.timedelta(days=int(params["age"])))
    flag = params.get("alerte")
    if flag == "doublon":
        queryset = queryset.filter(Q(flags__has_key="duplicates") | Q(kind=K.REPORT, report_reason="duplicate"))
    elif flag == "conflit":
        queryset = queryset.filter(kind=K.CHANGE_ACTOR, actor__version__gt=F("base_version"))
    elif flag == "signalement":
        queryset = queryset.filter(kind=K.REPORT)
    return queryset.order_by("created_at", "id")


@login_required(login_url=LOGIN_URL)
def queue(request):
    if not permissions.can_view_queue(request.user):
        return _forbidden(request, _("La file de modération est réservée aux modérateurs."))
    queryset = filtered_queue(request.user, request.GET)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    scopes = request.user.moderator_scopes.select_related("department", "region")
    return render(
        request,
        "contributions/queue.html",
        {
            "page": page,
            "kinds": K.choices,
            "statuses": ProposalStatus.choices,
            "ages": AGE_CHOICES,
            "flags": FLAG_CHOICES,
            "departments": Department.objects.filter(
                pk__in=permissions.visible_proposals(request.user).values("department")
            ),
            "regions": Region.objects.filter(pk__in=permissions.visible_proposals(request.user).values("region")),
            "scopes": scopes,
            "params": request.GET,
        },
    )


def _seen_version(proposal):
    if proposal.actor_id:
        return proposal.actor.version
    return proposal.item.version if proposal.item is not None else None


@login_required(login_url=LOGIN_URL)
def moderate(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("actor", "author"), pk=pk)
    if not permissions.can_decide(request.user, proposal):
        return _forbidden(request, _("Cette proposition ne relève pas de votre territoire de modération."))
    context = _proposal_context(proposal)
    form = DecisionForm(
        request.POST or None,
        conflicts=context["three_way"] and [r for r in context["three_way"] if r["state"] == "conflict"],
        initial={"seen_version": _seen_version(proposal)},
    )
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        text = form.cleaned_data["decision_message"]
        try:
            if action == "accept":
                services.accept(
                    proposal.pk,
                    request.user,
                    choices=form.choices(),
                    seen_version=form.cleaned_data.get("seen_version"),
                    message=text,
                    base_url=_base_url(request),
                )
                messages.success(request, _("Proposition acceptée et appliquée."))
            elif action == "reject":
                services.reject(proposal.pk, request.user, text, base_url=_base_url(request))
                messages.success(request, _("Proposition refusée ; le contributeur est prévenu."))
            else:
                services.request_changes(proposal.pk, request.user, text, base_url=_base_url(request))
                messages.success(request, _("Demande de modifications envoyée au contributeur."))
        except services.DecisionError as error:
            messages.error(request, error.message)
            return redirect("contributions:moderate", pk=proposal.pk)
        return redirect("contributions:queue")
    context.update(
        {
            "form": form,
            "duplicates": proposal.flags.get("duplicates", []),
            "can_undo": permissions.can_undo_contributor(request.user),
        }
    )
    return render(request, "contributions/moderate.html", context, status=400 if form.errors else 200)


@login_required(login_url=LOGIN_URL)
def undo_contributor(request, pk):
    if not permissions.can_undo_contributor(request.user):
        return _forbidden(request, _("Annuler les contributions d'une personne est réservé aux modérateurs."))
    proposal = get_object_or_404(permissions.visible_proposals(request.user), pk=pk)
    target_user, email = proposal.author, proposal.email
    if request.method == "POST":
        summary = services.undo_contributor(request.user, user=target_user, email=email)
        messages.success(
            request,
            _(
                "Nettoyage fait : %(reverted)s fiche(s) rétablie(s), %(deleted)s supprimée(s), "
                "%(relations)s relation(s) rétablie(s), %(subjects)s autre(s) élément(s) rétabli(s) ou supprimé(s), "
                "%(rejected)s proposition(s) refusée(s)."
            )
            % {
                "reverted": len(summary["reverted"]),
                "deleted": len(summary["deleted"]),
                "relations": summary["relations"],
                "subjects": summary["subjects"],
                "rejected": summary["rejected"],
            },
        )
        return redirect("contributions:queue")
    revisions = Revision.objects.filter(services._contributor_q(target_user, email)).exclude(kind="baseline")
    return render(
        request,
        "contributions/undo_contributor.html",
        {"proposal": proposal, "revisions": revisions.select_related("actor__parent")[:100]},
    )


# --- history -----------------------------------------------------------------


def actor_history(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    history = fiche_history(actor)
    return render(
        request,
        "contributions/history.html",
        {
            "actor": actor,
            "entries": history.entries,
            "relation_entries": history.relation_entries,
            "can_revert": permissions.can_revert(request.user, actor),
        },
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def revert(request, slug, version):
    actor = get_object_or_404(Actor, slug=slug)
    if not permissions.can_revert(request.user, actor):
        return HttpResponseForbidden(_("Seuls les modérateurs du territoire de la fiche peuvent la rétablir."))
    try:
        services.revert_actor(actor.pk, version, request.user)
    except services.DecisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La fiche est revenue à la version %(v)s.") % {"v": version})
    return redirect("contributions:history", slug=slug)


@require_POST
@login_required(login_url=LOGIN_URL)
def confirm_fresh_direct(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    if not permissions.can_confirm_freshness(request.user, actor):
        return HttpResponseForbidden(_("Seuls les responsables de la fiche peuvent la confirmer."))
    services.confirm_freshness(actor.pk)
    messages.success(request, _("Merci : la fiche est confirmée à jour."))
    return redirect("contributions:history", slug=slug)


def confirm_fresh(request, token):
    """The link of the freshness reminder: one click confirms the fiche."""
    try:
        actor_id = tokens.read_freshness_token(token)
    except signing.BadSignature:
        return _forbidden(request, _("Ce lien de confirmation n'est pas valide ou a expiré."))
    actor = get_object_or_404(Actor, pk=actor_id)
    services.confirm_freshness(actor.pk)
    return render(request, "contributions/fresh_confirmed.html", {"actor": actor})


@login_required(login_url=LOGIN_URL)
def stale_list(request):
    """Fiches of the moderator's territory not confirmed for CONTRIBUTIONS_FRESHNESS_MONTHS."""
    if not permissions.can_view_queue(request.user):
        return _forbidden(request, _("Cette liste est réservée aux modérateurs."))
    actors = services.stale_actors().select_related("commune", "department")
    if not permissions.is_admin(request.user):
        actors = actors.filter(permissions._scope_q(request.user))
    page = Paginator(actors.order_by("updated_at", "pk"), 100).get_page(request.GET.get("page"))
    return render(request, "contributions/stale_list.html", {"page": page, "months": services.freshness_months()})


# --- registered subjects (initiatives…): propose, change, history, revert -------------------


def _subject_or_404(key):
    spec = get_subject(key)
    if spec is None:
        raise Http404
    return spec


def propose_subject(request, subject):
    """Propose a new object of a registered subject (an initiative): moderated like a new actor."""
    spec = _subject_or_404(subject)
    form = spec.form_class(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        response = _submit(request, form, kind=K.NEW_SUBJECT, payload=form.values(), subject=spec.key)
        if response:
            return response
    return _render_form(request, "contributions/propose_subject.html", form, spec=spec)


def propose_subject_change(request, subject, slug):
    spec = _subject_or_404(subject)
    item = spec.get(slug)
    if item is None:
        raise Http404
    current = spec.snapshot(item)
    form = spec.form_class(request.POST or None, user=request.user, initial=spec.form_class.initial_from(current))
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if not changed_fields(current, {**current, **values}, list(values)):
            form.add_error(None, _("Vous n'avez modifié aucun champ : il n'y a rien à proposer."))
        else:
            response = _submit(request, form, kind=K.CHANGE_SUBJECT, payload=values, subject=spec.key, item=item)
            if response:
                return response
    return _render_form(request, "contributions/propose_subject.html", form, spec=spec, item=item)


def subject_history_entries(spec, item_id, limit=None):
    """Revisions of a subject's object, newest first, each with its diff against the previous one."""
    revisions = Revision.objects.filter(subject=spec.key, subject_id=item_id).select_related("author")
    revisions = list(revisions.order_by("-version")[: limit + 1] if limit else revisions.order_by("-version"))
    entries = []
    for index, revision in enumerate(revisions):
        previous = revisions[index + 1] if index + 1 < len(revisions) else None
        rows = _subject_rows(spec, previous.snapshot, revision.snapshot, None) if previous else []
        entries.append({"revision": revision, "rows": rows})
    return entries[:limit] if limit else entries


def subject_history(request, subject, slug):
    spec = _subject_or_404(subject)
    item = spec.get(slug)
    if item is None:
        raise Http404
    return render(
        request,
        "contributions/subject_history.html",
        {
            "spec": spec,
            "item": item,
            "entries": subject_history_entries(spec, item.pk),
            "can_revert": permissions.can_revert_subject(request.user, spec, item),
        },
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def revert_subject(request, subject, slug, version):
    spec = _subject_or_404(subject)
    item = spec.get(slug)
    if item is None:
        raise Http404
    if not permissions.can_revert_subject(request.user, spec, item):
        return HttpResponseForbidden(_("Seuls les modérateurs du territoire peuvent rétablir une version."))
    try:
        services.revert_subject(spec, item.pk, version, request.user)
    except services.DecisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Retour à la version %(v)s fait.") % {"v": version})
    return redirect("contributions:subject_history", subject=spec.key, slug=slug)
