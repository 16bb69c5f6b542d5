"""The relation form's actor picker in a real Chromium: a combobox that searches as one types,
usable with the keyboard, announced to screen readers, and a plain <select> without JavaScript."""

import pytest

from maillage.contributions.models import Proposal
from tests.directory.factories import ActorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PICKER = "#id_other-search"


@pytest.fixture
def others(actor, clermont):
    return [
        ActorFactory(name="Réseau régional", slug="reseau-regional", commune=clermont),
        ActorFactory(name="Réseau des LABs", slug="reseau-des-labs", commune=clermont),
        ActorFactory(name="Archipel", slug="archipel", commune=clermont),
    ]


def open_form(page, live_server, actor):
    page.goto(f"{live_server.url}/contributions/acteur/{actor.slug}/relation/")
    page.locator(PICKER).wait_for()


def test_the_picker_is_an_aria_combobox_labelled_like_the_field(live_server, page, axe, actor, others):
    open_form(page, live_server, actor)
    picker = page.get_by_role("combobox", name="Autre acteur")
    assert picker.get_attribute("aria-expanded") == "false"
    assert picker.get_attribute("aria-controls") == "id_other-suggestions"
    assert page.locator("#id_other").is_hidden()
    assert axe(page) == []


def test_typing_offers_matching_actors_and_the_keyboard_picks_one(live_server, page, axe, actor, others):
    open_form(page, live_server, actor)
    page.locator(PICKER).press_sequentially("Rése")
    options = page.locator("#id_other-suggestions").get_by_role("option")
    options.first.wait_for()
    names = sorted(text.split("\n")[0] for text in options.all_inner_texts())
    assert names == ["Réseau des LABs", "Réseau régional"]
    assert page.locator(PICKER).get_attribute("aria-expanded") == "true"
    assert "2 acteurs correspondent" in page.locator("[data-suggest-status-for='id_other-search']").inner_text()
    assert axe(page) == []
    page.locator(PICKER).press("ArrowDown")
    active = page.locator(PICKER).get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.locator(PICKER).press("Enter")
    chosen = page.locator("#id_other").input_value()
    assert chosen in ("reseau-regional", "reseau-des-labs")
    assert page.locator(PICKER).input_value() == page.locator(f"#id_other option[value='{chosen}']").inner_text()
    assert page.url.endswith("/relation/")  # picking does not submit the form
    assert page.console_errors == []


def test_the_current_actor_is_never_offered(live_server, page, actor, others):
    open_form(page, live_server, actor)
    page.locator(PICKER).press_sequentially("Labo")
    page.locator("[data-suggest-status-for='id_other-search']").filter(has_text="Aucun acteur ne correspond").wait_for()
    assert page.locator("#id_other-suggestions").get_by_role("option").count() == 0


def test_a_relation_proposed_through_the_picker_names_the_picked_actor(live_server, page, actor, others):
    open_form(page, live_server, actor)
    page.locator(PICKER).press_sequentially("Archi")
    page.get_by_role("option", name="Archipel").click()
    page.get_by_label("Votre adresse électronique").fill("visiteur@exemple.invalid")
    page.get_by_role("button", name="Envoyer la proposition").click()
    page.get_by_role("heading", level=1, name="Vérifiez votre boîte de réception").wait_for()
    assert Proposal.objects.get().payload["target"] == "archipel"


@pytest.mark.parametrize("width", [390])
def test_the_picker_fits_a_phone_screen(live_server, page, axe, actor, others, width):
    page.set_viewport_size({"width": width, "height": 844})
    open_form(page, live_server, actor)
    page.locator(PICKER).press_sequentially("Rése")
    page.locator("#id_other-suggestions").get_by_role("option").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe(page) == []


def test_without_javascript_the_form_offers_a_plain_select(browser, live_server, actor, others):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/contributions/acteur/{actor.slug}/relation/")
    select = page.locator("#id_other")
    assert select.is_visible() and select.evaluate("e => [e.tagName, e.labels[0].textContent]")[0] == "SELECT"
    assert "Autre acteur" in select.evaluate("e => e.labels[0].textContent")
    assert "archipel" in select.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert page.locator(PICKER).count() == 0
    context.close()
