"""Records of what was done with personal data, kept as proof without the data itself.

Neither record stores the address: only a keyed digest of it (HMAC with the site's secret
key), enough to answer "was this address's consent withdrawn / erased, and when?" when the
person asks again, and useless to anyone reading the database without the key.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.personal_data import normalized_address


def address_digest(email):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalized_address(email).encode(), hashlib.sha256).hexdigest()


class ConsentWithdrawal(models.Model):
    """A person withdrew their consent to publication through their signed link."""

    address_digest = models.CharField(_("empreinte de l'adresse"), max_length=64, db_index=True)
    contact = models.ForeignKey(
        "directory.Contact",
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consent_withdrawals",
    )
    actor = models.ForeignKey(
        "directory.Actor", verbose_name=_("acteur"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    had_consent = models.BooleanField(_("consentement avant le retrait"))
    had_source_publication = models.BooleanField(_("publié par la source avant le retrait"))
    withdrawn_at = models.DateTimeField(_("retiré le"), auto_now_add=True)

    class Meta:
        verbose_name = _("retrait de consentement")
        verbose_name_plural = _("retraits de consentement")
        ordering = ["-withdrawn_at", "-id"]

    def __str__(self):
        return f"{self.withdrawn_at:%Y-%m-%d} #{self.contact_id or '-'}"


class Erasure(models.Model):
    """A person erased from every table: when, by whom, and how many rows of each table changed."""

    address_digest = models.CharField(_("empreinte de l'adresse"), max_length=64, blank=True, db_index=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("effacé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    performed_at = models.DateTimeField(_("effacé le"), auto_now_add=True)
    counts = models.JSONField(_("lignes touchées par table"), default=dict)

    class Meta:
        verbose_name = _("effacement")
        verbose_name_plural = _("effacements")
        ordering = ["-performed_at", "-id"]

    def __str__(self):
        return f"{self.performed_at:%Y-%m-%d} ({sum(self.counts.values())})"
