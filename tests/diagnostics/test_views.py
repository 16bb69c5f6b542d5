"""Diagnostic pages: territory cards, comparison, kept runs, explanations, print and PDF, fiche panel."""

import pytest
from django.urls import reverse

from maillage.diagnostics.models import CommunityName, DiagnosticRun
from maillage.network.models import Relation


def test_diagnostic_page_shows_the_cards_for_the_shared_filters(client, ecosystem):
    response = client.get(reverse("diagnostics:diagnostic"), {"departement": ecosystem.department})
    assert response.status_code == 200
    text = response.content.decode()
    assert "CISCA est le principal pivot" in text
    assert "Le constat du rapport" in text
    assert reverse("diagnostics:measure", args=["entre-soi"]) in text


def test_cached_page_needs_few_queries(client, ecosystem, django_assert_max_num_queries):
    url = reverse("diagnostics:diagnostic") + f"?departement={ecosystem.department}"
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200


def test_diagnostic_link_is_in_the_main_navigation(client, db):
    response = client.get(reverse("site:home"))
    assert f'href="{reverse("diagnostics:diagnostic")}"' in response.content.decode()


def test_comparison_defaults_to_the_report_four_poles(client, ecosystem):
    response = client.get(reverse("diagnostics:compare"))
    text = response.content.decode()
    for pole in ("Lyon", "Grenoble", "Clermont-Ferrand", "Saint-Étienne"):
        assert pole in text
    assert DiagnosticRun.objects.filter(filter_query=f"departement={ecosystem.department}").exists()


def test_comparison_reports_an_unknown_territory_in_french(client, ecosystem):
    response = client.get(reverse("diagnostics:compare"), {"territoire": ["63", "999"]})
    assert "Département inconnu : « 999 »" in response.content.decode()


def test_measure_page_explains_a_measure(client, db):
    response = client.get(reverse("diagnostics:measure", args=["entre-soi"]))
    assert "Krackhardt" in response.content.decode()


def test_unknown_measure_is_not_found(client, db):
    assert client.get(reverse("diagnostics:measure", args=["inconnue"])).status_code == 404


def test_history_lists_kept_runs_and_a_kept_run_shows_its_own_data(client, ecosystem):
    url = reverse("diagnostics:diagnostic") + f"?departement={ecosystem.department}"
    client.get(url)
    Relation.objects.filter(source=ecosystem.ville, target=ecosystem.departement).delete()
    client.get(url)
    old = DiagnosticRun.objects.order_by("pk").first()
    history = client.get(reverse("diagnostics:history"), {"departement": ecosystem.department}).content.decode()
    assert history.count(reverse("diagnostics:run", args=[0]).replace("/0/", "/")) >= 2
    page = client.get(reverse("diagnostics:run", args=[old.pk])).content.decode()
    assert "Diagnostic conservé" in page and old.data_version in page


def test_printable_diagnostic_is_dated_with_data_version_and_caveats(client, ecosystem):
    response = client.get(reverse("diagnostics:print"), {"departement": ecosystem.department})
    text = response.content.decode()
    run = DiagnosticRun.objects.get()
    assert run.data_version in text
    assert "À lire avant les chiffres" in text
    assert "Précautions de lecture" in text


def test_pdf_is_produced_offline(client, ecosystem):
    response = client.get(reverse("diagnostics:pdf"), {"departement": ecosystem.department})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_signed_in_user_names_a_community(client, ecosystem, django_user_model):
    user = django_user_model.objects.create_user("animatrice", password="x")
    client.force_login(user)
    query = f"departement={ecosystem.department}"
    client.get(reverse("diagnostics:diagnostic") + f"?{query}")
    anchor = DiagnosticRun.objects.get().result["communities"]["list"][0]["anchor_slug"]
    client.post(reverse("diagnostics:name_community"), {"filtre": query, "acteur": anchor, "nom": "Cercle des labs"})
    assert CommunityName.objects.get().name == "Cercle des labs"
    assert "Cercle des labs" in client.get(reverse("diagnostics:diagnostic") + f"?{query}").content.decode()


def test_a_new_community_name_shows_to_visitors_served_from_the_cache(client, ecosystem, django_user_model):
    query = f"departement={ecosystem.department}"
    client.get(reverse("diagnostics:diagnostic") + f"?{query}")  # cached for anonymous visitors
    anchor = DiagnosticRun.objects.get().result["communities"]["list"][0]["anchor_slug"]
    CommunityName.objects.create(filter_query=query, anchor_slug=anchor, name="Cercle des labs")
    assert "Cercle des labs" in client.get(reverse("diagnostics:diagnostic") + f"?{query}").content.decode()


def test_anonymous_visitor_cannot_name_a_community(client, ecosystem):
    client.post(reverse("diagnostics:name_community"), {"filtre": "", "acteur": "ville", "nom": "X"})
    assert not CommunityName.objects.exists()


def test_fiche_panel_says_the_actor_role_in_plain_words(client, ecosystem):
    client.get(reverse("diagnostics:diagnostic"), {"departement": ecosystem.department})
    text = client.get(reverse("directory:actor_detail", args=["cisca"])).content.decode()
    assert "Place dans l&#x27;écosystème" in text or "Place dans l'écosystème" in text
    assert "passeur entre cellules d" in text
    assert "Point de passage obligé" in text


def test_fiche_panel_never_computes_a_diagnostic(client, ecosystem):
    client.get(reverse("directory:actor_detail", args=["cisca"]))
    assert not DiagnosticRun.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "gexf"])
def test_exports_are_attachments(client, ecosystem, fmt):
    response = client.get(reverse("diagnostics:export", args=[fmt]), {"departement": ecosystem.department})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_page_offers_the_other_grouping_with_the_same_filters(client, ecosystem):
    text = client.get(reverse("diagnostics:diagnostic"), {"departement": ecosystem.department}).content.decode()
    assert f'href="?departement={ecosystem.department}&amp;groupes=type"' in text
