"""Directory search: accents, case, typos and ranking, on both database paths."""

import pytest
from django.db import connection

from maillage.directory.models import Actor
from maillage.directory.search import correct_words, match_actors, query_words, rebuild_search_text, search_actors
from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db


def slugs(query):
    return set(search_actors(Actor.objects.all(), query).values_list("slug", flat=True))


def test_accents_and_case_are_ignored(ecosystem):
    assert "cite-du-design" in slugs("cite du design")
    assert "cite-du-design" in slugs("CITÉ DU DESIGN")


def test_search_finds_the_commune_name(ecosystem):
    assert "cite-du-design" in slugs("saint etienne")


def test_a_typo_still_finds_the_actor(ecosystem):
    assert "dessein-public" in slugs("dessin public")


def test_a_typo_in_a_city_name_still_finds_its_actors(ecosystem):
    assert {"ville-clermont", "ville-clermont-dip"} <= slugs("clermont feran")


def test_unrelated_query_finds_nothing(ecosystem):
    assert slugs("zzyzx quorpt") == set()


def test_sub_service_is_found_by_its_parent_name(ecosystem):
    assert "ville-clermont-dip" in slugs("ville de clermont")


def test_results_are_ranked_name_first(ecosystem):
    ActorFactory(name="Atelier", slug="atelier", missions="Travaille avec la cité du design.")
    ranked = list(search_actors(Actor.objects.all(), "cité du design").order_by("-search_rank", "name"))
    assert ranked[0].slug == "cite-du-design"
    assert "atelier" in {a.slug for a in ranked}


def test_match_without_rank_gives_the_same_set(ecosystem):
    ranked = set(search_actors(Actor.objects.all(), "design").values_list("pk", flat=True))
    unranked = set(match_actors(Actor.objects.all(), "design").values_list("pk", flat=True))
    assert ranked == unranked


def test_stop_words_are_dropped():
    assert query_words("La Cité du Design") == ["cite", "design"]


def test_unknown_word_is_corrected_against_the_vocabulary():
    assert correct_words(["feran", "clerm"], vocab=["clermont", "design", "ferrand"]) == ["ferrand", "clerm"]
    assert correct_words(["clerm", "design"], vocab=["clermont", "design", "ferrand"]) == ["clermont", "design"]


def test_renaming_a_parent_refreshes_its_sub_services(ecosystem):
    city = ecosystem["city"]
    city.name = "Mairie de Montferrand"
    city.save()
    assert "ville-clermont-dip" in slugs("mairie de montferrand")


def test_rebuild_after_bulk_create_makes_actors_searchable(ecosystem):
    lab = ecosystem["dip"]
    Actor.objects.bulk_create([Actor(name="Labo Numérique Quiétude", slug="quietude", primary_type=lab.primary_type)])
    assert "quietude" not in slugs("quietude")
    assert rebuild_search_text() >= 1
    assert "quietude" in slugs("quiétude")


@pytest.mark.postgres_only
def test_postgres_uses_french_stemming(ecosystem):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search")
    # "innovations" and "innovation" share the French stem.
    assert "cite-du-design" in slugs("innovations publiques")


@pytest.mark.postgres_only
def test_postgres_has_the_french_unaccent_configuration():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('french_unaccent', 'Cité Créée') = to_tsvector('french_unaccent', 'cite creee'),"
            " to_tsvector('french', 'Cité Créée') = to_tsvector('french', 'cite creee')"
        )
        assert cursor.fetchone() == (True, False)


@pytest.mark.postgres_only
@pytest.mark.parametrize("query", ["innov", "innovation", "innovations publiques", "design de serv", "ville"])
def test_postgres_filter_spelled_for_estimates_matches_the_plain_prefix_query(ecosystem, query):
    """The filter's "word | word:*" form (for the planner's estimates) selects exactly the prefix form's rows."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search")
    from django.contrib.postgres.search import SearchQuery

    from maillage.directory.search import FTS_CONFIG, _pg_raw_query, _SearchVectorColumn, plan

    found = plan(query)
    plain = SearchQuery(_pg_raw_query(found, False), config=FTS_CONFIG, search_type="raw")
    expected = set(Actor.objects.annotate(v=_SearchVectorColumn()).filter(v=plain).values_list("slug", flat=True))
    assert expected  # the query finds something, so the comparison means something
    assert set(match_actors(Actor.objects.all(), query).values_list("slug", flat=True)) == expected


def test_sqlite_path_corrects_typos_through_the_vocabulary(ecosystem):
    if connection.vendor != "sqlite":
        pytest.skip("portable path")
    assert "dessein" in correct_words(["dessin"])


@pytest.mark.postgres_only
def test_postgres_vector_is_maintained_by_the_database_on_bulk_create(ecosystem):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL generated column")
    lab = ecosystem["dip"]
    Actor.objects.bulk_create(
        [Actor(name="X", slug="x", primary_type=lab.primary_type, search_text="observatoire des mobilites")]
    )
    assert "x" in slugs("observatoires mobilités")


def test_search_name_holds_parent_and_name(ecosystem):
    assert ecosystem["dip"].search_name == "ville de clermont ferrand direction innovation et participation"


def test_a_searched_queryset_works_as_a_subquery(ecosystem):
    """The map and the network filter relations by `pk__in=<searched actors>`."""
    searched = match_actors(Actor.objects.all(), "cite du design")
    assert list(Actor.objects.filter(pk__in=searched).values_list("name", flat=True)) == ["Cité du design"]


# --- Relevance rules -------------------------------------------------------------------


def ranked_slugs(query):
    from maillage.directory.search import ORDERING

    return list(search_actors(Actor.objects.all(), query).order_by(*ORDERING).values_list("slug", flat=True))


def test_an_alias_match_comes_before_text_matches(ecosystem):
    ActorFactory(name="Direction interministérielle de la transformation publique", slug="ditp", aliases=["DITP"])
    ActorFactory(name="Réseau des Labs", slug="reseau", missions="Animé par la DITP avec les préfectures.")
    assert ranked_slugs("ditp")[0] == "ditp"


def test_an_acronym_in_the_name_s_parentheses_is_an_exact_match():
    from maillage.directory.search import search_keys

    assert "|sgar|" in search_keys("Secrétariat général pour les affaires régionales (SGAR)")


def test_an_exact_name_comes_before_a_name_that_starts_with_it(ecosystem):
    ActorFactory(name="Archipel", slug="archipel")
    ActorFactory(name="Archipel des facilitateurs", slug="facilitateurs", missions="Archipel archipel archipel.")
    assert ranked_slugs("archipel")[:2] == ["archipel", "facilitateurs"]


def test_a_name_match_comes_before_a_mission_match(ecosystem):
    ActorFactory(name="Atelier", slug="atelier", missions="Travaille avec la Piste et la Piste encore.")
    ActorFactory(name="La Piste", slug="la-piste")
    assert ranked_slugs("la piste")[0] == "la-piste"


def test_a_word_that_matches_as_typed_is_not_corrected(ecosystem):
    ActorFactory(name="Ainter'lab", slug="ainterlab")
    ActorFactory(name="Réseau INTERLABS", slug="interlabs")
    assert correct_words(["interlabs"]) == ["interlabs"]
    assert ranked_slugs("interlabs") == ["interlabs"]


def test_tags_are_searched(ecosystem):
    assert {"cite-du-design", "ville-clermont-dip"} <= slugs("design de services")
    ecosystem["city"].tags.add(ecosystem["cite"].tags.get())
    assert "ville-clermont" in slugs("design de services")


def test_search_index_follows_bulk_writes(ecosystem):
    """bulk_create, update() and delete() bypass save(): the database keeps the index."""
    Actor.objects.filter(slug="dessein-public").update(search_text="observatoire des mobilites")
    assert "dessein-public" in slugs("observatoire")
    Actor.objects.filter(slug="dessein-public").delete()
    assert slugs("observatoire") == set()


def test_the_data_version_changes_after_any_write(ecosystem):
    from maillage.directory.search import data_version

    before = data_version()
    Actor.objects.filter(slug="dessein-public").update(missions="Autre chose")
    after_update = data_version()
    ecosystem["cite"].tags.clear()
    assert len({before, after_update, data_version()}) == 3


def test_suggestions_match_names_only(ecosystem):
    from maillage.directory.search import suggest_actors

    ActorFactory(name="Atelier", slug="atelier", missions="Cité du design.")
    assert [a.slug for a in suggest_actors(Actor.objects.all(), "cite du des")] == ["cite-du-design"]


def test_missing_search_machinery_fails_the_system_check(db):
    from maillage.directory.search_machinery import check_search_machinery

    assert check_search_machinery(databases=["default"]) == []
    if connection.vendor == "sqlite":
        hide = "ALTER TABLE directory_actor_fts RENAME TO hidden_for_test"
        restore = "ALTER TABLE hidden_for_test RENAME TO directory_actor_fts"
    else:
        hide = "ALTER TABLE directory_actor RENAME COLUMN search_vector TO hidden_for_test"
        restore = "ALTER TABLE directory_actor RENAME COLUMN hidden_for_test TO search_vector"
    with connection.cursor() as cursor:
        cursor.execute(hide)
        try:
            errors = check_search_machinery(databases=["default"])
        finally:
            cursor.execute(restore)
    assert [e.id for e in errors] == ["directory.E011"]


def test_after_migrate_the_sqlite_triggers_are_restored(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite rebuilds tables, dropping their triggers")
    from maillage.directory.search_machinery import ensure_after_migrate, missing_machinery

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER directory_actor_fts_insert")
    assert missing_machinery(connection) == ["directory_actor_fts_insert"]
    ensure_after_migrate(sender=None)
    assert missing_machinery(connection) == []
