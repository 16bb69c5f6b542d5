"""The staff page of imports from other tools: upload → dry-run report → confirm."""

import base64
import hashlib

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import ExternalImportForm

SESSION_KEY = "external_import"


def _store(request, form, data, taxonomy):
    sha = hashlib.sha256(data).hexdigest()
    request.session[SESSION_KEY] = {
        "sha": sha,
        "format": form.cleaned_data["format"],
        "name": form.cleaned_data["fichier"].name,
        "data": base64.b64encode(data).decode("ascii"),
        "taxonomy": base64.b64encode(taxonomy).decode("ascii") if taxonomy else "",
        "source": form.cleaned_data["source"],
        "mapping": form.cleaned_data["mapping_text"],
        "default_type": form.cleaned_data["type_par_defaut"].code if form.cleaned_data["type_par_defaut"] else "",
        "department": form.cleaned_data["departement"],
    }
    return sha


def _run(stored, *, dry_run, user):
    return services.import_file(
        stored["format"],
        base64.b64decode(stored["data"]),
        stored["name"],
        source=stored["source"],
        mapping_text=stored["mapping"],
        taxonomy=base64.b64decode(stored["taxonomy"]) if stored["taxonomy"] else None,
        default_type=stored["default_type"],
        department=stored["department"],
        dry_run=dry_run,
        user=user,
    )


@staff_member_required
def external_import(request):
    context = {}
    if request.method == "POST" and request.POST.get("action") == "confirm":
        stored = request.session.get(SESSION_KEY)
        if not stored or stored["sha"] != request.POST.get("sha"):
            messages.error(request, _("Le fichier à importer n'est plus disponible : déposez-le à nouveau."))
            return redirect("imports:external_import")
        report = _run(stored, dry_run=False, user=request.user)
        if report.applied:
            del request.session[SESSION_KEY]
            messages.success(
                request,
                _(
                    "Import terminé : %(created)d créé(s), %(updated)d modifié(s), %(unchanged)d inchangé(s), "
                    "%(skipped)d ignoré(s)."
                )
                % report.counts,
            )
            return redirect("imports:external_import")
        context.update({"report": report, "filename": stored["name"]})
        form = ExternalImportForm(initial={"format": stored["format"], "source": stored["source"]})
    elif request.method == "POST":
        form = ExternalImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data["fichier"].read()
            taxonomy = form.cleaned_data["taxonomie"].read() if form.cleaned_data["taxonomie"] else None
            sha = _store(request, form, data, taxonomy)
            report = _run(request.session[SESSION_KEY], dry_run=True, user=request.user)
            context.update({"report": report, "filename": form.cleaned_data["fichier"].name, "sha": sha})
    else:
        form = ExternalImportForm(initial={"format": "gogocarto"})
    context["form"] = form
    return render(request, "imports/external_import.html", context)
