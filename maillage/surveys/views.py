"""Views of the surveys app: campaigns and their dashboard (staff, scoped moderators), and the
questionnaire reached by a personal link (no account)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.network.models import MotivationCode, RelationKind, is_directed

from . import dashboard as board
from . import exports, invitations, newactors, reconciliation, tokens
from .answers import AnswerError, own_declarations, relations_to_review, save_answers
from .comparison import compare
from .forms import CampaignForm, parse_questionnaire
from .models import Campaign, Direction, Frequency, Invitation, Outcome, Verdict
from .permissions import can_manage_campaign, can_run_surveys, can_settle

NEW_ROWS = 3
ACTIONS = ("send", "reconcile", "close", "new_wave", "revoke")  # one submit button each on the dashboard


def _campaign_for(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not can_manage_campaign(request.user, campaign):
        raise PermissionDenied
    return campaign


def campaign_list(request):
    if not can_run_surveys(request.user):
        raise PermissionDenied
    campaigns = [c for c in Campaign.objects.prefetch_related("waves") if can_manage_campaign(request.user, c)]
    return render(request, "surveys/campaign_list.html", {"campaigns": campaigns})


def campaign_create(request):
    if not can_run_surveys(request.user):
        raise PermissionDenied
    form = CampaignForm(
        request.POST or None, user=request.user, initial={"filter_query": request.GET.get("perimetre", "")}
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            campaign = form.save()
            invitations.open_wave(
                campaign, opens_on=form.cleaned_data["opens_on"], closes_on=form.cleaned_data["closes_on"]
            )
        messages.success(request, _("Campagne créée : la vague 1 est ouverte, son annuaire de répondants est fixé."))
        return redirect("surveys:campaign", pk=campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form})


def _wave(campaign, number=None):
    waves = campaign.waves.all()
    if number is not None:
        return get_object_or_404(waves, number=number)
    wave = waves.order_by("-number").first()
    if wave is None:
        raise Http404
    return wave


def _page_number(request, name):
    value = request.GET.get(name, "1")
    return int(value) if value.isdigit() and len(value) < 6 else 1


def campaign_dashboard(request, pk):
    campaign = _campaign_for(request, pk)
    waves = list(campaign.waves.order_by("number"))  # one query: the wave shown and the one before it
    number = request.GET.get("vague")
    if number and number.isdigit():
        wave = next((w for w in waves if w.number == int(number)), None)
    else:
        wave = waves[-1] if waves else None
    if wave is None:
        raise Http404
    earlier = [w for w in waves if w.number < wave.number]
    figures = board.dashboard(
        wave,
        _page_number(request, "page"),
        _page_number(request, "litiges"),
        previous=earlier[-1] if earlier else None,
    )
    context = {"campaign": campaign, "wave": wave, "waves": waves, **figures}
    return render(request, "surveys/dashboard.html", context)


@require_POST
def campaign_action(request, pk):
    campaign = _campaign_for(request, pk)
    wave = _wave(campaign)
    action = next((name for name in ACTIONS if name in request.POST), None)
    if action == "send":
        n = invitations.run_invitations(wave)
        messages.success(request, _("%(n)s invitations mises en file d'envoi.") % {"n": n})
    elif action == "reconcile":
        done = reconciliation.reconcile(wave, request.user)
        messages.success(
            request,
            _(
                "Réponses intégrées : %(applied)s statuts appliqués, %(proposed)s propositions en modération, "
                "%(disputed)s litiges, %(stale)s relations non reconfirmées, %(corrected)s corrections appliquées, "
                "%(corrections)s corrections à examiner."
            )
            % done,
        )
    elif action == "close":
        invitations.close_wave(wave)
        done = reconciliation.reconcile(wave, request.user)
        messages.success(request, _("Vague close. Relations non reconfirmées : %(stale)s.") % done)
    elif action == "new_wave":
        try:
            invitations.open_wave(campaign)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Nouvelle vague ouverte, pré-remplie avec les réponses de la précédente."))
    elif action == "revoke":
        pk = request.POST.get("revoke", "")  # the button's value: the invitation of its row
        invitation = get_object_or_404(Invitation, pk=int(pk) if pk.isdigit() and len(pk) < 12 else None, wave=wave)
        invitations.revoke(invitation)
        messages.success(request, _("Lien révoqué pour %(actor)s.") % {"actor": invitation.actor.display_name})
    else:
        messages.error(request, _("Action inconnue."))
    return redirect("surveys:campaign", pk=campaign.pk)


def campaign_export(request, pk, fmt):
    campaign = _campaign_for(request, pk)
    pseudonymise = request.GET.get("pseudonymes") == "1"
    stem = f"enquete-{campaign.pk}-reponses{'-pseudonymes' if pseudonymise else ''}"
    if fmt == "csv":
        response = HttpResponse(
            exports.to_csv(campaign, pseudonymise=pseudonymise), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(campaign, pseudonymise=pseudonymise),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def wave_comparison(request, pk):
    campaign = _campaign_for(request, pk)
    wave = _wave(campaign)
    previous = wave.previous()
    context = {"campaign": campaign, "wave": wave, "previous": previous}
    if previous is not None:
        context["comparison"] = compare(wave, previous)
    return render(request, "surveys/compare.html", context)


def settle_dispute(request, pk, outcome_id):
    campaign = get_object_or_404(Campaign, pk=pk)  # a moderator of either end's territory settles
    outcome = get_object_or_404(
        Outcome.objects.select_related("wave__campaign", "source__parent", "target__parent", "relation"),
        pk=outcome_id,
        wave__campaign=campaign,
    )
    if not can_settle(request.user, outcome):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("decision") in ("apply_correction", "reject_correction"):
        try:
            reconciliation.settle_correction(
                outcome,
                request.user,
                apply=request.POST["decision"] == "apply_correction",
                note=request.POST.get("note", "")[:300],
            )
        except (ValueError, ValidationError) as error:
            messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Correction examinée."))
            return redirect("surveys:campaign", pk=campaign.pk)
    elif request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ("keep", "remove"):
            messages.error(request, _("Choisissez de maintenir ou de retirer la relation."))
        else:
            try:
                reconciliation.settle(
                    outcome, request.user, keep=decision == "keep", note=request.POST.get("note", "")[:300]
                )
            except (ValueError, ValidationError) as error:
                messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("Litige tranché."))
                return redirect("surveys:campaign", pk=campaign.pk)
    context = {"campaign": campaign, "outcome": outcome, "correction": reconciliation.correction_rows(outcome)}
    return render(request, "surveys/settle.html", context)


# --- the questionnaire (personal link, no account) ----------------------------------------


def _link_error(request, error):
    return render(request, "surveys/link_error.html", {"message": str(error)}, status=403)


def _questionnaire_context(invitation, token, error=None, posted=None):
    campaign = invitation.wave.campaign
    review = relations_to_review(invitation)
    declared, prefilled = own_declarations(invitation, {item["key"] for item in review})
    kinds = [{"code": k.value, "label": k.label, "directed": is_directed(k)} for k in campaign.asked_kinds]
    response = invitation.response_or_none()
    return {
        "invitation": invitation,
        "campaign": campaign,
        "wave": invitation.wave,
        "actor": invitation.actor,
        "token": token,
        "review": review,
        "declared": declared,
        "declared_prefilled": prefilled,
        "pending_new": newactors.pending_declarations(invitation),
        "new_rows": range(NEW_ROWS),
        "kinds": kinds,
        "verdicts": [
            (Verdict.CONFIRM, Verdict.CONFIRM.label),
            (Verdict.CORRECT, Verdict.CORRECT.label),
            (Verdict.DENY, Verdict.DENY.label),
        ],
        "directions": [(Direction.OUT, Direction.OUT.label), (Direction.IN, Direction.IN.label)],
        "frequencies": Frequency.choices,
        "motivations": MotivationCode.choices,
        "free_questions": list(enumerate(campaign.free_questions or [])),
        "free_answers": (response.free_answers if response else {}),
        "response": response,
        "error": error,
        "relation_kinds": RelationKind,
    }


def answer(request, token):
    if request.method == "POST":
        try:
            with transaction.atomic():
                invitation = tokens.read_invitation(token)
                items, removals, free = parse_questionnaire(request.POST, invitation)
                save_answers(token, items, free_answers=free, submit="submit" in request.POST, remove=removals)
        except tokens.LinkError as error:
            return _link_error(request, error)
        except AnswerError as error:
            invitation = tokens.read_invitation(token)
            context = _questionnaire_context(invitation, token, error=str(error))
            return render(request, "surveys/questionnaire.html", context, status=400)
        if "submit" in request.POST:
            messages.success(
                request,
                _("Merci : vos réponses sont envoyées. Vous pouvez les modifier jusqu'à la clôture de la vague."),
            )
        else:
            messages.success(request, _("Brouillon enregistré : vous pouvez revenir plus tard avec le même lien."))
        return redirect("surveys:answer", token=token)
    try:
        invitation = tokens.read_invitation(token)
    except tokens.LinkError as error:
        return _link_error(request, error)
    if invitation.opted_out_at:
        return _link_error(request, _("Cette organisation s'est désinscrite de l'enquête."))
    if invitation.opened_at is None:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=timezone.now())
    return render(request, "surveys/questionnaire.html", _questionnaire_context(invitation, token))


def opt_out(request, token):
    try:
        invitation = tokens.read_invitation(token, salt=tokens.OPT_OUT_SALT)
    except tokens.LinkError as error:
        return _link_error(request, error)
    if request.method == "POST":
        Invitation.objects.filter(pk=invitation.pk, opted_out_at__isnull=True).update(opted_out_at=timezone.now())
        return render(request, "surveys/opted_out.html", {"invitation": invitation, "done": True})
    return render(request, "surveys/opted_out.html", {"invitation": invitation, "done": False})
