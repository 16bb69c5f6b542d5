"""Public reading: actors, relations, territories, events; the site's shared filters."""

from maillage.directory.models import Lifecycle
from maillage.network.writing import Change, create_relation
from tests.directory.factories import ActorFactory
from tests.events.factories import make_event


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def test_actor_list_is_public_json_with_cursor_pages(api, lab63, lab33):
    response = api.get("/api/v1/actors/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    assert sorted(slugs(response)) == ["labo-33", "labo-63"]


def test_actor_list_reads_the_shared_query_string(api, lab63, lab33):
    assert slugs(api.get("/api/v1/actors/?departement=63")) == ["labo-63"]
    assert slugs(api.get("/api/v1/actors/?region=75")) == ["labo-33"]
    assert sorted(slugs(api.get("/api/v1/actors/?departement=63&departement=33"))) == ["labo-33", "labo-63"]


def test_unknown_filter_values_are_refused_by_name_rather_than_ignored(api, lab63, lab33):
    response = api.get("/api/v1/actors/?departement=zz&type=martien&region=84")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "type": ["Valeur non reconnue : « martien »."],
        "departement": ["Valeur non reconnue : « zz »."],
    }


def test_filter_codes_read_as_on_the_site_whatever_their_case(api, lab63, lab33):
    assert slugs(api.get("/api/v1/actors/?departement=63&commune=63113&region=84")) == ["labo-63"]
    assert api.get("/api/v1/actors/?departement=2a").status_code == 200


def test_a_page_size_outside_its_range_is_refused(api, lab63):
    assert api.get("/api/v1/actors/?page_size=0").status_code == 400
    assert api.get("/api/v1/actors/?page_size=201").status_code == 400
    assert len(api.get("/api/v1/actors/?page_size=1").json()["results"]) == 1


def test_disappeared_actors_only_on_request_as_on_the_site(api, lab63, clermont):
    ActorFactory(slug="ancien-lab", commune=clermont, lifecycle=Lifecycle.DISAPPEARED)
    assert slugs(api.get("/api/v1/actors/")) == ["labo-63"]
    assert sorted(slugs(api.get("/api/v1/actors/?disparus=1"))) == ["ancien-lab", "labo-63"]


def test_text_search_is_the_directory_search(api, lab63, lab33):
    assert slugs(api.get("/api/v1/actors/?q=girondin")) == ["labo-33"]


def test_actor_detail_gives_types_territory_coordinates_and_version(api, lab63):
    response = api.get("/api/v1/actors/labo-63/")
    body = response.json()
    assert body["primary_type"] == "lab"
    assert body["commune"] == "63113"
    assert body["department"] == {"code": "63", "name": "Puy-de-Dôme"}
    assert body["region"]["code"] == "84"
    assert body["coordinates"] == {"latitude": 45.7797, "longitude": 3.0863, "precision": "commune"}
    assert body["version"] == lab63.version
    assert response["ETag"] == f'"{lab63.version}"'


def test_exact_coordinates_win_over_the_communes(api, lab63):
    lab63.latitude, lab63.longitude = 45.77, 3.08
    lab63.save()
    assert api.get("/api/v1/actors/labo-63/").json()["coordinates"]["precision"] == "exact"


def test_only_contacts_with_a_publication_basis_are_shown(api, contacts):
    body = api.get("/api/v1/actors/labo-63/").json()
    assert [c["name"] for c in body["contacts"]] == ["Alice Consent", "Bruno Annexe"]
    listed = api.get("/api/v1/actors/").json()["results"][0]
    assert "Chloé Privée" not in str(listed) and "chloe@example.org" not in str(listed)


def test_relations_follow_the_network_filters(api, lab63, lab33, clermont):
    other63 = ActorFactory(slug="autre-63", commune=clermont)
    create_relation(lab63, lab33, "collaboration", change=Change())
    create_relation(lab63, other63, "funding", change=Change())
    every = api.get("/api/v1/relations/").json()["results"]
    assert len(every) == 2
    funding = api.get("/api/v1/relations/?relation=funding").json()["results"]
    assert [(r["source"], r["target"], r["kind"], r["directed"]) for r in funding] == [
        ("labo-63", "autre-63", "funding", True)
    ]
    # Provenance and reciprocity, as the network records them.
    assert (funding[0]["origin"], funding[0]["status"], funding[0]["declared_by"]) == ("other", "sourced", None)
    # A territory keeps its relations with partners outside it, as the network page does.
    assert len(api.get("/api/v1/relations/?departement=63").json()["results"]) == 2
    assert len(api.get("/api/v1/relations/?departement=33&type=lab").json()["results"]) == 1


def test_territories_are_listed_and_read_by_insee_code(api, clermont, bordeaux):
    assert sorted(r["code"] for r in api.get("/api/v1/regions/").json()["results"]) == ["75", "84"]
    assert api.get("/api/v1/departements/?region=75").json()["results"] == [
        {"code": "33", "name": "Gironde", "region": "75"}
    ]
    commune = api.get("/api/v1/communes/63113/").json()
    assert (commune["name"], commune["department"], commune["region"]) == ("Clermont-Ferrand", "63", "84")
    assert [c["code"] for c in api.get("/api/v1/communes/?departement=33").json()["results"]] == ["33063"]


def test_events_and_their_programme(api, db):
    event = make_event(themes=2, sessions_per_day=(1,))
    listed = api.get("/api/v1/events/").json()["results"]
    assert [e["slug"] for e in listed] == [event.slug]
    programme = api.get(f"/api/v1/events/{event.slug}/programme/").json()
    assert programme["event"] == event.slug
    # Two themes in one session: two workshops, each with its start and room.
    assert sorted(item["title"] for item in programme["items"]) == sorted(
        f"{t.number}. {t.title}" for t in event.themes.all()
    )
    assert all(item["start"] and item["room"] for item in programme["items"])
