"""Factories for actors; the seven actor types come from the data migration."""

import factory

from maillage.directory.models import Actor, ActorSource, ActorType, Contact, Tag


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Laboratoire d'innovation {n}")
    slug = factory.Sequence(lambda n: f"laboratoire-{n}")
    primary_type = factory.LazyFunction(lambda: ActorType.objects.get(code="lab"))
    legal_status = "collectivite"
    scope = "local"
    lifecycle = "active"


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
