"""The network page in a real headless Chromium (WebGL through SwiftShader, no GPU)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANVAS = "#network-canvas"


def _open(page, url):
    page.goto(url)
    page.wait_for_selector(f"{CANVAS}[data-drawn=true]", timeout=20000)


POSITIONS = "JSON.stringify(window.maillageNetwork.graph.mapNodes((n, a) => [a.x, a.y]))"


def test_graph_is_drawn_settled_and_passes_axe(live_server, page, axe, small_network):
    """The server's layout is final: the graph is shown settled and never moves."""
    _open(page, live_server.url + "/reseau/")
    canvas = page.locator(CANVAS)
    assert canvas.get_attribute("data-node-count") == "4"  # the disappeared Labo 63 is hidden
    assert canvas.get_attribute("data-edge-count") == "4"
    assert page.locator(f"{CANVAS} canvas").count() > 0
    assert canvas.get_attribute("data-layout") == "settled"
    assert page.evaluate("window.maillageNetwork.timings.settledBy") == "server"
    before = page.evaluate(POSITIONS)
    page.wait_for_timeout(1000)
    assert page.evaluate(POSITIONS) == before
    assert page.locator("#network-status").inner_text() == "4 acteurs, 4 relations."
    assert axe(page) == []
    assert page.console_errors == []


def test_territory_filter_changes_what_is_drawn(live_server, page, small_network):
    _open(page, live_server.url + "/reseau/")
    page.select_option("#filtre-departement", "63")
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url("**departement=63**")
    page.wait_for_selector(f"{CANVAS}[data-drawn=true]")
    # Clermont's two actors plus Archipel, their partner outside the territory.
    assert page.locator(CANVAS).get_attribute("data-node-count") == "3"
    assert page.locator(CANVAS).get_attribute("data-edge-count") == "3"
    assert page.console_errors == []


def test_focus_on_an_actor_shows_only_its_neighbours(live_server, page, small_network):
    _open(page, live_server.url + "/reseau/")
    page.fill("#network-focus-input", "archipel")
    page.get_by_role("button", name="Centrer", exact=True).click()
    canvas = page.locator(CANVAS)
    assert canvas.get_attribute("data-visible-count") == "3"  # Archipel, the city's lab, DITP
    assert canvas.get_attribute("data-focus") == "archipel"
    neighbours = page.locator("#network-neighbours li").all_inner_texts()
    assert [n.split(" — ")[0] for n in neighbours] == ["DITP", "Ville de Clermont-Ferrand – Direction Innovation"]
    figure = page.get_by_role("link", name="Figure SVG").get_attribute("href")
    assert "focus=archipel" in figure  # the figure export follows the current view
    page.get_by_role("button", name="Tout afficher").click()
    assert canvas.get_attribute("data-visible-count") == "4"
    assert page.console_errors == []


def test_without_webgl_the_page_points_to_the_table(live_server, page, axe, small_network):
    page.add_init_script(
        """const original = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
          return String(kind).startsWith('webgl') ? null : original.call(this, kind, ...rest);
        };"""
    )
    page.goto(live_server.url + "/reseau/")
    fallback = page.locator("#network-fallback")
    fallback.wait_for(state="visible")
    assert "WebGL indisponible" in fallback.inner_text()
    assert page.locator(CANVAS).is_hidden()
    fallback.get_by_role("link").click()
    page.wait_for_selector("#relations-table")
    assert page.locator("#relations-table tbody tr").count() == 4
    assert axe(page) == []
    assert page.console_errors == []


def test_a_graph_without_positions_is_laid_out_by_the_forceatlas2_worker(live_server, page, small_network):
    def strip_positions(route):
        response = route.fetch()
        data = response.json()
        for field in ("x", "y"):
            column = data["nodeFields"].index(field)
            for row in data["nodes"]:
                row[column] = None
        route.fulfill(response=response, json=data)

    page.route("**/reseau/graphe.json*", strip_positions)
    _open(page, live_server.url + "/reseau/")
    before = page.evaluate(POSITIONS)
    page.wait_for_selector(f"{CANVAS}[data-layout=settled]", timeout=30000)
    assert page.evaluate(POSITIONS) != before  # the bundled worker ran
    assert page.evaluate("window.maillageNetwork.timings.settledBy") in ("calm", "time-cap")
    assert page.console_errors == []
