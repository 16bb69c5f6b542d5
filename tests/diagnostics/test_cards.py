"""Cards: sentences generated from the data, in the report's register, with their evidence."""

from django.http import QueryDict

from maillage.diagnostics.cards import build_cards
from maillage.diagnostics.formatting import number, p_value
from maillage.diagnostics.graphs import Question
from maillage.diagnostics.services import get_or_start_run
from maillage.directory.models import ActorType


def cards_for(ecosystem, extra=""):
    run = get_or_start_run(Question.from_params(QueryDict(f"departement={ecosystem.department}{extra}")))
    return {card.slug: card for card in build_cards(run, list(ActorType.objects.all()), {})}


def test_french_numbers_use_a_comma_and_a_true_minus_sign():
    assert number(-0.4242, 2) == "\u22120,42"
    assert number(0.5, 2, signed=True) == "+0,50"
    assert p_value(0.004) == "p < 0,01"
    assert p_value(0.034) == "p = 0,03"


def test_relation_kinds_card_quotes_the_report_beside_the_data(ecosystem):
    card = cards_for(ecosystem)["relations"]
    assert "Partage d'informations / inspiration est le type de relation le plus fréquent : 4 relations sur 6" in (
        card.sentence
    )
    assert "nombre réduit de collaborations" in str(card.quote["text"])
    assert card.quote["verdict"] == "Les données enregistrées concordent avec ce constat."


def test_types_card_names_the_missing_types(ecosystem):
    card = cards_for(ecosystem)["types"]
    assert "absents : acteurs de promotion et d'accompagnement" in card.sentence
    assert "Structures de formation-recherche" not in card.items


def test_pivot_card_names_the_broker_and_its_role_in_plain_words(ecosystem):
    card = cards_for(ecosystem)["pivots"]
    assert card.sentence.startswith("CISCA est le principal pivot")
    assert "passeur entre cellules d'innovation des collectivités et cellules d'innovation de l'État" in card.sentence


def test_entre_soi_card_says_which_group_stays_among_itself(ecosystem):
    card = cards_for(ecosystem)["entre-soi"]
    # Local-government labs: 3 edges inside the triangle, 2 to CISCA: (2 - 3) / 5.
    assert card.sentence.startswith("Les cellules d'innovation des collectivités échangent surtout entre elles")
    assert "E-I = \u22120,20" in card.sentence
    assert "p " in card.sentence


def test_dependency_card_gives_the_share_lost_without_the_cut_point(ecosystem):
    card = cards_for(ecosystem)["dependances"]
    assert "Sans CISCA" in card.sentence
    assert card.table["rows"][0][0] == "CISCA"


def test_isolated_card_lists_actors_without_relations(ecosystem):
    card = cards_for(ecosystem)["isoles"]
    assert [item["slug"] for item in card.items] == ["chaire"]
    assert card.sentence.startswith("1 acteur sur 6 n'a aucune relation")


def test_lifecycle_card_lists_disappeared_actors_and_the_relations_lost(ecosystem):
    card = cards_for(ecosystem)["cycle-de-vie"]
    assert "Le Labo 63" in card.sentence
    assert "1 relation enregistrée a été perdue" in card.sentence
    assert card.items[0]["relations"][0]["label"] == "Département du Puy-de-Dôme"


def test_every_card_says_how_it_was_computed_and_links_to_an_explanation(ecosystem):
    cards = cards_for(ecosystem, "&relation=information")
    for card in cards.values():
        assert any("relations : Partage d'informations / inspiration" in line for line in card.method), card.slug
        assert any("relation=information" in line for line in card.method), card.slug
        assert card.caveats, card.slug
        assert card.measure


def test_charts_are_svg_with_a_title_and_escaped_labels(ecosystem):
    ecosystem.cisca.name = "CISCA <script>"
    ecosystem.cisca.save()
    card = cards_for(ecosystem)["pivots"]
    assert card.figure.startswith("<svg") and "<title" in card.figure
    assert "<script>" not in card.figure and "&lt;script&gt;" in card.figure
