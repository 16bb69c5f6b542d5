"""Thin views of the organisers' pages: their events, registrations, allocation, attendee and check-in lists, team.

Every page of one event goes through `organiser_required`: a visitor is sent to the site's own
login page, a signed-in user who does not organise the event gets a French 403 page saying how to
become an organiser. Domain logic lives in `organising.py` and `services.py`.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import organising, services
from .forms import (
    AllocationForm,
    MilestoneForm,
    OrganiserAddForm,
    PinForm,
    ProposalForm,
    SlotTimeForm,
    WorkshopRoomForm,
)
from .models import AllocationRun, Assignment, Event, EventOrganiser, Proposal, Session, TimeSlot, Workshop

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def organiser_required(view):
    """Sign-in through the site's login page, then organiser permission on the event named by `slug`."""

    @wraps(view)
    @login_required
    def wrapped(request, slug, *args, **kwargs):
        event = get_object_or_404(Event, slug=slug)
        if not organising.can_organise(request.user, event):
            return render(request, "events/organiser/forbidden.html", {"event": event}, status=403)
        return view(request, event, *args, **kwargs)

    return wrapped


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def organiser_home(request):
    """« Espace organisateurs »: the events one organises, and how an organiser account is obtained."""
    events = (
        organising.organised_events(request.user)
        .annotate(
            n_registrations=Count("registrations", distinct=True),
            n_workshops=Count("sessions__workshops", distinct=True),
        )
        .prefetch_related("days")
    )
    return render(request, "events/organiser/home.html", {"events": events})


# --------------------------------------------------------------------------- allocation


@organiser_required
def organiser(request, event):
    form = AllocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = services.run_allocation(
            event, user=request.user, minimise_worst_rank=form.cleaned_data["minimise_worst_rank"]
        )
        if run.error:
            messages.error(request, run.error)
        else:
            messages.success(
                request,
                _("Répartition calculée et enregistrée (score d’insatisfaction : %(o)d).") % {"o": run.objective},
            )
        return redirect("events:organiser", slug=event.slug)
    runs = list(AllocationRun.objects.filter(event=event).select_related("created_by")[:10])
    run = runs[0] if runs else None
    stats = run.statistics if run and not run.error else None
    workshops = Workshop.objects.filter(session__event=event).select_related("theme", "session", "room")
    return render(
        request,
        "events/organiser.html",
        {
            "event": event,
            "form": form,
            "pin_form": PinForm(event=event),
            "run": run,
            "runs": runs,
            "stats": stats,
            "distribution": _distribution_rows(stats) if stats else [],
            "workshops": workshops,
            "registrations": event.registrations.count(),
            "pins": Assignment.objects.filter(registration__event=event, pinned=True).select_related(
                "registration", "theme", "session"
            ),
            "tab": "organiser",
            "organiser_tab": "allocation",
        },
    )


def _distribution_rows(stats):
    fcfs = stats.get("fcfs", {}).get("rank_distribution", {})
    ours = stats["rank_distribution"]
    keys = sorted({*ours, *fcfs}, key=int)
    unranked = str(stats["unranked_rank"])
    return [
        {"rank": _("hors choix") if k == unranked else k, "optimal": ours.get(k, 0), "fcfs": fcfs.get(k, 0)}
        for k in keys
    ]


@organiser_required
@require_POST
def pin(request, event):
    form = PinForm(request.POST, event=event)
    if form.is_valid():
        try:
            services.pin(form.cleaned_data["registration"], form.cleaned_data["workshop"])
        except services.SignupError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Affectation imposée enregistrée ; relancez la répartition."))
    else:
        messages.error(request, _("Affectation imposée invalide."))
    return redirect("events:organiser", slug=event.slug)


@organiser_required
def edit_workshop(request, event, pk):
    workshop = get_object_or_404(
        Workshop.objects.select_related("session__event", "theme"), pk=pk, session__event=event
    )
    form = WorkshopRoomForm(request.POST or None, instance=Workshop.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            n = services.change_workshop_room(workshop, form.cleaned_data["room"], _base_url(request))
        except services.SignupError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Salle modifiée ; %(n)d personnes prévenues.") % {"n": n})
            return redirect("events:organiser", slug=event.slug)
    return render(request, "events/edit_form.html", {"event": event, "form": form, "object": workshop})


@organiser_required
def edit_slot(request, event, pk):
    slot = get_object_or_404(TimeSlot, pk=pk, day__event=event)
    form = SlotTimeForm(request.POST or None, instance=TimeSlot.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        n = services.change_slot_time(slot, form.cleaned_data["start"], form.cleaned_data["end"], _base_url(request))
        messages.success(request, _("Horaire modifié ; %(n)d personnes prévenues.") % {"n": n})
        return redirect("events:programme", slug=event.slug)
    return render(request, "events/edit_form.html", {"event": event, "form": form, "object": slot})


@organiser_required
def proposal_edit(request, event, pk=None):
    proposal = get_object_or_404(Proposal, pk=pk, workshop__session__event=event) if pk else None
    form = ProposalForm(request.POST or None, instance=proposal, event=event, prefix="p")
    milestone_form = MilestoneForm(request.POST or None, prefix="m") if proposal else None
    if request.method == "POST":
        if proposal and "add_milestone" in request.POST:
            if milestone_form.is_valid():
                milestone = milestone_form.save(commit=False)
                milestone.proposal = proposal
                milestone.save()
                messages.success(request, _("Étape ajoutée."))
                return redirect("events:proposal_edit", slug=event.slug, pk=proposal.pk)
        elif form.is_valid():
            obj = form.save(commit=False)
            if obj.created_by_id is None:
                obj.created_by = request.user
            obj.save()
            form.save_m2m()
            messages.success(request, _("Proposition enregistrée."))
            return redirect("events:proposal_edit", slug=event.slug, pk=obj.pk)
    return render(
        request,
        "events/proposal_form.html",
        {"event": event, "form": form, "milestone_form": milestone_form, "proposal": proposal, "tab": "followup"},
    )


# --------------------------------------------------------------------------- registrations


@organiser_required
def registrations(request, event):
    query = request.GET.get("q", "").strip()[:200]
    found = organising.registrations(event, query)
    page = Paginator(found, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "events/organiser/registrations.html",
        {
            "event": event,
            "page": page,
            "query": query,
            "counts": organising.registration_counts(event),
            "tab": "organiser",
            "organiser_tab": "registrations",
        },
    )


# --------------------------------------------------------------------------- attendee lists


@organiser_required
def attendee_lists(request, event):
    return render(
        request,
        "events/organiser/attendee_lists.html",
        {
            "event": event,
            "sessions": organising.workshops_by_session(event),
            "tab": "organiser",
            "organiser_tab": "lists",
        },
    )


def _workshop(event, pk):
    return get_object_or_404(
        Workshop.objects.select_related("theme", "session__slot__day", "room__venue", "session__event"),
        pk=pk,
        session__event=event,
    )


@organiser_required
def workshop_attendees(request, event, pk):
    workshop = _workshop(event, pk)
    return render(
        request,
        "events/organiser/workshop_attendees.html",
        {
            "event": event,
            "workshop": workshop,
            "attendees": organising.attendees(workshop),
            "tab": "organiser",
            "organiser_tab": "lists",
        },
    )


@organiser_required
def workshop_attendees_export(request, event, pk, fmt):
    workshop = _workshop(event, pk)
    if fmt == "csv":
        response = HttpResponse(organising.attendees_csv(workshop), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(organising.attendees_xlsx(workshop), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{organising.export_filename(workshop, fmt)}"'
    return response


# --------------------------------------------------------------------------- check-in


@organiser_required
def checkin(request, event, session):
    session_obj = get_object_or_404(Session.objects.select_related("slot__day"), event=event, number=session)
    workshops = organising.session_attendees(session_obj)
    only = request.GET.get("atelier", "")
    if only.isdigit():
        workshops = workshops.filter(pk=int(only))
    return render(
        request,
        "events/organiser/checkin.html",
        {
            "event": event,
            "session": session_obj,
            "workshops": workshops,
            "only": only if only.isdigit() else "",
            "tab": "organiser",
            "organiser_tab": "lists",
        },
    )


@organiser_required
@require_POST
def checkin_toggle(request, event, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("registration", "session"), pk=pk, registration__event=event
    )
    present = request.POST.get("present") == "1"
    organising.set_present(assignment, present)
    if present:
        messages.success(request, _("%(name)s : présence notée.") % {"name": assignment.registration.name})
    else:
        messages.success(request, _("%(name)s : présence retirée.") % {"name": assignment.registration.name})
    url = reverse("events:checkin", kwargs={"slug": event.slug, "session": assignment.session.number})
    if request.POST.get("atelier", "").isdigit():
        url += f"?atelier={request.POST['atelier']}"
    return redirect(f"{url}#presence-{assignment.pk}")


# --------------------------------------------------------------------------- team


@organiser_required
def team(request, event):
    form = OrganiserAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["account"]
        try:
            _role, created = organising.add_organiser(event, user, added_by=request.user)
        except organising.TeamError as exc:
            form.add_error("account", str(exc))
        else:
            if created:
                messages.success(request, _("%(user)s organise désormais l’événement.") % {"user": user.get_username()})
            else:
                messages.info(request, _("%(user)s organisait déjà l’événement.") % {"user": user.get_username()})
            return redirect("events:team", slug=event.slug)
    roles = EventOrganiser.objects.filter(event=event).select_related("user", "added_by")
    return render(
        request,
        "events/organiser/team.html",
        {"event": event, "form": form, "roles": roles, "tab": "organiser", "organiser_tab": "team"},
        status=400 if request.method == "POST" else 200,
    )


@organiser_required
@require_POST
def team_remove(request, event, pk):
    role = get_object_or_404(EventOrganiser.objects.select_related("user"), pk=pk, event=event)
    try:
        organising.remove_organiser(event, role.user)
    except organising.TeamError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(user)s n’organise plus l’événement.") % {"user": role.user.get_username()})
    return redirect("events:team", slug=event.slug)
