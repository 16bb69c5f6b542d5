"""Withdrawing consent through the signed link: the contact is unpublished at once, and it is recorded."""

import pytest

from maillage.core.personal_data import address_token
from maillage.privacy.models import ConsentWithdrawal, address_digest
from tests.directory.factories import ContactFactory

pytestmark = pytest.mark.django_db


def page_url(email):
    return f"/donnees-personnelles/adresse/{address_token(email)}/"


@pytest.fixture
def published(actor):
    return ContactFactory(
        actor=actor, name="Camille Sentinelle", email="camille@exemple.invalid", publication_consent=True
    )


def test_the_page_lists_the_fiches_publishing_the_address(client, published):
    page = client.get(page_url("Camille@Exemple.invalid")).content.decode()
    assert "Camille Sentinelle" in page and published.actor.name in page
    assert "Retirer mon consentement" in page


def test_withdrawal_unpublishes_the_contact_on_the_fiche_at_once(client, published):
    assert "Camille Sentinelle" in client.get(published.actor.get_absolute_url()).content.decode()
    response = client.post(page_url("camille@exemple.invalid"))
    assert response.status_code == 302
    assert "Camille Sentinelle" not in client.get(published.actor.get_absolute_url()).content.decode()


def test_withdrawal_removes_a_source_publication_too(client, actor):
    contact = ContactFactory(actor=actor, name="B", email="b@exemple.invalid", published_by_source=True)
    client.post(page_url("b@exemple.invalid"))
    contact.refresh_from_db()
    assert (contact.publication_consent, contact.published_by_source) == (False, False)


def test_withdrawal_is_recorded_without_the_address(client, published):
    client.post(page_url("camille@exemple.invalid"))
    (record,) = ConsentWithdrawal.objects.all()
    assert (record.contact, record.actor, record.had_consent) == (published, published.actor, True)
    assert record.address_digest == address_digest("CAMILLE@exemple.invalid")
    assert "camille" not in record.address_digest


def test_withdrawing_twice_records_once(client, published):
    client.post(page_url("camille@exemple.invalid"))
    response = client.post(page_url("camille@exemple.invalid"), follow=True)
    assert ConsentWithdrawal.objects.count() == 1
    assert "Aucune coordonnée n&#x27;était publiée" in response.content.decode()


def test_another_address_is_left_published(client, published, actor):
    other = ContactFactory(actor=actor, name="Autre", email="autre@exemple.invalid", publication_consent=True)
    client.post(page_url("camille@exemple.invalid"))
    other.refresh_from_db()
    assert other.publication_consent


def test_a_forged_link_is_refused_in_french(client, published):
    response = client.post("/donnees-personnelles/adresse/camille@exemple.invalid/")
    assert response.status_code == 400
    assert "pas valide" in response.content.decode()
    published.refresh_from_db()
    assert published.publication_consent
