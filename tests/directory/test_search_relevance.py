"""Relevance test set: on the demo, the actor a user means comes first, on both databases.

Each case is a query a user would type and the actor they mean (a demo slug). The demo is
loaded once for the module, inside a transaction rolled back at the end.
"""

import pytest
from django.core.management import call_command
from django.db import transaction

from maillage.directory.filtering import ActorFilters
from maillage.directory.search import ORDERING, search_actors

CASES = [
    # The cases.
    ("la piste", "la-piste"),
    ("27e region", "la-27e-region"),
    ("interlabs", "interlabs"),
    ("centsept", "le-centsept"),
    ("erasme", "erasme"),
    ("archipel", "archipel"),
    ("ditp", "ditp"),
    ("sciences po lyon", "sciences-po-lyon"),
    # Exact names.
    ("cité du design", "cite-du-design"),
    ("Dessein Public", "dessein-public"),
    ("la turbine", "la-turbine"),
    ("public factory", "public-factory"),
    ("michelin", "michelin"),
    ("assembilia", "assembilia"),
    ("métropole de lyon", "metropole-de-lyon"),
    ("ville de grenoble", "ville-de-grenoble"),
    ("le 107", "le-centsept"),  # the report writes "le 107" for Le Centsept
    ("carton plein", "carton-plein"),
    # Acronyms (in the name's parentheses or as the whole name).
    ("cnfpt", "cnfpt"),
    ("DREAL", "dreal-auvergne-rhone-alpes"),
    ("sgar", "sgar-auvergne-rhone-alpes"),
    ("uga", "universite-grenoble-alpes"),
    ("cisca", "cisca"),
    ("siamap", "siamap"),
    ("ademe", "ademe"),
    ("dsirc", "dsirc-grenoble-alpes-metropole"),
    # Accents missing.
    ("universite de nimes", "universite-de-nimes"),
    ("ecole de la resilience", "ecole-de-la-resilience"),
    ("saint etienne metropole", "saint-etienne-metropole"),
    ("departement du puy de dome", "departement-du-puy-de-dome"),
    ("crealab", "crealab-groupama"),
    # Typos.
    ("archipell", "archipel"),
    ("eramse", "erasme"),
    ("michelinn", "michelin"),
    ("dessin public", "dessein-public"),
    ("assembillia", "assembilia"),
    ("turbinne", "la-turbine"),
    # Partial names (typing in progress).
    ("centsep", "le-centsept"),
    ("urbanl", "urbanlab"),
    ("la 27e", "la-27e-region"),
    ("fabrique de l'innov", "fabrique-de-l-innovation"),
    ("design factory", "uga-design-factory"),
    ("chaire sante", "chaire-sante-et-territoires"),
    # Two-word queries.
    ("reseau lyve", "reseau-lyve"),
    ("french tech alps", "french-tech-in-the-alps"),
    ("groupement possibles", "groupement-des-possibles"),
    ("erasme urbanlab", "urbanlab"),
    # Aliases and short names the report uses.
    ("lab de la dreal", "dre-lab"),
    ("drelab", "dre-lab"),
    ("dre'lab", "dre-lab"),
    ("la 27ème région", "la-27e-region"),
    ("lab pole emploi", "lab-pole-emploi"),
    ("le labo dept la loire", "le-labo-departement-de-la-loire"),
    ("lyon urban data", "tuba"),
]
# Disappeared actors are hidden by default; with them shown, the one typed comes first.
DISAPPEARED_CASES = [("labo 63", "labo-63"), ("ideas lab", "ideas-lab")]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def first_result(query, **params):
    actors = ActorFilters.from_query({"q": query, **params}).actors(search=search_actors).order_by(*ORDERING)
    first = actors.first()
    return first.slug if first else None


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
def test_the_actor_one_typed_comes_first(demo, query, expected):
    assert first_result(query) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), DISAPPEARED_CASES, ids=[q for q, _ in DISAPPEARED_CASES])
def test_a_disappeared_actor_comes_first_once_shown(demo, query, expected):
    assert first_result(query, disparus="1") == expected
