"""Two territories (Puy-de-Dôme in AURA, Gironde in Nouvelle-Aquitaine) and their moderators."""

import pytest

from tests.contributions.factories import ModeratorScopeFactory, UserFactory
from tests.directory.factories import ActorFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory, RegionFactory


@pytest.fixture
def clermont(db):
    return CommuneFactory()


@pytest.fixture
def bordeaux(db):
    region = RegionFactory(code="75", name="Nouvelle-Aquitaine")
    department = DepartmentFactory(code="33", name="Gironde", region=region)
    return CommuneFactory(
        code="33063", name="Bordeaux", department=department, postal_codes="33000", latitude=44.8378, longitude=-0.5792
    )


@pytest.fixture
def actor(clermont):
    return ActorFactory(name="Labo 63", slug="labo-63", commune=clermont, website="https://www.puy-de-dome.fr/")


@pytest.fixture
def moderator(clermont):
    """Moderator of the Puy-de-Dôme (the actor's département)."""
    return ModeratorScopeFactory(user=UserFactory(username="moderatrice63"), department=clermont.department).user


@pytest.fixture
def regional_moderator(clermont):
    return ModeratorScopeFactory(user=UserFactory(username="moderateur-aura"), region=clermont.department.region).user


@pytest.fixture
def other_moderator(bordeaux):
    """Moderator of the Gironde: another territory."""
    return ModeratorScopeFactory(user=UserFactory(username="moderateur33"), department=bordeaux.department).user


@pytest.fixture
def admin_user(db):
    user = UserFactory(username="admin")
    user.is_superuser = True
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def contributor(db):
    return UserFactory(username="camille")
