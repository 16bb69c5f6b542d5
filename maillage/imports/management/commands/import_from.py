"""`manage.py import_from FORMAT FICHIER --source NOM`: import from GoGoCarto, Kumu or a Maillage network export."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.directory.importing import MAX_IMPORT_BYTES
from maillage.directory.models import ActorType
from maillage.imports.formats import FORMATS
from maillage.imports.services import import_file


def _read(path_text, what):
    path = Path(path_text)
    if not path.is_file():
        raise CommandError(f"{what} introuvable : {path}")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise CommandError(f"{what} dépasse {MAX_IMPORT_BYTES // 2**20} Mo : découpez-le en plusieurs fichiers.")
    return path.read_bytes()


class Command(BaseCommand):
    help = (
        "Importe une carte GoGoCarto (elements.json, export CSV), un projet Kumu (XLSX, CSV, blueprint JSON) ou "
        "l'export Réseau d'un autre Maillage. Tout ou rien ; --dry-run montre ce qui serait fait ligne par ligne "
        "sans rien enregistrer. Rejouable : les éléments sont reconnus par leur source et leur identifiant."
    )

    def add_arguments(self, parser):
        parser.add_argument("format", choices=sorted(FORMATS), help="Outil d'origine")
        parser.add_argument("file", help="Fichier à importer")
        parser.add_argument("--source", required=True, help="Nom de la carte ou du projet d'origine")
        parser.add_argument("--correspondances", help="Fichier de correspondances (catégorie = type…)")
        parser.add_argument("--taxonomie", help="taxonomy.json de la carte GoGoCarto")
        parser.add_argument("--type-par-defaut", dest="default_type", default="", help="Code du type par défaut")
        parser.add_argument("--departement", default="", help="Code du département qui lève les homonymies")
        parser.add_argument("--dry-run", action="store_true", help="Essai à blanc : n'enregistre rien.")

    def handle(self, *args, **options):
        data = _read(options["file"], "Fichier")
        mapping = (
            _read(options["correspondances"], "Fichier de correspondances").decode("utf-8", "replace")
            if options["correspondances"]
            else ""
        )
        taxonomy = _read(options["taxonomie"], "Taxonomie") if options["taxonomie"] else None
        if options["default_type"] and not ActorType.objects.filter(code=options["default_type"]).exists():
            codes = ", ".join(ActorType.objects.order_by("position").values_list("code", flat=True))
            raise CommandError(f"Type inconnu : {options['default_type']} (types : {codes}).")
        report = import_file(
            options["format"],
            data,
            Path(options["file"]).name,
            source=options["source"],
            mapping_text=mapping,
            taxonomy=taxonomy,
            default_type=options["default_type"],
            department=options["departement"].upper(),
            dry_run=options["dry_run"],
        )
        for line in report.lines():
            self.stdout.write(line)
        counts = report.counts
        summary = (
            f"{counts['created']} à créer, {counts['updated']} à modifier, {counts['unchanged']} inchangé(s), "
            f"{counts['skipped']} ignoré(s), {report.error_count} erreur(s)."
        )
        if report.has_errors:
            raise CommandError(f"Import annulé, rien n'a été enregistré. {summary}")
        if options["dry_run"]:
            self.stdout.write(f"Essai à blanc : {summary}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Import terminé : {summary}"))
