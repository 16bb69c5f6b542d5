"""Security settings and request hygiene: headers, error pages in French, NUL bytes refused."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory, override_settings
from django.urls import path

from maillage import urls as root_urls
from maillage.site.views import server_error
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [path("forbidden/", _forbidden), *root_urls.urlpatterns]


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},  # set by the test suite
        "DJANGO_SETTINGS_MODULE": "maillage.settings.prod",
        "SECRET_KEY": "x" * 40 + "-production-secret-for-the-deploy-check-only",
        "ALLOWED_HOSTS": "maillage.example.org",
        "SITE_URL": "https://maillage.example.org",
        "DATABASE_URL": "postgres://maillage@db.example.org:5432/maillage",  # not connected by `check`
        "REDIS_URL": "redis://cache.example.org:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'self'"
    assert directives["object-src"] == "'none'"


def test_the_map_tile_server_is_the_only_outside_image_source(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    img_src = next(p for p in policy.split(";") if p.strip().startswith("img-src"))
    assert "https://tile.openstreetmap.org" in img_src


def test_the_embed_map_may_be_framed_by_any_site(client):
    response = client.get("/carte/integration/")
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]


def test_other_pages_may_not_be_framed(client):
    response = client.get("/carte/")
    assert response.headers["X-Frame-Options"] == "DENY"


def test_permissions_policy_switches_off_unused_features(client):
    header = client.get("/").headers["Permissions-Policy"]
    assert "camera=()" in header and "geolocation=()" in header


def test_unknown_page_is_a_french_404(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_server_error_page_is_french_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/acteurs/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Erreur du serveur" in body and settings.SITE_NAME in body


@override_settings(ROOT_URLCONF=__name__)
def test_forbidden_page_is_french(client):
    response = client.get("/forbidden/")
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_csrf_failure_page_is_french():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/contributions/connexion/", {"username": "a"})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()


@pytest.mark.parametrize("url", ["/acteurs/?q=a%00b", "/carte/donnees/?tag=%00", "/acteurs/?type=lab%00"])
def test_nul_byte_in_a_parameter_is_dropped(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "\x00" not in "".join(v for values in response.wsgi_request.GET.lists() for v in values[1])


def test_nul_byte_in_a_path_is_refused_in_french(client):
    response = client.get("/evenements/parcours/abc%00def/")
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()


def test_nul_byte_in_a_form_field_is_refused_in_french(client):
    response = client.post("/contributions/connexion/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()


def test_database_bounds_every_statement_or_waits_for_writers():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "30s"
        else:
            assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
