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


def test_large_file_is_imported_in_the_background_with_progress(admin_client, places, settings):
    from maillage.directory.models import ImportJob

    settings.DIRECTORY_IMPORT_BACKGROUND_BYTES = 100  # every test file counts as large
    response = upload(admin_client, GOOD_ROWS)
    dry_run = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == f"/acteurs/gestion/importer/{dry_run.pk}/"
    assert (dry_run.status, dry_run.dry_run) == ("done", True)  # the test queue runs tasks at once
    html = admin_client.get(response.url).content.decode()
    assert "3 à créer" in html and 'value="confirm"' in html
    assert Actor.objects.count() == 0
    response = admin_client.post(response.url, {"action": "confirm"})
    real = ImportJob.objects.exclude(pk=dry_run.pk).get()
    assert response.url == f"/acteurs/gestion/importer/{real.pk}/"
    assert admin_client.get(response.url).url == "/acteurs/"
    assert Actor.objects.count() == 3
    real.refresh_from_db()
    assert bytes(real.data) == b""  # imported: the file is not kept


def test_running_import_job_shows_its_progress(admin_client, places):
    from django.core.cache import cache

    from maillage.directory.models import ImportJob

    job = ImportJob.objects.create(filename="gros.csv", data=b"x", sha="0" * 64, status="running")
    cache.set(job.progress_key, (1200, 5000))
    html = admin_client.get(f"/acteurs/gestion/importer/{job.pk}/").content.decode()
    assert "1200 ligne(s) traitée(s) sur 5000" in html
    assert 'hx-trigger="every 3s"' in html
    assert "dist/htmx.min.js" in html


def test_import_reports_progress_while_it_runs(places):
    from maillage.directory.importing import import_actors

    calls = []
    import_actors(csv_bytes(GOOD_ROWS), "acteurs.csv", dry_run=True, progress=lambda *args: calls.append(args))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)


def test_a_dry_run_with_errors_cannot_be_confirmed(admin_client, places, settings):
    from maillage.directory.models import ImportJob

    settings.DIRECTORY_IMPORT_BACKGROUND_BYTES = 100
    upload(admin_client, GOOD_ROWS + BROKEN_ROWS)
    job = ImportJob.objects.get()
    response = admin_client.post(f"/acteurs/gestion/importer/{job.pk}/", {"action": "confirm"})
    assert response.url == "/acteurs/gestion/importer/"
    assert ImportJob.objects.count() == 1 and Actor.objects.count() == 0


def test_failed_import_job_stops_polling(admin_client, places):
    from maillage.directory.models import ImportJob

    job = ImportJob.objects.create(filename="gros.csv", data=b"x", sha="0" * 64, status="failed")
    html = admin_client.get(f"/acteurs/gestion/importer/{job.pk}/").content.decode()
    assert "L'import a échoué" in html or "L&#x27;import a échoué" in html
    assert "hx-trigger" not in html
