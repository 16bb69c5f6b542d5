"""Territories side by side: the same diagnostic for 2 to 4 départements.

The default is the report's four poles (section 3.2): Lyon, Grenoble, Clermont-Ferrand and
Saint-Étienne, read as their départements — Rhône (69), Isère (38), Puy-de-Dôme (63) and
Loire (42) — since actors are located by commune and the report describes each pole with
its surrounding territory ("Clermont-Ferrand et ses territoires proches").
"""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.network.models import RelationKind
from maillage.territories.models import Department

from .charts import bar_chart
from .formatting import number, percent
from .graphs import Question
from .models import Grouping
from .services import get_or_start_run

DEFAULT_TERRITORIES = ["69", "38", "63", "42"]
POLES = {"69": "Lyon", "38": "Grenoble", "63": "Clermont-Ferrand", "42": "Saint-Étienne"}  # untranslated: place names
MIN_TERRITORIES, MAX_TERRITORIES = 2, 4


def parse_territories(params):
    """Département codes from `territoire` (repeatable); unknown ones are reported, not fatal."""
    raw = [c.strip()[:3] for c in params.getlist("territoire") if c.strip()] if hasattr(params, "getlist") else []
    raw = list(dict.fromkeys(raw))
    if not raw:
        return list(DEFAULT_TERRITORIES), []
    known = set(Department.objects.filter(code__in=raw).values_list("code", flat=True))
    errors = [_("Département inconnu : « %(code)s ».") % {"code": c} for c in raw if c not in known]
    codes = [c for c in raw if c in known][:MAX_TERRITORIES]
    if len(raw) > MAX_TERRITORIES:
        errors.append(_("Au plus %(n)s territoires côte à côte : les premiers sont gardés.") % {"n": MAX_TERRITORIES})
    if len(codes) < MIN_TERRITORIES:
        errors.append(_("Choisissez au moins deux départements ; voici les quatre pôles du rapport."))
        codes = list(DEFAULT_TERRITORIES)
    return codes, errors


def _indicators(run):
    result = run.result or {}
    nodes = result.get("nodes", [])
    counts = result.get("kind_counts", {})
    total = sum(counts.values())
    pivots = sorted((n for n in nodes if n.get("betweenness")), key=lambda n: (-n["betweenness"], n["slug"]))
    ei = result.get("ei", {}) or {}
    cut = sorted((n for n in nodes if n.get("articulation_point")), key=lambda n: -(n.get("share_lost") or 0))
    return {
        "actors": len(nodes),
        "relations": total,
        "per_actor": total / len(nodes) if nodes else 0,
        "information": percent(counts.get(RelationKind.INFORMATION, 0) / total) if total else "–",
        "collaboration": percent(counts.get(RelationKind.COLLABORATION, 0) / total) if total else "–",
        "pivot": pivots[0]["label"] if pivots else "–",
        "ei": number(ei.get("global"), 2, signed=True),
        "communities": (result.get("communities") or {}).get("count", 0),
        "isolated": sum(1 for n in nodes if not n.get("degree")),
        "cut_points": len(cut),
        "main_dependency": f"{cut[0]['label']} ({percent(cut[0].get('share_lost') or 0)})" if cut else "–",
        "disappeared": len(result.get("disappeared", [])),
    }


ROWS = [
    ("actors", gettext_lazy("Acteurs")),
    ("relations", gettext_lazy("Relations entre acteurs du territoire")),
    ("per_actor_text", gettext_lazy("Relations par acteur")),
    ("information", gettext_lazy("Part du partage d'informations")),
    ("collaboration", gettext_lazy("Part des collaborations")),
    ("pivot", gettext_lazy("Principal pivot")),
    ("ei", gettext_lazy("Indice E-I global")),
    ("communities", gettext_lazy("Communautés")),
    ("isolated", gettext_lazy("Acteurs isolés")),
    ("cut_points", gettext_lazy("Points de passage obligés")),
    ("main_dependency", gettext_lazy("Dépendance principale (part perdue)")),
    ("disappeared", gettext_lazy("Acteurs disparus")),
]


def compare_territories(codes, filters, grouping=Grouping.FAMILY):
    """The same diagnostic for each département: `filters` (NetworkFilters) with its territory replaced."""
    names = dict(Department.objects.filter(code__in=codes).values_list("code", "name"))
    columns = []
    for code in codes:
        territory = filters.replace(regions=(), departments=(code,), communes=())
        question = Question(territory, grouping)
        run = get_or_start_run(question)
        indicators = _indicators(run) if run.is_done else None
        if indicators:
            indicators["per_actor_text"] = number(indicators["per_actor"], 1)
        label = names.get(code, code)
        if code in POLES:
            label = f"{POLES[code]} ({label}, {code})"
        columns.append(
            {"code": code, "label": label, "run": run, "indicators": indicators, "query": question.page_query_string}
        )
    rows = [
        {"label": label, "values": [c["indicators"][key] if c["indicators"] else "…" for c in columns]}
        for key, label in ROWS
    ]
    chart = mark_safe(  # noqa: S308 - the chart escapes its text
        bar_chart(
            [(c["label"], c["indicators"]["per_actor"] if c["indicators"] else 0) for c in columns],
            title=_("Relations par acteur, par territoire"),
            element_id="chart-compare-density",
            decimals=1,
        )
    )
    return {"columns": columns, "rows": rows, "chart": chart}
