"""The OpenAPI 3.1 schema: served, valid, warning-free; the docs page works under the site's CSP."""

import json

import pytest
from django.core.management import call_command


def test_the_schema_validates_without_a_single_warning(tmp_path, db):
    target = tmp_path / "schema.json"
    # --fail-on-warn turns any generation warning into an error; --validate checks it against the OpenAPI spec.
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(target))
    schema = json.loads(target.read_text())
    assert schema["openapi"].startswith("3.1")


def test_the_schema_is_served_as_json(api, db):
    response = api.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/actors/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["partnerToken"]["scheme"] == "bearer"


def test_the_shared_filters_are_documented_from_their_declaration(api, db):
    from maillage.directory.filtering import ActorFilters

    schema = api.get("/api/v1/schema/?format=json").json()
    names = {p["name"] for p in schema["paths"]["/api/v1/actors/"]["get"]["parameters"]}
    assert ActorFilters.keys() <= names


def test_every_operation_documents_json_errors(api, db):
    schema = api.get("/api/v1/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for code in ("401", "404", "429", "500"):
                content = operation["responses"][code]["content"]
                assert list(content) == ["application/json"], (path, method, code)


def test_creates_link_to_the_reads_of_what_they_created(api, db):
    schema = api.get("/api/v1/schema/?format=json").json()
    links = schema["paths"]["/api/v1/actors/"]["post"]["responses"]["202"]["links"]
    assert links["GetProposal"]["operationId"] == "proposals_retrieve"
    assert any(op.get("operationId") == "proposals_retrieve" for ops in schema["paths"].values() for op in ops.values())


def test_the_docs_page_is_served_without_any_inline_script(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html and "cdn" not in html.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.browser
def test_the_docs_page_renders_the_operations_in_chromium_under_csp(live_server, page, lab63):
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 10
    assert page.locator("h1").first.inner_text() == "Documentation de l'API Maillage"
    assert page.console_errors == []
