"""Cursor pages stay exact while rows are written between two page reads."""

from maillage.directory.models import Actor
from tests.directory.factories import ActorFactory


def read_all(api, url, between_pages):
    seen, page = [], 0
    while url:
        body = api.get(url).json()
        seen += [row["slug"] for row in body["results"]]
        url = body["next"]
        between_pages(page)
        page += 1
    return seen


def test_inserts_and_renames_between_pages_neither_duplicate_nor_skip(api, db):
    originals = [ActorFactory(name=f"Acteur {n:02d}", slug=f"acteur-{n:02d}").slug for n in range(10)]
    added = []

    def write(page):
        # A new actor whose name sorts first, and a rename of one not yet read.
        actor = ActorFactory(name=f"AAA nouveau {page}", slug=f"nouveau-{page}")
        added.append(actor.slug)
        Actor.objects.filter(slug="acteur-09").update(name="000 renommé")

    seen = read_all(api, "/api/v1/actors/?page_size=3", write)
    assert len(seen) == len(set(seen))  # no duplicate
    assert set(originals) <= set(seen)  # none missing
    assert set(seen) - set(originals) <= set(added)  # anything else is what was inserted meanwhile


def test_deletions_between_pages_skip_no_remaining_row(api, db):
    originals = [ActorFactory(slug=f"acteur-{n:02d}").slug for n in range(9)]
    deleted = []

    def delete(page):
        if page == 0:
            victim = Actor.objects.get(slug="acteur-05")
            deleted.append(victim.slug)
            victim.delete()

    seen = read_all(api, "/api/v1/actors/?page_size=3", delete)
    assert seen == [slug for slug in originals if slug not in deleted]


def test_a_forged_cursor_is_a_json_404(api, db):
    response = api.get("/api/v1/actors/?cursor=not-a-cursor")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
