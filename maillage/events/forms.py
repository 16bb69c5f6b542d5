"""Forms of the events app (French labels, validation messages in French)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Milestone, Proposal, Room, TimeSlot, Workshop


def ordinal(n):
    return _("1er choix") if n == 1 else _("%(n)de choix") % {"n": n}


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Nom et prénom"), max_length=150)
    email = forms.EmailField(label=_("Courriel"), help_text=_("Pour recevoir le lien vers votre parcours."))
    organisation = forms.CharField(
        label=_("Organisation"), max_length=255, required=False, help_text=_("Reliée à l'annuaire si elle y figure.")
    )
    days = forms.ModelMultipleChoiceField(
        label=_("Journées de présence"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    accessibility_needs = forms.CharField(
        label=_("Besoins d'accessibilité"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Mobilité, audition, vue… L'organisation en tiendra compte pour vous placer. 1 000 caractères au plus."
        ),
    )
    # Humans never see it (moved off-screen); bots fill every field.
    contact_url = forms.CharField(label=_("Laissez ce champ vide"), required=False, max_length=200)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["days"].queryset = event.days.all()
        self.fields["contact_url"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.themes = list(event.themes.all())
        choices = [("", _("— aucun —"))] + [(str(t.pk), str(t)) for t in self.themes]
        for n in range(1, len(self.themes) + 1):
            self.fields[f"rank_{n}"] = forms.ChoiceField(
                label=ordinal(n), choices=choices, required=n <= event.min_choices
            )

    @property
    def rank_fields(self):
        return [self[f"rank_{n}"] for n in range(1, len(self.themes) + 1)]

    @property
    def honeypot_filled(self):
        return bool(self.data.get(self.add_prefix("contact_url")))

    def clean_name(self):
        # One line: the name goes into e-mails, badges and calendar files.
        return " ".join(self.cleaned_data["name"].split())

    def clean_organisation(self):
        return " ".join(self.cleaned_data["organisation"].split())

    def clean_email(self):
        # Whether the address is already registered is never said here (see services.register_and_send_link).
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        by_pk = {str(t.pk): t for t in self.themes}
        ranking, seen = [], set()
        gap = False
        for n in range(1, len(self.themes) + 1):
            value = data.get(f"rank_{n}")
            if not value:
                gap = True
                continue
            if gap:
                self.add_error(f"rank_{n}", _("Classez vos thèmes sans laisser de rang vide avant celui-ci."))
            if value in seen:
                self.add_error(f"rank_{n}", _("Ce thème est déjà classé plus haut."))
            seen.add(value)
            ranking.append(by_pk[value])
        if len(ranking) < self.event.min_choices:
            raise forms.ValidationError(_("Classez au moins %(n)d thèmes.") % {"n": self.event.min_choices})
        data["theme_ranking"] = ranking
        return data


class AllocationForm(forms.Form):
    minimise_worst_rank = forms.BooleanField(
        label=_("Protéger d'abord les personnes les moins bien servies"),
        required=False,
        help_text=_(
            "La répartition cherche d'abord à ce que personne ne reçoive un thème plus mal classé que nécessaire, "
            "puis le meilleur score d'ensemble (qui peut être un peu moins bon)."
        ),
    )


class OrganiserAddForm(forms.Form):
    """Add an existing account to an event's team, named by its username or e-mail address."""

    account = forms.CharField(
        label=_("Identifiant ou adresse électronique du compte"),
        max_length=254,
        help_text=_("La personne crée d'abord son compte sur le site (« Se connecter » puis « Créer un compte »)."),
    )

    def clean_account(self):
        from .organising import find_account

        user = find_account(self.cleaned_data["account"])
        if user is None:
            raise forms.ValidationError(
                _(
                    "Aucun compte actif ne porte cet identifiant ou cette adresse : "
                    "la personne doit d'abord créer son compte."
                )
            )
        return user


class PinForm(forms.Form):
    registration = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    workshop = forms.ModelChoiceField(label=_("Atelier imposé"), queryset=None)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = event.registrations.all()
        self.fields["workshop"].queryset = Workshop.objects.filter(session__event=event).select_related(
            "theme", "session"
        )


class WorkshopRoomForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["room"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(venue__event=self.instance.session.event)


class SlotTimeForm(forms.ModelForm):
    class Meta:
        model = TimeSlot
        fields = ["start", "end"]
        widgets = {"start": forms.TimeInput(attrs={"type": "time"}), "end": forms.TimeInput(attrs={"type": "time"})}


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["workshop", "kind", "title", "text", "carriers", "owner", "status", "progress"]
        widgets = {"carriers": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = Workshop.objects.filter(session__event=event).select_related(
            "theme", "session"
        )
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100})


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["date", "title", "done"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
