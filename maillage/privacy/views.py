"""Pages of one's personal data: the signed e-mail link, one's account download, the staff erasure page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maillage.core.personal_data import read_address_token

from .erasure import erase_person
from .exporting import collect, personal_data_json
from .forms import ErasureForm
from .withdrawal import contacts_of, withdraw_consent


def _bad_link(request):
    return render(
        request,
        "privacy/bad_link.html",
        {"reason": _("Ce lien n'est pas valide ou a expiré. Le prochain courriel du site en contiendra un nouveau.")},
        status=400,
    )


def _json_download(body, filename):
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def address(request, token):
    """What the site holds under an address, and the button that withdraws consent at once."""
    try:
        email = read_address_token(token)
    except signing.BadSignature:
        return _bad_link(request)
    if request.method == "POST":
        withdrawn = withdraw_consent(email)
        if withdrawn:
            messages.success(request, _("Votre consentement est retiré : vos coordonnées ne sont plus publiées."))
        else:
            messages.info(request, _("Aucune coordonnée n'était publiée avec cette adresse."))
        return redirect("privacy:address", token=token)
    contacts = list(contacts_of(email).select_related("actor__parent"))
    return render(
        request,
        "privacy/address.html",
        {
            "email": email,
            "token": token,
            "published": [c for c in contacts if c.publication_consent or c.published_by_source],
            "unpublished": [c for c in contacts if not (c.publication_consent or c.published_by_source)],
        },
    )


def address_export(request, token):
    """Everything about the address of a signed link, as a JSON download."""
    try:
        email = read_address_token(token)
    except signing.BadSignature:
        return _bad_link(request)
    return _json_download(personal_data_json(email, site_name=settings.SITE_NAME), "donnees-personnelles.json")


@login_required
def my_data(request):
    """Everything about the signed-in account and its address, as a JSON download."""
    user = request.user
    return _json_download(personal_data_json(user.email, user, site_name=settings.SITE_NAME), "mes-donnees.json")


@staff_member_required
@require_http_methods(["GET", "POST"])
def erase(request):
    """Staff: find everything about a person, then erase it (two steps: review, confirm)."""
    form = ErasureForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        email, user = form.cleaned_data["email"], form.cleaned_data["user"]
        if request.POST.get("confirm") == "1":
            report = erase_person(email, user, performed_by=request.user)
            context["done"] = report.rows()
            context["total"] = report.total
            if user is not None and user.pk == request.user.pk:
                return redirect("site:home")
        else:
            found = collect(email, user)
            context["preview"] = True
            context["found"] = sorted((label, len(rows)) for label, rows in found.items())
            context["found_total"] = sum(len(rows) for rows in found.values())
    return render(request, "privacy/erase.html", context)
