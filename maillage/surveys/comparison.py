"""Waves compared: the diagnostics' measures of wave N beside wave N−1.

A wave's network is the roster (every actor asked, grouped by its type) and the relations its
respondents stood behind (confirmed by both or declared by one side). Measured with the
diagnostics' own `diagnose`, so the figures are those of the diagnostic pages; the sentences
follow the report's register (section 3: kinds of relations, entre-soi, pivots).

The diagnostics app sits in the same layer as this one, so it is not imported: the measures
module is named by `settings.SURVEYS_MEASURES_MODULE` (as the fiche's panels are named by
`ACTOR_FICHE_PANELS`), and a system check (`surveys.E001`) refuses to start without it.
"""

from collections import Counter
from importlib import import_module

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.directory.models import ActorType
from maillage.directory.naming import display_name
from maillage.network.models import RelationKind, RelationStatus, is_directed

from .models import Outcome

POSITIVE = (RelationStatus.CONFIRMED, RelationStatus.DECLARED)
MEASURES_NAMES = ("Edge", "Network", "Node", "diagnose")


def measures():
    """The diagnostics' measures module (network dataclasses and `diagnose`), named by the settings."""
    return import_module(getattr(settings, "SURVEYS_MEASURES_MODULE", ""))


@checks.register()
def check_measures(app_configs=None, **kwargs):
    name = getattr(settings, "SURVEYS_MEASURES_MODULE", "")
    try:
        module = import_module(name)
    except (ImportError, ValueError):
        module = None
    if module is not None and all(hasattr(module, attr) for attr in MEASURES_NAMES):
        return []
    return [
        checks.Error(
            f"SURVEYS_MEASURES_MODULE ({name!r}) does not name a module with {', '.join(MEASURES_NAMES)}: "
            "waves could not be compared.",
            hint="Set it to 'maillage.diagnostics.measures' and install maillage.diagnostics.",
            id="surveys.E001",
        )
    ]


def wave_network(wave):
    m = measures()
    Node, Edge, Network = m.Node, m.Edge, m.Network  # noqa: N806 - the measures' classes
    rows = wave.invitations.values_list("actor_id", "actor__name", "actor__parent__name", "actor__primary_type_id")
    nodes = tuple(
        Node(id=str(pk), label=display_name(name, parent), group=type_code or "")
        for pk, name, parent, type_code in rows.order_by("actor_id")
    )
    ids = {node.id for node in nodes}
    edges = tuple(
        Edge(source=str(s), target=str(t), directed=is_directed(kind), kind=kind)
        for s, t, kind in Outcome.objects.filter(wave=wave, status__in=POSITIVE)
        .values_list("source_id", "target_id", "kind")
        .order_by("pk")
        if str(s) in ids and str(t) in ids
    )
    return Network(nodes=nodes, edges=edges)


def measure(wave):
    network = wave_network(wave)
    n = len(network.nodes)
    pairs = {frozenset((e.source, e.target)) for e in network.edges}
    result = {
        "wave": wave,
        "actors": n,
        "relations": len(network.edges),
        "kinds": Counter(e.kind for e in network.edges),
        "density": round(2 * len(pairs) / (n * (n - 1)), 4) if n > 1 else 0.0,
        "ei": None,
        "groups": {},
        "brokers": set(),
        "isolated": set(),
        "labels": {node.id: node.label for node in network.nodes},
    }
    if n == 0:
        return result
    diagnosis = measures().diagnose(network)
    result["ei"] = diagnosis.ei.ei
    result["groups"] = {name: group.ei for name, group in diagnosis.ei.groups.items()}
    result["brokers"] = {m.id for m in diagnosis.nodes if m.brokerage_total > 0}
    result["isolated"] = {m.id for m in diagnosis.nodes if m.degree == 0}
    return result


def _fmt(value):
    return "—" if value is None else f"{value:+.2f}".replace(".", ",")


def compare(wave, previous):
    """Both waves' measures and the sentences that read them."""
    now, before = measure(wave), measure(previous)
    type_labels = dict(ActorType.objects.values_list("code", "plural_label"))
    kinds = [
        {"label": kind.label, "before": before["kinds"].get(kind.value, 0), "now": now["kinds"].get(kind.value, 0)}
        for kind in RelationKind
    ]
    groups = [
        {
            "label": type_labels.get(code, code),
            "before": _fmt(before["groups"].get(code)),
            "now": _fmt(now["groups"].get(code)),
        }
        for code in sorted(set(now["groups"]) | set(before["groups"]))
    ]
    labels = {**before["labels"], **now["labels"]}
    gained = sorted(labels[i] for i in now["brokers"] - before["brokers"])
    lost = sorted(labels[i] for i in before["brokers"] - now["brokers"])
    newly_isolated = sorted(labels[i] for i in now["isolated"] - before["isolated"] if i in before["labels"])
    sentences = [
        _(
            "Entre la vague %(a)s et la vague %(b)s, les acteurs interrogés ont fait état de %(m1)s relations puis "
            "de %(m2)s ; la densité du réseau passe de %(d1)s à %(d2)s."
        )
        % {
            "a": previous.number,
            "b": wave.number,
            "m1": before["relations"],
            "m2": now["relations"],
            "d1": str(before["density"]).replace(".", ","),
            "d2": str(now["density"]).replace(".", ","),
        },
        _(
            "L'indice E-I (entre-soi quand il est négatif, ouverture aux autres types d'acteurs quand il est "
            "positif) passe de %(a)s à %(b)s."
        )
        % {"a": _fmt(before["ei"]), "b": _fmt(now["ei"])},
    ]
    if gained or lost:
        sentences.append(
            ngettext(
                "%(n)s acteur occupe désormais une position d'intermédiaire qu'il n'avait pas ;",
                "%(n)s acteurs occupent désormais une position d'intermédiaire qu'ils n'avaient pas ;",
                len(gained),
            )
            % {"n": len(gained)}
            + " "
            + ngettext("%(n)s l'a perdue.", "%(n)s l'ont perdue.", len(lost)) % {"n": len(lost)}
        )
    if newly_isolated:
        sentences.append(
            ngettext(
                "%(n)s acteur n'a plus aucune relation déclarée : il devient isolé.",
                "%(n)s acteurs n'ont plus aucune relation déclarée : ils deviennent isolés.",
                len(newly_isolated),
            )
            % {"n": len(newly_isolated)}
        )
    return {
        "now": now,
        "before": before,
        "kinds": kinds,
        "groups": groups,
        "brokers_gained": gained,
        "brokers_lost": lost,
        "newly_isolated": newly_isolated,
        "sentences": sentences,
    }
