"""Every answer under /api/ is JSON, errors included: 404, 405, 400, 401, 429, 500."""

import pytest
from django.test import Client, override_settings

from maillage.api import views


def assert_json_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["detail"]
    return body


def test_unknown_path_is_a_json_404(api, db):
    assert_json_error(api.get("/api/v1/nothing-here/"), 404, "not_found")
    assert_json_error(api.get("/api/"), 404, "not_found")


def test_unknown_actor_is_a_json_404(api, db):
    assert_json_error(api.get("/api/v1/actors/nobody/"), 404, "not_found")


def test_a_slug_outside_the_route_pattern_is_still_json(api, db):
    assert_json_error(api.get("/api/v1/actors/%C3%A9t%C3%A9/"), 404, "not_found")


def test_wrong_method_is_a_json_405_naming_the_allowed_ones(api, lab63):
    body = assert_json_error(api.delete("/api/v1/actors/labo-63/"), 405, "method_not_allowed")
    assert "DELETE" in body["detail"]


def test_malformed_json_is_a_json_400(partner_api, lab63):
    response = partner_api.generic("POST", "/api/v1/actors/", "{not json", content_type="application/json")
    assert_json_error(response, 400, "parse_error")


def test_a_nul_byte_refused_by_the_site_middleware_is_json_under_the_api(db):
    response = Client().get("/api/v1/actors/a%00b/")
    assert_json_error(response, 400, "bad_request")


def test_a_bad_token_is_a_json_401_with_its_challenge(api, db):
    api.credentials(HTTP_AUTHORIZATION="Bearer mlg_0123456789_nope")
    body = assert_json_error(api.get("/api/v1/actors/"), 401, "authentication_failed")
    assert body["detail"] == "Jeton inconnu."


def test_a_crash_in_a_view_is_a_json_500(monkeypatch, db):
    def crash(*args, **kwargs):
        raise RuntimeError("forced failure")

    monkeypatch.setattr(views.ActorViewSet, "get_queryset", crash)
    response = Client(raise_request_exception=False).get("/api/v1/actors/")
    body = assert_json_error(response, 500, "server_error")
    assert "forced failure" not in body["detail"]  # nothing internal leaks


def test_a_crash_outside_any_view_is_a_json_500(monkeypatch, db):
    def crash(*args, **kwargs):
        raise RuntimeError("forced failure in URL resolution")

    monkeypatch.setattr("maillage.api.urls.errors.not_found", crash)
    import maillage.api.urls as api_urls

    monkeypatch.setattr(api_urls.urlpatterns[-1], "callback", crash)
    response = Client(raise_request_exception=False).get("/api/v1/nothing-here/")
    assert_json_error(response, 500, "server_error")


@pytest.fixture
def tight_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "partner": "3/min"},
    }


def test_anonymous_readers_are_throttled_with_json_and_retry_after(api, db, tight_rates):
    assert api.get("/api/v1/regions/").status_code == 200
    assert api.get("/api/v1/regions/").status_code == 200
    response = api.get("/api/v1/regions/")
    assert_json_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_a_forged_forwarded_for_header_does_not_reset_the_anonymous_budget(api, db, tight_rates):
    codes = [api.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(3)]
    assert codes == [200, 200, 429]


def test_each_partner_token_has_its_own_budget(partner_api, db, tight_rates):
    codes = [partner_api.get("/api/v1/regions/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@override_settings(LANGUAGE_CODE="fr")
def test_errors_speak_french(api, db):
    detail = api.delete("/api/v1/regions/").json()["detail"]
    assert detail.startswith("Méthode") and "non autorisée" in detail
