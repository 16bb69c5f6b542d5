"""Factories for actors; the seven actor types come from the data migration."""

import factory

from maillage.directory.models import (
    Actor,
    ActorSource,
    ActorType,
    ActorTypeCode,
    Contact,
    LegalStatus,
    Lifecycle,
    Scope,
    Tag,
)


def actor_type(code):
    return factory.LazyFunction(lambda: ActorType.objects.get(code=code))


class ActorFactory(factory.django.DjangoModelFactory):
    """A lab of a collectivité by default; traits give the other types and states.

    ActorFactory(promotion=True), ActorFactory(network=True, national=True), ActorFactory(disappeared=True)…
    """

    class Meta:
        model = Actor

    class Params:
        # One trait per actor type of the report (the default is a lab).
        promotion = factory.Trait(primary_type=actor_type(ActorTypeCode.PROMOTION))
        intermediation = factory.Trait(primary_type=actor_type(ActorTypeCode.INTERMEDIATION))
        training_research = factory.Trait(primary_type=actor_type(ActorTypeCode.TRAINING_RESEARCH))
        consultancy = factory.Trait(primary_type=actor_type(ActorTypeCode.CONSULTANCY))
        network = factory.Trait(primary_type=actor_type(ActorTypeCode.NETWORK))
        other = factory.Trait(primary_type=actor_type(ActorTypeCode.OTHER))
        # Life cycle and reach.
        emerging = factory.Trait(lifecycle=Lifecycle.EMERGING)
        dormant = factory.Trait(lifecycle=Lifecycle.DORMANT)
        disappeared = factory.Trait(lifecycle=Lifecycle.DISAPPEARED)
        regional = factory.Trait(scope=Scope.REGIONAL)
        national = factory.Trait(scope=Scope.NATIONAL)

    name = factory.Sequence(lambda n: f"Laboratoire d'innovation {n}")
    slug = factory.Sequence(lambda n: f"laboratoire-{n}")
    primary_type = actor_type(ActorTypeCode.LAB)
    legal_status = LegalStatus.COLLECTIVITE
    scope = Scope.LOCAL
    lifecycle = Lifecycle.ACTIVE


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"méthode {n}")
    slug = factory.Sequence(lambda n: f"methode-{n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Personne {n}")
    function = "Responsable du lab"


class ActorSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorSource

    actor = factory.SubFactory(ActorFactory)
    reference = "Rapport TIPs, section 2.2.1"
