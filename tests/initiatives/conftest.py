"""Territories, actors and moderators shared by the initiatives tests (the contributions ones, reused)."""

import pytest

from maillage.directory.writing import Change
from maillage.initiatives.writing import create_initiative
from tests.contributions.conftest import (  # noqa: F401 - fixtures reused as they are
    admin_user,
    bordeaux,
    clermont,
    contributor,
    moderator,
    other_moderator,
)
from tests.directory.factories import ActorFactory


@pytest.fixture
def carrier(clermont):  # noqa: F811 - the fixture imported above
    return ActorFactory(name="Direction innovation et participation", slug="dip", commune=clermont)


@pytest.fixture
def partner(clermont):  # noqa: F811 - the fixture imported above
    return ActorFactory(name="CISCA", slug="cisca", commune=clermont)


def make_initiative(title="Convention citoyenne", **values):
    """An initiative created through the write path (as every initiative is)."""
    return create_initiative({"title": title, **values}, change=Change(comment="test")).instance


@pytest.fixture
def initiative(clermont, carrier):  # noqa: F811 - the fixture imported above
    return make_initiative(
        "Convention citoyenne de Clermont-Ferrand",
        types=["governance"],
        start_year=2020,
        communes=[clermont.code],
        actors=[{"actor": carrier.slug, "role": "porteur"}],
    )
