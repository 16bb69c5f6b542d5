"""The fiche panel of an actor: its roles and position in its territory, in plain words.

Rendered by the directory through ACTOR_FICHE_PANELS. It reads the territory's stored
diagnostic (département of the actor) for the current data version and never computes one
during a fiche view: it shows the latest stored one (saying when the data have changed since),
or links to the diagnostic page.
"""

from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .cards import role_phrase, with_labels
from .formatting import percent
from .graphs import Question
from .services import latest_finished_run
from .versioning import data_version


def actor_position(actor, run):
    """Plain-French sentences on the actor's position in the run's network ([] when not in it)."""
    result = with_labels(run.result)
    nodes = result.get("nodes", [])
    me = next((n for n in nodes if n["id"] == actor.pk), None)
    if me is None:
        return []
    sentences = []
    if not me.get("degree"):
        return [_("Aucune relation enregistrée avec un autre acteur de son territoire.")]
    ranked = sorted(nodes, key=lambda n: (-(n.get("betweenness") or 0), n["slug"]))
    rank = next(i for i, n in enumerate(ranked, 1) if n["id"] == actor.pk)
    if me.get("betweenness"):
        sentences.append(
            _("%(rank)se acteur le plus intermédiaire sur %(n)s dans son territoire.") % {"rank": rank, "n": len(nodes)}
            if rank > 1
            else _("Acteur le plus intermédiaire de son territoire (sur %(n)s).") % {"n": len(nodes)}
        )
    phrase = role_phrase(me, result)
    if phrase:
        sentences.append(_("Rôle principal : %(role)s.") % {"role": phrase})
    if me.get("articulation_point"):
        sentences.append(
            _("Point de passage obligé : sans lui, %(share)s des acteurs reliés seraient coupés du reste.")
            % {"share": percent(me.get("share_lost") or 0)}
        )
    sentences.append(
        _("%(n)s relations dans son territoire (%(in)s reçues, %(out)s émises).")
        % {"n": me.get("degree") or 0, "in": me.get("in_degree") or 0, "out": me.get("out_degree") or 0}
    )
    return sentences


def actor_panel(request, actor):
    if not actor.department_id:
        return ""
    department_code = actor.department.code
    question = Question.from_params(QueryDict(f"departement={department_code}"))
    # The latest finished run of the territory, even on older data (then said so): a fiche view
    # never starts a computation.
    run = latest_finished_run(question)
    diagnostic_url = reverse("diagnostics:diagnostic") + f"?{question.page_query_string}"
    sentences = actor_position(actor, run) if run is not None and run.is_done else None
    return render_to_string(
        "diagnostics/panel.html",
        {
            "actor": actor,
            "sentences": sentences,
            "territory": actor.department.name,
            "diagnostic_url": diagnostic_url,
            "run": run,
            "stale": run is not None and run.data_version != data_version(),
        },
        request=request,
    )
