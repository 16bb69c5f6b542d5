"""The staff form of an import from another tool: the file, its source's name, the correspondences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.directory.importing import MAX_IMPORT_BYTES
from maillage.directory.models import ActorType
from maillage.territories.models import Department

from .formats import FORMATS
from .mapping import parse_mapping


class ExternalImportForm(forms.Form):
    format = forms.ChoiceField(label=_("Outil d'origine"), choices=list(FORMATS.items()), widget=forms.RadioSelect)
    fichier = forms.FileField(
        label=_("Fichier à importer"), help_text=_("JSON, CSV, XLSX ou zip selon l'outil ; 5 Mo au plus.")
    )
    source = forms.CharField(
        label=_("Nom de la source"),
        max_length=150,
        help_text=_(
            "La carte ou le projet d'origine (ex. : « Carte GoGoCarto TIPs »). Réimporter avec le même nom met à jour "
            "les mêmes fiches au lieu d'en créer de nouvelles."
        ),
    )
    correspondances = forms.CharField(
        label=_("Correspondances"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Une par ligne, « catégorie = cible » : un type d'acteur (« Cellule d'innovation », « 1 »…), "
            "« étiquette: nom », « ignorer », ou un type de relation (« collaboration », « financement »…)."
        ),
    )
    fichier_correspondances = forms.FileField(
        label=_("… ou fichier de correspondances"), required=False, help_text=_("Texte, CSV à deux colonnes ou JSON.")
    )
    taxonomie = forms.FileField(
        label=_("Taxonomie GoGoCarto (facultatif)"),
        required=False,
        help_text=_("Le fichier taxonomy.json de la carte, quand ses éléments donnent les catégories par numéro."),
    )
    type_par_defaut = forms.ModelChoiceField(
        label=_("Type par défaut"),
        queryset=ActorType.objects.order_by("position"),
        required=False,
        empty_label=_("aucun : un élément sans type est une erreur"),
        help_text=_("Pour les éléments dont aucune catégorie ne correspond à un type."),
    )
    departement = forms.CharField(
        label=_("Département (code)"),
        max_length=3,
        required=False,
        help_text=_("Lève les homonymies de communes (« Clermont ») ; sinon, le fichier le montre."),
    )

    def _bounded(self, name):
        upload = self.cleaned_data.get(name)
        if upload and upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("Le fichier dépasse %(mb)d Mo : découpez-le en plusieurs fichiers."),
                params={"mb": MAX_IMPORT_BYTES // 2**20},
            )
        return upload

    def clean_fichier(self):
        return self._bounded("fichier")

    def clean_taxonomie(self):
        return self._bounded("taxonomie")

    def clean_fichier_correspondances(self):
        return self._bounded("fichier_correspondances")

    def clean_departement(self):
        code = self.cleaned_data["departement"].strip().upper()
        if code and not Department.objects.filter(code=code).exists():
            raise forms.ValidationError(_("Département inconnu : « %(c)s »."), params={"c": code})
        return code

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("fichier_correspondances")
        text = upload.read().decode("utf-8", "replace") if upload else cleaned.get("correspondances", "")
        mapping, errors = parse_mapping(text)
        if errors:
            self.add_error("fichier_correspondances" if upload else "correspondances", errors)
        cleaned["mapping_text"] = text
        cleaned["mapping"] = mapping
        return cleaned
