"""Locate French communes offline (name, INSEE code or postal code) and, when enabled, addresses online.

Names are compared normalized (accents, case, hyphens and apostrophes ignored, "St"
read as "Saint"); homonyms (there are several "Saint-Denis") are told apart by the
département. The optional address geocoder calls the national address base API
only when `settings.ADDRESS_GEOCODER_URL` is set (off by default).
"""

import json
import logging
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from maillage.core.text import normalize

from .models import Commune

logger = logging.getLogger(__name__)

_CODE = re.compile(r"^(?:\d{5}|2[ab]\d{3})$", re.IGNORECASE)
_TRAILING_DEPARTMENT = re.compile(r"^(?P<name>.*?)[\s,(]+(?P<dep>\d{2,3}|2[ab])\)?\s*$", re.IGNORECASE)
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


class AmbiguousCommune(Exception):
    """Several communes match; `candidates` are ordered by population (largest first)."""

    def __init__(self, candidates):
        self.candidates = candidates
        super().__init__(", ".join(str(c) for c in candidates[:10]))


@dataclass(frozen=True)
class Location:
    commune: Commune
    latitude: float | None
    longitude: float | None


def normalize_commune_name(name):
    words = normalize(name).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def _by_population(queryset):
    return sorted(queryset, key=lambda c: (-(c.population or 0), c.code))


def find_communes(query, department=None):
    """Every commune matching a name, an INSEE code or a postal code, optionally within a département."""
    query = (query or "").strip()
    if not query:
        return []
    qs = Commune.objects.select_related("department")
    if department:
        qs = qs.filter(department__code=str(department).upper())
    if _CODE.match(query):
        code = query.upper()
        by_code = list(qs.filter(code=code))
        by_postal_code = _by_population(
            c for c in qs.filter(postal_codes__contains=code) if code in c.postal_codes.split() and c.code != code
        )
        return by_code + by_postal_code
    matches = _by_population(qs.filter(search_name=normalize_commune_name(query)))
    if not matches and not department:
        trailing = _TRAILING_DEPARTMENT.match(query)
        if trailing:  # "Saint-Denis (93)", "Saint-Denis 974"
            return find_communes(trailing["name"], department=trailing["dep"])
    return matches


def geocode_commune(query, department=None):
    """The one commune a query designates, with its coordinates; None when nothing matches.

    Raises AmbiguousCommune when homonyms remain and no département settles it.
    An INSEE code always wins over a postal code shared by several communes.
    """
    matches = find_communes(query, department)
    if not matches:
        return None
    if _CODE.match(query.strip()) and matches[0].code == query.strip().upper():
        matches = matches[:1]
    if len(matches) > 1:
        raise AmbiguousCommune(matches)
    commune = matches[0]
    return Location(commune, commune.latitude, commune.longitude)


@dataclass(frozen=True)
class AddressLocation:
    latitude: float
    longitude: float
    label: str
    citycode: str
    score: float


def address_geocoder_enabled():
    return bool(getattr(settings, "ADDRESS_GEOCODER_URL", ""))


def geocode_address(address, citycode="", timeout=None):
    """Geocode a postal address with the national address base API, when enabled.

    Returns None when disabled, on any network or format error, or when nothing scores
    well enough: the caller then falls back to the commune's coordinates.
    """
    if not address_geocoder_enabled() or not (address or "").strip():
        return None
    params = {"q": address.strip(), "limit": 1}
    if citycode:
        params["citycode"] = citycode
    url = f"{settings.ADDRESS_GEOCODER_URL}?{urllib.parse.urlencode(params)}"
    timeout = timeout or getattr(settings, "ADDRESS_GEOCODER_TIMEOUT", 5)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (URL from settings)
            payload = json.load(response)
        feature = payload["features"][0]
        lon, lat = feature["geometry"]["coordinates"]
        props = feature.get("properties", {})
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        logger.warning("Géocodage d'adresse impossible pour %r", address, exc_info=True)
        return None
    score = float(props.get("score", 0))
    if score < getattr(settings, "ADDRESS_GEOCODER_MIN_SCORE", 0.5):
        return None
    return AddressLocation(float(lat), float(lon), props.get("label", ""), props.get("citycode", ""), score)
