"""A small Puy-de-Dôme ecosystem surveyed by a campaign; helpers to answer as one actor."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from maillage.surveys import invitations, tokens
from maillage.surveys.models import Campaign
from tests.contributions.factories import UserFactory
from tests.directory.factories import ActorFactory, ContactFactory
from tests.network.factories import RelationFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory


@pytest.fixture
def eco(db):
    clermont = CommuneFactory()
    rhone = DepartmentFactory(code="69", name="Rhône")
    lyon = CommuneFactory(code="69123", name="Lyon", department=rhone, latitude=45.76, longitude=4.83)
    n = SimpleNamespace()
    n.ville = ActorFactory(name="Ville de Clermont-Ferrand", slug="ville", commune=clermont)
    n.cisca = ActorFactory(name="CISCA", slug="cisca", commune=clermont, intermediation=True)
    n.drelab = ActorFactory(name="Dre'lab", slug="drelab", commune=clermont, legal_status="etat_deconcentre")
    n.chaire = ActorFactory(name="Chaire", slug="chaire", commune=clermont, training_research=True)
    n.archipel = ActorFactory(name="Archipel", slug="archipel", commune=lyon)
    ContactFactory(actor=n.ville, name="Awa Dupont", email="awa@ville.example", publication_consent=True)
    ContactFactory(actor=n.cisca, name="Bruno Martin", email="bruno@cisca.example", published_by_source=True)
    ContactFactory(actor=n.drelab, name="Chloé Petit", email="chloe@drelab.example", publication_consent=True)
    # The chaire has a contact but no basis to write to them.
    ContactFactory(actor=n.chaire, name="Denis Roy", email="denis@chaire.example")
    n.collab = RelationFactory(source=n.ville, target=n.cisca, kind="collaboration")
    n.info = RelationFactory(source=n.cisca, target=n.drelab, kind="information")
    n.outside = RelationFactory(source=n.archipel, target=n.drelab, kind="information")
    n.staff = UserFactory(username="equipe", is_staff=True, is_superuser=True, email="equipe@example.org")
    return n


def make_campaign(user, **values):
    defaults = {
        "title": "Enquête Puy-de-Dôme",
        "filter_query": "departement=63",
        "kinds": ["information", "service", "collaboration", "membership", "funding"],
        "created_by": user,
        "free_questions": ["Quel réseau vous manque ?"],
    }
    return Campaign.objects.create(**{**defaults, **values})


@pytest.fixture
def wave(eco):
    campaign = make_campaign(eco.staff)
    today = timezone.localdate()
    return invitations.open_wave(campaign, opens_on=today, closes_on=today + datetime.timedelta(days=30))


def token_of(wave, actor):
    return tokens.make_token(wave.invitations.get(actor=actor))
