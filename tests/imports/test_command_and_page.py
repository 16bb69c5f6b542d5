"""The import from another tool, from the command line and from the staff page."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from maillage.directory.models import Actor
from tests.imports.conftest import SAMPLES, sample

pytestmark = pytest.mark.django_db
URL = "/gestion/imports/"


def test_command_dry_run_prints_the_report_and_writes_nothing(gazetteer, capsys):
    call_command(
        "import_from", "kumu", str(SAMPLES / "kumu-blueprint.json"), "--source", "Projet Kumu",
        "--correspondances", str(SAMPLES / "mapping.txt"), "--dry-run",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "ligne 1 — La Piste — à créer" in out and "Essai à blanc" in out
    assert Actor.objects.count() == 0


def test_command_applies_with_taxonomy_and_mapping(gazetteer):
    call_command(
        "import_from", "gogocarto", str(SAMPLES / "gogocarto-gogofull-2018.json"), "--source", "Carte TIPs",
        "--taxonomie", str(SAMPLES / "gogocarto-taxonomy.json"), "--correspondances", str(SAMPLES / "mapping.txt"),
    )  # fmt: skip
    assert set(Actor.objects.values_list("primary_type_id", flat=True)) == {"promotion", "lab"}


def test_command_refuses_a_file_with_errors(gazetteer):
    with pytest.raises(CommandError, match="rien n'a été enregistré"):
        call_command("import_from", "gogocarto", str(SAMPLES / "gogocarto-gogofull-2018.json"), "--source", "Carte")
    assert Actor.objects.count() == 0


def test_command_refuses_an_unknown_default_type(gazetteer):
    with pytest.raises(CommandError, match="Type inconnu"):
        call_command(
            "import_from", "kumu", str(SAMPLES / "kumu-blueprint.json"), "--source", "K", "--type-par-defaut", "martien"
        )


def test_page_is_for_staff_only(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visiteur"))
    assert client.get(URL).status_code == 302


def test_page_shows_the_dry_run_then_applies_on_confirmation(admin_client, gazetteer):
    with (SAMPLES / "gogocarto-gogofull-v3.json").open("rb") as upload:
        response = admin_client.post(
            URL,
            {
                "format": "gogocarto",
                "fichier": upload,
                "source": "Carte TIPs",
                "correspondances": sample("mapping.txt").decode(),
            },
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trifouillis-les-Oies" in page and 'name="action" value="confirm"' in page
    assert Actor.objects.count() == 0
    sha = response.context["sha"]
    response = admin_client.post(URL, {"action": "confirm", "sha": sha}, follow=True)
    assert Actor.objects.count() == 3
    assert "Import terminé" in response.content.decode()


def test_page_reports_a_bad_mapping_line_on_its_field(admin_client, gazetteer):
    with (SAMPLES / "kumu-blueprint.json").open("rb") as upload:
        response = admin_client.post(
            URL, {"format": "kumu", "fichier": upload, "source": "K", "correspondances": "Person = martien"}
        )
    assert response.context["form"].errors["correspondances"]
    assert Actor.objects.count() == 0


def test_page_url_is_named():
    assert reverse("imports:external_import") == URL
