"""Folding and ranking of names: case, diacritics and script variants, exact > prefix > token."""

from __future__ import annotations

import random

import pytest

from eventgraph.model import EntityClass, MatchKind, SearchHit, SearchQuery
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.search import NameIndex, fold, match, score
from tests.research import research_store


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Türkiye", "turkiye"),
        ("İstanbul", "istanbul"),  # dotted capital I: NFKD gives I + combining dot, which is dropped
        ("ISTANBUL", "istanbul"),
        ("Kırtest", "kirtest"),  # dotless i has no decomposition: mapped
        ("Wikimedia-CEE  Meeting!", "wikimedia cee meeting"),
        ("Ёлкоград", "елкоград"),  # Cyrillic io folds to ie
        ("Йошкар", "иошкар"),  # short i loses its breve
        ("مُؤْتَمَر", "موتمر"),  # harakat and the hamza mark are dropped
        ("أإآ", "ااا"),  # alef with hamza or madda: bare alef
        ("ﻣﺆﺗﻤﺮ", "موتمر"),  # Arabic presentation forms decompose (NFKD)
        ("یک", "يك"),  # Persian yeh and keheh as Arabic yeh and kaf
        ("كـــتاب", "كتاب"),  # tatweel removed
        ("المؤتمر ٢٠٣٠", "الموتمر 2030"),  # Arabic-Indic digits read as ASCII
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_match_kinds() -> None:
    assert match("turkic wikimedia conference", "turkic wikimedia conference") is MatchKind.EXACT
    assert match("turkic wiki", "turkic wikimedia conference 2012") is MatchKind.PREFIX
    assert match("2012 turkic", "turkic wikimedia conference 2012") is MatchKind.TOKEN
    assert match("conf turk", "turkic wikimedia conference 2012") is MatchKind.TOKEN
    assert match("urkic", "turkic wikimedia conference") is None, "words match from their start only"
    assert match("", "anything") is None


def test_scores_keep_the_kinds_apart() -> None:
    exact_alias = score(MatchKind.EXACT, "alias", "ab", "ab")
    best_prefix = score(MatchKind.PREFIX, "label", "abcdefghi", "abcdefghij")
    best_token = score(MatchKind.TOKEN, "label", "b a", "a b")
    assert score(MatchKind.EXACT, "label", "ab", "ab") > exact_alias > best_prefix
    assert score(MatchKind.PREFIX, "alias", "a", "a very long name indeed") > best_token


def test_search_ranks_exact_then_prefix_then_token(loaded_store: OxigraphStore) -> None:
    hits = loaded_store.search(SearchQuery("turkic wikimedia conference", limit=10))
    assert hits[0].iri == "https://w3id.org/eventgraph/id/turkic-wikimedia-conference"
    assert hits[0].match is MatchKind.EXACT
    kinds = [h.match for h in hits]
    assert kinds == sorted(kinds, key=list(MatchKind).index)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_search_narrows_by_class_and_language() -> None:
    store = research_store()
    places = store.search(SearchQuery("synthetic", classes=(EntityClass.PLACE,)))
    assert places == []
    russian = store.search(SearchQuery("тестополь", language="ru"))
    assert [h.iri for h in russian] == ["http://www.wikidata.org/entity/Q9000501"]
    assert store.search(SearchQuery("тестополь", language="ar")) == []


def test_the_index_is_rebuilt_when_the_data_changes(fresh_store: OxigraphStore) -> None:
    from loaders.pipeline import load_local
    from tests.research import FIXTURE_DIR

    assert fresh_store.search(SearchQuery("testopolis")) == []
    load_local(fresh_store, FIXTURE_DIR)
    assert [h.iri for h in fresh_store.search(SearchQuery("testopolis"))] == ["http://www.wikidata.org/entity/Q9000501"]


def test_search_folds_cyrillic_arabic_and_turkish_names() -> None:
    # Spellings the shipped names do not exercise, on the synthetic fixture (tests/data/research/).
    store = research_store()
    [yo] = store.search(SearchQuery("елкоград"))
    assert (yo.iri, yo.matched.lexical, yo.field) == ("http://www.wikidata.org/entity/Q9000501", "Ёлкоград", "alias")
    [arabic] = store.search(SearchQuery("موتمر"))  # without harakat or hamza
    assert (arabic.iri, arabic.matched.lexical, arabic.match) == (
        "http://www.wikidata.org/entity/Q9000510",
        "مُؤْتَمَر اصطناعي",
        MatchKind.PREFIX,
    )
    [digits] = store.search(SearchQuery("المؤتمر الاصطناعي 2030"))
    assert (digits.iri, digits.match) == ("http://www.wikidata.org/entity/Q9000511", MatchKind.EXACT)
    [turkish] = store.search(SearchQuery("IÇTESTKENT"))
    assert turkish.matched.lexical == "İçtestkent"
    [dotless] = store.search(SearchQuery("yakin", language="tr"))
    assert dotless.matched.lexical == "Yakın Kasaba"


def full_ranking(index: NameIndex, query: SearchQuery) -> list[SearchHit]:
    """Every name scored, each entity's best kept, all sorted: what the index's early stop must equal."""
    wanted = fold(query.text)
    lang = (query.language or "").lower().split("-")[0]
    best: dict[str, tuple[tuple[float, int, str, str], SearchHit]] = {}
    for name in index.names:
        tag = (name.literal.language or "").lower()
        if (query.classes and name.entity_class not in query.classes) or (lang and tag and tag.split("-")[0] != lang):
            continue
        if (kind := match(wanted, name.folded)) is None:
            continue
        value = score(kind, name.field, wanted, name.folded)
        key = (-value, 0 if name.field == "label" else 1, name.folded, tag)
        if name.iri not in best or key < best[name.iri][0]:
            best[name.iri] = (key, SearchHit(name.iri, name.entity_class, name.literal, name.field, kind, value))
    return [hit for _, hit in sorted(best.values(), key=lambda pair: (pair[0], pair[1].iri))][: query.limit]


def test_stopping_early_ranks_as_scoring_every_name() -> None:
    """Names of few words (many equal, many of one length), labels and aliases, several per entity."""
    rng = random.Random(5)
    words = ["wiki", "wikimedia", "con", "conference", "turkic", "tur", "meet", "2023", "cee", "hack"]
    classes = [EntityClass.EVENT.iri, EntityClass.ORGANIZATION.iri, EntityClass.PLACE.iri]
    for _ in range(20):
        entries = [
            (
                f"http://www.wikidata.org/entity/Q{9000001 + rng.randrange(60)}",
                rng.choice(classes),
                rng.choice(["label", "label", "alias"]),
                " ".join(rng.choice(words) for _ in range(rng.randrange(1, 4))),
                rng.choice(["en", "tr", None]),
            )
            for _ in range(rng.randrange(1, 300))
        ]
        index = NameIndex.of(entries)
        for text in ["wiki", "con", "tur", "wikimedia con", "2023 tur", "hack", "zzz", "c", "cee meet"]:
            for limit in (1, 3, 12, 50):
                query = SearchQuery(
                    text,
                    classes=tuple(rng.sample(list(EntityClass)[:3], rng.randrange(0, 2))),
                    language=rng.choice([None, "en"]),
                    limit=limit,
                )
                assert index.search(query) == full_ranking(index, query), (text, limit)
