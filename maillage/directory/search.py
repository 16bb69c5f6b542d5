"""Directory search: the actor one typed comes first, with the same rules on both databases.

Matching: every meaningful word of the query (accents, case and stop words ignored) must
start a word of the actor's names, aliases, missions, description, tags or commune. A word
that matches nothing as typed is replaced by its closest known word (typo tolerance); a
word that matches as typed is never "corrected".

Ranking, in tiers computed identically on both backends from `Actor.search_keys` (the
normalised forms an actor is called by: name, parent + name, aliases, acronyms):
    4  the query is exactly one of these forms ("ditp", "la piste", "centsept")
    3  one of these forms starts with the query ("sciences po" -> "Sciences Po Lyon")
    2  every query word starts a word of these forms ("labo 63", "erasme urbanlab")
    1  the words are found in missions, descriptions, tags or the commune only
then, inside a tier, by the database's own full-text relevance with names weighted above
the rest, then by name:
- PostgreSQL: a stored weighted tsvector (names 'A', other text 'B', migration 0007) in the
  `french_unaccent` configuration, GIN-indexed; ts_rank.
- SQLite: an FTS5 table `directory_actor_fts(names, body)` kept in sync by triggers
  (migration 0007), prefix-indexed; bm25 with the names column weighted 10 to 1.
"""

import bisect
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import FloatField, IntegerField, Q, Value
from django.db.models.expressions import Case, Expression, RawSQL, When
from django.db.models.functions import Length

from maillage.core import dataversion
from maillage.core.text import normalize

from .search_machinery import FTS_TABLE, FTS_VOCAB

# Words too common to carry meaning; they never have to match on their own.
# untranslated: French stop words the search drops from queries, not text shown to users
STOP_WORDS = frozenset(
    "a au aux d de des du en et l la le les un une pour par sur dans avec ou".split()  # noqa: SIM905
)
# Minimum RapidFuzz ratio (0-100) for a typo correction.
CORRECTION_CUTOFF = 75
# Shorter words are too ambiguous to correct ("63", "po").
MIN_CORRECTED_LENGTH = 3
FTS_CONFIG = "french_unaccent"
# bm25 weights of the FTS5 columns (names, body) and PostgreSQL's ts_rank weights {D, C, B, A}.
BM25_WEIGHTS = (10.0, 1.0)
TIER_EXACT, TIER_PREFIX, TIER_ALL_WORDS_IN_NAME, TIER_TEXT = 4, 3, 2, 1

_PARENTHESES = re.compile(r"\(([^()]*)\)")
_APOSTROPHES = re.compile(r"['’]")


def query_words(query):
    """The meaningful normalised words of a query."""
    return [w for w in normalize(query).split() if w not in STOP_WORDS]


def name_key(text):
    """The comparison form of a name: normalised words without stop words."""
    return " ".join(query_words(text))


def search_keys(name, parent_name="", aliases=()):
    """`|key|key|…|`: the forms an actor is called by, for exact and prefix matches.

    "Direction interministérielle de la transformation publique (DITP)" gives the name,
    the name without its parenthesis and the acronym "ditp"; a sub-service also gets
    "parent name + name"; each alias is a form of its own.
    """
    forms = [name, _PARENTHESES.sub(" ", name), *_PARENTHESES.findall(name)]
    for alias in aliases:
        forms += [alias, *_PARENTHESES.findall(alias)]
    if parent_name:
        forms.append(f"{parent_name} {name}")
    keys = []
    for form in forms:
        # "Dre'lab" is also typed "drelab": each form is kept with its apostrophes dropped too.
        for variant in (form, _APOSTROPHES.sub("", form)):
            key = name_key(variant)
            if key and key not in keys:
                keys.append(key)
    return f"|{'|'.join(keys)}|" if keys else ""


def is_postgres():
    return connection.vendor == "postgresql"


# --- Data version (cache keys) --------------------------------------------------------


def data_version():
    """A key that changes after any write to the actors, their tags or tag names: the core's data version.

    Read from a row that database triggers increment (maillage.core.dataversion), so it is
    exact across processes and after bulk writes; one primary-key read. The database's name
    is part of it, so two databases sharing one cache never meet.
    """
    return f"{connection.alias}:{connection.settings_dict['NAME']}:{dataversion.read()}"


# --- Typo correction ------------------------------------------------------------------


def _matches_as_typed(word, prefix):
    """Whether some word of the directory is `word` (or starts with it) as typed: one index lookup.

    On PostgreSQL the stemmed full-text index finds the candidates ("archipell" stems like
    "archipel"), then a word-boundary regular expression checks the word as typed on them.
    """
    with connection.cursor() as cursor:
        if is_postgres():
            end = "" if prefix else "( |$)"
            cursor.execute(
                "SELECT 1 FROM directory_actor WHERE search_vector @@ to_tsquery(%s::regconfig, %s) "
                "AND (search_text ~ %s OR search_keys ~ %s) LIMIT 1",
                [FTS_CONFIG, f"{word}:*", rf"(^| ){word}{end}", rf"(^|[| ]){word}{end.replace(' ', '| ')}"],
            )
        elif prefix:
            # Words are [a-z0-9]+: "{" sorts after every continuation of the prefix.
            sql = f"SELECT 1 FROM {FTS_VOCAB} WHERE term >= %s AND term < %s LIMIT 1"  # noqa: S608 - a constant name
            cursor.execute(sql, [word, word + "{"])
        else:
            cursor.execute(f"SELECT 1 FROM {FTS_VOCAB} WHERE term = %s", [word])  # noqa: S608 - a constant name
        return cursor.fetchone() is not None


_vocabulary_memo = (None, None)


def vocabulary():
    """Sorted distinct words of the directory, cached until the directory changes."""
    global _vocabulary_memo  # noqa: PLW0603 - a per-process memo in front of the shared cache
    key = f"directory:vocabulary:{data_version()}"
    if _vocabulary_memo[0] == key:
        return _vocabulary_memo[1]
    words = cache.get(key)
    if words is None:
        if is_postgres():
            from .models import Actor

            found = set()
            rows = Actor.objects.values_list("search_text", "search_keys").iterator(chunk_size=5000)
            for text, keys in rows:
                found.update(text.split())
                found.update(keys.replace("|", " ").split())
            words = sorted(found)
        else:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT term FROM {FTS_VOCAB}")  # noqa: S608 - a constant name
                words = sorted(row[0] for row in cursor.fetchall())
        cache.set(key, words, 3600)
    _vocabulary_memo = (key, words)
    return words


_buckets_memo = (None, None)


def _candidates(vocab, word):
    """Known words that could be `word` mistyped: same first letter, length within 3, not a number.

    Bucketing keeps the fuzzy comparison to a few thousand words at national scale.
    """
    global _buckets_memo  # noqa: PLW0603 - a per-process memo, rebuilt with the vocabulary
    if _buckets_memo[0] is not vocab:
        buckets = {}
        for known in vocab:
            if not known.isdigit():
                buckets.setdefault((known[0], len(known)), []).append(known)
        _buckets_memo = (vocab, buckets)
    buckets = _buckets_memo[1]
    return [known for size in range(len(word) - 3, len(word) + 4) for known in buckets.get((word[0], size), ())]


def correct_words(words, vocab=None):
    """Replace each word that matches nothing as typed by its closest known word.

    The last word may be the beginning of a word (typing in progress); the others must be
    whole words. With `vocab` given, it decides alone; otherwise the database says what matches.
    """
    from rapidfuzz import fuzz, process

    corrected = []
    for index, word in enumerate(words):
        prefix = index == len(words) - 1
        if len(word) < MIN_CORRECTED_LENGTH:
            known = True
        elif vocab is not None:
            i = bisect.bisect_left(vocab, word)
            known = i < len(vocab) and (vocab[i].startswith(word) if prefix else vocab[i] == word)
        else:
            known = _matches_as_typed(word, prefix)
        if known:
            corrected.append(word)
            continue
        vocab = vocabulary() if vocab is None else vocab
        best = process.extractOne(word, _candidates(vocab, word), scorer=fuzz.ratio, score_cutoff=CORRECTION_CUTOFF)
        corrected.append(best[0] if best else word)
    return corrected


# --- Query plan -----------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    words: tuple  # the meaningful words as typed
    corrected: tuple  # the same, with typo corrections

    @property
    def key(self):
        return " ".join(self.corrected)

    @property
    def was_corrected(self):
        return self.words != self.corrected


_plans = {}
PLAN_MEMO_SIZE = 256


def plan(query):
    """The words searched for a query; None when nothing meaningful is left.

    A page asks several times (list, facets, notices): remembered per data version.
    """
    words = query_words(query)
    if not words:
        return None
    memo_key = (tuple(words), data_version())
    if memo_key not in _plans:
        if len(_plans) >= PLAN_MEMO_SIZE:
            _plans.clear()
        _plans[memo_key] = Plan(tuple(words), tuple(correct_words(words)))
    return _plans[memo_key]


def _tier(plan, in_names):
    """The relevance tier (see module docstring).

    `in_names` (the full-text match restricted to names and aliases) is tested first, so
    the string comparisons only run on the few actors whose names match.
    """
    key = plan.key
    return Case(
        When(~in_names, then=Value(TIER_TEXT)),
        When(search_keys__contains=f"|{key}|", then=Value(TIER_EXACT)),
        When(search_keys__contains=f"|{key}", then=Value(TIER_PREFIX)),
        default=Value(TIER_ALL_WORDS_IN_NAME),
        output_field=IntegerField(),
    )


def _fts5_rowids(plan, names_only):
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - a constant name
    return RawSQL(sql, [_fts5_query(plan, names_only)])  # noqa: S611 - the query is a parameter


class _SearchVectorColumn(Expression):
    """PostgreSQL's stored tsvector column (generated, see migration 0007).

    The column is not a model field (SQLite has none), so it is named here against the
    alias of the query being compiled: "U0" when the queryset is used as a subquery.
    """

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name('search_vector')}", []


def _pg_raw_query(plan, names_only, *, estimable=False):
    """The tsquery text: whole words, the last one possibly unfinished; 'A' restricts to names.

    `estimable` spells the unfinished word as "word | word:*", which matches exactly the same
    rows: PostgreSQL has no statistics for a prefix and guesses 2 % of the rows, but knows how
    often the whole word occurs. With "innovation" in 30 % of 100,000 actors, the guess made it
    hash every match before a page of 50 relations (100 ms instead of a few). Ranking keeps the
    plain form, so scores do not change.
    """
    weight = "A" if names_only else ""
    last = len(plan.corrected) - 1

    def term(i, word):
        if i != last:
            return f"{word}:{weight}" if weight else word
        prefix = f"{word}:*{weight}"
        if not estimable:
            return prefix
        return f"({word}:{weight} | {prefix})" if weight else f"({word} | {prefix})"

    return " & ".join(term(i, word) for i, word in enumerate(plan.corrected))


def _pg_query(plan, names_only, *, estimable=False):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(_pg_raw_query(plan, names_only, estimable=estimable), config=FTS_CONFIG, search_type="raw")


def _fts5_query(plan, names_only):
    # Whole words, the last one possibly unfinished; words are [a-z0-9]+, safe in quotes.
    last = len(plan.corrected) - 1
    terms = " ".join(f'"{word}"{"*" if i == last else ""}' for i, word in enumerate(plan.corrected))
    return f"names : ({terms})" if names_only else terms


def _filter(queryset, plan, names_only=False):
    if is_postgres():
        return queryset.annotate(_search_vector=_SearchVectorColumn()).filter(
            _search_vector=_pg_query(plan, names_only, estimable=True)
        )
    return queryset.filter(pk__in=_fts5_rowids(plan, names_only))


def _ranked(queryset, plan, names_only=False):
    """Filter, and annotate `search_tier` and `search_rank` (higher is better for both)."""
    if is_postgres():
        from django.contrib.postgres.search import SearchRank

        query = _pg_query(plan, names_only)
        queryset = queryset.annotate(_search_vector=_SearchVectorColumn()).filter(_search_vector=query)
        rank = SearchRank(_SearchVectorColumn(), query)
        in_names = Q(_search_vector=_pg_query(plan, names_only=True))
    else:
        # A join, so that FTS5 drives the query and bm25() is computed in the same scan.
        queryset = queryset.extra(  # noqa: S610 - constant SQL, the query is a parameter
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = directory_actor.id", f"{FTS_TABLE} MATCH %s"],
            params=[_fts5_query(plan, names_only)],
        )
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        rank = RawSQL(f"-bm25({FTS_TABLE}, {weights})", [], output_field=FloatField())  # noqa: S611
        in_names = Q(pk__in=_fts5_rowids(plan, names_only=True))
    if names_only:
        in_names = Q(pk__isnull=False)
    return queryset.annotate(search_tier=_tier(plan, in_names), search_rank=rank)


# --- Public API ------------------------------------------------------------------------

ORDERING = ["-search_tier", "-search_rank", "name"]


def search_actors(queryset, query):
    """Filter by the text query and annotate `search_tier` and `search_rank`; order by ORDERING."""
    found = plan(query)
    return queryset if found is None else _ranked(queryset, found)


def match_actors(queryset, query):
    """Filter by the text query without ranking (facet counts, exports, map and network subqueries)."""
    found = plan(query)
    return queryset if found is None else _filter(queryset, found)


SUGGESTION_CANDIDATES = 50


def suggest_actors(queryset, query, limit=8):
    """Actors whose names or aliases match what is being typed, best first.

    Bounded work at any scale: names that start with the typed text are read in order
    from the `name_key` index (the exact name sorts first); only when they are too few,
    the full-text match on names and aliases, ranked as search ranks, completes the list.
    """
    found = plan(query)
    if found is None:
        return []
    key = found.key
    by_prefix = list(queryset.filter(name_key__gte=key, name_key__lt=key + "{").order_by("name_key", "name")[:limit])
    if len(by_prefix) == limit:
        return by_prefix
    # The engine's own ranking picks a few candidates among possibly thousands of matches.
    if is_postgres():
        # The names-only expression index (migration 0007); weight labels are not indexable.
        sql = (
            "SELECT id FROM directory_actor WHERE to_tsvector('french_unaccent'::regconfig, search_keys) "
            "@@ to_tsquery('french_unaccent'::regconfig, %s) ORDER BY length(name_key) LIMIT %s"
        )
        raw = _pg_raw_query(found, names_only=False)
        candidates = RawSQL(sql, [raw, SUGGESTION_CANDIDATES])  # noqa: S611 - the query is a parameter
    else:
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY bm25({FTS_TABLE}, {weights}) LIMIT %s"  # noqa: S608
        candidates = RawSQL(sql, [_fts5_query(found, names_only=True), SUGGESTION_CANDIDATES])  # noqa: S611
    others = (
        queryset.filter(pk__in=candidates)
        .exclude(pk__in=[a.pk for a in by_prefix])
        .annotate(search_tier=_tier(found, Q(pk__isnull=False)))
        .order_by("-search_tier", Length("name_key"), "name")
    )
    return by_prefix + list(others[: limit - len(by_prefix)])


DERIVED_FIELDS = ["search_text", "search_name", "search_keys", "name_key", "department", "region"]


def rebuild_search_text(queryset=None, batch_size=2000):
    """Recompute derived fields after bulk operations (bulk_create, update, parent renames)."""
    from .models import Actor

    queryset = Actor.objects.all() if queryset is None else queryset
    queryset = queryset.select_related("parent", "commune__department").prefetch_related("tags").order_by("pk")
    changed = []
    count = 0

    def before(actor):
        return (
            actor.search_text,
            actor.search_name,
            actor.search_keys,
            actor.name_key,
            actor.department_id,
            actor.region_id,
        )

    for actor in queryset.iterator(chunk_size=batch_size):
        old = before(actor)
        actor.refresh_derived_fields()
        if before(actor) != old:
            changed.append(actor)
        if len(changed) >= batch_size:
            Actor.objects.bulk_update(changed, DERIVED_FIELDS)
            count += len(changed)
            changed = []
    if changed:
        Actor.objects.bulk_update(changed, DERIVED_FIELDS)
        count += len(changed)
    return count
