"""Factories for users, moderator scopes and proposals."""

import factory
from django.contrib.auth import get_user_model

from maillage.contributions.models import ModeratorScope, Ownership, Proposal


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"contributeur{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@exemple.invalid")
    password = factory.django.Password("mot-de-passe-solide-42")


class ModeratorScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModeratorScope

    user = factory.SubFactory(UserFactory)


class OwnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ownership

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.user.email)
    via = "moderator"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    kind = "report"
    status = "pending"
    report_reason = "other"
    email = "visiteur@exemple.invalid"
