"""Checking the demo data against the reference documents it is built from.

The report is a text extracted from a PDF: it uses straight apostrophes, marks emphasis with
asterisks and superscripts with ``^`` (``27^e``, ``27^{ème}``), and breaks lines anywhere. A
quotation is "word for word" when it is found once all of that is set aside.
"""

import os
import re
from pathlib import Path

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def normalise(text):
    """Collapse whitespace; straight apostrophes; drop emphasis asterisks and superscript marks."""
    text = str(text).translate(APOSTROPHES).replace("*", "")
    text = re.sub(r"\^\{([^}]*)\}", r"\1", text).replace("^", "")
    return re.sub(r"\s+", " ", text).strip()


def quotation_found(quotation, normalised_text):
    quotation = normalise(quotation)
    return bool(quotation) and quotation in normalised_text


def find_reference_dir(start=None):
    """The folder holding the reference texts: $MAILLAGE_REFERENCE_DIR, else the nearest shared/reference above."""
    configured = os.environ.get("MAILLAGE_REFERENCE_DIR")
    if configured:
        return Path(configured) if Path(configured).is_dir() else None
    here = Path(start or __file__).resolve()
    for folder in here.parents:
        candidate = folder / "shared" / "reference"
        if candidate.is_dir():
            return candidate
    return None
