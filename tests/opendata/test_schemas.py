"""The Table Schemas: valid for frictionless, following schema.data.gouv.fr, enums from the code."""

import csv
import io
import re

import pytest
from frictionless import Resource, Schema, validate

from maillage.directory.models import ActorType, LegalStatus, Lifecycle, Scope
from maillage.network.models import MotivationCode, RelationKind

pytestmark = pytest.mark.django_db

SCHEMAS = ["/donnees/schemas/acteurs.json", "/donnees/schemas/relations.json"]


def fetch_schema(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.mark.parametrize("url", SCHEMAS)
def test_each_schema_is_a_valid_table_schema(client, url):
    report = Schema.validate_descriptor(fetch_schema(client, url))
    assert report.valid, report.flatten(["type", "note"])


def test_frictionless_refuses_a_broken_schema(client):
    """The check above can fail: a field with an unknown type is reported."""
    descriptor = fetch_schema(client, SCHEMAS[0])
    descriptor["fields"][0]["type"] = "not-a-type"
    assert not Schema.validate_descriptor(descriptor).valid


@pytest.mark.parametrize("url", SCHEMAS)
def test_each_schema_has_the_metadata_schema_data_gouv_fr_reads(client, url):
    schema = fetch_schema(client, url)
    for key in ("$schema", "name", "title", "description", "version", "contributors", "licenses", "homepage", "path"):
        assert schema[key], key
    assert re.fullmatch(r"\d+\.\d+\.\d+", schema["version"])
    assert schema["path"] == f"http://testserver{url}"
    assert schema["licenses"][0]["name"] == "etalab-2.0"
    assert schema["primaryKey"] == "id"
    for field in schema["fields"]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", field["name"]), field["name"]
        assert field["title"] and field["description"] and "example" in field, field["name"]


@pytest.mark.parametrize("url", SCHEMAS)
def test_the_examples_of_each_schema_are_valid_rows_of_it(client, url):
    """schema.data.gouv.fr asks that a file made of the examples passes the schema."""
    schema = fetch_schema(client, url)
    schema.pop("foreignKeys", None)  # the examples do not point at each other
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f["name"] for f in schema["fields"]])
    writer.writerow([f["example"] for f in schema["fields"]])
    resource = Resource(data=buffer.getvalue().encode(), format="csv", schema=Schema.from_descriptor(schema))
    report = validate(resource)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])


def field(client, url, name):
    return next(f for f in fetch_schema(client, url)["fields"] if f["name"] == name)


@pytest.mark.parametrize(
    ("url", "name", "codes"),
    [
        (SCHEMAS[0], "statut", LegalStatus.values),
        (SCHEMAS[0], "portee", Scope.values),
        (SCHEMAS[0], "cycle_de_vie", Lifecycle.values),
        (SCHEMAS[1], "type", RelationKind.values),
    ],
)
def test_enumerations_are_the_codes_the_site_stores(client, url, name, codes):
    assert field(client, url, name)["constraints"]["enum"] == list(codes)


def test_the_actor_type_enumeration_is_every_type_of_the_database(client):
    enum = field(client, SCHEMAS[0], "type")["constraints"]["enum"]
    assert sorted(enum) == sorted(ActorType.objects.values_list("code", flat=True))


def test_enumerations_are_described_in_french_even_from_the_english_site(client):
    description = client.get("/en/donnees/schemas/acteurs.json").json()["fields"]
    statut = next(f for f in description if f["name"] == "statut")["description"]
    assert "`collectivite` : Collectivité territoriale" in statut


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("", True),
        ("expertise", True),
        ("expertise|legitimite|financement", True),
        ("expertise,legitimite", False),
        ("expertise|", False),
        ("martienne", False),
    ],
)
def test_several_motivations_are_separated_by_a_pipe(client, value, valid):
    pattern = field(client, SCHEMAS[1], "motivations")["constraints"]["pattern"]
    assert (re.fullmatch(pattern, value) is not None) is valid
    assert set(MotivationCode.values) <= set(re.findall(r"[a-z_]+", pattern))
