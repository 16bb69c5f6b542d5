"""Text normalisation shared by search, duplicate detection and imports."""

import re

from unidecode import unidecode

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize(text):
    """Lower-case, accent-free, punctuation folded to single spaces.

    "Cité du Design – Saint-Étienne" -> "cite du design saint etienne"
    """
    if not text:
        return ""
    return _NON_WORD.sub(" ", unidecode(str(text)).lower()).strip()
