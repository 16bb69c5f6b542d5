"""The « Données personnelles » page states the durations the retention command applies."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_page_states_the_retention_durations_from_the_settings(client, settings):
    settings.RETENTION_UNCONFIRMED_PROPOSAL_DAYS = 17
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 23
    settings.RETENTION_REGISTRATION_DAYS_AFTER_EVENT = 41
    page = client.get("/donnees-personnelles/").content.decode()
    assert "supprimée après 17 jours" in page
    assert "supprimé après 23 jours" in page
    assert "Supprimées 41 jours après la fin de l" in page


def test_the_page_explains_withdrawal_export_and_erasure(client):
    page = client.get("/donnees-personnelles/").content.decode()
    assert "Retirer votre consentement" in page
    assert "/donnees-personnelles/mes-donnees.json" in page
    assert "Faire effacer vos données" in page


def test_the_english_page_is_translated(client):
    page = client.get("/en/donnees-personnelles/").content.decode()
    assert "What the site keeps, and why" in page
