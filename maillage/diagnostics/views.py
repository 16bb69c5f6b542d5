"""Diagnostic pages: a territory's cards, the comparison of territories, kept runs, exports, PDF."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.directory.filtering import filter_form_context
from maillage.directory.models import ActorType
from maillage.network.filtering import MAX_YEAR, MIN_YEAR
from maillage.network.models import RelationStatus
from maillage.network.views import kind_legend
from maillage.territories.models import Department

from . import exports
from .cards import build_cards
from .comparison import DEFAULT_TERRITORIES, compare_territories, parse_territories
from .explanations import MEASURES
from .graphs import Question
from .models import CommunityName, DiagnosticRun, Grouping
from .services import get_or_start_run, past_runs


def _filter_context(request, question):
    """The shared filter form with the network's relation kinds and period (network/_filters.html)."""
    return {
        **filter_form_context(question.filters),
        "filters": question.filters,
        "kinds": kind_legend(),
        "year_range": (MIN_YEAR, MAX_YEAR),
        # Run on confirmed relations only, or on all (issue 17): part of the filters, so of the run's key.
        "relation_statuses": RelationStatus.choices,
        "analysed_statuses": [str(RelationStatus(code).label) for code in question.filters.statuses],
    }


def _community_names(run):
    return dict(CommunityName.objects.filter(filter_query=run.filter_query).values_list("anchor_slug", "name"))


def _run_context(run):
    cards = build_cards(run, list(ActorType.objects.all()), _community_names(run)) if run.is_done else []
    return {"run": run, "cards": cards, "result": run.result}


CARDS_CACHE_SECONDS = 24 * 3600


def _cards_html(request, run, kept_run=False):
    """The rendered cards of a finished run.

    A run never changes once finished, so for visitors who are not signed in (no form, no token in
    the cards) the HTML is cached by run, language and community names: a page served from a kept
    run does not rebuild its cards.
    """
    names = _community_names(run)
    anonymous = not request.user.is_authenticated
    named = hashlib.sha256(repr(sorted(names.items())).encode()).hexdigest()[:16]
    key = ":".join(
        ["diagnostics:cards", str(run.pk), run.data_version, str(run.created_at.timestamp()), get_language()]
        + [str(kept_run), named]
    )
    if anonymous:
        html = cache.get(key)
        if html is not None:
            return mark_safe(html)  # noqa: S308 - rendered by our template, escaped there
    cards = build_cards(run, list(ActorType.objects.all()), names)
    html = render_to_string(
        "diagnostics/_cards.html", {"cards": cards, "run": run, "kept_run": kept_run}, request=request
    )
    if anonymous:
        cache.set(key, html, CARDS_CACHE_SECONDS)
    return html


def _grouping_links(question):
    links = []
    for code, label in Grouping.choices:
        other = Question(question.filters, code)
        links.append({"label": label, "query": other.page_query_string, "current": code == question.grouping})
    return links


def _links(question):
    query = question.page_query_string
    suffix = f"?{query}" if query else ""
    return {
        "grouping_links": _grouping_links(question),
        "print_url": reverse("diagnostics:print") + suffix,
        "pdf_url": reverse("diagnostics:pdf") + suffix,
        "history_url": reverse("diagnostics:history") + suffix,
        "export_urls": [
            (_("Mesures par acteur (CSV)"), reverse("diagnostics:export", kwargs={"fmt": "csv"}) + suffix),
            (_("Mesures par acteur (XLSX)"), reverse("diagnostics:export", kwargs={"fmt": "xlsx"}) + suffix),
            (
                _("Réseau avec les mesures (GEXF, Gephi)"),
                reverse("diagnostics:export", kwargs={"fmt": "gexf"}) + suffix,
            ),
        ],
        "network_url": reverse("network:network") + (f"?{question.query_string}" if question.query_string else ""),
    }


def diagnostic_page(request):
    question = Question.from_params(request.GET)
    run = get_or_start_run(question)
    context = _filter_context(request, question)
    context.update({"run": run, "result": run.result})
    if run.is_done:
        context["cards_html"] = _cards_html(request, run)
    context.update(_links(question))
    context.update({"question": question, "groupings": Grouping.choices})
    return render(request, "diagnostics/diagnostic.html", context)


def run_status(request, pk):
    """The progress fragment polled by the page while a background run computes."""
    run = get_object_or_404(DiagnosticRun.objects.defer("result"), pk=pk)
    response = render(request, "diagnostics/_progress.html", {"run": run})
    if run.status in ("done", "failed"):
        response["HX-Refresh"] = "true"
    return response


def run_detail(request, pk):
    """A kept run, as it was computed (its own data version)."""
    run = get_object_or_404(DiagnosticRun, pk=pk)
    question = Question.from_params(QueryDict(run.filter_query + (f"&groupes={run.grouping}" if run.grouping else "")))
    context = _filter_context(request, question)
    context.update({"run": run, "result": run.result, "kept_run": True})
    if run.is_done:
        context["cards_html"] = _cards_html(request, run, kept_run=True)
    context.update(_links(question))
    context.update({"question": question, "groupings": Grouping.choices})
    return render(request, "diagnostics/diagnostic.html", context)


def history(request):
    question = Question.from_params(request.GET)
    return render(
        request,
        "diagnostics/history.html",
        {"runs": past_runs(question)[:100], "question": question, "territory_query": question.page_query_string},
    )


def measure_page(request, slug):
    measure = MEASURES.get(slug)
    if measure is None:
        raise Http404
    return render(request, "diagnostics/measure.html", {"measure": measure, "measures": MEASURES, "slug": slug})


def compare(request):
    codes, errors = parse_territories(request.GET)
    question = Question.from_params(request.GET)
    comparison = compare_territories(codes, question.filters, question.grouping)
    return render(
        request,
        "diagnostics/compare.html",
        {
            "comparison": comparison,
            "codes": codes,
            "errors": errors,
            "default_codes": DEFAULT_TERRITORIES,
            "departments": Department.objects.filter(actors__isnull=False).distinct().order_by("code"),
            "slots": range(4),
        },
    )


def _printable_context(request):
    question = Question.from_params(request.GET)
    run = get_or_start_run(question)
    context = _run_context(run)
    context.update({"question": question, "printed_on": timezone.localdate()})
    return run, context


def print_view(request):
    run, context = _printable_context(request)
    return render(request, "diagnostics/print.html", context)


def pdf_view(request):
    from .pdf import render_pdf

    run, context = _printable_context(request)
    if not run.is_done:
        messages.info(request, _("Le diagnostic est en cours de calcul ; le PDF sera disponible à la fin du calcul."))
        return redirect(reverse("diagnostics:diagnostic") + f"?{request.GET.urlencode()}")
    html = render(request, "diagnostics/print.html", context).content.decode()
    content = render_pdf(html, base_url=request.build_absolute_uri("/"))
    name = (
        f"diagnostic-{slugify(run.result.get('territory', '')) or 'maillage'}-{context['printed_on'].isoformat()}.pdf"
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    question = Question.from_params(request.GET)
    run = get_or_start_run(question)
    if not run.is_done:
        messages.info(request, _("Le diagnostic est en cours de calcul ; l'export sera disponible à la fin du calcul."))
        return redirect(reverse("diagnostics:diagnostic") + f"?{request.GET.urlencode()}")
    content, content_type, extension = exports.export_run(run, question, fmt)
    name = f"maillage-diagnostic-{slugify(run.result.get('territory', ''))}-{run.data_version}.{extension}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@login_required
def name_community(request):
    """Give a name to a community (signed-in users); the name follows its central actor."""
    query = request.POST.get("filtre", "")[:2000]
    anchor = request.POST.get("acteur", "")[:255]
    name = " ".join(request.POST.get("nom", "").split())[:120]
    back = reverse("diagnostics:diagnostic") + (f"?{query}" if query else "") + "#communautes"
    if not anchor:
        messages.error(request, _("Communauté inconnue."))
    elif not name:
        CommunityName.objects.filter(filter_query=query, anchor_slug=anchor).delete()
        messages.success(request, _("Le nom de la communauté a été retiré."))
    else:
        CommunityName.objects.update_or_create(
            filter_query=query, anchor_slug=anchor, defaults={"name": name, "named_by": request.user}
        )
        messages.success(request, _("La communauté s'appelle désormais « %(name)s ».") % {"name": name})
    return redirect(back)
