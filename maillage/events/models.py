"""Contributive conferences: programme, registrations, workshop seats, proposals and their follow-up.

A workshop is a theme offered in one workshop session (theme × session), held in a room with a
capacity; an attendee's parcours is one workshop per session they attend.
"""

import datetime
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.constraints import in_choices

SCHEDULE_NAMESPACE = uuid.UUID("6f1d7c1e-5b7a-4d0e-9f0a-6d61696c6c61")  # fixed: guids stay stable across exports


class RegistrationMode(models.TextChoices):
    PREALLOCATION = "preallocation", _("Pré-inscription puis répartition optimale")
    ON_ARRIVAL = "on_arrival", _("Inscription sur place, premier arrivé premier servi")


class Event(models.Model):
    name = models.CharField(_("nom"), max_length=255)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    acronym = models.SlugField(_("acronyme"), max_length=50, help_text=_("Ex. : assises-2025"))
    tagline = models.CharField(_("accroche"), max_length=255, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    organiser = models.ForeignKey(
        "directory.Actor",
        verbose_name=_("organisateur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_events",
    )
    registration_mode = models.CharField(
        _("mode d'inscription"), max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.PREALLOCATION
    )
    registration_open = models.BooleanField(_("inscriptions ouvertes"), default=True)
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Laissez vide : les inscriptions ferment au début de l'événement."),
    )
    min_choices = models.PositiveSmallIntegerField(_("nombre minimal de thèmes classés"), default=4)
    source = models.CharField(_("source"), max_length=255, blank=True)
    rooms_assumption = models.TextField(
        _("hypothèse sur les salles et capacités"),
        blank=True,
        help_text=_(
            "À remplir quand les salles ou leurs capacités ne viennent pas d'une source : ce texte est affiché "
            "sur chaque page de l'événement."
        ),
    )

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("registration_mode", RegistrationMode), name="event_mode_valid"
            ),
            models.CheckConstraint(condition=Q(min_choices__gte=1), name="event_min_choices_positive"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:programme", kwargs={"slug": self.slug})

    def get_organiser_url(self):
        return reverse("events:organiser", kwargs={"slug": self.slug})

    @property
    def start_date(self):
        day = self.days.first()
        return day.date if day else None

    @property
    def end_date(self):
        day = self.days.last()
        return day.date if day else None

    # --- The event in time. Every check takes `now` so callers (and tests) say which moment they mean.

    @property
    def starts_at(self):
        """The moment the event starts: its first day at its first slot (midnight if no slot), local time."""
        first = self.days.first()
        if first is None:
            return None
        slot = first.slots.order_by("start").first()
        moment = datetime.datetime.combine(first.date, slot.start if slot else datetime.time.min)
        return timezone.make_aware(moment)

    @property
    def registration_deadline(self):
        """When registration closes: the date the organiser set, else the start of the event."""
        return self.registration_closes_at or self.starts_at

    def is_past(self, now):
        """The event is over once its last day has ended (an event without days is never past)."""
        end = self.end_date
        return end is not None and timezone.localdate(now) > end

    def accepts_registrations(self, now):
        """Registration is open: the organiser has not closed it and the deadline has not passed."""
        deadline = self.registration_deadline
        return self.registration_open and (deadline is None or now < deadline)

    @property
    def is_over(self):
        """is_past at this moment, for templates."""
        return self.is_past(timezone.now())

    @property
    def takes_registrations(self):
        """accepts_registrations at this moment, for templates."""
        return self.accepts_registrations(timezone.now())


class EventOrganiser(models.Model):
    """A user who organises one event: sees its registrations, runs its allocation, prints its lists.

    Organising is granted per event (pretalx's team of an event), never site-wide: an organiser of
    one conference sees nothing of another's attendees. Administrators (superusers) organise all.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organiser_roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="event_organiser_roles",
    )
    added_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ajouté par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisateur de l'événement")
        verbose_name_plural = _("organisateurs de l'événement")
        ordering = ["event", "added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="event_organiser_once")]

    def __str__(self):
        return f"{self.user} — {self.event}"


class Day(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    label = models.CharField(_("libellé"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("journée")
        verbose_name_plural = _("journées")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["event", "date"], name="day_unique_per_event")]

    def __str__(self):
        return self.label or str(self.date)

    @property
    def index(self):
        return list(self.event.days.values_list("pk", flat=True)).index(self.pk) + 1


class Venue(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("nom"), max_length=255)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    role = models.CharField(_("usage"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="venue_unique_per_event")]

    def __str__(self):
        return self.name


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("nom"), max_length=255)
    capacity = models.PositiveIntegerField(_("capacité"))

    class Meta:
        verbose_name = _("salle")
        verbose_name_plural = _("salles")
        ordering = ["venue", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="room_unique_per_venue"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="room_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.venue.name})"


class SlotKind(models.TextChoices):
    WELCOME = "welcome", _("Accueil")
    OPENING = "opening", _("Ouverture")
    PLENARY = "plenary", _("Plénière")
    WORKSHOPS = "workshops", _("Session d'ateliers")
    BREAK = "break", _("Pause")
    MEAL = "meal", _("Déjeuner")
    CONFERENCE = "conference", _("Conférence")
    EVENING = "evening", _("Soirée")
    FREE = "free", _("Temps libre")
    COWORKING = "coworking", _("Coworking")
    END = "end", _("Fin")


class TimeSlot(models.Model):
    day = models.ForeignKey(Day, on_delete=models.CASCADE, related_name="slots")
    kind = models.CharField(_("nature"), max_length=16, choices=SlotKind.choices)
    title = models.CharField(_("intitulé"), max_length=255)
    detail = models.TextField(_("précisions"), blank=True)
    start = models.TimeField(_("début"))
    end = models.TimeField(_("fin"), null=True, blank=True)
    venue = models.ForeignKey(Venue, verbose_name=_("lieu"), on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("créneau")
        verbose_name_plural = _("créneaux")
        ordering = ["day__date", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=in_choices("kind", SlotKind), name="slot_kind_valid"),
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gt=F("start")), name="slot_end_after_start"),
        ]

    def __str__(self):
        return f"{self.day} {self.start:%H:%M} {self.title}"


class Session(models.Model):
    """A workshop session: a time slot in which several themes run in parallel."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    slot = models.OneToOneField(TimeSlot, on_delete=models.CASCADE, related_name="session")
    number = models.PositiveSmallIntegerField(_("numéro"))

    class Meta:
        verbose_name = _("session d'ateliers")
        verbose_name_plural = _("sessions d'ateliers")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="session_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="session_number_positive"),
        ]

    def __str__(self):
        return _("Session %(n)d") % {"n": self.number}

    @property
    def code(self):
        return f"S{self.number}"

    @property
    def day(self):
        return self.slot.day


class Theme(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("intitulé"), max_length=255)
    text = models.TextField(_("texte"), blank=True)
    note = models.CharField(_("remarque"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thème d'atelier")
        verbose_name_plural = _("thèmes d'atelier")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="theme_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="theme_number_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def code(self):
        return f"T{self.number}"


class Speaker(models.Model):
    """A person who speaks; linked to the directory when their organisation (or contact) is there."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant"), max_length=150)
    function = models.TextField(_("fonction et organisation"), blank=True)
    actor = models.ForeignKey(
        "directory.Actor",
        verbose_name=_("acteur de l'annuaire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_speakers",
    )
    contact = models.ForeignKey(
        "directory.Contact",
        verbose_name=_("contact de l'annuaire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_speakers",
    )

    class Meta:
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["event", "slug"], name="speaker_slug_unique")]

    def __str__(self):
        return self.name


class SlotRole(models.TextChoices):
    OPENING = "opening", _("Ouverture")
    PLENARY = "plenary", _("Plénière")
    WITNESS = "witness", _("Grand témoin")


class SlotSpeaker(models.Model):
    """A speaker in a plenary slot (opening, plenary, "grand témoin")."""

    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="slot_speakers")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="slot_roles")
    role = models.CharField(_("rôle"), max_length=16, choices=SlotRole.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "speaker"], name="slot_speaker_unique"),
            models.CheckConstraint(condition=in_choices("role", SlotRole), name="slot_role_valid"),
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"


class Workshop(models.Model):
    """A theme offered in a session, in a room; `seats_taken` counts its sign-ups."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="workshops")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="workshops")
    room = models.ForeignKey(Room, verbose_name=_("salle"), on_delete=models.PROTECT, related_name="workshops")
    capacity = models.PositiveIntegerField(_("places"))
    seats_taken = models.PositiveIntegerField(_("places prises"), default=0)
    speakers = models.ManyToManyField(Speaker, verbose_name=_("intervenants"), blank=True, related_name="workshops")

    class Meta:
        verbose_name = _("atelier")
        verbose_name_plural = _("ateliers")
        ordering = ["session__number", "theme__number"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "session"], name="workshop_theme_once_per_session"),
            models.UniqueConstraint(fields=["session", "room"], name="workshop_room_once_per_session"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="workshop_capacity_positive"),
            models.CheckConstraint(condition=Q(seats_taken__lte=F("capacity")), name="workshop_never_over_capacity"),
        ]

    def __str__(self):
        return f"{self.theme} — {self.session}"

    def clean(self):
        super().clean()
        if self.theme_id and self.session_id and self.theme.event_id != self.session.event_id:
            raise ValidationError(_("Le thème et la session doivent appartenir au même événement."))
        if self.room_id and self.capacity and self.capacity > self.room.capacity:
            raise ValidationError(
                {
                    "capacity": _("La salle %(room)s ne compte que %(n)d places.")
                    % {"room": self.room.name, "n": self.room.capacity}
                }
            )

    @property
    def seats_left(self):
        return max(self.capacity - self.seats_taken, 0)


class Registration(models.Model):
    """An attendee: no account needed, the secret token opens their personal page."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("nom et prénom"), max_length=150)
    email = models.EmailField(_("courriel"))
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    actor = models.ForeignKey(
        "directory.Actor", on_delete=models.SET_NULL, null=True, blank=True, related_name="event_registrations"
    )
    days = models.ManyToManyField(Day, verbose_name=_("journées de présence"), related_name="registrations")
    accessibility_needs = models.TextField(_("besoins d'accessibilité"), blank=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="registration_email_unique")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:parcours", kwargs={"token": self.token})


class Choice(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="choices")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="choices")
    rank = models.PositiveSmallIntegerField(_("rang"))

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "theme"], name="choice_theme_once"),
            models.UniqueConstraint(fields=["registration", "rank"], name="choice_rank_once"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="choice_rank_positive"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.theme}"


class Assignment(models.Model):
    """One workshop of an attendee's parcours; session and theme repeated so the DB enforces the rules."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="assignments")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="assignments")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    pinned = models.BooleanField(_("imposée"), default=False)
    # Set when the organiser ticks the attendee present on the check-in list (émargement).
    checked_in_at = models.DateTimeField(_("présence constatée le"), null=True, blank=True)

    class Meta:
        ordering = ["session__number"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="assignment_one_per_session"),
            models.UniqueConstraint(fields=["registration", "theme"], name="assignment_theme_once"),
        ]

    def __str__(self):
        return f"{self.registration} — {self.workshop}"

    def save(self, *args, **kwargs):
        self.session_id = self.workshop.session_id
        self.theme_id = self.workshop.theme_id
        super().save(*args, **kwargs)


class AllocationRun(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="allocation_runs")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    minimise_worst_rank = models.BooleanField(default=False)
    objective = models.PositiveIntegerField(null=True, blank=True)
    statistics = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.event} {self.created_at:%Y-%m-%d %H:%M}"


# --------------------------------------------------------------------------- follow-up


class ProposalKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposition")
    ACTION = "action", _("Action concrète")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposée")
    STUDY = "study", _("À l'étude")
    COMMITTED = "committed", _("Engagée")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Réalisée")
    ABANDONED = "abandoned", _("Abandonnée")


class Proposal(models.Model):
    """What a workshop session produced, and how it is followed up (Decidim's accountability)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("nature"), max_length=16, choices=ProposalKind.choices, default=ProposalKind.PROPOSAL)
    title = models.CharField(_("titre"), max_length=255)
    text = models.TextField(_("texte"), blank=True)
    carriers = models.ManyToManyField(
        "directory.Actor", verbose_name=_("portée par"), blank=True, related_name="carried_proposals"
    )
    owner = models.ForeignKey(
        "directory.Actor",
        verbose_name=_("responsable"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_proposals",
    )
    status = models.CharField(_("état"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["workshop__theme__number", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="events_proposal_progress_percent"),
            models.CheckConstraint(condition=in_choices("status", ProposalStatus), name="events_proposal_status_valid"),
            models.CheckConstraint(condition=in_choices("kind", ProposalKind), name="events_proposal_kind_valid"),
        ]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    title = models.CharField(_("étape"), max_length=255)
    done = models.BooleanField(_("franchie"), default=False)

    class Meta:
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date} {self.title}"
