"""Make an account an organiser of one or more events, creating the account when it does not exist.

A new account gets no password: the command prints a one-time link where its owner chooses one
(the site's own password page), so no password ever travels through a terminal or an e-mail.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from maillage.events import organising
from maillage.events.models import Event


class Command(BaseCommand):
    help = (
        "Nomme un compte organisateur d'un ou plusieurs événements (--event, répétable) ; "
        "crée le compte s'il n'existe pas (--email requis) et affiche le lien pour choisir son mot de passe."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Identifiant du compte (créé s'il n'existe pas).")
        parser.add_argument(
            "--event", action="append", default=[], required=True, help="Identifiant de l'événement, répétable."
        )
        parser.add_argument("--email", default="", help="Adresse électronique, requise pour créer le compte.")

    def handle(self, username, event, email, **options):
        events = []
        for slug in event:
            found = Event.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"Événement inconnu : {slug}")
            events.append(found)
        User = get_user_model()
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            created = user is None
            if created:
                if not email:
                    raise CommandError(f"Le compte {username} n'existe pas : indiquez --email pour le créer.")
                try:
                    validate_email(email)
                except Exception as exc:
                    raise CommandError(f"Adresse électronique invalide : {email}") from exc
                user = User(username=username, email=email.strip().lower(), is_active=True)
                user.set_unusable_password()
                user.save()
            elif not user.is_active:
                raise CommandError(f"Le compte {username} est désactivé.")
            for found in events:
                organising.add_organiser(found, user)
        names = ", ".join(e.slug for e in organising.organised_events(user).order_by("slug"))
        self.stdout.write(f"{username} organise : {names}")
        if created:
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            path = reverse("contributions:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
            link = settings.SITE_URL.rstrip("/") + path
            self.stdout.write(f"Compte créé. Lien pour choisir son mot de passe : {link}")
