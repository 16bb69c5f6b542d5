"""Probable duplicates of a new actor: fuzzy name match in the same commune or département."""

from django.conf import settings
from rapidfuzz import fuzz, process

from maillage.core.text import normalize
from maillage.directory.models import Actor


def threshold():
    return getattr(settings, "CONTRIBUTIONS_DUPLICATE_THRESHOLD", 85)


def find_duplicates(name, commune=None, exclude_pk=None, limit=5):
    """Actors whose normalised name is close to `name`, nearest first, as (actor, score).

    With a commune, candidates are the actors of its département (which contains the
    commune); without one, all actors with no commune.
    """
    target = normalize(name)
    if not target:
        return []
    candidates = Actor.objects.all()
    if commune is not None:
        candidates = candidates.filter(department_id=commune.department_id)
    else:
        candidates = candidates.filter(commune__isnull=True)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    choices = {pk: normalize(n) for pk, n in candidates.values_list("pk", "name")}
    matches = process.extract(target, choices, scorer=fuzz.token_sort_ratio, score_cutoff=threshold(), limit=limit)
    actors = Actor.objects.in_bulk([pk for _choice, _score, pk in matches])
    return [(actors[pk], round(score)) for _choice, score, pk in matches if pk in actors]
