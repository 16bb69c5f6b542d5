"""Partner tokens: who may write through the API, and where.

A token belongs to a partner account (a site user), so a write through the API is that user's
contribution: a moderated proposal, or a direct edit when the user owns the fiche, exactly as
on the site. Only a hash of the secret is stored; the secret is shown once, when created.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "mlg"  # noqa: S105  (the public prefix of every token, not a secret)
LOOKUP_LENGTH = 10
# A new last-used timestamp is written at most this often (seconds): no write on every read.
LAST_USED_RESOLUTION = 60


def hash_secret(secret):
    """SHA-256 of the whole token: the secret is 256 random bits, so a slow hash adds nothing."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def split_token(raw):
    """(lookup, raw) of a presented token, or None when it does not have the token's shape."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or len(parts[1]) != LOOKUP_LENGTH or not parts[2]:
        return None
    return parts[1], raw


class PartnerTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class PartnerToken(models.Model):
    """A partner's API key: hashed at rest, scoped to territories, revocable, last use recorded."""

    name = models.CharField(
        _("nom"), max_length=150, help_text=_("Le partenaire et l'usage (ex. : Région, site régional).")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte du partenaire"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text=_(
            "Ses écritures sont les contributions de ce compte : directes sur les fiches dont il est responsable."
        ),
    )
    lookup = models.CharField(_("identifiant public"), max_length=LOOKUP_LENGTH, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    regions = models.ManyToManyField("territories.Region", verbose_name=_("régions"), blank=True, related_name="+")
    departments = models.ManyToManyField(
        "territories.Department", verbose_name=_("départements"), blank=True, related_name="+"
    )
    communes = models.ManyToManyField("territories.Commune", verbose_name=_("communes"), blank=True, related_name="+")
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    objects = PartnerTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("jeton partenaire")
        verbose_name_plural = _("jetons partenaires")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(secret_hash=""), name="partnertoken_hash_set"),
        ]

    def __str__(self):
        return f"{self.name} ({TOKEN_PREFIX}_{self.lookup}_…)"

    @property
    def is_active(self):
        return self.revoked_at is None and self.user.is_active

    def set_new_secret(self):
        """Give an unsaved token its lookup and hash; returns the secret (never stored, shown once)."""
        self.lookup = secrets.token_hex(LOOKUP_LENGTH // 2)
        secret = f"{TOKEN_PREFIX}_{self.lookup}_{secrets.token_urlsafe(32)}"
        self.secret_hash = hash_secret(secret)
        return secret

    @classmethod
    def issue(cls, *, name, user):
        """Create a token; returns (token, secret)."""
        token = cls(name=name, user=user)
        secret = token.set_new_secret()
        token.save()
        return token, secret

    def matches(self, raw):
        return hmac.compare_digest(self.secret_hash, hash_secret(raw))

    def revoke(self):
        PartnerToken.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.refresh_from_db(fields=["revoked_at"])

    def touch(self, now=None):
        """Record a use, at most once per LAST_USED_RESOLUTION seconds (one conditional UPDATE)."""
        now = now or timezone.now()
        stale = now - timezone.timedelta(seconds=LAST_USED_RESOLUTION)
        PartnerToken.objects.filter(pk=self.pk).filter(Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale)).update(
            last_used_at=now
        )

    # -- territory ---------------------------------------------------------------------

    def scope_codes(self):
        """(region codes, department codes, commune codes) this token may write in."""
        return (
            sorted(self.regions.values_list("code", flat=True)),
            sorted(self.departments.values_list("code", flat=True)),
            sorted(self.communes.values_list("code", flat=True)),
        )

    def covers(self, commune):
        """Whether a commune (a territories.Commune, or None) lies in the token's territories."""
        if commune is None:
            return False
        return (
            self.communes.filter(pk=commune.pk).exists()
            or self.departments.filter(pk=commune.department_id).exists()
            or self.regions.filter(pk=commune.department.region_id).exists()
        )

    def scope_label(self):
        regions, departments, communes = self.scope_codes()
        parts = [gettext("région %(code)s") % {"code": c} for c in regions]
        parts += [gettext("département %(code)s") % {"code": c} for c in departments]
        parts += [gettext("commune %(code)s") % {"code": c} for c in communes]
        return ", ".join(parts) or gettext("aucun territoire")
