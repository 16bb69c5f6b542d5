"""Query-count guardrails: a page's number of queries must not grow with the data it shows.

`queries(client, url)` counts the queries of one GET (caches cleared first); tests compare the
count before and after adding rows (an N+1 makes it grow) and cap it with pytest-django's
`django_assert_max_num_queries` at the figure measured when the guard was written.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.directory import writing
from maillage.network import writing as relation_writing
from tests.directory.factories import ActorFactory, ContactFactory, TagFactory
from tests.territories.factories import CommuneFactory

CHANGE = writing.Change(comment="query-count test")


def queries(client, url, warm=False):
    """The number of queries of a GET of url, caches cleared (after a first, warming request when warm)."""
    if warm:
        client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def cold_get(client, url):
    """A GET with the caches cleared, as `queries` measures it (for the max-queries assertion)."""
    cache.clear()
    return client.get(url)


def actor_with_history(parent=None, commune=None, **kwargs):
    """An actor with contacts and revisions that change every kind of field (codes, slugs, M2M)."""
    commune = commune or CommuneFactory()
    actor = ActorFactory(commune=commune, parent=parent, **kwargs)
    tags = [TagFactory(), TagFactory()]
    writing.update_actor(actor, {"missions": "Première version.", "tags": [t.slug for t in tags]}, change=CHANGE)
    writing.update_actor(
        actor,
        {"primary_type": "promotion", "secondary_types": ["lab", "network"], "tags": [tags[0].slug]},
        change=CHANGE,
    )
    other = CommuneFactory(code=f"9{actor.pk:04d}", name=f"Ailleurs {actor.pk}", department=commune.department)
    writing.update_actor(actor, {"commune": other.code, "founded_year": 2015}, change=CHANGE)
    ContactFactory(actor=actor, publication_consent=True)
    return actor


def relate(actor, partners):
    """Relations from actor to each partner, each created then ended (two revisions)."""
    for partner in partners:
        write = relation_writing.create_relation(actor, partner, "service", motivations=["expertise"], change=CHANGE)
        relation_writing.update_relation(write.instance, {"end_year": 2024}, change=CHANGE)
