"""Name search: folding for case and diacritics in any script, and ranking of the matches.

SPARQL's LCASE and REGEX know neither Unicode normalization nor Turkish 'İ'/'ı', so names are read once,
folded here and kept in an index that a backend keeps until the data changes (one per dataset version).

Folding: NFKD (compatibility decomposition: 'ﻣ' -> 'م', 'ﬁ' -> 'fi'), case folding, then every combining mark
dropped (accents, the dot of 'İ', Cyrillic breves, Arabic harakat and hamza marks), plus the few letters
that have no decomposition but are written interchangeably ('ı' -> 'i', Persian 'ی' -> Arabic 'ي', tatweel
removed) and every script's decimal digits read as ASCII ones. Tokens are the runs of letters and digits
that remain.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from eventgraph.model import EntityClass, Literal, MatchKind, SearchHit, SearchQuery
from eventgraph.store import trace

_LETTERS = str.maketrans(
    {
        "ı": "i",  # Turkish dotless i (no decomposition)
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "æ": "ae",
        "œ": "oe",
        "\u0640": None,  # Arabic tatweel: stretches a word, carries no letter
        "ی": "ي",  # Persian/Urdu/Uyghur yeh -> Arabic yeh
        "ى": "ي",  # alef maksura, written for yeh in Egypt
        "ک": "ك",  # keheh -> kaf
    }
)
_TOKEN = re.compile(r"\w+")
_BASE = {MatchKind.EXACT: 1.0, MatchKind.PREFIX: 0.7, MatchKind.TOKEN: 0.4}
_CLASSES = {c.iri: c for c in EntityClass}


def fold(text: str) -> str:
    """Text for comparison: case, diacritics and punctuation folded away; tokens joined by single spaces."""
    if text.isascii():
        return " ".join(_TOKEN.findall(text.lower()))
    return " ".join(_TOKEN.findall("".join(_fold_char(ch) for ch in text)))


@functools.cache
def _fold_char(ch: str) -> str:
    """One character folded: decomposition works character by character, and the marks it would reorder go."""
    decomposed = unicodedata.normalize("NFKD", ch.translate(_LETTERS).casefold()).casefold()
    kept = "".join(_digit(c) for c in decomposed if not unicodedata.category(c).startswith("M"))
    return kept.translate(_LETTERS)


def _digit(ch: str) -> str:
    """Any script's decimal digit as an ASCII one ('٢٠٣٠' is 2030)."""
    return str(unicodedata.decimal(ch)) if ch.isdecimal() else ch


def match(query: str, name: str) -> MatchKind | None:
    """How folded `name` matches folded `query`: exact, prefix, every query token a token prefix, or not at all."""
    if not query or not name:
        return None
    if name == query:
        return MatchKind.EXACT
    if name.startswith(query):
        return MatchKind.PREFIX
    tokens = name.split(" ")
    if all(any(t.startswith(q) for t in tokens) for q in query.split(" ")):
        return MatchKind.TOKEN
    return None


def score(kind: MatchKind, field: str, query: str, name: str) -> float:
    """Exact > prefix > token, always; within one kind a closer (shorter) name first, a label before an alias."""
    coverage = len(query) / len(name) if name else 0.0
    return round(_BASE[kind] + 0.2 * min(coverage, 1.0) - (0.05 if field == "alias" else 0.0), 4)


_SLACK = 1e-9  # scores are rounded to 4 decimals: never stop on a float's last bit


def _at_most(query: str, length: int) -> float:
    """The best score a name of `length` folded characters can have: exact only at the query's own length."""
    kind = MatchKind.EXACT if length == len(query) else MatchKind.PREFIX
    return score(kind, "label", query, "x" * length)


def _kept(best: dict[str, tuple[tuple[float, int, str, str], SearchHit]], limit: int) -> float:
    """The score of the `limit`-th best entity so far (each entity counted by its best name)."""
    return -heapq.nsmallest(limit, (key[0] for key, _ in best.values()))[-1]


@dataclass(frozen=True, slots=True)
class Name:
    iri: str
    entity_class: EntityClass
    field: str
    literal: Literal
    folded: str


class NameIndex:
    """Every name of the graph, folded once, with an index from each word to the names that contain it.

    A match of any kind needs every word of the text to start a word of the name (an exact or prefix match
    is a special case), so the candidates are the intersection, over the text's words, of the names having
    a word with that prefix: found by bisection in the sorted vocabulary, not by a scan of every name.

    Names are kept shortest first, and a longer name never scores more than a shorter one of the same kind,
    so the candidates are ranked in that order and the ranking stops once no longer name could reach the
    scores already kept: the common words of a large graph cost the few best names, not every match.
    """

    def __init__(self, names: list[Name]) -> None:
        self.names = names
        postings: dict[str, list[int]] = {}
        for position, name in enumerate(names):
            for token in set(name.folded.split(" ")):
                postings.setdefault(token, []).append(position)
        self._vocabulary = sorted(postings)
        self._postings = postings

    @classmethod
    def of(cls, entries: Iterable[tuple[str, str, str, str, str | None]]) -> NameIndex:
        """The index of (entity IRI, class IRI, field, name, language) entries, as a backend reads them.

        `field` is "label" or "alias"; entries of other classes or with nothing left after folding are skipped.
        """
        names = []
        for iri, class_iri, field, text, language in entries:
            entity_class = _CLASSES.get(class_iri)
            folded = fold(text)
            if entity_class is None or not folded:
                continue
            names.append(Name(iri, entity_class, field, Literal(text, language=language or None), folded))
        names.sort(key=lambda n: (len(n.folded), n.iri, n.field, n.folded, n.literal.language or ""))
        return cls(names)

    def _with_prefix(self, prefix: str) -> set[int]:
        found: set[int] = set()
        vocabulary = self._vocabulary
        at = bisect.bisect_left(vocabulary, prefix)
        while at < len(vocabulary) and vocabulary[at].startswith(prefix):
            found.update(self._postings[vocabulary[at]])
            at += 1
        return found

    def candidates(self, folded_query: str) -> list[int]:
        """Positions of the names where every word of the query starts a word (sorted)."""
        words = sorted(set(folded_query.split(" ")), key=len, reverse=True)  # longest first: fewest names
        if not folded_query:
            return []
        found = self._with_prefix(words[0])
        for word in words[1:]:
            if not found:
                break
            found &= self._with_prefix(word)
        return sorted(found)

    def search(self, query: SearchQuery) -> list[SearchHit]:
        wanted = fold(query.text)
        classes = set(query.classes)
        lang = (query.language or "").lower().split("-")[0]
        best: dict[str, tuple[tuple[float, int, str, str], SearchHit]] = {}
        length = -1
        for position in self.candidates(wanted):
            name = self.names[position]
            if len(name.folded) != length:  # a longer name: can it still reach the scores kept?
                length = len(name.folded)
                if len(best) >= query.limit > 0 and _at_most(wanted, length) < _kept(best, query.limit) - _SLACK:
                    break
            if classes and name.entity_class not in classes:
                continue
            tag = (name.literal.language or "").lower()
            if lang and tag and tag.split("-")[0] != lang:
                continue
            kind = match(wanted, name.folded)
            if kind is None:
                continue
            value = score(kind, name.field, wanted, name.folded)
            key = (-value, 0 if name.field == "label" else 1, name.folded, tag)
            current = best.get(name.iri)
            if current is None or key < current[0]:
                hit = SearchHit(name.iri, name.entity_class, name.literal, name.field, kind, value)
                best[name.iri] = (key, hit)
        ranked = sorted(best.values(), key=lambda pair: (pair[0], pair[1].iri))
        return [hit for _, hit in ranked[: query.limit]]

    def traced_search(self, query: SearchQuery) -> list[SearchHit]:
        """`search`, recorded in the request's trace (the `explain` extension)."""
        started = time.perf_counter()
        hits = self.search(query)
        trace.record(
            "search",
            f"name index: {len(self.names)} names, text {query.text!r}",
            (time.perf_counter() - started) * 1000,
            len(hits),
        )
        return hits
