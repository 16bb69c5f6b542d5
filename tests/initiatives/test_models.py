"""The invariants of initiatives hold in the database itself, not only in forms."""

import pytest
from django.db import IntegrityError, transaction

from maillage.initiatives.models import (
    InitiativeLink,
    InitiativeType,
    Participation,
    PhaseEntry,
)
from tests.initiatives.conftest import make_initiative

pytestmark = pytest.mark.django_db


def _refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_an_unknown_innovation_type_is_refused_by_the_database():
    initiative = make_initiative()
    _refused(lambda: InitiativeType.objects.create(initiative=initiative, code="magic"))


def test_a_type_is_given_once_per_initiative():
    initiative = make_initiative(types=["service"])
    _refused(lambda: InitiativeType.objects.create(initiative=initiative, code="service"))


def test_the_period_cannot_end_before_it_starts():
    initiative = make_initiative(start_year=2020)
    from maillage.initiatives.models import Initiative

    _refused(lambda: Initiative.objects.filter(pk=initiative.pk).update(end_year=2019))


def test_an_unknown_role_is_refused_by_the_database(carrier):
    initiative = make_initiative()
    _refused(lambda: Participation.objects.create(initiative=initiative, actor=carrier, role="sponsor"))


def test_an_actor_has_a_role_once(carrier):
    initiative = make_initiative(actors=[{"actor": carrier.slug, "role": "porteur"}])
    _refused(lambda: Participation.objects.create(initiative=initiative, actor=carrier, role="porteur"))


def test_a_phase_year_out_of_range_is_refused():
    initiative = make_initiative()
    _refused(lambda: PhaseEntry.objects.create(initiative=initiative, phase="construction", year=3000))


def test_an_initiative_cannot_be_linked_to_itself():
    initiative = make_initiative()
    _refused(lambda: InitiativeLink.objects.create(source=initiative, target=initiative, kind="reutilise"))


def test_the_database_refuses_a_spread_link_going_back_in_time():
    earlier = make_initiative("Origine", start_year=2018)
    later = make_initiative("Suite", start_year=2021)
    _refused(
        lambda: InitiativeLink.objects.create(
            source=later, target=earlier, kind="essaimee_vers", source_start=2021, target_start=2018
        )
    )


def test_the_database_refuses_a_reuse_of_something_that_came_later():
    earlier = make_initiative("Origine", start_year=2018)
    later = make_initiative("Suite", start_year=2021)
    _refused(
        lambda: InitiativeLink.objects.create(
            source=earlier, target=later, kind="reutilise", source_start=2018, target_start=2021
        )
    )


def test_the_database_refuses_a_link_dated_before_its_origin():
    earlier = make_initiative("Origine", start_year=2018)
    later = make_initiative("Suite", start_year=2021)
    _refused(
        lambda: InitiativeLink.objects.create(
            source=earlier, target=later, kind="essaimee_vers", year=2010, source_start=2018, target_start=2021
        )
    )
