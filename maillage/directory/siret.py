"""The SIRET of an actor: the national identifier of an establishment (SIREN + NIC, 14 digits).

Checked with python-stdnum (`stdnum.fr.siret`), which knows the checksum rules INSEE applies:
the Luhn key on the 14 digits and on the 9-digit SIREN, except for La Poste (SIREN
356 000 000), whose establishments share one SIREN and carry instead a sum of digits that is a
multiple of 5 (its head office, 356 000 000 00048, follows Luhn). The reason for a refusal is
said in French. The field is optional: an actor without a SIRET (a collectif informel, a
network, or simply unknown) stays empty; the demo never invents one.

Several actors may share one SIRET (a city's innovation lab is a service of the city's
establishment), so it is not unique.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.fr import siret as stdnum_siret

SIRET_LENGTH = 14
SIRET_PATTERN = r"^[0-9]{14}$"
LA_POSTE_SIREN = "356000000"


def compact_siret(value):
    """The SIRET without the spaces and dots people type between its groups ("" when empty)."""
    return stdnum_siret.compact(str(value or ""))


def validate_siret(value):
    """Raise a French ValidationError unless `value` is a valid SIRET (spaces and dots allowed)."""
    number = compact_siret(value)
    try:
        stdnum_siret.validate(number)
    except stdnum_errors.InvalidLength as error:
        raise ValidationError(
            _("Un SIRET compte 14 chiffres ; « %(value)s » en compte %(count)d."),
            code="siret_length",
            params={"value": value, "count": len(number)},
        ) from error
    except stdnum_errors.InvalidFormat as error:  # InvalidLength is one: caught before
        raise ValidationError(
            _("Un SIRET ne contient que des chiffres : « %(value)s » n'en est pas un."),
            code="siret_format",
            params={"value": value},
        ) from error
    except stdnum_errors.ValidationError as error:
        raise ValidationError(
            _(
                "« %(value)s » n'est pas un SIRET valide : sa clé de contrôle ne correspond pas. "
                "Vérifiez chaque chiffre."
            ),
            code="siret_checksum",
            params={"value": value},
        ) from error


def format_siret(value):
    """« 356 000 000 00048 »: SIREN in groups of three, then the NIC, as INSEE prints it."""
    number = compact_siret(value)
    if len(number) != SIRET_LENGTH:
        return value
    return f"{number[:3]} {number[3:6]} {number[6:9]} {number[9:]}"
