"""Directory pages: the list with facets, the actor fiche, exports and the staff import."""

import base64
import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import exporting, importing, tasks
from .facets import compute_facets
from .filtering import ActorFilters
from .models import Actor, Contact, ImportJob, ImportStatus, Lifecycle
from .search import ORDERING, match_actors, plan, search_actors, suggest_actors
from .typology import typology_quotes, typology_rows

PAGE_SIZE = 20
SORTS = {
    "pertinence": (gettext_lazy("Pertinence"), ORDERING),
    "nom": (gettext_lazy("Nom"), ["name"]),
    "type": (gettext_lazy("Type d'acteur"), ["primary_type__position", "name"]),
    "territoire": (gettext_lazy("Territoire"), ["region__name", "department__code", "commune__name", "name"]),
    "modifie": (gettext_lazy("Récemment modifié"), ["-updated_at", "name"]),
}
SESSION_IMPORT_KEY = "directory_import"


def _sort_choices(filters):
    return [(key, label) for key, (label, _order) in SORTS.items() if key != "pertinence" or filters.q]


def actor_list(request):
    filters = ActorFilters.from_query(request.GET)
    sort = request.GET.get("tri", "")
    if sort not in SORTS or (sort == "pertinence" and not filters.q):
        sort = "pertinence" if filters.q else "nom"
    actors = filters.actors(search=search_actors).select_related("parent", "primary_type", "commune", "department")
    if sort == "pertinence" and not _ranked(actors):
        sort = "nom"
    actors = actors.order_by(*SORTS[sort][1])
    page = Paginator(actors, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = compute_facets(filters, search=match_actors)
    active = [(facet, value) for facet in facets for value in facet.values if value.selected]
    searched = plan(filters.q) if filters.q else None
    return render(
        request,
        "directory/actor_list.html",
        {
            "filters": filters,
            "page_obj": page,
            "facets": facets,
            "active_filters": active,
            "sort": sort,
            "corrected_query": searched.key if searched and searched.was_corrected else "",
            "hidden_disappeared": _hidden_disappeared(filters),
            "sort_choices": _sort_choices(filters),
            "hidden_params": filters.items(exclude={"q"}),
        },
    )


def _ranked(actors):
    """Whether the search annotated a rank: a query of stop words or punctuation only has none."""
    return {f.lstrip("-") for f in ORDERING if f.lstrip("-").startswith("search")} <= set(actors.query.annotations)


def _hidden_disappeared(filters, shown=3):
    """Disappeared actors that match the query but the default view hides: (count, first names)."""
    if not filters.q or filters.include_disappeared or filters.lifecycles:
        return None
    disappeared = filters.replace(lifecycles=(Lifecycle.DISAPPEARED,))
    found = disappeared.actors(search=search_actors)
    found = found.select_related("parent").order_by(*(ORDERING if _ranked(found) else ["name"]))
    first = list(found[: shown + 1])
    if not first:
        return None
    # Counted with the unranked match (the same rows): SQLite without planner statistics ran the
    # ranked join's full-text match once per disappeared actor (3 s at 100,000 actors, 20 ms now).
    count = len(first) if len(first) <= shown else disappeared.actors().count()
    return {"count": count, "names": [a.display_name for a in first[:shown]], "more": count > shown}


def actor_suggestions(request):
    """Actors whose names match what is being typed, for the search boxes' suggestions (JSON)."""
    filters = ActorFilters.from_query({"q": request.GET.get("q", ""), "disparus": request.GET.get("disparus", "")})
    base = filters.replace(q="").actors().select_related("parent", "primary_type", "commune")
    results = [
        {
            "name": actor.display_name,
            "slug": actor.slug,
            "url": actor.get_absolute_url(),
            "type": actor.primary_type.label,
            "place": actor.commune.name if actor.commune_id else "",
            "disappeared": actor.lifecycle == Lifecycle.DISAPPEARED,
        }
        for actor in (suggest_actors(base, filters.q) if filters.q else [])
    ]
    return JsonResponse({"query": filters.q, "results": results})


def actor_detail(request, slug):
    actor = get_object_or_404(
        Actor.objects.select_related("parent", "primary_type", "commune", "department", "region").prefetch_related(
            "secondary_types",
            "tags",
            "sources",
            Prefetch("contacts", queryset=Contact.objects.published(), to_attr="public_contacts"),
            Prefetch("children", queryset=Actor.objects.select_related("primary_type").order_by("name")),
        ),
        slug=slug,
    )
    return render(request, "directory/actor_detail.html", {"actor": actor})


def actor_export(request, fmt):
    if fmt not in exporting.FORMATS:
        raise Http404
    actors = ActorFilters.from_query(request.GET).actors().order_by("name")
    content, content_type, filename = exporting.export_actors(actors, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_member_required
def actor_import(request):
    """Upload → dry-run report → confirm; the file waits in the session between the two."""
    context = {}
    if request.method == "POST" and request.POST.get("action") == "confirm":
        stored = request.session.get(SESSION_IMPORT_KEY)
        if not stored or stored["sha"] != request.POST.get("sha"):
            messages.error(request, _("Le fichier à importer n'est plus disponible : déposez-le à nouveau."))
            return redirect("directory:actor_import")
        data = base64.b64decode(stored["data"])
        report = importing.import_actors(data, stored["name"], dry_run=False, source=stored["name"], user=request.user)
        if report.has_errors:
            context.update({"report": report, "filename": stored["name"]})
        else:
            del request.session[SESSION_IMPORT_KEY]
            messages.success(
                request,
                _("Import terminé : %(created)d créé(s), %(updated)d modifié(s), %(unchanged)d inchangé(s).")
                % report.counts,
            )
            return redirect("directory:actor_list")
    elif request.method == "POST":
        upload = request.FILES.get("fichier")
        if upload is None:
            context["form_error"] = _("Choisissez un fichier CSV ou XLSX.")
        elif upload.size > importing.MAX_IMPORT_BYTES:
            context["form_error"] = _("Le fichier dépasse %(mb)d Mo : découpez-le en plusieurs fichiers.") % {
                "mb": importing.MAX_IMPORT_BYTES // 2**20
            }
        else:
            data = upload.read()
            sha = hashlib.sha256(data).hexdigest()
            if len(data) > settings.DIRECTORY_IMPORT_BACKGROUND_BYTES:
                job = tasks.queue_import(data=data, filename=upload.name, sha=sha, dry_run=True, user=request.user)
                return redirect("directory:actor_import_job", pk=job.pk)
            report = importing.import_actors(data, upload.name, dry_run=True, source=upload.name)
            request.session[SESSION_IMPORT_KEY] = {
                "name": upload.name,
                "sha": sha,
                "data": base64.b64encode(data).decode("ascii"),
            }
            context.update({"report": report, "filename": upload.name, "sha": sha})
    return render(request, "directory/actor_import.html", context)


def typology(request):
    """The report's six types of organised actors: definitions, examples, and the directory filtered by each."""
    quoted = typology_quotes()
    return render(
        request,
        "directory/typology.html",
        {
            "rows": typology_rows(),
            "source": quoted["source"],
            "introduction": quoted["introduction"],
            "note": quoted["note"],
        },
    )


@staff_member_required
def actor_import_job(request, pk):
    """A background import: its progress while it runs, then its report (and the confirmation)."""
    job = get_object_or_404(ImportJob, pk=pk)
    if request.method == "POST" and request.POST.get("action") == "confirm":
        report = importing.report_from_dict(job.report) if job.report else None
        if not (job.dry_run and job.status == ImportStatus.DONE and report and not report.has_errors):
            messages.error(request, _("Cet essai à blanc ne peut pas être confirmé : déposez le fichier à nouveau."))
            return redirect("directory:actor_import")
        real = tasks.queue_import(
            data=bytes(job.data), filename=job.filename, sha=job.sha, dry_run=False, user=request.user
        )
        return redirect("directory:actor_import_job", pk=real.pk)
    context = {"job": job, "filename": job.filename, "sha": job.sha if job.dry_run else ""}
    if job.status == ImportStatus.DONE:
        report = importing.report_from_dict(job.report)
        if report.applied:
            messages.success(
                request,
                _("Import terminé : %(created)d créé(s), %(updated)d modifié(s), %(unchanged)d inchangé(s).")
                % report.counts,
            )
            return redirect("directory:actor_list")
        context["report"] = report
    else:
        context["progress"] = tasks.job_progress(job)
    return render(request, "directory/actor_import.html", context)
