"""The proposal form picks actors row by row from the directory (ActorPicker), each with its role."""

import pytest
from django.urls import reverse

from maillage.initiatives.fields import snapshot
from maillage.initiatives.forms import EMPTY_ACTOR_ROWS, MAX_ACTOR_ROWS, InitiativeForm
from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db


def bound(user, **data):
    return InitiativeForm({"title": "Lab partagé", **data}, user=user)


def test_the_form_page_offers_the_actor_picker(client, contributor, carrier):
    client.force_login(contributor)
    html = client.get(reverse("contributions:propose_subject", args=["initiative"])).content.decode()
    assert 'data-suggest-select="id_actor_0"' in html
    assert f'<option value="{carrier.slug}">' in html
    assert 'name="actor_3"' not in html  # empty form: the few empty rows only
    assert html.count('data-suggest-select="id_actor_') == EMPTY_ACTOR_ROWS


def test_a_picked_actor_and_role_become_a_snapshot_row(contributor, carrier):
    form = bound(contributor, actor_1=carrier.slug, role_1="financeur", actor_note_1="via le FTAP")
    assert form.is_valid(), form.errors
    assert form.values()["actors"] == [{"actor": carrier.slug, "role": "financeur", "note": "via le FTAP"}]


def test_an_actor_without_a_role_is_refused_by_name(contributor, carrier):
    form = bound(contributor, actor_0=carrier.slug)
    assert not form.is_valid()
    assert carrier.display_name in form.errors["role_0"][0]


def test_a_role_without_an_actor_is_refused(contributor):
    form = bound(contributor, role_0="porteur")
    assert not form.is_valid() and "actor_0" in form.errors


def test_the_same_actor_twice_in_the_same_role_is_refused(contributor, carrier):
    form = bound(contributor, actor_0=carrier.slug, role_0="porteur", actor_1=carrier.slug, role_1="porteur")
    assert not form.is_valid() and "role_1" in form.errors


def test_the_change_form_shows_the_actors_and_reads_them_back(contributor, initiative, partner):
    from maillage.directory.writing import Change
    from maillage.initiatives.writing import update_initiative

    update_initiative(
        initiative,
        {"actors": [*snapshot(initiative)["actors"], {"actor": partner.slug, "role": "partenaire", "note": "appui"}]},
        change=Change(comment="test"),
    )
    current = snapshot(initiative)
    form = InitiativeForm(user=contributor, initial=InitiativeForm.initial_from(current))
    assert form.actor_rows == len(current["actors"]) + EMPTY_ACTOR_ROWS
    data = {name: form[name].value() or "" for name in form.fields if name != "tags"}
    data.update(types=current["types"], publics=current["publics"])
    posted = InitiativeForm(data, user=contributor)
    assert posted.is_valid(), posted.errors
    assert posted.values()["actors"] == current["actors"]


def test_a_hostile_row_number_does_not_grow_the_form(contributor):
    form = bound(contributor, actor_999="x")
    assert form.actor_rows == MAX_ACTOR_ROWS


def test_a_disappeared_actor_can_be_picked(contributor):
    gone = ActorFactory(slug="labo-63", name="Labo 63", lifecycle="disappeared")
    form = bound(contributor, actor_0=gone.slug, role_0="porteur")
    assert form.is_valid(), form.errors
