"""The one way an e-mail tells its recipient how to withdraw consent, see or erase their data.

Every e-mail Maillage sends goes through `maillage.core.tasks.queue_mail`, which appends
`email_footer(recipient)` to the body: a signed link to the recipient's personal-data page
(withdraw publication consent at once, download their data as JSON, ask for erasure). The
link names the address it was sent to, signed with the site's secret key, so nobody can
forge a link for someone else's address; it expires after `PERSONAL_DATA_LINK_DAYS`.

The page itself lives in the site layer (`maillage.privacy`, URL name `privacy:address`),
above every app whose data it reads; this module only builds and reads the link, so that
the lowest layer can add it to every message without importing anything above it.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

ADDRESS_SALT = "maillage.personal-data.address"
ADDRESS_URL_NAME = "privacy:address"


def normalized_address(email):
    """Addresses are compared without case or surrounding spaces (as contacts and accounts are matched)."""
    return (email or "").strip().lower()


def address_token(email):
    """A signed, URL-safe token naming one address."""
    return signing.dumps({"e": normalized_address(email)}, salt=ADDRESS_SALT, compress=True)


def read_address_token(token):
    """The address a token names; raises signing.BadSignature (or SignatureExpired) when it is forged or too old."""
    max_age = settings.PERSONAL_DATA_LINK_DAYS * 24 * 3600
    data = signing.loads(token, salt=ADDRESS_SALT, max_age=max_age)
    address = data.get("e") if isinstance(data, dict) else None
    if not address:
        raise signing.BadSignature("no address in the token")
    return address


def personal_data_url(email, base_url=None):
    """The absolute link to the personal-data page of `email` (withdraw consent, export, erasure)."""
    base = (base_url or settings.SITE_URL).rstrip("/")
    return base + reverse(ADDRESS_URL_NAME, args=[address_token(email)])


def email_footer(email, base_url=None):
    """The lines appended to every e-mail sent to `email`."""
    return "\n".join(
        [
            "",
            "-- ",
            _(
                "Vos données personnelles : retirer votre consentement à la publication, "
                "télécharger vos données ou demander leur effacement :"
            ),
            personal_data_url(email, base_url),
        ]
    )
