"""Public forms: every limit and refusal is explained in French."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.core.validators import URLValidator
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from maillage.core.tasks import queue_mail
from maillage.core.text import normalize
from maillage.directory import fields as actor_fields
from maillage.directory.models import Actor, ActorType, LegalStatus, Lifecycle, Scope, Tag
from maillage.directory.siret import compact_siret, validate_siret
from maillage.directory.widgets import ActorPicker
from maillage.network.models import MotivationCode, Relation, RelationKind
from maillage.territories.models import Commune

from .models import ReportReason

TEXT_MAX = 5000
MESSAGE_MAX = 2000
# The model's year range (directory.models.YEAR_MIN..YEAR_MAX), not a copy of it.
YEAR_VALIDATORS = actor_fields.year_validators()
label = actor_fields.label


class ContributorFields(forms.Form):
    """E-mail (for visitors), message to the moderators and a honeypot field."""

    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        max_length=254,
        required=False,
        help_text=_("Nous vous enverrons un lien pour confirmer votre proposition. Elle n'est jamais publiée."),
    )
    message = forms.CharField(
        label=_("Message à l'équipe de modération (facultatif)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("D'où tenez-vous ces informations ? 2 000 caractères au plus."),
    )
    # Humans never see it (moved off-screen); bots fill every field.
    contact_url = forms.CharField(label=_("Laissez ce champ vide"), required=False, max_length=200)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["contact_url"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if user is not None and user.is_authenticated:
            del self.fields["email"]
        else:
            self.fields["email"].required = True

    @property
    def honeypot_filled(self):
        return bool(self.data.get(self.add_prefix("contact_url")))


class CommuneField(forms.Field):
    """A commune by its INSEE code or its exact name (accents and case ignored)."""

    widget = forms.TextInput

    def to_python(self, value):
        value = str(value or "").strip()
        if len(value) > 100:
            raise forms.ValidationError(_("100 caractères au plus."))
        if not value:
            return None
        if value.isdigit() or (len(value) == 5 and value[:2] in ("2A", "2B")):
            commune = Commune.objects.select_related("department").filter(code=value.upper()).first()
            if commune is None:
                raise forms.ValidationError(_("Aucune commune n'a le code INSEE « %(code)s ».") % {"code": value})
            return commune
        matches = list(Commune.objects.select_related("department").filter(search_name=normalize(value))[:6])
        if not matches:
            raise forms.ValidationError(
                _("Commune introuvable : vérifiez l'orthographe ou indiquez son code INSEE (5 caractères).")
            )
        if len(matches) > 1:
            listed = ", ".join(f"{c.name} ({c.department.code}) : {c.code}" for c in matches)
            raise forms.ValidationError(
                _("Plusieurs communes portent ce nom ; indiquez le code INSEE : %(list)s") % {"list": listed}
            )
        return matches[0]


class ActorProposalForm(ContributorFields):
    """A new actor, or a change to an existing one (prefilled with its current values)."""

    name = forms.CharField(label=label("name"), max_length=255)
    primary_type = forms.ModelChoiceField(
        label=label("primary_type"), queryset=ActorType.objects.all(), to_field_name="code", empty_label=None
    )
    secondary_types = forms.ModelMultipleChoiceField(
        label=label("secondary_types"),
        queryset=ActorType.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    legal_status = forms.ChoiceField(label=label("legal_status"), choices=LegalStatus.choices)
    siret = forms.CharField(
        label=label("siret"),
        max_length=30,
        required=False,
        validators=[validate_siret],
        help_text=_("14 chiffres, espaces permis (ex. : 356 000 000 00048). Laissez vide s'il est inconnu."),
    )
    scope = forms.ChoiceField(label=label("scope"), choices=Scope.choices)
    lifecycle = forms.ChoiceField(label=label("lifecycle"), choices=Lifecycle.choices, initial=Lifecycle.ACTIVE)
    founded_year = forms.IntegerField(label=label("founded_year"), required=False, validators=YEAR_VALIDATORS)
    ended_year = forms.IntegerField(label=label("ended_year"), required=False, validators=YEAR_VALIDATORS)
    commune = CommuneField(
        label=label("commune"), required=False, help_text=_("Nom exact ou code INSEE (ex. : 63113).")
    )
    address = forms.CharField(label=label("address"), max_length=255, required=False)
    website = forms.URLField(
        label=label("website"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": _("Adresse web invalide : elle doit commencer par http:// ou https://.")},
    )
    attachment = forms.CharField(label=label("attachment"), max_length=255, required=False)
    missions = forms.CharField(
        label=label("missions"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description = forms.CharField(
        label=label("description"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Texte simple ou Markdown ; le HTML n'est pas interprété. 5 000 caractères au plus."),
    )
    tags = forms.ModelMultipleChoiceField(
        label=label("tags"),
        queryset=Tag.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # The fiche's order (directory.fields.FIELDS), then the contributor's own fields.
    field_order = [*actor_fields.ACTOR_FIELDS, "email", "message", "contact_url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not Tag.objects.exists():
            del self.fields["tags"]

    def clean_name(self):
        """A name is one line: inner newlines and runs of spaces are folded."""
        return " ".join(self.cleaned_data["name"].split())

    def clean_siret(self):
        """Stored as its 14 digits, without the spaces people type between groups."""
        return compact_siret(self.cleaned_data["siret"])

    def clean(self):
        data = super().clean()
        founded, ended = data.get("founded_year"), data.get("ended_year")
        if founded and ended and ended < founded:
            self.add_error("ended_year", _("L'année de fin précède l'année de création."))
        return data

    def values(self):
        """The cleaned data as snapshot values (codes and slugs) of the fields this form edits.

        Each field converts as its declaration says (directory.fields); browsers send CRLF line endings.
        """
        data = {k: v.replace("\r\n", "\n") if isinstance(v, str) else v for k, v in self.cleaned_data.items()}
        out = {}
        for field in actor_fields.FIELDS:
            if field.name not in self.base_fields:
                continue
            value = data.get(field.name)
            if field.kind == "type":
                value = value.code
            elif field.kind == "types":
                value = sorted(t.code for t in value or [])
            elif field.kind == "tags":
                value = sorted(t.slug for t in value or [])
            elif field.kind == "commune":
                value = value.code if value else None
            elif isinstance(value, str) and field.name == "name":
                value = value.strip()
            out[field.name] = value
        return out

    @staticmethod
    def initial_from(snapshot):
        initial = {k: v for k, v in snapshot.items() if v is not None}
        initial["commune"] = snapshot.get("commune") or ""
        return initial


class NewActorForm(ActorProposalForm):
    confirm_not_duplicate = forms.BooleanField(
        label=_("J'ai vérifié : il ne s'agit pas d'un acteur déjà présent."), required=False
    )


class ReportForm(ContributorFields):
    reason = forms.ChoiceField(label=_("Motif"), choices=ReportReason.choices, widget=forms.RadioSelect)
    field_order = ["reason", "message", "email", "contact_url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].required = True
        self.fields["message"].label = _("Précisez (obligatoire)")
        self.fields["message"].help_text = _("Ce qui est erroné, ou la fiche en double. 2 000 caractères au plus.")


class ClaimForm(ContributorFields):
    claim_email = forms.EmailField(
        label=_("Adresse électronique professionnelle"),
        max_length=254,
        help_text=_("Un lien de confirmation y sera envoyé. Une adresse du domaine du site web de l'acteur aide."),
    )
    field_order = ["claim_email", "message", "contact_url"]


class RelationProposalForm(ContributorFields):
    DIRECTION_CHOICES = [("out", _("Cette fiche → l'autre acteur")), ("in", _("L'autre acteur → cette fiche"))]

    other = forms.ModelChoiceField(
        label=_("Autre acteur"), queryset=Actor.objects.all(), to_field_name="slug", widget=ActorPicker
    )
    kind = forms.ChoiceField(label=_("Type de relation"))
    direction = forms.ChoiceField(
        label=_("Sens (prestation, appartenance, financement)"),
        choices=DIRECTION_CHOICES,
        initial="out",
        widget=forms.RadioSelect,
    )
    motivations = forms.MultipleChoiceField(label=_("Motivations"), required=False, widget=forms.CheckboxSelectMultiple)
    start_year = forms.IntegerField(label=_("Année de début"), required=False, validators=YEAR_VALIDATORS)
    end_year = forms.IntegerField(label=_("Année de fin"), required=False, validators=YEAR_VALIDATORS)
    description = forms.CharField(
        label=_("Description"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["other", "kind", "direction", "motivations", "start_year", "end_year", "description"]

    def __init__(self, *args, actor=None, **kwargs):

        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["kind"].choices = RelationKind.choices
        self.fields["motivations"].choices = MotivationCode.choices
        if actor is not None:
            self.fields["other"].queryset = Actor.objects.exclude(pk=actor.pk)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("L'année de fin précède l'année de début."))
        return data

    def values(self):
        data = self.cleaned_data
        source, target = self.actor, data["other"]
        if data.get("direction") == "in":
            source, target = target, source
        return {
            "source": source.slug,
            "target": target.slug,
            "kind": data["kind"],
            "motivations": sorted(data["motivations"]),
            "start_year": data.get("start_year"),
            "end_year": data.get("end_year"),
            "description": data["description"],
        }


class EndRelationForm(ContributorFields):
    relation = forms.ModelChoiceField(label=_("Relation"), queryset=None, empty_label=None)
    end_year = forms.IntegerField(label=_("Année de fin"), validators=YEAR_VALIDATORS)
    field_order = ["relation", "end_year"]

    def __init__(self, *args, actor=None, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["relation"].queryset = Relation.objects.filter(
            Q(source=actor) | Q(target=actor), end_year__isnull=True
        ).select_related("source", "target")

    def clean(self):
        data = super().clean()
        relation, end = data.get("relation"), data.get("end_year")
        if relation and end and relation.start_year and end < relation.start_year:
            self.add_error("end_year", _("L'année de fin précède l'année de début de la relation."))
        return data


class DecisionForm(forms.Form):
    ACTIONS = [
        ("accept", _("Accepter")),
        ("request_changes", _("Demander des modifications")),
        ("reject", _("Refuser")),
    ]
    action = forms.ChoiceField(label=_("Décision"), choices=ACTIONS, widget=forms.RadioSelect)
    decision_message = forms.CharField(
        label=_("Message au contributeur"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour un refus ou une demande de modifications."),
    )
    seen_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, conflicts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict_fields = []
        for row in conflicts:
            name = f"choice_{row['field']}"
            self.fields[name] = forms.ChoiceField(
                label=row["label"],
                choices=[("current", _("Garder la valeur actuelle")), ("proposed", _("Prendre la valeur proposée"))],
                widget=forms.RadioSelect,
                required=False,
            )
            self.conflict_fields.append((row, self[name]))

    def clean(self):
        data = super().clean()
        if data.get("action") in ("reject", "request_changes") and not data.get("decision_message", "").strip():
            self.add_error("decision_message", _("Expliquez votre décision au contributeur."))
        return data

    def choices(self):
        return {
            name.removeprefix("choice_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("choice_") and value
        }


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique"), max_length=254)
    username = forms.RegexField(
        label=_("Nom affiché"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Visible dans l'historique des fiches. Lettres, chiffres et . @ + - _ uniquement."),
        error_messages={"invalid": _("Seuls les lettres, chiffres et les caractères . @ + - _ sont permis.")},
    )
    password1 = forms.CharField(label=_("Mot de passe"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Mot de passe (confirmation)"), widget=forms.PasswordInput, strip=False)

    def clean_username(self):

        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Ce nom est déjà pris."))
        return username

    # Humans never see it (moved off-screen); bots fill every field.
    contact_url = forms.CharField(label=_("Laissez ce champ vide"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_url"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def honeypot_filled(self):
        return bool(self.data.get(self.add_prefix("contact_url")))

    def clean_email(self):
        # Whether an account already uses the address is never said here (see accounts.start_signup).
        return self.cleaned_data["email"].strip().lower()

    def clean(self):

        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Les deux mots de passe diffèrent."))
        elif p1:
            try:
                validate_password(p1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset form, sending through the one mail path (queued, with the personal-data link)."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = " ".join(render_to_string(subject_template_name, context).split())
        queue_mail(subject, render_to_string(email_template_name, context), [to_email])
