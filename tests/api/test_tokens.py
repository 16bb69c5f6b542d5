"""Partner tokens: hashed at rest, shown once, revocable, last use recorded, scoped to territories."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from maillage.api.models import PartnerToken


def test_only_a_hash_of_the_secret_is_stored(issued):
    token, secret = issued
    stored = PartnerToken.objects.filter(pk=token.pk).values().get()
    assert secret not in str(stored)
    assert token.matches(secret) and not token.matches(secret + "x")


def test_a_token_authenticates_its_partner_account(partner_api, partner):
    assert partner_api.get("/api/v1/proposals/").status_code == 200


def test_a_revoked_token_is_refused(issued, partner_api):
    issued[0].revoke()
    response = partner_api.get("/api/v1/actors/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Ce jeton a été révoqué."


def test_the_token_of_a_deactivated_account_is_refused(issued, partner, partner_api):
    get_user_model().objects.filter(pk=partner.pk).update(is_active=False)
    assert partner_api.get("/api/v1/actors/").status_code == 401


def test_a_use_records_the_time_at_most_once_a_minute(issued, partner_api):
    token = issued[0]
    partner_api.get("/api/v1/regions/")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    partner_api.get("/api/v1/regions/")
    token.refresh_from_db()
    assert token.last_used_at == first
    PartnerToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(minutes=5))
    partner_api.get("/api/v1/regions/")
    token.refresh_from_db()
    assert token.last_used_at > first - datetime.timedelta(minutes=1)


def test_a_token_of_another_shape_is_refused_in_french(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer n'importe quoi")
    assert client.get("/api/v1/actors/").json()["detail"].startswith("Jeton mal formé")


def test_the_admin_shows_the_secret_once_and_stores_its_hash(admin_client, partner, clermont):
    response = admin_client.post(
        "/admin/api/partnertoken/add/",
        {"name": "Métropole", "user": partner.pk, "departments": [clermont.department.pk], "commune_codes": "63113"},
        follow=True,
    )
    token = PartnerToken.objects.get(name="Métropole")
    shown = [str(m) for m in response.context["messages"]]
    secret = next(m.rsplit(" ", 1)[1] for m in shown if "mlg_" in m)
    assert token.matches(secret)
    assert list(token.communes.values_list("code", flat=True)) == ["63113"]
    assert secret not in admin_client.get(f"/admin/api/partnertoken/{token.pk}/change/").content.decode()


def test_the_admin_refuses_an_unknown_commune_code(admin_client, partner):
    response = admin_client.post(
        "/admin/api/partnertoken/add/", {"name": "X", "user": partner.pk, "commune_codes": "99999"}
    )
    assert "Codes INSEE inconnus : 99999." in response.content.decode()
    assert not PartnerToken.objects.exists()


def test_the_admin_revokes_tokens(admin_client, issued):
    token = issued[0]
    admin_client.post("/admin/api/partnertoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True)
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_at <= timezone.now()


def test_scope_covers_communes_departments_and_regions(issued, clermont, bordeaux):
    token = issued[0]
    assert token.covers(clermont) and not token.covers(bordeaux) and not token.covers(None)
    token.departments.clear()
    token.regions.add(bordeaux.department.region)
    assert token.covers(bordeaux) and not token.covers(clermont)
