"""Who may run a campaign, the dashboard's figures, raw answer exports and waves compared."""

import csv
import io

import pytest
from openpyxl import load_workbook

from maillage.surveys import dashboard, exports, invitations, reconciliation
from maillage.surveys.comparison import compare
from maillage.surveys.models import Campaign
from tests.contributions.factories import ModeratorScopeFactory, UserFactory
from tests.territories.factories import DepartmentFactory

from .conftest import token_of
from .test_answers import confirm
from .test_reconciliation import both_answer, declare_funding

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Enquête 63",
    "filter_query": "departement=63",
    "kinds": ["information", "collaboration"],
    "ask_direction": "on",
    "reminder_interval_days": "7",
    "max_reminders": "2",
    "opens_on": "2026-12-01",
    "closes_on": "2026-12-31",
}


def test_a_visitor_cannot_see_the_campaigns(client, eco):
    assert client.get("/enquetes/").status_code == 403


def test_staff_create_a_campaign_whose_first_wave_freezes_the_roster(client, eco):
    client.force_login(eco.staff)
    response = client.post("/enquetes/nouvelle/", FORM)
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and campaign.kinds == ["information", "collaboration"]
    assert campaign.waves.get().invitations.count() == 4


def test_a_moderator_creates_a_campaign_within_their_territory(client, eco):
    moderator = UserFactory(username="moderatrice")
    ModeratorScopeFactory(user=moderator, department=DepartmentFactory(code="63"))
    client.force_login(moderator)
    assert client.post("/enquetes/nouvelle/", FORM).status_code == 302


def test_a_moderator_cannot_survey_outside_their_territory(client, eco):
    moderator = UserFactory(username="moderatrice")
    ModeratorScopeFactory(user=moderator, department=DepartmentFactory(code="69", name="Rhône"))
    client.force_login(moderator)
    response = client.post("/enquetes/nouvelle/", FORM)
    assert response.status_code == 200 and "sort de vos territoires" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_moderator_cannot_open_another_territorys_dashboard(client, eco, wave):
    moderator = UserFactory(username="moderatrice")
    ModeratorScopeFactory(user=moderator, department=DepartmentFactory(code="69", name="Rhône"))
    client.force_login(moderator)
    assert client.get(f"/enquetes/{wave.campaign.pk}/").status_code == 403


def test_the_campaign_needs_a_scope(client, eco):
    client.force_login(eco.staff)
    response = client.post("/enquetes/nouvelle/", {**FORM, "filter_query": ""})
    assert response.status_code == 200 and not Campaign.objects.exists()


def test_response_rates_overall_and_by_type(eco, wave):
    both_answer(eco, wave)
    rates = dashboard.response_rates(wave)
    assert (rates["overall"]["answered"], rates["overall"]["total"], rates["overall"]["rate"]) == (2, 4, 50.0)
    by_type = {row["label"]: row["rate"] for row in rates["by_type"]}
    assert by_type[eco.cisca.primary_type.label] == 100.0
    assert by_type[eco.ville.primary_type.label] == 50.0  # the city answered, Dre'lab did not
    assert by_type[eco.chaire.primary_type.label] == 0.0


def test_non_respondents_come_with_their_email_history(eco, wave):
    invitations.run_invitations(wave)
    rows = dashboard.non_respondents(wave)
    assert len(rows) == 4
    ville = next(r for r in rows if r["invitation"].actor == eco.ville)
    assert [e["kind"] for e in ville["emails"]] == ["invitation"]


def test_outcome_counts_and_relations_gained_and_lost(eco, wave):
    both_answer(eco, wave)
    reconciliation.reconcile(wave, eco.staff)
    invitations.close_wave(wave)
    second = invitations.open_wave(wave.campaign)
    declare_funding(eco, second, both=False)
    reconciliation.reconcile(second, eco.staff)
    assert dashboard.gained_and_lost(second) == {"gained": 1, "lost": 1, "kept": 0}
    counts = {code: n for code, _label, n in dashboard.outcome_counts(second)}
    assert counts["declared"] == 1


def test_the_dashboard_page_shows_rates_and_disputes(client, eco, wave):
    both_answer(eco, wave, cisca_verdict="deny")
    reconciliation.reconcile(wave, eco.staff)
    client.force_login(eco.staff)
    page = client.get(f"/enquetes/{wave.campaign.pk}/").content.decode()
    assert "Taux de réponse global : 50,0 %" in page
    assert "Relations contestées" in page and "CISCA" in page


def test_raw_answers_csv_reads_back(eco, wave):
    both_answer(eco, wave)
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(wave.campaign).decode("utf-8-sig"))))
    assert {row["respondent"] for row in rows} == {"Ville de Clermont-Ferrand", "CISCA"}


def test_pseudonymised_answers_name_no_actor_and_drop_comments(eco, wave):
    save_answers_with_comment(eco, wave)
    text = exports.to_csv(wave.campaign, pseudonymise=True).decode("utf-8-sig")
    assert "Clermont" not in text and "CISCA" not in text and "Awa" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["respondent"].startswith("A-") and rows[0]["comment"] == ""


def save_answers_with_comment(eco, wave):
    from maillage.surveys.answers import save_answers

    save_answers(token_of(wave, eco.ville), [confirm(eco.collab, eco.ville, comment="Avec Awa, CISCA")], submit=True)


def test_pseudonyms_are_stable_within_a_campaign(eco, wave):
    assert exports.pseudonym(wave.campaign, eco.ville.pk) == exports.pseudonym(wave.campaign, eco.ville.pk)
    assert exports.pseudonym(wave.campaign, eco.ville.pk) != exports.pseudonym(wave.campaign, eco.cisca.pk)


def test_raw_answers_xlsx_reads_back_with_openpyxl(eco, wave):
    both_answer(eco, wave)
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(wave.campaign))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("wave", "respondent") and len(rows) == 3


def test_waves_compared_name_the_newly_isolated_actor(eco, wave):
    both_answer(eco, wave)
    reconciliation.reconcile(wave, eco.staff)
    invitations.close_wave(wave)
    second = invitations.open_wave(wave.campaign)
    declare_funding(eco, second, both=False)
    reconciliation.reconcile(second, eco.staff)
    result = compare(second, wave)
    assert result["before"]["relations"] == 1 and result["now"]["relations"] == 1
    assert result["newly_isolated"] == ["CISCA"]
    kinds = {k["label"]: (k["before"], k["now"]) for k in result["kinds"]}
    assert kinds["Collaboration"] == (1, 0) and kinds["Financement"] == (0, 1)


def test_the_comparison_page_reads_in_french(client, eco, wave):
    invitations.close_wave(wave)
    invitations.open_wave(wave.campaign)
    client.force_login(eco.staff)
    page = client.get(f"/enquetes/{wave.campaign.pk}/comparer/").content.decode()
    assert "Entre la vague 1 et la vague 2" in page


def test_a_missing_measures_module_fails_the_system_check(settings):
    from maillage.surveys.comparison import check_measures

    settings.SURVEYS_MEASURES_MODULE = "maillage.nowhere"
    assert [e.id for e in check_measures()] == ["surveys.E001"]


def test_the_configured_measures_module_passes_the_system_check():
    from maillage.surveys.comparison import check_measures

    assert check_measures() == []


def test_non_respondents_are_listed_page_by_page(eco, wave):
    first = dashboard.non_respondents(wave, page=1, per_page=3)
    second = dashboard.non_respondents(wave, page=2, per_page=3)
    assert len(first) == 3 and len(second) == 1
    assert {r["invitation"].pk for r in first}.isdisjoint({r["invitation"].pk for r in second})
