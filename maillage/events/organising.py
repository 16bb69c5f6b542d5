"""What an event's organisers may do and see: permission, team, registrations, attendee and check-in lists.

Organising is granted per event (`EventOrganiser`), like a pretalx team: an organiser of one
conference never sees another's attendees. Administrators (superusers) organise every event.
The views call these plain functions; the tests call them directly.
"""

import csv
import io

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.spreadsheet import safe_cell

from .models import Assignment, Day, Event, EventOrganiser, Registration, Session, Workshop


class TeamError(Exception):
    """A change to an event's team that cannot be made; the message says why, in French."""


# --------------------------------------------------------------------------- who organises


def _active(user):
    return bool(user and user.is_authenticated and user.is_active)


def _organised_ids(user):
    """Ids of the events `user` organises, read once per user object (so once per request)."""
    ids = getattr(user, "_organised_event_ids", None)
    if ids is None:
        ids = frozenset(EventOrganiser.objects.filter(user=user).values_list("event_id", flat=True))
        user._organised_event_ids = ids
    return ids


def _forget(user):
    if getattr(user, "_organised_event_ids", None) is not None:
        del user._organised_event_ids


def can_organise(user, event):
    """Whether `user` may see and manage `event`'s organiser pages."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return event.pk in _organised_ids(user)


def organised_events(user):
    """The events `user` organises (every event for an administrator), newest first."""
    if not _active(user):
        return Event.objects.none()
    events = Event.objects.all()
    if not user.is_superuser:
        events = events.filter(Exists(EventOrganiser.objects.filter(event=OuterRef("pk"), user=user)))
    return events


def organises_any_event(user):
    return _active(user) and (user.is_superuser or bool(_organised_ids(user)))


def find_account(identifier):
    """The active account whose username or e-mail address is `identifier` (case-insensitive), or None."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    users = get_user_model().objects.filter(is_active=True)
    by_name = users.filter(username__iexact=identifier)
    found = list(by_name[:2]) or list(users.filter(email__iexact=identifier)[:2])
    return found[0] if len(found) == 1 else None


def add_organiser(event, user, added_by=None):
    """Make `user` an organiser of `event`; returns (role, created). Adding twice changes nothing."""
    if not user.is_active:
        raise TeamError(_("Ce compte est désactivé : il ne peut pas organiser d'événement."))
    _forget(user)
    return EventOrganiser.objects.get_or_create(event=event, user=user, defaults={"added_by": added_by})


def remove_organiser(event, user):
    """Withdraw `user` from `event`'s team; the last organiser of an event cannot leave it alone."""
    with transaction.atomic():
        roles = list(EventOrganiser.objects.select_for_update().filter(event=event))
        role = next((r for r in roles if r.user_id == user.pk), None)
        if role is None:
            return False
        if len(roles) == 1:
            raise TeamError(
                _("C'est le dernier organisateur de l'événement : ajoutez-en un autre avant de le retirer.")
            )
        role.delete()
    _forget(user)
    return True


# --------------------------------------------------------------------------- registrations


def registrations(event, query=""):
    """The event's registrations matching `query` (name, e-mail or organisation), oldest first.

    Each carries `n_assignments` (workshops placed) so the list can say who still has no workshop.
    """
    queryset = (
        Registration.objects.filter(event=event)
        .annotate(n_assignments=Count("assignments", distinct=True))
        .prefetch_related(Prefetch("days", queryset=Day.objects.order_by("date")))
        .order_by("created_at", "id")
    )
    for word in (query or "").split():
        queryset = queryset.filter(Q(name__icontains=word) | Q(email__icontains=word) | Q(organisation__icontains=word))
    return queryset


def registration_counts(event):
    """Figures of the registrations page: total, per day, with accessibility needs, without any workshop."""
    base = Registration.objects.filter(event=event)
    per_day = list(event.days.annotate(n=Count("registrations")).order_by("date"))
    return {
        "total": base.count(),
        "per_day": per_day,
        "accessibility": base.exclude(accessibility_needs="").count(),
        "unplaced": base.filter(~Exists(Assignment.objects.filter(registration=OuterRef("pk")))).count(),
    }


# --------------------------------------------------------------------------- attendee lists


def workshops_by_session(event):
    """The event's sessions in order, each with its workshops (theme, room, seats) as `.workshop_list`."""
    return (
        Session.objects.filter(event=event)
        .select_related("slot__day")
        .prefetch_related(
            Prefetch(
                "workshops",
                queryset=Workshop.objects.select_related("theme", "room__venue").order_by("theme__number"),
                to_attr="workshop_list",
            )
        )
    )


def attendees(workshop):
    """The assignments of one workshop, by attendee name (the order of a list one reads out or signs)."""
    return (
        Assignment.objects.filter(workshop=workshop)
        .select_related("registration")
        .order_by("registration__name", "registration__id")
    )


def session_attendees(session):
    """Every workshop of a session with its assignments (`.attendee_list`), for the check-in list."""
    return (
        Workshop.objects.filter(session=session)
        .select_related("theme", "room__venue")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("registration").order_by(
                    "registration__name", "registration__id"
                ),
                to_attr="attendee_list",
            )
        )
        .order_by("theme__number")
    )


def attendee_headers():
    return [
        _("Nom et prénom"),
        _("Organisation"),
        _("Courriel"),
        _("Besoins d'accessibilité"),
        _("Affectation imposée"),
        _("Présence constatée"),
    ]


def attendee_rows(workshop):
    """One row per attendee of `workshop`, in `attendee_headers()` order; every text cell made inert."""
    rows = []
    for a in attendees(workshop):
        r = a.registration
        rows.append(
            [
                safe_cell(r.name),
                safe_cell(r.organisation),
                safe_cell(r.email),
                safe_cell(r.accessibility_needs),
                _("oui") if a.pinned else "",
                timezone.localtime(a.checked_in_at).strftime("%Y-%m-%d %H:%M") if a.checked_in_at else "",
            ]
        )
    return rows


def export_filename(workshop, extension):
    return f"{workshop.session.event.slug}-{workshop.session.code}-{workshop.theme.code}-participants.{extension}"


def attendees_csv(workshop):
    """CSV for French spreadsheets: UTF-8 with a BOM, `;` separator (as the directory's export)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(attendee_headers())
    writer.writerows(attendee_rows(workshop))
    return buffer.getvalue().encode("utf-8-sig")


def attendees_xlsx(workshop):
    """An XLSX workbook: a title line naming the workshop, then the table (openpyxl, cells as text)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"{workshop.session.code} {workshop.theme.code}"
    title = _("%(theme)s — %(session)s, %(room)s") % {
        "theme": workshop.theme,
        "session": workshop.session,
        "room": workshop.room.name,
    }
    sheet.append([safe_cell(title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(attendee_headers())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in attendee_rows(workshop):
        sheet.append(row)
    for column, width in zip("ABCDEF", (30, 30, 30, 40, 12, 18), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- check-in


def set_present(assignment, present, now=None):
    """Tick (or untick) an attendee present in their workshop; returns the assignment."""
    assignment.checked_in_at = (now or timezone.now()) if present else None
    assignment.save(update_fields=["checked_in_at"])
    return assignment
