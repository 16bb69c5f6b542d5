"""Thin views of the events app: public programme, registration, personal page (organisers: organiser_views)."""

import json
from collections import defaultdict

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core import ratelimit
from maillage.directory.models import Actor

from . import exports, organising, services
from .forms import RegistrationForm
from .models import (
    Event,
    Proposal,
    ProposalStatus,
    Registration,
    RegistrationMode,
    Session,
    SlotSpeaker,
    Speaker,
    TimeSlot,
    Workshop,
)


def _event(slug):
    return get_object_or_404(Event, slug=slug)


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def event_list(request):
    events = Event.objects.annotate(n_themes=Count("themes", distinct=True)).prefetch_related("days")
    return render(request, "events/event_list.html", {"events": events})


def programme(request, slug):
    event = _event(slug)
    days = event.days.prefetch_related(
        Prefetch(
            "slots",
            queryset=TimeSlot.objects.select_related("venue", "session").prefetch_related(
                Prefetch("slot_speakers", queryset=SlotSpeaker.objects.select_related("speaker")),
                Prefetch("session__workshops", queryset=Workshop.objects.select_related("theme", "room")),
            ),
        )
    )
    return render(
        request,
        "events/programme.html",
        {
            "event": event,
            "days": days,
            "tab": "programme",
            "can_organise": organising.can_organise(request.user, event),
        },
    )


def themes(request, slug):
    event = _event(slug)
    theme_list = event.themes.prefetch_related(
        Prefetch(
            "workshops",
            queryset=Workshop.objects.select_related("session__slot__day", "room__venue").prefetch_related("speakers"),
        )
    )
    rows = []
    for theme in theme_list:
        speaker_days = defaultdict(list)
        workshops = list(theme.workshops.all())
        all_days = sorted({w.session.slot.day for w in workshops}, key=lambda d: d.date)
        for w in workshops:
            for s in w.speakers.all():
                if w.session.slot.day not in speaker_days[s]:
                    speaker_days[s].append(w.session.slot.day)
        speakers = [
            (s, days if len(days) < len(all_days) else [])
            for s, days in sorted(speaker_days.items(), key=lambda i: i[0].pk)
        ]
        rows.append({"theme": theme, "workshops": workshops, "speakers": speakers})
    return render(request, "events/themes.html", {"event": event, "rows": rows, "tab": "themes"})


def speakers(request, slug):
    event = _event(slug)
    people = event.speakers.select_related("actor", "contact").prefetch_related(
        Prefetch("workshops", queryset=Workshop.objects.select_related("theme", "session__slot__day")),
        Prefetch("slot_roles", queryset=SlotSpeaker.objects.select_related("slot__day")),
    )
    rows = []
    for s in people:
        themes = {}
        for w in s.workshops.all():
            themes.setdefault(w.theme, [])
            if w.session.slot.day not in themes[w.theme]:
                themes[w.theme].append(w.session.slot.day)
        rows.append(
            {"speaker": s, "themes": sorted(themes.items(), key=lambda i: i[0].number), "roles": s.slot_roles.all()}
        )
    return render(request, "events/speakers.html", {"event": event, "rows": rows, "tab": "speakers"})


def _registration_refusal(request, form):
    """Honeypot and rate limits of the public registration form: a French refusal, or None."""
    if form.honeypot_filled:
        return _("Votre envoi a été refusé : un champ invisible, réservé à la détection des robots, a été rempli.")
    ip_limit, ip_window = ratelimit.limit_setting("EVENTS_REGISTRATION_RATE_LIMIT_PER_IP", (10, 3600))
    email_limit, email_window = ratelimit.limit_setting("EVENTS_REGISTRATION_RATE_LIMIT_PER_EMAIL", (3, 3600))
    email = ratelimit.normalize_email(form.cleaned_data["email"])
    if not ratelimit.hit("events:register:ip", ratelimit.client_ip(request), ip_limit, ip_window) or not (
        ratelimit.hit("events:register:email", email, email_limit, email_window)
    ):
        return _(
            "Trop d'inscriptions envoyées depuis votre connexion ou avec cette adresse : réessayez dans une heure."
        )
    return None


def register(request, slug):
    event = _event(slug)
    closed = services.registration_closed_reason(event, timezone.now())
    if closed:
        messages.warning(request, closed)
        return redirect(event)
    form = RegistrationForm(request.POST or None, event=event)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        refusal = _registration_refusal(request, form)
        if refusal is None:
            d = form.cleaned_data
            try:
                services.register_and_send_link(
                    event,
                    base_url=_base_url(request),
                    name=d["name"],
                    email=d["email"],
                    organisation=d["organisation"],
                    days=d["days"],
                    theme_ranking=d["theme_ranking"],
                    accessibility_needs=d["accessibility_needs"],
                )
            except services.RegistrationClosed as exc:  # closed while the form was being filled in
                messages.warning(request, str(exc))
                return redirect(event)
            return redirect("events:register_sent", slug=event.slug)
        form.add_error(None, refusal)
        status = 429
    return render(request, "events/register.html", {"event": event, "form": form, "tab": "register"}, status=status)


def register_sent(request, slug):
    return render(request, "events/register_sent.html", {"event": _event(slug), "tab": "register"})


def _registration(token):
    return get_object_or_404(Registration.objects.select_related("event", "actor"), token=token)


def _parcours_context(registration):
    event = registration.event
    assignments = {
        a.session_id: a
        for a in registration.assignments.select_related("workshop__room__venue", "theme", "session__slot__day")
    }
    day_ids = set(registration.days.values_list("pk", flat=True))
    sessions = Session.objects.filter(event=event, slot__day_id__in=day_ids).select_related("slot__day")
    ranks = {c.theme_id: c.rank for c in registration.choices.all()}
    rows = []
    for session in sessions:
        assignment = assignments.get(session.pk)
        options = []
        if event.registration_mode == RegistrationMode.ON_ARRIVAL and not event.is_over:
            options = list(session.workshops.select_related("theme", "room").order_by("theme__number"))
        rows.append(
            {
                "session": session,
                "assignment": assignment,
                "rank": ranks.get(assignment.theme_id) if assignment else None,
                "options": options,
            }
        )
    slots = TimeSlot.objects.filter(day_id__in=day_ids).exclude(kind="workshops").select_related("day", "venue")
    timeline = [
        {
            "date": r["session"].slot.day.date,
            "start": r["session"].slot.start,
            "assignment": r["assignment"],
            "title": str(r["assignment"].theme) if r["assignment"] else "",
            "where": f"{r['assignment'].workshop.room.name}, {r['assignment'].workshop.room.venue.name}"
            if r["assignment"]
            else "",
        }
        for r in rows
    ] + [
        {"date": s.day.date, "start": s.start, "title": s.title, "where": s.venue.name if s.venue else "", "slot": True}
        for s in slots
        if s.kind != "end"
    ]
    timeline.sort(key=lambda item: (item["date"], item["start"]))
    return {
        "event": event,
        "registration": registration,
        "rows": rows,
        "timeline": timeline,
        "choices": registration.choices.select_related("theme"),
        "slots": slots,
        "days": registration.days.all(),
    }


def parcours(request, token):
    registration = _registration(token)
    return render(request, "events/parcours.html", _parcours_context(registration))


def parcours_badge(request, token):
    registration = _registration(token)
    return render(request, "events/badge.html", _parcours_context(registration))


def parcours_ical(request, token):
    registration = _registration(token)
    response = HttpResponse(exports.parcours_ical(registration, _base_url(request)), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="parcours-{registration.event.slug}.ics"'
    return response


@require_POST
def sign_up(request, token, session):
    """On-arrival sign-up (htmx or plain POST): returns the session row with live seats."""
    registration = _registration(token)
    session_obj = get_object_or_404(Session, event=registration.event, number=session)
    error = None
    if registration.event.registration_mode != RegistrationMode.ON_ARRIVAL:
        error = _("La répartition de cet événement est faite par l'organisation.")
    else:
        try:
            services.sign_up(registration, int(request.POST.get("workshop", 0)))
        except (services.SignupError, Workshop.DoesNotExist, ValueError) as exc:
            error = str(exc) if isinstance(exc, services.SignupError) else _("Atelier inconnu.")
    if request.headers.get("HX-Request"):
        context = _parcours_context(registration)
        row = next(r for r in context["rows"] if r["session"].pk == session_obj.pk)
        return render(request, "events/_session_row.html", {**context, "row": row, "error": error})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Place réservée."))
    return redirect(registration)


def seat_board(request, token, session):
    """Remaining seats of one session, polled by the personal page during on-arrival sign-up."""
    registration = _registration(token)
    session_obj = get_object_or_404(Session, event=registration.event, number=session)
    workshops = session_obj.workshops.select_related("theme").order_by("theme__number")
    return render(
        request,
        "events/_seat_board.html",
        {"registration": registration, "session": session_obj, "workshops": workshops},
    )


def seats(request, slug):
    """Live remaining seats, for on-arrival sign-up screens (JSON)."""
    event = _event(slug)
    data = [
        {"session": w.session.number, "theme": w.theme.number, "capacity": w.capacity, "left": w.seats_left}
        for w in Workshop.objects.filter(session__event=event).select_related("session", "theme")
    ]
    return JsonResponse({"workshops": data})


def programme_ics(request, slug):
    event = _event(slug)
    response = HttpResponse(exports.programme_ical(event, _base_url(request)), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def schedule_xml(request, slug):
    return HttpResponse(exports.schedule_xml(_event(slug), _base_url(request)), content_type="application/xml")


def schedule_json(request, slug):
    data = exports.schedule_json(_event(slug), _base_url(request))
    return HttpResponse(json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json")


def followup(request, slug):
    event = _event(slug)
    proposals = (
        Proposal.objects.filter(workshop__session__event=event)
        .select_related("workshop__theme", "workshop__session", "owner")
        .prefetch_related("carriers", "milestones")
    )
    by_theme = defaultdict(list)
    by_actor = defaultdict(list)
    for p in proposals:
        by_theme[p.workshop.theme].append(p)
        for actor in {*p.carriers.all(), *([p.owner] if p.owner else [])}:
            by_actor[actor].append(p)
    return render(
        request,
        "events/followup.html",
        {
            "event": event,
            "by_theme": sorted(by_theme.items(), key=lambda i: i[0].number),
            "by_actor": sorted(by_actor.items(), key=lambda i: i[0].name),
            "total": len(proposals),
            "statuses": ProposalStatus.choices,
            "tab": "followup",
        },
    )


def actor_followup(request, slug):
    """Proposals and actions carried by one actor (linked from the actor fiche)."""
    actor = get_object_or_404(Actor, slug=slug)
    # One query (no compound UNION subquery, which SQLite cannot order inside an IN).
    carried = Proposal.objects.filter(carriers=actor).values("pk")
    proposals = (
        Proposal.objects.filter(Q(pk__in=carried) | Q(owner=actor))
        .select_related("workshop__theme", "workshop__session__event", "owner")
        .prefetch_related("milestones")
        .order_by("-updated_at", "pk")
    )
    return render(request, "events/actor_followup.html", {"actor": actor, "proposals": proposals})


def speaker_redirect(request, slug, speaker):
    s = get_object_or_404(Speaker, event__slug=slug, slug=speaker)
    return redirect(reverse("events:speakers", kwargs={"slug": slug}) + f"#{s.slug}")
