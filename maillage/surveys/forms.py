"""Forms of the surveys app: creating a campaign, and reading the questionnaire's POST."""

import re

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.directory.filtering import ActorFilters
from maillage.directory.models import Actor
from maillage.network.models import RelationKind, is_directed

from .answers import AnswerError, AnswerInput
from .models import MAX_FREE_QUESTION_LENGTH, MAX_FREE_QUESTIONS, MAX_REMINDERS, Campaign, Direction, Verdict

MAX_FORM_ROWS = 200  # review rows plus new rows a page may carry


class CampaignForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Types de relation demandés"),
        choices=RelationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=RelationKind.values,
    )
    free_questions_text = forms.CharField(
        label=gettext_lazy("Questions libres (une par ligne, facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_on = forms.DateField(
        label=gettext_lazy("Ouverture de la vague 1"), widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Clôture de la vague 1"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "filter_query",
            "introduction",
            "kinds",
            "ask_direction",
            "ask_motivations",
            "ask_frequency",
            "ask_since",
            "apply_confirmed_directly",
            "reminder_interval_days",
            "max_reminders",
        ]

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_filter_query(self):
        raw = self.cleaned_data["filter_query"].strip().lstrip("?")
        filters = ActorFilters.from_query(QueryDict(raw))
        if filters.ignored:
            raise forms.ValidationError(filters.ignored_message())
        if filters.is_empty:
            raise forms.ValidationError(_("Choisissez un périmètre : par exemple departement=63."))
        from .permissions import can_manage_scope

        if not can_manage_scope(self.user, filters):
            raise forms.ValidationError(_("Ce périmètre sort de vos territoires de modération."))
        self.filters = filters
        return filters.urlencode()

    def clean_max_reminders(self):
        value = self.cleaned_data["max_reminders"]
        if value > MAX_REMINDERS:
            raise forms.ValidationError(_("Au plus %(n)s relances.") % {"n": MAX_REMINDERS})
        return value

    def clean_free_questions_text(self):
        lines = [line.strip() for line in self.cleaned_data["free_questions_text"].splitlines() if line.strip()]
        if len(lines) > MAX_FREE_QUESTIONS:
            raise forms.ValidationError(_("Au plus %(n)s questions libres.") % {"n": MAX_FREE_QUESTIONS})
        if any(len(line) > MAX_FREE_QUESTION_LENGTH for line in lines):
            raise forms.ValidationError(
                _("Une question compte au plus %(n)s caractères.") % {"n": MAX_FREE_QUESTION_LENGTH}
            )
        return lines

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("La clôture précède l'ouverture."))
        return data

    def save(self, commit=True):
        campaign = super().save(commit=False)
        campaign.kinds = list(self.cleaned_data["kinds"])
        campaign.free_questions = self.cleaned_data["free_questions_text"]
        campaign.created_by = self.user
        departments = self.filters.departments
        if len(departments) == 1:
            from maillage.territories.models import Department

            campaign.department = Department.objects.filter(code=departments[0]).first()
        if commit:
            campaign.save()
        return campaign


def _int(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 6 else None


def resolve_partner(text):
    """The directory actor a respondent named: its slug, name or display name « Nom (Parent) »."""
    text = " ".join((text or "").split())[:300]
    if not text:
        return None
    actor = Actor.objects.filter(slug=text).first()
    if actor:
        return actor
    matches = list(Actor.objects.filter(name__iexact=text)[:2])
    if len(matches) == 1:
        return matches[0]
    found = re.fullmatch(r"(.+) \((.+)\)", text)
    if found:
        matches = list(Actor.objects.filter(name__iexact=found[1], parent__name__iexact=found[2])[:2])
        if len(matches) == 1:
            return matches[0]
    return None


def parse_questionnaire(post, invitation):
    """(answers, removals, free answers) from the questionnaire's POST; raises AnswerError in French."""
    rows = [key[len("row-") :] for key in post if key.startswith("row-")]
    if len(rows) > MAX_FORM_ROWS:
        raise AnswerError(_("Trop de lignes dans le formulaire."))
    items, removals = [], []
    for row in rows:
        key = post.get(f"row-{row}", "")
        prefix = f"r{row}-"
        verdict = post.get(prefix + "verdict", "")
        common = {
            "motivations": post.getlist(prefix + "motivations")[:10],
            "frequency": post.get(prefix + "frequency", "")[:12],
            "since_year": _int(post.get(prefix + "since")),
            "until_year": _int(post.get(prefix + "until")),
            "comment": post.get(prefix + "comment", "")[:2000].strip(),
        }
        if key == "new":
            partner_text = post.get(prefix + "partner", "").strip()
            kind = post.get(prefix + "kind", "")
            if not partner_text:
                continue
            partner = resolve_partner(partner_text)
            proposing = partner is None and post.get(prefix + "new_actor") == "1"
            if partner is None and not proposing:
                raise AnswerError(
                    _(
                        "Partenaire introuvable : « %(name)s ». Choisissez-le dans les suggestions, "
                        "ou cochez « proposer comme nouvel acteur »."
                    )
                    % {"name": partner_text[:100]}
                )
            if kind not in RelationKind.values:
                name = partner.display_name if partner else partner_text[:100]
                raise AnswerError(_("Choisissez le type de la relation avec « %(name)s ».") % {"name": name})
            direction = post.get(prefix + "direction", "") if is_directed(kind) else ""
            if proposing:
                # Not in the directory: proposed as a new actor (see newactors), the answer kept with it.
                items.append(
                    AnswerInput(
                        partner_id=None,
                        new_actor_name=partner_text,
                        kind=kind,
                        direction=direction,
                        verdict=Verdict.DECLARE,
                        **common,
                    )
                )
                continue
            items.append(
                AnswerInput(partner_id=partner.pk, kind=kind, direction=direction, verdict=Verdict.DECLARE, **common)
            )
            continue
        parts = key.split("|")
        if len(parts) != 4 or not parts[0].isdigit():
            raise AnswerError(_("Le formulaire a été modifié : rechargez la page."))
        partner_id, kind, direction, relation = int(parts[0]), parts[1], parts[2], parts[3]
        if direction not in Direction.values:
            raise AnswerError(_("Le formulaire a été modifié : rechargez la page."))
        if verdict == "remove":
            removals.append((partner_id, kind, direction))
            continue
        if not verdict:
            continue  # not answered yet
        correcting = verdict == Verdict.CORRECT
        items.append(
            AnswerInput(
                partner_id=partner_id,
                kind=kind,
                direction=direction,
                verdict=verdict,
                relation_id=int(relation) if relation.isdigit() else None,
                # What the relation really is, when the respondent corrects its kind or direction.
                corrected_kind=post.get(prefix + "corrected_kind", "")[:16] if correcting else "",
                corrected_direction=post.get(prefix + "corrected_direction", "")[:3] if correcting else "",
                **common,
            )
        )
    free = {}
    for index in range(len(invitation.wave.campaign.free_questions or [])):
        free[str(index)] = post.get(f"free-{index}", "")
    return items, removals, free
