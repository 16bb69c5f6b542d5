"""The cards of a territory diagnostic, each a sentence in the report's register and its evidence.

A card is built from a run's stored result only (no database query), so a diagnostic served
from a kept run is fast and shows exactly what was computed then. Each card says what it
shows (sentence, figure and table), how it was computed (graph view, filter, baseline), its
caveats, and links to the page explaining its measure to non-specialists.
"""

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from maillage.directory.models import ActorTypeCode
from maillage.network.models import RelationKind

from .charts import bar_chart, matrix_chart
from .formatting import lower_first, number, p_value, percent
from .graphs import group_labels

REPORT_RELATIONS_QUOTE = gettext_lazy(
    "« Le type le plus fréquent de relations concerne l'inspiration et le partage d'informations. "
    "Au-delà des simples transactions que représentent les prestations de service, il y a un nombre "
    "réduit de collaborations ou de partenariats dans le domaine de l'innovation publique »"
)
REPORT_RELATIONS_SOURCE = gettext_lazy("Rapport TIPs, section 3.1.1")
TOP_PIVOTS = 10
ROLE_NAMES = {
    "coordinator": gettext_lazy("coordinateur"),
    "itinerant": gettext_lazy("consultant itinérant"),
    "representative": gettext_lazy("représentant"),
    "gatekeeper": gettext_lazy("gardien"),
    "liaison": gettext_lazy("passeur (liaison)"),
}


@dataclass
class Card:
    slug: str
    title: str
    sentence: str
    measure: str  # slug of the explanation page
    method: list = field(default_factory=list)
    caveats: list = field(default_factory=list)
    figure: str = ""
    table: dict | None = None  # {"caption", "headers", "rows"}
    quote: dict | None = None  # {"text", "source", "verdict"}
    items: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def view_label(view):
    kinds = dict(RelationKind.choices)
    if view.endswith(":all"):
        which = _("toutes les relations")
    else:
        which = _("relations : %(kinds)s") % {
            "kinds": ", ".join(str(kinds.get(k, k)) for k in view.split(":", 1)[1].split("+"))
        }
    return which


def _common_method(run):
    query = run.filter_query
    return [
        _("Relations prises en compte : %(view)s, entre acteurs du périmètre filtré.") % {"view": view_label(run.view)},
        _("Filtre : %(filter)s.") % {"filter": f"?{query}" if query else _("aucun (toute la base)")},
        _("Version des données : %(version)s, calcul du %(date)s.")
        % {"version": run.data_version, "date": run.finished_at.strftime("%d/%m/%Y %H:%M") if run.finished_at else "–"},
    ]


def _external_caveat(result):
    count = result.get("external_relations", 0)
    if not count:
        return []
    return [
        _(
            "%(n)s relations avec des acteurs extérieurs au périmètre ne sont pas comptées dans cette mesure : "
            "le diagnostic porte sur l'écosystème du territoire."
        )
        % {"n": count}
    ]


def _group_label(result, code):
    return result.get("groups", {}).get(code, code)


def _actors(result):
    return result.get("nodes", [])


def relations_card(run, result):
    kinds = dict(RelationKind.choices)
    counts = result.get("kind_counts", {})
    total = sum(counts.values())
    rows = [(str(kinds[k]), counts.get(k, 0)) for k in RelationKind.values]
    info, collab = counts.get(RelationKind.INFORMATION, 0), counts.get(RelationKind.COLLABORATION, 0)
    if total:
        top_kind = max(RelationKind.values, key=lambda k: (counts.get(k, 0), k == RelationKind.INFORMATION))
        other = RelationKind.INFORMATION if top_kind == RelationKind.COLLABORATION else RelationKind.COLLABORATION
        sentence = ngettext(
            "%(top)s est le type de relation le plus fréquent : %(n)s relation sur %(total)s (%(share)s).",
            "%(top)s est le type de relation le plus fréquent : %(n)s relations sur %(total)s (%(share)s).",
            counts[top_kind],
        ) % {"top": kinds[top_kind], "n": counts[top_kind], "total": total, "share": percent(counts[top_kind] / total)}
        sentence += " " + _("%(other)s : %(n)s (%(share)s).") % {
            "other": kinds[other],
            "n": counts.get(other, 0),
            "share": percent(counts.get(other, 0) / total),
        }
        agrees = top_kind == RelationKind.INFORMATION and collab * 2 <= info
        verdict = (
            _("Les données enregistrées concordent avec ce constat.")
            if agrees
            else _("Les données enregistrées s'écartent de ce constat.")
        )
    else:
        sentence = _("Aucune relation n'est enregistrée entre les acteurs de ce périmètre.")
        verdict = _("Pas de donnée pour confronter ce constat.")
    return Card(
        slug="relations",
        title=_("Types de relations"),
        sentence=sentence,
        measure="types-de-relations",
        method=[
            *_common_method(run),
            _("Décompte des relations par type, chaque relation enregistrée comptée une fois."),
        ],
        caveats=[
            _(
                "Une relation n'existe ici que si elle a été déclarée ou relevée : l'absence d'une relation n'est "
                "pas une preuve."
            ),
            *_external_caveat(result),
        ],
        figure=mark_safe(
            bar_chart(rows, title=_("Nombre de relations par type"), element_id=f"chart-relations-{run.pk}")
        ),  # noqa: S308
        table={
            "caption": _("Nombre de relations par type"),
            "headers": [_("Type de relation"), _("Relations")],
            "rows": rows,
        },
        quote={"text": REPORT_RELATIONS_QUOTE, "source": REPORT_RELATIONS_SOURCE, "verdict": verdict},
    )


def types_card(run, result, actor_types):
    counts = {}
    for node in _actors(result):
        counts[node["type"]] = counts.get(node["type"], 0) + 1
    present = [(t.plural_label, counts[t.code]) for t in actor_types if counts.get(t.code)]
    missing = [t.plural_label for t in actor_types if not counts.get(t.code) and t.code != ActorTypeCode.OTHER]
    typology = [t for t in actor_types if t.code != ActorTypeCode.OTHER]
    found = sum(1 for t in typology if counts.get(t.code))
    if missing:
        sentence = _("%(found)s des %(all)s types d'acteurs du rapport sont présents ; absents : %(missing)s.") % {
            "found": found,
            "all": len(typology),
            "missing": ", ".join(lower_first(m) for m in missing),
        }
    else:
        sentence = _("Les %(all)s types d'acteurs du rapport sont présents.") % {"all": len(typology)}
    return Card(
        slug="types",
        title=_("Types d'acteurs présents et absents"),
        sentence=sentence,
        measure="types-d-acteurs",
        method=[*_common_method(run), _("Type principal de chaque acteur, typologie du rapport (section 2.2.1).")],
        caveats=[_("Un acteur peut relever de plusieurs types ; seul son type principal est compté ici.")],
        figure=mark_safe(bar_chart(present, title=_("Acteurs par type"), element_id=f"chart-types-{run.pk}")),  # noqa: S308
        table={"caption": _("Acteurs par type"), "headers": [_("Type"), _("Acteurs")], "rows": present},
        items=missing,
    )


def role_phrase(node, result):
    """The actor's brokerage position in plain words, e.g. "passeur entre cellules de l'État et collectivités"."""
    roles = [(role, node.get(role) or 0) for role in ROLE_NAMES]
    role, count = max(roles, key=lambda item: item[1])
    if not count:
        return ""
    if node.get("bridged"):
        a, b = (lower_first(_group_label(result, g)) for g in node["bridged"])
        return _("passeur entre %(a)s et %(b)s") % {"a": a, "b": b}
    return str(ROLE_NAMES[role])


def pivots_card(run, result):
    nodes = [n for n in _actors(result) if (n.get("betweenness") or 0) > 0]
    nodes.sort(key=lambda n: (-(n["betweenness"] or 0), n["slug"]))
    top = nodes[:TOP_PIVOTS]
    n = len(_actors(result))
    pairs = max((n - 1) * (n - 2), 1)
    if top:
        first = top[0]
        phrase = role_phrase(first, result)
        sentence = _(
            "%(name)s est le principal pivot : il se trouve sur %(share)s des plus courts chemins entre deux autres "
            "acteurs"
        ) % {
            "name": first["label"],
            "share": percent(min(first["betweenness"] / pairs, 1.0)),
        }
        sentence += (_(" ; %(role)s.") % {"role": phrase}) if phrase else "."
        if len(top) > 1:
            sentence += " " + _("Suivent %(names)s.") % {"names": ", ".join(t["label"] for t in top[1:4])}
    else:
        sentence = _("Aucun acteur ne fait le lien entre deux autres : le réseau n'a pas de pivot.")
    rows = [
        (
            t["label"],
            _group_label(result, t["group"]),
            number(t["betweenness"], 1),
            role_phrase(t, result) or "–",
            " · ".join(f"{ROLE_NAMES[r]} {t.get(r) or 0}" for r in ROLE_NAMES if t.get(r)),
        )
        for t in top
    ]
    approximate = result.get("settings", {}).get("approximate")
    return Card(
        slug="pivots",
        title=_("Pivots et intermédiaires"),
        sentence=sentence,
        measure="pivots-et-roles",
        method=[
            *_common_method(run),
            _(
                "Intermédiarité (betweenness) sur le graphe orienté : une relation non orientée compte dans les deux "
                "sens, plusieurs relations entre deux acteurs n'en font qu'une."
            ),
            _("Rôles de courtage de Gould et Fernandez selon les groupes d'acteurs (comme R sna::brokerage)."),
        ],
        caveats=[
            *(
                [
                    _(
                        "Intermédiarité approchée (échantillon de chemins) : le réseau est grand ; l'ordre des "
                        "premiers reste fiable."
                    )
                ]
                if approximate
                else []
            ),
            _("Un pivot l'est dans les relations enregistrées ; un acteur peu renseigné peut être sous-estimé."),
            *_external_caveat(result),
        ],
        figure=mark_safe(  # noqa: S308 - the chart escapes its text
            bar_chart(
                [(t["label"], t["betweenness"]) for t in top],
                title=_("Intermédiarité des principaux pivots"),
                element_id=f"chart-pivots-{run.pk}",
                decimals=1,
            )
        ),
        table={
            "caption": _("Principaux pivots et leurs rôles"),
            "headers": [
                _("Acteur"),
                _("Groupe"),
                _("Intermédiarité"),
                _("Position"),
                _("Rôles (nombre de paires reliées)"),
            ],
            "rows": rows,
        },
    )


def entre_soi_card(run, result):
    ei = result.get("ei", {}) or {}
    groups = ei.get("groups", {}) or {}
    ranked = [(g, v) for g, v in groups.items() if v.get("ei") is not None]
    ranked.sort(key=lambda item: (item[1]["ei"], item[0]))
    closed = [(g, v) for g, v in ranked if v["ei"] < 0]
    if closed:
        g, v = closed[0]
        label = _group_label(result, g)
        feminine = label.startswith(("Cellules", "Structures"))
        template = (
            _("Les %(group)s échangent surtout entre elles : E-I = %(ei)s")
            if feminine
            else _("Les %(group)s échangent surtout entre eux : E-I = %(ei)s")
        )
        sentence = template % {"group": lower_first(label), "ei": number(v["ei"], 2, signed=True)}
        if v.get("p_lower") is not None:
            sentence += f", {p_value(v['p_lower'])}"
        sentence += "."
    elif ei.get("global") is not None:
        sentence = _(
            "Aucun groupe ne reste entre soi : les relations relient surtout des groupes différents (E-I global = "
            "%(ei)s"
        ) % {"ei": number(ei["global"], 2, signed=True)}
        sentence += f", {p_value(ei['p_upper'])})." if ei.get("p_upper") is not None else ")."
    else:
        sentence = _("Pas assez de relations pour mesurer l'entre-soi.")
    matrix = result.get("group_matrix", {"groups": [], "values": []})
    labels = [_group_label(result, g) for g in matrix["groups"]]
    rows = [
        (
            _group_label(result, g),
            v.get("E", 0),
            v.get("I", 0),
            number(v.get("ei"), 2, signed=True),
            p_value(v.get("p_lower") if (v.get("ei") or 0) < 0 else v.get("p_upper")) or "–",
        )
        for g, v in ranked
    ]
    return Card(
        slug="entre-soi",
        title=_("Entre-soi par groupe d'acteurs"),
        sentence=sentence,
        measure="entre-soi",
        method=[
            *_common_method(run),
            _(
                "Indice E-I de Krackhardt sur le graphe non orienté simple : (externes − internes) / total, de −1 "
                "(tout en interne) à +1 (tout vers les autres groupes)."
            ),
            _(
                "Référence : %(n)s permutations aléatoires des groupes entre acteurs (graine %(seed)s) ; p est la "
                "part des permutations donnant un indice au moins aussi extrême (plus bas pour un entre-soi, plus "
                "haut pour une ouverture)."
            )
            % {
                "n": result.get("settings", {}).get("permutations", ""),
                "seed": result.get("settings", {}).get("seed", ""),
            },
        ],
        caveats=[
            _(
                "Un petit groupe a mécaniquement plus de liens vers l'extérieur : comparez E-I à la référence par "
                "permutation, pas à zéro."
            ),
            *_external_caveat(result),
        ],
        figure=mark_safe(  # noqa: S308
            matrix_chart(
                labels, matrix["values"], title=_("Relations entre groupes d'acteurs"), element_id=f"chart-ei-{run.pk}"
            )
        ),
        table={
            "caption": _("Indice E-I par groupe"),
            "headers": [
                _("Groupe"),
                _("Relations externes (E)"),
                _("Relations internes (I)"),
                _("E-I"),
                _("Significativité"),
            ],
            "rows": rows,
        },
        extra={
            "matrix_headers": [f"{i}. {label}" for i, label in enumerate(labels, 1)],
            "matrix_rows": [
                (f"{i}. {label}", row) for i, (label, row) in enumerate(zip(labels, matrix["values"], strict=True), 1)
            ],
        },
    )


def communities_card(run, result, names):
    info = result.get("communities", {}) or {}
    found = info.get("list", [])
    for community in found:
        community["name"] = names.get(community["anchor_slug"], "")
        community["composition"] = ", ".join(
            f"{lower_first(_group_label(result, g))} {c}" for g, c in community.get("groups", {}).items()
        )
    if found:
        sentence = ngettext(
            "Le réseau forme une seule communauté", "Le réseau se partage en %(n)s communautés", len(found)
        ) % {"n": len(found)}
        details = []
        if info.get("modularity") is not None:
            details.append(_("modularité %(q)s") % {"q": number(info["modularity"], 2)})
        if info.get("stability") is not None:
            details.append(
                _("stabilité %(s)s sur %(runs)s exécutions (indice de Rand ajusté, 1 = identiques)")
                % {"s": number(info["stability"], 2), "runs": result.get("settings", {}).get("community_runs", "")}
            )
        separator = _(" ; ")  # French puts a space before a semicolon, English does not
        sentence += f" ({separator.join(details)})." if details else "."
        largest = found[0]
        sentence += " " + _("La plus grande, autour de %(anchor)s, réunit %(size)s acteurs.") % {
            "anchor": largest["name"] or largest["anchor_label"],
            "size": largest["size"],
        }
    else:
        sentence = _("Aucune communauté ne se dégage : trop peu de relations.")
    return Card(
        slug="communautes",
        title=_("Communautés"),
        sentence=sentence,
        measure="communautes",
        method=[
            *_common_method(run),
            _(
                "Algorithme de Leiden (modularité) sur le graphe non orienté simple, graine fixe ; stabilité mesurée "
                "sur des exécutions répétées."
            ),
        ],
        caveats=[
            _(
                "Une communauté est un groupe d'acteurs plus reliés entre eux qu'avec les autres ; ce n'est pas un "
                "réseau formel."
            ),
            _("Les acteurs sans relation n'appartiennent à aucune communauté."),
        ],
        table={
            "caption": _("Communautés"),
            "headers": [_("Nom"), _("Acteur central"), _("Acteurs"), _("Composition")],
            "rows": [(c["name"] or "–", c["anchor_label"], c["size"], c["composition"]) for c in found],
        },
        items=found,
    )


def isolated_card(run, result):
    isolated = sorted((n for n in _actors(result) if not n.get("degree")), key=lambda n: n["label"].lower())
    total = len(_actors(result))
    if isolated:
        sentence = ngettext(
            "%(n)s acteur sur %(total)s n'a aucune relation enregistrée avec un autre acteur du périmètre (%(share)s).",
            "%(n)s acteurs sur %(total)s n'ont aucune relation enregistrée avec un autre acteur du périmètre "
            "(%(share)s).",
            len(isolated),
        ) % {
            "n": len(isolated),
            "total": total,
            "share": percent(len(isolated) / total) if total else "–",
        }
    else:
        sentence = _("Chaque acteur du périmètre a au moins une relation enregistrée.")
    return Card(
        slug="isoles",
        title=_("Acteurs isolés"),
        sentence=sentence,
        measure="acteurs-isoles",
        method=[*_common_method(run), _("Acteurs sans aucune relation (entrante ou sortante) dans le périmètre.")],
        caveats=[
            _(
                "Isolé ne veut pas dire inactif : ses relations peuvent ne pas être renseignées, ou le relier hors "
                "du territoire."
            ),
            *_external_caveat(result),
        ],
        items=[{"label": n["label"], "slug": n["slug"], "group": _group_label(result, n["group"])} for n in isolated],
    )


def dependency_card(run, result):
    cut = [n for n in _actors(result) if n.get("articulation_point")]
    cut.sort(key=lambda n: (-(n.get("share_lost") or 0), n["slug"]))
    if cut:
        first = cut[0]
        sentence = ngettext(
            "%(n)s acteur est un point de passage obligé. Sans %(name)s, %(share)s des acteurs reliés seraient "
            "coupés du reste de l'écosystème.",
            "%(n)s acteurs sont des points de passage obligés. Sans %(name)s, %(share)s des acteurs reliés seraient "
            "coupés du reste de l'écosystème.",
            len(cut),
        ) % {
            "n": len(cut),
            "name": first["label"],
            "share": percent(first.get("share_lost") or 0),
        }
    else:
        sentence = _("Aucun acteur n'est indispensable à lui seul : retirer n'importe lequel ne coupe pas le réseau.")
    rows = [(n["label"], _group_label(result, n["group"]), percent(n.get("share_lost") or 0)) for n in cut]
    return Card(
        slug="dependances",
        title=_("Dépendances à un seul acteur"),
        sentence=sentence,
        measure="dependances",
        method=[
            *_common_method(run),
            _(
                "Points d'articulation du graphe non orienté simple ; part perdue : part des acteurs de la plus "
                "grande composante reliée qui n'y seraient plus sans cet acteur."
            ),
        ],
        caveats=[
            _(
                "C'est la question du Labo 63 et de l'Ideas Lab (rapport, section 2.3.2) : quand une cellule "
                "disparaît, ses liens disparaissent avec elle."
            ),
            *_external_caveat(result),
        ],
        figure=mark_safe(  # noqa: S308
            bar_chart(
                [(n["label"], (n.get("share_lost") or 0) * 100) for n in cut[:TOP_PIVOTS]],
                title=_("Part de l'écosystème relié perdue sans chaque acteur (%)"),
                element_id=f"chart-dependances-{run.pk}",
            )
        )
        if cut
        else "",
        table={
            "caption": _("Points de passage obligés"),
            "headers": [_("Acteur"), _("Groupe"), _("Part perdue")],
            "rows": rows,
        },
    )


def lifecycle_card(run, result):
    gone = result.get("disappeared", [])
    lost = sum(len(a["relations"]) for a in gone)
    if gone:
        names = ", ".join(f"{a['label']} ({a['ended_year']})" if a.get("ended_year") else a["label"] for a in gone[:5])
        sentence = ngettext(
            "%(n)s acteur a disparu : %(names)s.", "%(n)s acteurs ont disparu : %(names)s.", len(gone)
        ) % {"n": len(gone), "names": names}
        sentence += " " + ngettext(
            "%(lost)s relation enregistrée a été perdue avec lui.",
            "%(lost)s relations enregistrées ont été perdues avec eux.",
            lost,
        ) % {"lost": lost}
    else:
        sentence = _("Aucun acteur disparu n'est enregistré dans ce périmètre.")
    return Card(
        slug="cycle-de-vie",
        title=_("Cycle de vie : acteurs disparus et relations perdues"),
        sentence=sentence,
        measure="cycle-de-vie",
        method=[
            *_common_method(run),
            _("Acteurs au cycle de vie « disparu » correspondant aux filtres, et relations enregistrées avec eux."),
        ],
        caveats=[
            _(
                "Les relations d'un acteur disparu sont celles connues avant sa disparition ; elles ne sont pas "
                "comptées dans les autres cartes."
            )
        ],
        items=gone,
    )


def with_labels(result):
    """The stored result with group labels in the page's language (runs store codes, pages speak)."""
    return {**(result or {}), "groups": group_labels()}


def build_cards(run, actor_types, community_names):
    result = with_labels(run.result)
    return [
        relations_card(run, result),
        types_card(run, result, actor_types),
        pivots_card(run, result),
        entre_soi_card(run, result),
        communities_card(run, result, community_names),
        isolated_card(run, result),
        dependency_card(run, result),
        lifecycle_card(run, result),
    ]
