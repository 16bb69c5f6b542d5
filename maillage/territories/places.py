"""Read the free-text places that files from the field carry, offline.

The report's annex file has one column « Territoire de portée, ville de localisation » holding
both things in one cell: "Dépt. Puy-de-Dôme, Clermont Ferrand", "NI, Clermont", "ARA, Lyon,
Clermont Ferrand...", "Ville de Clermont-Ferrand", "Riom". GoGoCarto and other mapping tools
give a locality and a postal code. Both must land on a commune of the gazetteer when they name
one (homonyms settled by a département: the cell's own, else the caller's hint), and on a
territorial level when they name a territory; what is read loosely, or not at all, comes back as
French notes for the import report, so nothing is guessed silently.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from maillage.core.text import normalize

from .geocoding import find_communes, normalize_commune_name
from .models import Commune, Department, Region

# Territorial levels, spelt like the directory's scopes (the directory maps them, territories
# does not know actors).
LOCAL, DEPARTMENTAL, REGIONAL, NATIONAL, INTERNATIONAL = (
    "local",
    "departmental",
    "regional",
    "national",
    "international",
)

NOT_GIVEN = {"ni", "nc", "nr", "nd", "non indique", "non indiquee", "non renseigne", "non renseignee", "inconnu", ""}
REGION_ABBREVIATIONS = {"ara": "84", "aura": "84"}
_DEPARTMENT_PREFIX = re.compile(r"^(?:dept|dpt|dep|departement(?: du| de la| de l)?)\s+")  # untranslated: a pattern
_TOWN_PREFIX = re.compile(r"^(?:ville|commune|mairie)\s+(?:de|d|du|des)\s+")
_REGION_PREFIX = re.compile(r"^region\s+")
# Groupings that are territories but not communes: the level is local, no commune is guessed.
_INTERCOMMUNAL = re.compile(
    r"\b(?:metropole|agglomeration|agglo|communaute|communautes|pays|pnr|parc naturel|petr|grand|bassin|syndicat)\b"
)
# Districts of the State that span several départements: read, but no level is guessed from them.
_STATE_DISTRICTS = re.compile(r"\b(?:academie|academies|rectorat|diocese)\b")
_NATIONAL = {"national", "nationale", "france", "fr", "national france"}
_INTERNATIONAL = {"international", "internationale", "europe", "europeen", "europeenne", "monde"}
_SEPARATORS = re.compile(r"\s*[,;/\n]\s*")


@dataclass
class PlaceReading:
    """What a place cell says: a commune, a département, a region, a level, and the notes."""

    commune: Commune | None = None
    department: Department | None = None
    region: Region | None = None
    level: str | None = None
    notes: list = field(default_factory=list)  # French sentences: loose readings, homonyms settled
    unknown: list = field(default_factory=list)  # the parts that name no known place

    @property
    def department_code(self):
        if self.commune is not None:
            return self.commune.department.code
        return self.department.code if self.department is not None else None


def _department_named(text):
    key = normalize(text)
    if not key:
        return None
    for department in Department.objects.all():
        if key in {normalize(department.name), department.code.lower()}:
            return department
    return None


def _region_named(text):
    key = normalize(text)
    if key in REGION_ABBREVIATIONS:
        return Region.objects.filter(code=REGION_ABBREVIATIONS[key]).first()
    for region in Region.objects.all():
        if key == normalize(region.name):
            return region
    return None


def _starting_with(name, department_hint):
    """The one commune of the département whose name starts with `name` + a word ("Clermont" ->
    Clermont-Ferrand), or None."""
    prefix = normalize_commune_name(name)
    starting = list(
        Commune.objects.select_related("department").filter(
            department__code=str(department_hint).upper(), search_name__startswith=prefix + " "
        )[:2]
    )
    return starting[0] if len(starting) == 1 else None


def _outweighs(commune, named_exactly):
    """A short name stands for the city a reader thinks of first: Clermont-Ferrand (146,000
    inhabitants) over Clermont in the Oise (10,000), never Saint-Denis-Combarnazat (250) over the
    four Saint-Denis. A population the gazetteer lacks counts as none."""
    return all((commune.population or 0) > (other.population or 0) for other in named_exactly)


def resolve_commune(name, department_hint=None):
    """(commune or None, notes): the commune a name designates, homonyms settled by the hint.

    Tried in order: the name within the hinted département; a unique commune of the hinted
    département whose name starts with it ("Clermont" within the Puy-de-Dôme is Clermont-Ferrand,
    said in a note), only when it is more populous than every commune named exactly so (the short
    name of a city, not a village sharing the start of a town's name: "Saint-Denis" is never
    Saint-Denis-Combarnazat); the name anywhere when it is unique. Homonyms left are a note naming
    the candidates, never a pick.
    """
    name = (name or "").strip().rstrip(".").strip()
    if not name:
        return None, []
    if department_hint:
        within = find_communes(name, department=department_hint)
        if len(within) == 1:
            return within[0], []
        if len(within) > 1:
            return None, [
                _("plusieurs communes « %(n)s » dans le département %(d)s.") % {"n": name, "d": department_hint}
            ]
    anywhere = find_communes(name)
    shortened = _starting_with(name, department_hint) if department_hint else None
    if shortened is not None and _outweighs(shortened, anywhere):
        return shortened, [
            _("« %(n)s » lu comme %(c)s (%(d)s).") % {"n": name, "c": shortened.name, "d": department_hint}
        ]
    if len(anywhere) == 1:
        commune = anywhere[0]
        if shortened is None:
            return commune, []
        return commune, [
            _(
                "« %(n)s » lu comme %(c)s (%(d)s), la seule commune de ce nom, "
                "et non %(o)s (%(h)s) : précisez si besoin."
            )
            % {"n": name, "c": commune.name, "d": commune.department.code, "o": shortened.name, "h": department_hint}
        ]
    if len(anywhere) > 1:
        places = ", ".join(f"{c.name} ({c.department.code})" for c in anywhere[:5])
        return None, [
            _("« %(n)s » désigne plusieurs communes (%(p)s) : précisez le département.") % {"n": name, "p": places}
        ]
    return None, []


def read_place(text, department_hint=None):
    """Read an annex-style cell "territory of scope, town of location" into a PlaceReading.

    The last part naming a commune gives the location; parts naming a territory give the level
    (the first one wins: the annex writes the territory of scope first).
    """
    reading = PlaceReading()
    parts = [part.strip(" .…") for part in _SEPARATORS.split(text or "")]
    commune_parts = []
    for part in parts:
        key = normalize(part)
        if key in NOT_GIVEN:
            continue
        if key in _INTERNATIONAL:
            reading.level = reading.level or INTERNATIONAL
            continue
        if key in _NATIONAL:
            reading.level = reading.level or NATIONAL
            continue
        if key in REGION_ABBREVIATIONS or _REGION_PREFIX.match(key):
            region = _region_named(_REGION_PREFIX.sub("", key) if _REGION_PREFIX.match(key) else key)
            reading.region = reading.region or region
            reading.level = reading.level or REGIONAL
            if region is None:
                reading.unknown.append(part)
            continue
        if _DEPARTMENT_PREFIX.match(key):
            department = _department_named(_DEPARTMENT_PREFIX.sub("", key))
            reading.level = reading.level or DEPARTMENTAL
            if department is None:
                reading.unknown.append(part)
            else:
                reading.department = reading.department or department
            continue
        if _TOWN_PREFIX.match(key):
            commune_parts.append((part, _TOWN_PREFIX.sub("", key)))
            reading.level = reading.level or LOCAL
            continue
        if _STATE_DISTRICTS.search(key):
            continue
        if _INTERCOMMUNAL.search(key):
            reading.level = reading.level or LOCAL
            continue
        region = _region_named(key)
        if region is not None:
            reading.region = reading.region or region
            reading.level = reading.level or REGIONAL
            continue
        commune_parts.append((part, part))
    hint = reading.department.code if reading.department is not None else department_hint
    for original, name in reversed(commune_parts):
        commune, notes = resolve_commune(name, hint)
        reading.notes.extend(notes)
        if commune is not None:
            reading.commune = commune
            break
        if not notes:
            department = _department_named(name)
            if department is not None:
                reading.department = reading.department or department
                reading.level = reading.level or DEPARTMENTAL
                continue
            reading.unknown.append(original)
    named = [part for part in parts if part]
    if reading.level is None and reading.commune is not None and len(commune_parts) == len(named):
        reading.level = LOCAL  # the cell names only towns (no "NI" for the scope): a local actor
    return reading


def read_locality(locality="", postal_code="", department_hint=None):
    """(commune or None, notes) from a postal address's locality and postal code (GoGoCarto, Kumu…)."""
    postal_code = re.sub(r"\s+", "", str(postal_code or ""))
    locality = (locality or "").strip()
    if postal_code and re.fullmatch(r"\d{5}", postal_code):
        by_code = find_communes(postal_code)
        if locality:
            wanted = normalize_commune_name(locality)
            named = [c for c in by_code if c.search_name == wanted]
            if len(named) == 1:
                return named[0], []
        if len(by_code) == 1 and not locality:
            return by_code[0], []
        department = postal_code[:2] if not postal_code.startswith(("97", "98")) else postal_code[:3]
        if department == "20":  # Corsica's postal codes start with 20, its départements are 2A and 2B
            department = None
        if locality:
            commune, notes = resolve_commune(locality, department or department_hint)
            if commune is not None or notes:
                return commune, notes
        if by_code:
            commune = by_code[0]
            return commune, [
                _("« %(l)s » ne correspond à aucune commune du code postal %(p)s : %(c)s retenue.")
                % {"l": locality, "p": postal_code, "c": commune.name}
            ] if locality else []
        return None, []
    if locality:
        return resolve_commune(locality, department_hint)
    return None, []


def read_place_department(text):
    """The département code a place cell points to on its own (no hint), or None."""
    return read_place(text).department_code
