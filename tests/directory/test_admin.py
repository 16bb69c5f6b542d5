"""The staff admin pages of the directory open and search."""

import pytest

pytestmark = pytest.mark.django_db


def test_actor_admin_list_search_and_change_pages(admin_client, ecosystem):
    assert admin_client.get("/admin/directory/actor/", {"q": "design"}).status_code == 200
    response = admin_client.get(f"/admin/directory/actor/{ecosystem['dip'].pk}/change/")
    assert response.status_code == 200
    assert "Jean-Damien Colombeau" in response.content.decode()


def test_type_and_tag_admin_pages(admin_client, ecosystem):
    assert admin_client.get("/admin/directory/actortype/").status_code == 200
    assert admin_client.get("/admin/directory/tag/").status_code == 200


def test_actor_form_has_the_location_picker(admin_client, ecosystem):
    response = admin_client.get(f"/admin/directory/actor/{ecosystem['dip'].pk}/change/")
    assert "data-location-picker" in response.content.decode()
