"""Folding and ranking of names: case, diacritics and script variants, exact > prefix > token."""

from __future__ import annotations

import pytest

from eventgraph.model import EntityClass, MatchKind, SearchQuery
from eventgraph.store.oxigraph import OxigraphStore
from eventgraph.store.search import fold, match, score
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
