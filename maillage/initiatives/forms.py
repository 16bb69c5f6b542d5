"""The public form to propose an initiative or a change to one (through contributions).

Actors are picked row by row from the directory with the `ActorPicker` (type part of a name;
a plain <select> without JavaScript), each with its role: the form offers the initiative's
actors plus a few empty rows. The other lists (dated phases, indicators, links, sources) are
typed one per line, parts separated by « ; ». The form works without JavaScript and reads back
exactly what the snapshot holds (`initial_from`). Every refusal is a French message naming
the row or the line.
"""

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.contributions.forms import ContributorFields
from maillage.directory.models import Actor, Tag
from maillage.directory.widgets import ActorPicker
from maillage.territories.models import Commune, Department, Region

from . import fields
from .models import YEAR_VALIDATORS, InnovationType, LinkKind, OpsiFacet, Phase, Role, TargetPublic

TEXT_MAX = 5000
EMPTY_ACTOR_ROWS = 3  # offered after the initiative's own actors
MAX_ACTOR_ROWS = 60  # rows read from a posted form at most (a hostile form cannot ask for thousands)
ACTOR_ROW = re.compile(r"actor_(\d{1,3})")


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _parts(line, count):
    parts = [p.strip() for p in line.split(";")]
    return (
        (parts + [""] * count)[:count] if len(parts) <= count else [*parts[: count - 1], ";".join(parts[count - 1 :])]
    )


def _choice_by_code_or_label(value, choices):
    folded = value.strip().lower()
    for code, name in choices.choices:
        if folded in (code, str(name).lower()):
            return code
    return None


class InitiativeForm(ContributorFields):
    title = forms.CharField(label=_("Titre"), max_length=255)
    summary = forms.CharField(label=_("Résumé"), max_length=500, required=False)
    description = forms.CharField(
        label=_("Description"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    types = forms.MultipleChoiceField(
        label=_("Types d'innovation (typologie du rapport TIPs, section 2.1)"),
        choices=InnovationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opsi_facet = forms.ChoiceField(
        label=_("Facette OPSI (facultatif)"), choices=[("", _("Non renseignée")), *OpsiFacet.choices], required=False
    )
    start_year = forms.IntegerField(label=_("Année de début"), required=False, validators=YEAR_VALIDATORS)
    end_year = forms.IntegerField(label=_("Année de fin"), required=False, validators=YEAR_VALIDATORS)
    phases = forms.CharField(
        label=_("Historique des phases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Une ligne par phase : « année ; phase ; précision ». Phases : investigation, construction, "
            "accélération, consolidation, transférée, abandonnée."
        ),
    )
    territories = forms.CharField(
        label=_("Territoires (codes INSEE)"),
        required=False,
        max_length=1000,
        help_text=_("Codes séparés par des virgules : commune (63113), département (63) ou région (84)."),
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Méthodes et thèmes"),
        queryset=Tag.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    publics = forms.MultipleChoiceField(
        label=_("Publics cibles"), choices=TargetPublic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    indicators = forms.CharField(
        label=_("Indicateurs d'impact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Une ligne par indicateur : « nom ; unité ; valeur ; période ; mode de mesure »."),
    )
    links = forms.CharField(
        label=_("Liens avec d'autres initiatives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Une ligne par lien : « identifiant de l'initiative ; nature ; année ; preuve ». Natures : essaimée vers, "
            "inspirée de, réutilise, utilisée par."
        ),
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Une ligne par source : « document ; section ; citation ; adresse »."),
    )
    website = forms.URLField(label=_("Site web"), required=False, max_length=500, assume_scheme="https")

    field_order = [  # the actor rows go after "publics" (see __init__)
        "title",
        "summary",
        "description",
        "types",
        "opsi_facet",
        "start_year",
        "end_year",
        "phases",
        "territories",
        "tags",
        "publics",
        "indicators",
        "links",
        "sources",
        "website",
        "email",
        "message",
        "contact_url",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor_rows = actor_row_count(self.data if self.is_bound else {}, self.initial)
        rows = {}
        for index in range(self.actor_rows):
            number = index + 1
            rows[f"actor_{index}"] = forms.ModelChoiceField(
                label=gettext("Acteur %(n)d") % {"n": number},
                queryset=Actor.objects.order_by("name"),
                to_field_name="slug",
                required=False,
                widget=ActorPicker,
                help_text=_(
                    "Un acteur de l'annuaire par ligne, avec son rôle ; laissez vides les lignes inutiles. "
                    "Il en manque ? Envoyez, puis proposez une modification pour en ajouter."
                )
                if index == 0
                else "",
            )
            rows[f"role_{index}"] = forms.ChoiceField(
                label=gettext("Rôle de l'acteur %(n)d") % {"n": number},
                choices=[("", "—"), *Role.choices],
                required=False,
            )
            rows[f"actor_note_{index}"] = forms.CharField(
                label=gettext("Précision (acteur %(n)d)") % {"n": number},
                max_length=500,
                required=False,
            )
        ordered = list(self.fields.items())
        at = [name for name, _field in ordered].index("publics") + 1
        self.fields = dict([*ordered[:at], *rows.items(), *ordered[at:]])

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", gettext("L'année de fin ne peut pas précéder l'année de début."))
        data["actors"] = self._actor_rows(data)
        return data

    def _actor_rows(self, data):
        """The rows with an actor, as snapshot rows; a row with half its values is refused by name."""
        rows, seen = [], set()
        for index in range(self.actor_rows):
            actor, role = data.get(f"actor_{index}"), data.get(f"role_{index}")
            note = data.get(f"actor_note_{index}") or ""
            if f"actor_{index}" in self.errors:
                continue
            if actor is None:
                if role or note:
                    self.add_error(f"actor_{index}", gettext("Choisissez l'acteur de ce rôle dans l'annuaire."))
                continue
            if not role:
                self.add_error(
                    f"role_{index}", gettext("Choisissez le rôle de « %(name)s ».") % {"name": actor.display_name}
                )
                continue
            if (actor.slug, role) in seen:
                self.add_error(
                    f"role_{index}",
                    gettext("« %(name)s » a déjà ce rôle plus haut.") % {"name": actor.display_name},
                )
                continue
            seen.add((actor.slug, role))
            rows.append({"actor": actor.slug, "role": role, "note": note})
        return rows

    def clean_territories(self):
        codes = [c.strip().upper() for c in self.cleaned_data["territories"].split(",") if c.strip()]
        found = {"communes": [], "departments": [], "regions": []}
        for code in codes:
            for name, model in (("communes", Commune), ("departments", Department), ("regions", Region)):
                if model.objects.filter(code=code).exists() and (name != "regions" or len(code) == 2):
                    if name == "departments" and len(code) == 5:
                        continue
                    found[name].append(code)
                    break
            else:
                raise forms.ValidationError(
                    gettext("Aucun territoire n'a le code INSEE « %(code)s ».") % {"code": code}
                )
        return found

    def clean_phases(self):
        rows = []
        for line in _lines(self.cleaned_data["phases"]):
            year, phase_text, note = _parts(line, 3)
            phase = _choice_by_code_or_label(phase_text, Phase)
            if not year.isdigit() or phase is None:
                raise forms.ValidationError(gettext("« %(line)s » : écrivez « année ; phase ».") % {"line": line})
            rows.append({"phase": phase, "year": int(year), "note": note})
        return rows

    def clean_indicators(self):
        rows = []
        for line in _lines(self.cleaned_data["indicators"]):
            name, unit, value, period, method = _parts(line, 5)
            if not name:
                raise forms.ValidationError(gettext("« %(line)s » : un indicateur a un nom.") % {"line": line})
            rows.append({"name": name, "unit": unit, "value": value or None, "period": period, "method": method})
        return rows

    def clean_links(self):
        rows = []
        for line in _lines(self.cleaned_data["links"]):
            target, kind_text, year, evidence = _parts(line, 4)
            kind = _choice_by_code_or_label(kind_text, LinkKind)
            if kind is None or (year and not year.isdigit()):
                raise forms.ValidationError(
                    gettext("« %(line)s » : écrivez « identifiant ; nature ; année ; preuve ».") % {"line": line}
                )
            rows.append({"target": target, "kind": kind, "year": int(year) if year else None, "evidence": evidence})
        return rows

    def clean_sources(self):
        rows = []
        for line in _lines(self.cleaned_data["sources"]):
            reference, section, quote, url = _parts(line, 4)
            rows.append({"reference": reference, "section": section, "quote": quote, "url": url})
        return rows

    def values(self):
        """The snapshot values this form proposes."""
        data = self.cleaned_data
        values = {name: data.get(name) for name in ("title", "summary", "description", "opsi_facet", "website")}
        values.update(
            {
                "start_year": data.get("start_year"),
                "end_year": data.get("end_year"),
                "types": sorted(data.get("types") or []),
                "publics": sorted(data.get("publics") or []),
                "tags": sorted(tag.slug for tag in data.get("tags") or []),
                **(data.get("territories") or {"communes": [], "departments": [], "regions": []}),
            }
        )
        for name in ("actors", "phases", "indicators", "links", "sources"):
            values[name] = data.get(name) or []
        return values

    @staticmethod
    def initial_from(snapshot):
        """Form values showing a snapshot (lists back to their « ; » lines)."""

        def join(rows, keys):
            return "\n".join(" ; ".join("" if row.get(k) is None else str(row.get(k)) for k in keys) for row in rows)

        initial = {name: snapshot.get(name) for name in fields.SCALAR_FIELDS}
        initial.update(
            {
                "types": snapshot.get("types", []),
                "publics": snapshot.get("publics", []),
                "tags": snapshot.get("tags", []),
                "territories": ", ".join(
                    [*snapshot.get("communes", []), *snapshot.get("departments", []), *snapshot.get("regions", [])]
                ),
                "phases": join(snapshot.get("phases", []), ("year", "phase", "note")),
                "indicators": join(snapshot.get("indicators", []), ("name", "unit", "value", "period", "method")),
                "links": join(snapshot.get("links", []), ("target", "kind", "year", "evidence")),
                "sources": join(snapshot.get("sources", []), ("reference", "section", "quote", "url")),
            }
        )
        for index, row in enumerate(snapshot.get("actors", [])):
            initial.update({f"actor_{index}": row["actor"], f"role_{index}": row["role"]})
            initial[f"actor_note_{index}"] = row.get("note", "")
        return initial


def actor_row_count(data, initial):
    """How many actor rows the form offers: one per row posted or known, plus a few empty ones."""
    used = [int(m.group(1)) + 1 for key in [*data, *initial] if (m := ACTOR_ROW.fullmatch(key))]
    return min(max(used, default=0) + EMPTY_ACTOR_ROWS, MAX_ACTOR_ROWS)
