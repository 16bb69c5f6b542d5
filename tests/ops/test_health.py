"""`/sante/`: one probe per dependency, each with its status and timing; 503 when one fails."""

import pytest
from django.db import OperationalError
from django.test import override_settings

from maillage.core import health

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def test_health_answers_200_with_each_dependency_timed(client):
    response = client.get("/sante/")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert set(report["checks"]) == {"base_de_donnees", "cache", "file_de_taches"}
    assert all(check["status"] == "ok" and check["ms"] >= 0 for check in report["checks"].values())


def test_health_is_never_cached_nor_sets_a_cookie(client):
    response = client.get("/sante/")
    assert "no-cache" in response.headers["Cache-Control"]
    assert not response.cookies


def test_health_has_one_address_whatever_the_language(client):
    assert client.get("/en/sante/").status_code == 404


def test_an_unreachable_cache_answers_503_naming_it(client):
    with override_settings(CACHES=UNREACHABLE_REDIS):  # Django rebuilds its caches from these settings
        response = client.get("/sante/")
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "erreur"
    assert report["checks"]["cache"]["status"] == "erreur"
    assert report["checks"]["cache"]["erreur"] == "ConnectionError"
    assert report["checks"]["base_de_donnees"]["status"] == "ok"


def test_an_unreachable_database_answers_503_without_its_message(client, monkeypatch):
    def refuse():
        raise OperationalError("could not connect to server at db.internal (password=hunter2)")

    monkeypatch.setitem(health.PROBES, "base_de_donnees", refuse)
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["base_de_donnees"]["erreur"] == "OperationalError"
    assert b"hunter2" not in response.content


def test_health_refuses_writes(client):
    assert client.post("/sante/").status_code == 405


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_the_client_address_comes_from_x_real_ip(rf):
    from maillage.core.middleware import TrustedProxyClientAddressMiddleware

    seen = {}
    middleware = TrustedProxyClientAddressMiddleware(lambda request: seen.setdefault("ip", request.META["REMOTE_ADDR"]))
    middleware(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.5"))
    assert seen["ip"] == "203.0.113.5"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_an_untrusted_peer_cannot_choose_its_address(rf):
    from maillage.core.middleware import TrustedProxyClientAddressMiddleware

    seen = {}
    middleware = TrustedProxyClientAddressMiddleware(lambda request: seen.setdefault("ip", request.META["REMOTE_ADDR"]))
    middleware(rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_REAL_IP="203.0.113.5"))
    assert seen["ip"] == "198.51.100.7"
