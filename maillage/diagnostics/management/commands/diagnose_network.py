"""Diagnose a network from its CSV export, with no database (the diagnostic pages share the measures)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from maillage.diagnostics.files import NetworkFileError, metrics_csv, read_network, summary_json
from maillage.diagnostics.measures import DEFAULT_PERMUTATIONS, DEFAULT_PIVOTS, diagnose


def _write(path, text):
    try:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise CommandError(_("Impossible d'écrire %(path)s : %(err)s") % {"path": path, "err": exc.strerror}) from exc


class Command(BaseCommand):
    help = "Calcule les mesures du réseau (centralités, rôles de courtage, indice E-I, communautés) à partir de CSV."

    def add_arguments(self, parser):
        parser.add_argument("--nodes", required=True, help="CSV Id,Label,ActorType")
        parser.add_argument("--edges", required=True, help="CSV Source,Target,Type,Kind")
        parser.add_argument("--output", required=True, help="CSV des mesures par acteur")
        parser.add_argument("--summary", help="JSON des mesures du réseau (E-I, modularité, communautés)")
        parser.add_argument("--group-column", default="ActorType", help="colonne des groupes (défaut ActorType)")
        parser.add_argument(
            "--kind", action="append", dest="kinds", help="ne garder que ce type de relation (répétable)"
        )
        parser.add_argument("--approximate", action="store_true", help="intermédiarité estimée (grands réseaux)")
        parser.add_argument("--pivots", type=int, default=DEFAULT_PIVOTS)
        parser.add_argument("--permutations", type=int, default=DEFAULT_PERMUTATIONS)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        try:
            network = read_network(options["nodes"], options["edges"], options["group_column"])
        except NetworkFileError as exc:
            raise CommandError(str(exc)) from exc
        if options["pivots"] < 1 or options["permutations"] < 0:
            raise CommandError(_("--pivots doit être positif et --permutations positif ou nul."))
        result = diagnose(
            network,
            kinds=options["kinds"],
            approximate=options["approximate"],
            pivots=options["pivots"],
            seed=options["seed"],
            permutations=options["permutations"],
        )
        _write(options["output"], metrics_csv(result, options["group_column"]))
        if options["summary"]:
            _write(options["summary"], summary_json(result))
        ei = result.ei.ei
        self.stdout.write(
            _("%(nodes)d acteurs, %(arcs)d arcs ; %(communities)d communautés (modularité %(q).3f) ; E-I %(ei)s.")
            % {
                "nodes": len(result.nodes),
                "arcs": result.views["directed"]["arcs"],
                "communities": result.communities.count,
                "q": result.communities.modularity,
                "ei": "—" if ei is None else f"{ei:+.3f}",
            }
        )
