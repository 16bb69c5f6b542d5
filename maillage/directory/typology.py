"""The report's typology of organised actors, quoted (data/typology.yaml), joined to the ActorType rows.

The quotes are the report's words, kept as data (not UI strings): the page shows them in French in
every language, as a citation with its source.
"""

import functools
from pathlib import Path

import yaml
from django.db.models import Count, Q

from .models import ActorType, Lifecycle

TYPOLOGY_FILE = Path(__file__).resolve().parent / "data" / "typology.yaml"
QUOTED_FIELDS = ("status", "functions", "accountability", "beneficiaries", "examples")


@functools.cache
def typology_quotes():
    """The quoted typology: {"source", "introduction", "note", "types": {code: {field: quote}}}."""
    data = yaml.safe_load(TYPOLOGY_FILE.read_text(encoding="utf-8"))
    for code, quotes in data["types"].items():
        missing = [f for f in QUOTED_FIELDS if not quotes.get(f)]
        if missing:
            raise ValueError(f"{TYPOLOGY_FILE}: type {code} lacks {missing}")
    return data


def typology_rows():
    """Every actor type in order, with its count of living actors and, for the report's six, their quotes."""
    quotes = typology_quotes()["types"]
    living = ~Q(primary_actors__lifecycle=Lifecycle.DISAPPEARED)
    types = ActorType.objects.annotate(n=Count("primary_actors", filter=living)).order_by("position")
    return [{"type": t, "n": t.n, "quotes": quotes.get(t.code)} for t in types]
