"""The published files: valid against their schemas for frictionless, complete, and without any person."""

import csv
import io
import json

import pytest
from frictionless import Package, Resource, Schema, validate

from maillage.directory.models import Actor, Contact

pytestmark = pytest.mark.django_db


def resource(client, data_url, schema_url):
    schema = client.get(schema_url).json()
    schema.pop("foreignKeys", None)  # checked through the data package, which has both files
    data = b"".join(client.get(data_url).streaming_content)
    return Resource(data=data, format="csv", encoding="utf-8", schema=Schema.from_descriptor(schema))


def rows(client, url):
    content = b"".join(client.get(url).streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(content)))


def test_the_actors_file_is_valid_against_its_schema(client, published):
    report = validate(resource(client, "/donnees/acteurs.csv", "/donnees/schemas/acteurs.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    assert report.tasks[0].stats["rows"] == Actor.objects.count() == 5


def test_the_relations_file_is_valid_against_its_schema(client, published):
    report = validate(resource(client, "/donnees/relations.csv", "/donnees/schemas/relations.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    assert report.tasks[0].stats["rows"] == 2


def test_a_wrong_cell_makes_the_validation_fail(client, published):
    """The validation above can fail: a type the schema does not list is reported with its row."""
    Actor.objects.filter(pk=published.cite.pk).update(primary_type_id="other")
    schema = client.get("/donnees/schemas/acteurs.json").json()
    schema.pop("foreignKeys")
    schema["fields"][4]["constraints"]["enum"].remove("other")
    data = b"".join(client.get("/donnees/acteurs.csv").streaming_content)
    report = validate(Resource(data=data, format="csv", schema=Schema.from_descriptor(schema)))
    assert report.flatten(["fieldName", "type"]) == [["type", "constraint-error"]]


def test_the_actor_file_keeps_every_value_as_stored(client, published):
    [lab] = [row for row in rows(client, "/donnees/acteurs.csv") if row["id"] == "ville-clermont-dip"]
    assert lab["missions"] == published.lab.missions
    assert (lab["siret"], lab["code_insee"], lab["id_parent"]) == ("73282932000074", "63113", "ville-clermont")
    assert (lab["latitude"], lab["longitude"], lab["precision_geo"]) == ("45.7772", "3.087", "exacte")
    assert lab["nom_complet"] == "Direction Innovation et Participation (Ville de Clermont-Ferrand)"
    assert lab["url"] == "http://testserver/acteurs/ville-clermont-dip/"
    assert lab["date_maj"] == published.lab.updated_at.date().isoformat()


def test_an_actor_without_own_point_gets_its_communes_and_one_without_commune_none(client, published):
    by_id = {row["id"]: row for row in rows(client, "/donnees/acteurs.csv")}
    assert (by_id["cite-du-design"]["latitude"], by_id["cite-du-design"]["precision_geo"]) == ("45.434", "commune")
    assert by_id["cite-du-design"]["types_secondaires"] == "network|training_research"
    assert (by_id["reseau-sans-lieu"]["latitude"], by_id["reseau-sans-lieu"]["precision_geo"]) == ("", "")


def test_the_published_files_hold_no_person_even_consenting(client, published):
    Contact.objects.create(actor=published.cite, name="Personne Discrète", email="discrete@exemple.invalid")
    for url in ("/donnees/acteurs.csv", "/donnees/relations.csv", "/donnees/acteurs.geojson"):
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode()
        assert "Personne Discrète" not in text and "discrete@exemple.invalid" not in text
        assert "Jean-Damien Colombeau" not in text


def test_the_data_package_validates_both_files_and_their_links(live_server, published):
    """frictionless reads the package over HTTP, as a reuser would: schemas, files and foreign keys."""
    report = validate(f"{live_server.url}/donnees/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    assert [task.name for task in report.tasks] == ["acteurs", "relations"]
    assert [task.stats["rows"] for task in report.tasks] == [5, 2]


def test_the_data_package_descriptor_is_valid(client, published):
    descriptor = client.get("/donnees/datapackage.json").json()
    report = Package.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])
    assert [r["schema"] for r in descriptor["resources"]] == [
        "http://testserver/donnees/schemas/acteurs.json",
        "http://testserver/donnees/schemas/relations.json",
    ]


def test_a_relation_to_an_unknown_actor_breaks_the_package_foreign_keys(client, published, tmp_path):
    """The foreign keys are checked: a relation file pointing outside the actors file fails."""
    (tmp_path / "acteurs.csv").write_bytes(b"".join(client.get("/donnees/acteurs.csv").streaming_content))
    relations = b"".join(client.get("/donnees/relations.csv").streaming_content)
    (tmp_path / "relations.csv").write_bytes(relations.replace(b",ville-clermont-dip,", b",inconnu,", 1))
    descriptor = client.get("/donnees/datapackage.json").json()
    for item in descriptor["resources"]:
        item["path"] = f"{item['name']}.csv"
        item["schema"] = client.get(item["schema"]).json()
    report = Package(descriptor, basepath=str(tmp_path)).validate()
    assert [(task.name, task.flatten(["type"])) for task in report.tasks] == [
        ("acteurs", []),
        ("relations", [["foreign-key"]]),
    ]


def test_the_files_stay_at_their_stable_addresses_and_types(client, published):
    expected = {
        "/donnees/acteurs.csv": "text/csv",
        "/donnees/relations.csv": "text/csv",
        "/donnees/datapackage.json": "application/json",
        "/donnees/catalogue.jsonld": "application/ld+json",
        "/donnees/acteurs.geojson": "application/geo+json",
    }
    for url, content_type in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith(content_type), url
    json.loads(client.get("/donnees/catalogue.jsonld").content)
