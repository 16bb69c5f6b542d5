"""The staff import page: upload, dry-run report, confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.directory.models import Actor
from tests.directory.test_importing import BROKEN_ROWS, GOOD_ROWS, csv_bytes

pytestmark = pytest.mark.django_db
URL = reverse("directory:actor_import")


def upload(client, rows):
    return client.post(URL, {"fichier": SimpleUploadedFile("acteurs.csv", csv_bytes(rows), "text/csv")})


def test_import_page_is_for_staff_only(client, django_user_model):
    assert client.get(URL).status_code == 302
    client.force_login(django_user_model.objects.create_user("visiteur"))
    assert client.get(URL).status_code == 302


def test_upload_shows_a_dry_run_then_confirm_imports(admin_client, places):
    response = upload(admin_client, GOOD_ROWS)
    html = response.content.decode()
    assert "3 à créer" in html
    assert "Confirmer l&#x27;import" in html or "Confirmer l'import" in html
    assert Actor.objects.count() == 0
    sha = response.context["sha"]
    response = admin_client.post(URL, {"action": "confirm", "sha": sha})
    assert response.status_code == 302
    assert Actor.objects.count() == 3


def test_upload_with_errors_shows_them_and_offers_no_confirmation(admin_client, places):
    html = upload(admin_client, GOOD_ROWS + BROKEN_ROWS).content.decode()
    assert "code INSEE inconnu" in html
    assert 'value="confirm"' not in html


def test_confirm_without_a_dry_run_imports_nothing(admin_client, places):
    response = admin_client.post(URL, {"action": "confirm", "sha": "x"}, follow=True)
    assert "déposez-le à nouveau" in response.content.decode()
    assert Actor.objects.count() == 0
