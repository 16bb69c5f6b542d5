"""Correspondences the person importing gives: a source's categories to actor types, its
connection types to relation kinds.

One line per correspondence, `category = target` (also `;`, a tab or a two-column CSV), or a JSON
object. A target is an actor type (code, number of the report's typology or label: `lab`, `1`,
« Cellule d'innovation »), `étiquette: <name>` (the category becomes a tag), `ignorer` (left
out), or a relation kind (`collaboration`, « Financement »…). Without a correspondence, a name
that plainly is a type or a kind is matched automatically, and the report says so.
"""

import json
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from maillage.core.text import normalize
from maillage.directory.importing import decode, parse_type
from maillage.network.models import RelationKind

TYPE, TAG, IGNORE, KIND = "type", "tag", "ignore", "kind"
IGNORE_WORDS = {"ignorer", "ignore", "-", "aucun", "rien", "none", "skip"}
TAG_PREFIX = re.compile(r"^(?:etiquette|tag|theme|methode)\s*:?\s*", re.IGNORECASE)
KIND_KEYWORDS = [
    ("information", RelationKind.INFORMATION),
    ("inspiration", RelationKind.INFORMATION),
    ("partage", RelationKind.INFORMATION),
    ("echange", RelationKind.INFORMATION),
    ("veille", RelationKind.INFORMATION),
    ("knowledge", RelationKind.INFORMATION),
    ("prestation", RelationKind.SERVICE),
    ("service", RelationKind.SERVICE),
    ("client", RelationKind.SERVICE),
    ("commande", RelationKind.SERVICE),
    ("accompagnement", RelationKind.SERVICE),
    ("collaboration", RelationKind.COLLABORATION),
    ("collabore", RelationKind.COLLABORATION),
    ("partenariat", RelationKind.COLLABORATION),
    ("partenaire", RelationKind.COLLABORATION),
    ("partnership", RelationKind.COLLABORATION),
    ("cooperation", RelationKind.COLLABORATION),
    ("appartenance", RelationKind.MEMBERSHIP),
    ("membre", RelationKind.MEMBERSHIP),
    ("member", RelationKind.MEMBERSHIP),
    ("adhesion", RelationKind.MEMBERSHIP),
    ("adherent", RelationKind.MEMBERSHIP),
    ("financement", RelationKind.FUNDING),
    ("finance", RelationKind.FUNDING),
    ("funding", RelationKind.FUNDING),
    ("fund", RelationKind.FUNDING),
    ("subvention", RelationKind.FUNDING),
]


@dataclass(frozen=True)
class Target:
    action: str  # type, tag, ignore, kind
    value: str = ""

    def describe(self):
        if self.action == TYPE:
            from maillage.directory.models import ActorTypeCode

            return _("type « %(t)s »") % {"t": ActorTypeCode(self.value).label}
        if self.action == KIND:
            return _("relation « %(k)s »") % {"k": RelationKind(self.value).label}
        if self.action == TAG:
            return _("étiquette « %(t)s »") % {"t": self.value}
        return _("ignorée")


def auto_kind(text):
    key = normalize(text)
    for value, label in RelationKind.choices:
        if key in {value, normalize(label)}:
            return value
    padded = f" {key}"
    for keyword, kind in KIND_KEYWORDS:
        if f" {keyword}" in padded:
            return kind.value
    return None


def resolve_target(text):
    """The Target a correspondence's right-hand side names, or None."""
    raw = (text or "").strip()
    key = normalize(raw)
    if key in IGNORE_WORDS or raw in IGNORE_WORDS:
        return Target(IGNORE)
    if TAG_PREFIX.match(key):
        name = TAG_PREFIX.sub("", raw.split(":", 1)[1] if ":" in raw else key).strip()
        return Target(TAG, name[:100]) if name else None
    actor_type = parse_type(raw)
    if actor_type:
        return Target(TYPE, str(actor_type))
    kind = auto_kind(raw)
    return Target(KIND, kind) if kind else None


def _pairs(text):
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError as error:
            raise ValueError(_("Correspondances JSON illisibles : %(e)s") % {"e": error}) from error
        return [(0, str(k), str(v)) for k, v in data.items()]
    pairs = []
    for number, line in enumerate(stripped.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for separator in ("=", "\t", ";", ","):
            if separator in line:
                left, right = line.split(separator, 1)
                pairs.append((number, left.strip().strip('"'), right.strip().strip('"')))
                break
        else:
            pairs.append((number, line.strip(), ""))
    return pairs


def parse_mapping(data):
    """({normalised name: Target}, [French errors]) from the text or bytes of a correspondence file."""
    text = decode(data) if isinstance(data, (bytes, bytearray)) else (data or "")
    mapping, errors = {}, []
    try:
        pairs = _pairs(text)
    except ValueError as error:
        return {}, [str(error)]
    for number, left, right in pairs:
        if normalize(left) in {"categorie", "category", "type", "source"} and normalize(right) in {
            "type",
            "cible",
            "target",
            "correspondance",
        }:
            continue  # a CSV header
        target = resolve_target(right)
        if not left or target is None:
            errors.append(
                _(
                    "Correspondance ligne %(n)d illisible : « %(l)s = %(r)s » "
                    "(type d'acteur, étiquette: …, ignorer ou type de relation attendu)."
                )
                % {"n": number, "l": left, "r": right}
            )
            continue
        mapping[normalize(left)] = target
    return mapping, errors
