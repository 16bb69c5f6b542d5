"""Domain operations on events: registering, on-arrival sign-up, running the allocation, notifying."""

import time
from collections import defaultdict

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.tasks import queue_mail
from maillage.core.text import normalize
from maillage.core.typography import format_date
from maillage.directory.models import Actor

from . import allocation as alloc
from .models import AllocationRun, Assignment, Choice, Registration, RegistrationMode, Workshop


class SignupError(Exception):
    """A sign-up refused for a reason the attendee must read (French)."""


class RegistrationClosed(SignupError):
    """A registration refused because the event no longer takes any (French message)."""


def registration_closed_reason(event, now):
    """Why `event` takes no registration at `now`, in French for the visitor; None while it takes them."""
    if event.accepts_registrations(now):
        return None
    if event.is_past(now):
        return _(
            "« %(event)s » est terminé : les inscriptions sont closes. Le programme et le suivi restent en ligne."
        ) % {"event": event.name}
    deadline = event.registration_deadline
    if deadline is not None and now >= deadline:
        return _("Les inscriptions à « %(event)s » sont closes depuis le %(when)s.") % {
            "event": event.name,
            "when": format_date(deadline, "datetime"),
        }
    return _("Les inscriptions à « %(event)s » sont fermées par l'organisation.") % {"event": event.name}


def match_actor(organisation):
    """The directory actor whose name (or slug) matches what the attendee typed, if any."""
    key = normalize(organisation or "")
    if not key:
        return None
    for actor in Actor.objects.only("name", "slug"):
        if normalize(actor.name) == key or actor.slug == key.replace(" ", "-"):
            return actor
    return None


@transaction.atomic
def register(event, *, name, email, organisation, days, theme_ranking, accessibility_needs="", now=None):
    """Create a registration with its ranked themes (themes in rank order), while the event takes them.

    Raises RegistrationClosed (French message) once registration has closed (see Event.accepts_registrations).
    """
    reason = registration_closed_reason(event, now or timezone.now())
    if reason:
        raise RegistrationClosed(reason)
    registration = Registration.objects.create(
        event=event,
        name=name,
        email=email,
        organisation=organisation,
        actor=match_actor(organisation),
        accessibility_needs=accessibility_needs,
    )
    registration.days.set(days)
    Choice.objects.bulk_create(
        [Choice(registration=registration, theme=theme, rank=i) for i, theme in enumerate(theme_ranking, start=1)]
    )
    return registration


def register_and_send_link(event, *, base_url="", **fields):
    """Register an attendee and e-mail them their personal link; returns nothing the page could disclose.

    The personal page (where on-arrival seats are taken) is reached only through the e-mailed link,
    which confirms the address. An address already registered to the event is sent its existing
    link again instead, so the form never tells a visitor who is registered.
    """
    email = fields["email"]
    existing = event.registrations.filter(email__iexact=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                registration = register(event, **fields)
        except IntegrityError:  # the same address registered a moment ago
            existing = event.registrations.get(email__iexact=email)
        else:
            send_personal_link(registration, base_url)
            return
    send_personal_link(existing, base_url, again=True)


def send_personal_link(registration, base_url="", again=False):
    event = registration.event
    intro = (
        _("Une inscription aux %(event)s a de nouveau été demandée avec cette adresse, déjà inscrite.")
        if again
        else _("Votre inscription aux %(event)s est enregistrée.")
    ) % {"event": event.name}
    lines = [
        _("Bonjour %(name)s,") % {"name": " ".join(registration.name.split())},
        "",
        intro,
        _("Votre page personnelle (gardez ce lien : il donne accès à votre parcours, sans mot de passe) :"),
        base_url + registration.get_absolute_url(),
        "",
        _("Si vous n'êtes pas à l'origine de cette demande, ignorez ce message."),
    ]
    queue_mail(_("%(event)s : votre lien personnel") % {"event": event.name}, "\n".join(lines), [registration.email])


# --------------------------------------------------------------------------- the seat rule


def _take_seat(workshop):
    """Count one more seat in a workshop, only if one is left (SignupError otherwise).

    One conditional UPDATE: the row lock serialises concurrent takers and the WHERE clause
    refuses the seat too many; the check constraint `workshop_never_over_capacity` is the
    last line of defence.
    """
    taken = Workshop.objects.filter(pk=workshop.pk, seats_taken__lt=F("capacity")).update(
        seats_taken=F("seats_taken") + 1
    )
    if not taken:
        raise SignupError(_("Cet atelier est complet."))


def _release_seat(assignment):
    """Remove an assignment and give its seat back."""
    Workshop.objects.filter(pk=assignment.workshop_id, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)
    assignment.delete()


def cancel_registration(registration):
    """Delete a registration (erasure, retention), giving back the seats it holds in an event not yet over."""
    with transaction.atomic():
        if not registration.event.is_over:
            for assignment in registration.assignments.all():
                _release_seat(assignment)
        registration.delete()


def place(registration, workshop, *, pinned=False, replace_theme=False):
    """The one seat rule of workshops: put an attendee in a workshop, taking a seat if one is left.

    The attendee's assignment in the same session is given up (its seat released); with
    `replace_theme`, so is an assignment to the same theme in another session (an organiser's
    pin), otherwise that is refused. Used by the on-arrival sign-up and the organiser's pin;
    the allocation recounts seats from the assignments it stores.
    """
    with transaction.atomic():
        workshop = Workshop.objects.select_related("session", "theme").get(
            pk=workshop.pk if isinstance(workshop, Workshop) else workshop, session__event=registration.event
        )
        in_session = Assignment.objects.filter(registration=registration, session=workshop.session).first()
        if not replace_theme and Assignment.objects.filter(registration=registration, theme=workshop.theme).exists():
            raise SignupError(_("Vous suivez déjà ce thème dans une autre session."))
        same_theme = (
            Assignment.objects.filter(registration=registration, theme=workshop.theme)
            .exclude(session=workshop.session)
            .first()
        )
        if in_session is not None and in_session.workshop_id == workshop.pk:
            # Already seated here: nothing to count; a pin only marks it.
            if same_theme is not None:
                _release_seat(same_theme)
            if pinned and not in_session.pinned:
                Assignment.objects.filter(pk=in_session.pk).update(pinned=True)
                in_session.pinned = True
            return in_session
        _take_seat(workshop)
        for previous in (in_session, same_theme):
            if previous is not None:
                _release_seat(previous)
        try:
            with transaction.atomic():
                return Assignment.objects.create(registration=registration, workshop=workshop, pinned=pinned)
        except IntegrityError as exc:
            raise SignupError(_("Vous êtes déjà inscrit·e dans cette session.")) from exc


SIGN_UP_ATTEMPTS = 4


def sign_up(registration, workshop_id, now=None):
    """On-arrival sign-up, first come first served: takes a seat only if one is left, until the event is over.

    On SQLite, whose writers take turns on the whole file, a sign-up that still finds the
    database locked after the busy timeout is retried a few times, then refused in French.
    """
    if registration.event.is_past(now or timezone.now()):
        raise SignupError(_("Cet événement est terminé : on ne peut plus réserver de place."))
    for attempt in range(SIGN_UP_ATTEMPTS):
        try:
            return _sign_up_once(registration, workshop_id)
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            locked = exc
            time.sleep(0.05 * (attempt + 1))
    raise SignupError(_("Trop de demandes simultanées : réessayez dans un instant.")) from locked


def _sign_up_once(registration, workshop_id):
    with transaction.atomic():
        workshop = Workshop.objects.select_related("session__slot").get(
            pk=workshop_id, session__event=registration.event
        )
        if not registration.days.filter(pk=workshop.session.slot.day_id).exists():
            raise SignupError(_("Vous n'êtes pas inscrit·e à cette journée."))
        return place(registration, workshop)


def pin(registration, workshop):
    """The organiser imposes a workshop on an attendee, under the same seat rule (SignupError when full).

    It replaces the attendee's workshop in that session and any other session of the same theme.
    """
    return place(registration, workshop, pinned=True, replace_theme=True)


# --------------------------------------------------------------------------- allocation from the database


def build_problem(event, pins_from_assignments=True):
    """Translate the event's registrations into the solver's plain data (codes S1…, T1…)."""
    workshops = list(Workshop.objects.filter(session__event=event).select_related("session", "theme"))
    plain = [alloc.Workshop(w.theme.code, w.session.code, w.capacity) for w in workshops]
    registrations = list(event.registrations.prefetch_related("days", "choices__theme").order_by("created_at", "id"))
    sessions_by_day = defaultdict(list)
    for w in workshops:
        if w.session.code not in sessions_by_day[w.session.slot.day_id]:
            sessions_by_day[w.session.slot.day_id].append(w.session.code)
    attendees, pins = [], []
    for r in registrations:
        sessions = tuple(sorted({s for d in r.days.all() for s in sessions_by_day.get(d.pk, [])}))
        choices = tuple(c.theme.code for c in sorted(r.choices.all(), key=lambda c: c.rank))
        attendees.append(alloc.Attendee(str(r.pk), sessions, choices))
    if pins_from_assignments:
        for a in _kept_assignments(event).select_related("session", "theme"):
            pins.append(alloc.Pin(str(a.registration_id), a.session.code, a.theme.code))
    return alloc.Problem(plain, attendees, pins), workshops, registrations


def _kept_assignments(event):
    """Assignments a new allocation must keep: pins, and in on-arrival mode every seat already taken."""
    kept = Assignment.objects.filter(registration__event=event)
    if event.registration_mode != RegistrationMode.ON_ARRIVAL:
        kept = kept.filter(pinned=True)
    return kept


def run_allocation(event, user=None, minimise_worst_rank=False):
    """Solve, store the parcours, notify whoever's parcours changed; returns the AllocationRun."""
    problem, workshops, registrations = build_problem(event)
    try:
        result = alloc.allocate(problem, None, minimise_worst_rank=minimise_worst_rank)
    except alloc.AllocationError as exc:
        return AllocationRun.objects.create(
            event=event, created_by=user, minimise_worst_rank=minimise_worst_rank, error=str(exc)
        )
    baseline = alloc.first_come_first_served(problem, None)
    stats = alloc.statistics(problem, result)
    stats["fcfs"] = alloc.statistics(problem, baseline)
    stats = _jsonable(stats)
    by_code = {(w.session.code, w.theme.code): w for w in workshops}
    changed = []
    with transaction.atomic():
        before = {
            r.pk: {a.session_id: a.workshop_id for a in r.assignments.all()}
            for r in event.registrations.prefetch_related("assignments")
        }
        kept = _kept_assignments(event)
        pinned = set(kept.values_list("registration_id", "session_id"))
        Assignment.objects.filter(registration__event=event).exclude(
            pk__in=list(kept.values_list("pk", flat=True))
        ).delete()
        new = []
        for r in registrations:
            for s, t in result.assignment.get(str(r.pk), {}).items():
                w = by_code[(s, t)]
                if (r.pk, w.session_id) not in pinned:
                    new.append(Assignment(registration=r, workshop=w, session_id=w.session_id, theme_id=w.theme_id))
        Assignment.objects.bulk_create(new)
        for w in workshops:
            w.seats_taken = w.assignments.count()
        Workshop.objects.bulk_update(workshops, ["seats_taken"])
        run = AllocationRun.objects.create(
            event=event,
            created_by=user,
            minimise_worst_rank=minimise_worst_rank,
            objective=result.objective,
            statistics=stats,
        )
        for r in registrations:
            after = dict(r.assignments.values_list("session_id", "workshop_id"))
            if before.get(r.pk) and before[r.pk] != after:
                changed.append(r)
    for r in changed:
        notify(r, _("Votre parcours a été modifié par l'organisation."))
    return run


def _jsonable(stats):
    out = dict(stats)
    out["rank_distribution"] = {str(k): v for k, v in stats["rank_distribution"].items()}
    if "fcfs" in stats:
        out["fcfs"] = _jsonable(stats["fcfs"])
    return out


# --------------------------------------------------------------------------- notifications


def notify(registration, reason, base_url=""):
    """E-mail an attendee that their parcours changed, with the link to their personal page."""
    lines = [
        _("Bonjour %(name)s,") % {"name": registration.name},
        "",
        reason,
        "",
        _("Votre parcours aux %(event)s :") % {"event": registration.event.name},
    ]
    for a in registration.assignments.select_related("workshop__room", "session__slot__day", "theme"):
        slot = a.session.slot
        lines.append(
            f"- {slot.day} {slot.start:%H:%M} : {a.theme} ({a.workshop.room.name}, {a.workshop.room.venue.name})"
        )
    lines += ["", _("Votre page personnelle : %(url)s") % {"url": base_url + registration.get_absolute_url()}]
    queue_mail(
        _("%(event)s : votre parcours a changé") % {"event": registration.event.name},
        "\n".join(lines),
        [registration.email],
    )


def change_workshop_room(workshop, room, base_url=""):
    """Move a workshop to another room and tell the attendees already placed in it."""
    if room.pk == workshop.room_id:
        return 0
    if workshop.seats_taken > room.capacity:
        raise SignupError(
            _("La salle %(room)s n'a que %(c)d places pour %(n)d personnes inscrites.")
            % {"room": room.name, "c": room.capacity, "n": workshop.seats_taken}
        )
    workshop.room = room
    workshop.capacity = room.capacity
    workshop.save(update_fields=["room", "capacity"])
    registrations = Registration.objects.filter(assignments__workshop=workshop)
    for r in registrations:
        notify(
            r,
            _("L'atelier « %(theme)s » change de salle : %(room)s.") % {"theme": workshop.theme, "room": room},
            base_url,
        )
    return registrations.count()


def change_slot_time(slot, start, end, base_url=""):
    """Move a time slot and tell the attendees whose parcours uses it."""
    slot.start, slot.end = start, end
    slot.save(update_fields=["start", "end"])
    registrations = Registration.objects.filter(assignments__session__slot=slot).distinct()
    for r in registrations:
        notify(
            r,
            _("Le créneau « %(title)s » est déplacé : %(start)s.") % {"title": slot.title, "start": f"{start:%H:%M}"},
            base_url,
        )
    return registrations.count()
