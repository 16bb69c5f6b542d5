"""Personal survey links: signed (django.core.signing), expiring, revocable.

The link carries the invitation's id and its nonce; revoking an invitation replaces the nonce,
so every link sent before stops working. A link expires when its wave closes (and in any case
after `SURVEYS_LINK_MAX_AGE`, 120 days by default). Opting out has its own signed link.
"""

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

ANSWER_SALT = "maillage.surveys.answer"
OPT_OUT_SALT = "maillage.surveys.opt-out"


class LinkError(Exception):
    """A survey link that cannot be used; the message is in French, for the respondent."""


def max_age():
    return getattr(settings, "SURVEYS_LINK_MAX_AGE", 120 * 24 * 3600)


def make_token(invitation, salt=ANSWER_SALT):
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=salt, compress=True)


def make_opt_out_token(invitation):
    return make_token(invitation, OPT_OUT_SALT)


def read_invitation(token, *, salt=ANSWER_SALT, for_writing=False):
    """The invitation of a link, or LinkError (forged, expired, revoked, wave closed)."""
    from .models import Invitation

    try:
        data = signing.loads(str(token)[:500], salt=salt, max_age=max_age())
    except signing.SignatureExpired:
        raise LinkError(_("Ce lien a expiré. Demandez un nouveau lien à l'équipe qui mène l'enquête.")) from None
    except signing.BadSignature:
        raise LinkError(_("Ce lien n'est pas valide. Vérifiez qu'il a été copié en entier.")) from None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        raise LinkError(_("Ce lien n'est pas valide. Vérifiez qu'il a été copié en entier."))
    queryset = Invitation.objects.select_related("wave__campaign", "actor")
    if for_writing:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(pk=data["i"]).first()
    if invitation is None or invitation.nonce != data.get("n") or invitation.revoked_at:
        raise LinkError(_("Ce lien a été révoqué. Demandez un nouveau lien à l'équipe qui mène l'enquête."))
    if salt == ANSWER_SALT and not invitation.wave.is_open:
        raise LinkError(_("Cette vague d'enquête est close : les réponses ne peuvent plus être modifiées."))
    return invitation
