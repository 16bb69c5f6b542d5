"""The public form to propose an initiative or a change to one (through contributions).

Lists (actors and roles, dated phases, indicators, links, sources) are typed one per line,
parts separated by « ; », so the form works without JavaScript and reads back exactly what
the snapshot holds (`initial_from`). Every refusal is a French message naming the line.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.contributions.forms import ContributorFields
from maillage.directory.models import Actor, Tag
from maillage.territories.models import Commune, Department, Region

from . import fields
from .models import YEAR_VALIDATORS, InnovationType, LinkKind, OpsiFacet, Phase, Role, TargetPublic

TEXT_MAX = 5000


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
    actors = forms.CharField(
        label=_("Acteurs et rôles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Une ligne par acteur de l'annuaire : « identifiant de la fiche ; rôle ; précision ». Rôles : porteur, "
            "partenaire, financeur, accompagnateur, bénéficiaire."
        ),
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

    field_order = [
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
        "actors",
        "indicators",
        "links",
        "sources",
        "website",
        "email",
        "message",
        "contact_url",
    ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", gettext("L'année de fin ne peut pas précéder l'année de début."))
        return data

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

    def clean_actors(self):
        rows = []
        for line in _lines(self.cleaned_data["actors"]):
            slug, role_text, note = _parts(line, 3)
            role = _choice_by_code_or_label(role_text, Role)
            if not Actor.objects.filter(slug=slug).exists():
                raise forms.ValidationError(
                    gettext("« %(slug)s » : aucune fiche de l'annuaire n'a cet identifiant.") % {"slug": slug}
                )
            if role is None:
                raise forms.ValidationError(gettext("« %(line)s » : rôle inconnu.") % {"line": line})
            rows.append({"actor": slug, "role": role, "note": note})
        return rows

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
                "actors": join(snapshot.get("actors", []), ("actor", "role", "note")),
                "phases": join(snapshot.get("phases", []), ("year", "phase", "note")),
                "indicators": join(snapshot.get("indicators", []), ("name", "unit", "value", "period", "method")),
                "links": join(snapshot.get("links", []), ("target", "kind", "year", "evidence")),
                "sources": join(snapshot.get("sources", []), ("reference", "section", "quote", "url")),
            }
        )
        return initial
