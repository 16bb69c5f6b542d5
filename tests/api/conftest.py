"""Two territories (Puy-de-Dôme, Gironde), actors in both, a partner account and its token scoped to the 63."""

import pytest
from rest_framework.test import APIClient

from maillage.api.models import PartnerToken
from tests.contributions.factories import UserFactory
from tests.directory.factories import ActorFactory, ContactFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory, RegionFactory


@pytest.fixture
def clermont(db):
    return CommuneFactory()


@pytest.fixture
def bordeaux(db):
    region = RegionFactory(code="75", name="Nouvelle-Aquitaine")
    department = DepartmentFactory(code="33", name="Gironde", region=region)
    return CommuneFactory(code="33063", name="Bordeaux", department=department, latitude=44.8378, longitude=-0.5792)


@pytest.fixture
def lab63(clermont):
    return ActorFactory(name="Labo 63", slug="labo-63", commune=clermont, website="https://www.puy-de-dome.fr/")


@pytest.fixture
def lab33(bordeaux):
    return ActorFactory(name="Laboratoire girondin", slug="labo-33", commune=bordeaux)


@pytest.fixture
def contacts(lab63):
    return {
        "consented": ContactFactory(actor=lab63, name="Alice Consent", publication_consent=True),
        "annex": ContactFactory(actor=lab63, name="Bruno Annexe", published_by_source=True),
        "private": ContactFactory(actor=lab63, name="Chloé Privée", email="chloe@example.org"),
    }


@pytest.fixture
def partner(db):
    return UserFactory(username="partenaire63", email="api@puy-de-dome.fr")


@pytest.fixture
def issued(partner, clermont):
    """(token, secret) of a token of the partner's account, scoped to the Puy-de-Dôme."""
    token, secret = PartnerToken.issue(name="Département du Puy-de-Dôme", user=partner)
    token.departments.add(clermont.department)
    return token, secret


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def partner_api(issued):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued[1]}")
    return client
