"""`manage.py export_network`: the filtered network as GEXF, GraphML or CSV, from the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.directory.models import ActorTypeCode
from maillage.network import exports
from maillage.network.filtering import NetworkFilters
from maillage.network.graph import build_network
from maillage.network.models import RelationKind
from maillage.territories.models import Department, Region


def resolve_territory(value):
    """{"departement": code} or {"region": code} for a --territory value; ambiguity is an error."""

    prefix, _sep, code = value.rpartition(":")
    code = code.strip().upper()
    prefix = prefix.strip().lower()
    if prefix in {"region", "région", "reg"}:
        candidates = {"region": code} if Region.objects.filter(code=code).exists() else {}
    elif prefix in {"departement", "département", "dep"}:
        candidates = {"departement": code} if Department.objects.filter(code=code).exists() else {}
    elif prefix:
        raise CommandError(f"Préfixe de territoire inconnu : {prefix} (region: ou departement:).")
    else:
        is_department = Department.objects.filter(code=code).exists()
        is_region = Region.objects.filter(code=code).exists()
        if is_department and is_region:
            raise CommandError(
                f"Le code {code} désigne un département et une région : précisez departement:{code} ou region:{code}."
            )
        candidates = {"departement": code} if is_department else ({"region": code} if is_region else {})
    if not candidates:
        raise CommandError(f"Territoire inconnu : {value} (code INSEE de département ou de région attendu).")
    return candidates


class Command(BaseCommand):
    help = (
        "Exporte le réseau filtré (GEXF 1.3, GraphML ou CSV). En CSV, écrit deux fichiers : "
        "CHEMIN-nodes.csv et CHEMIN-edges.csv (convention d'import de Gephi)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["gexf", "graphml", "csv"], required=True)
        parser.add_argument("--output", required=True, help="Fichier de sortie (préfixe des deux fichiers en CSV).")
        parser.add_argument(
            "--territory",
            help=(
                "Code INSEE d'un département (ex. 63) ou d'une région (ex. 84). Quand un code désigne les deux "
                "(84 : Vaucluse et Auvergne-Rhône-Alpes), préciser departement:84 ou region:84."
            ),
        )
        parser.add_argument("--region", help="Code INSEE de région (ex. 84).")
        parser.add_argument("--departement", help="Code INSEE de département (ex. 63).")
        parser.add_argument("--commune", help="Code INSEE de commune (ex. 63113).")
        parser.add_argument("--type", action="append", choices=ActorTypeCode.values, help="Type d'acteur (répétable).")
        parser.add_argument("--q", help="Recherche textuelle sur les acteurs.")
        parser.add_argument("--relation", action="append", choices=RelationKind.values, help="Type de relation.")
        parser.add_argument("--debut", type=int, help="Relations actives depuis cette année.")
        parser.add_argument("--fin", type=int, help="Relations actives jusqu'à cette année.")
        parser.add_argument("--disparus", action="store_true", help="Inclure les acteurs disparus.")

    def handle(self, *args, **options):
        params = {}
        territory = (options.get("territory") or "").strip()
        if territory:
            params.update(resolve_territory(territory))
        for key in ("region", "departement", "commune", "q"):
            if options.get(key):
                params[key] = options[key]
        if options.get("type"):
            params["type"] = options["type"]
        if options.get("relation"):
            params["relation"] = options["relation"]
        for key in ("debut", "fin"):
            if options.get(key) is not None:
                params[key] = str(options[key])
        if options.get("disparus"):
            params["disparus"] = "1"

        network = build_network(NetworkFilters.from_query(params), layout=True)
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        fmt = options["format"]
        if fmt == "gexf":
            output.write_bytes(exports.to_gexf(network))
            written = [output]
        elif fmt == "graphml":
            output.write_bytes(exports.to_graphml(network))
            written = [output]
        else:
            nodes_csv, edges_csv = exports.to_csv(network)
            stem = str(output.with_suffix("")) if output.suffix == ".csv" else str(output)
            written = [Path(f"{stem}-nodes.csv"), Path(f"{stem}-edges.csv")]
            written[0].write_text(nodes_csv, encoding="utf-8")
            written[1].write_text(edges_csv, encoding="utf-8")
        self.stdout.write(
            f"{len(network.nodes)} acteurs, {len(network.edges)} relations ({network.territory}) → "
            + ", ".join(str(p) for p in written)
        )
