"""Factories for relations between actors."""

import factory

from maillage.network.models import Relation
from tests.directory.factories import ActorFactory


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation
        skip_postgeneration_save = True

    source = factory.SubFactory(ActorFactory)
    target = factory.SubFactory(ActorFactory)
    kind = Relation.Kind.INFORMATION
    description = "Échanges réguliers"
    source_reference = "Rapport TIPs, section 3.1.1"

    @factory.post_generation
    def motivations(self, create, extracted, **kwargs):
        if create and extracted:
            self.motivations.set(extracted)
