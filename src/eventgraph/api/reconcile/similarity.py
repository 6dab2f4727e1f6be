"""How close a name is to a query text, and which texts to look names up with. Pure functions, no store.

Both texts are folded first (`eventgraph.store.search.fold`: case, diacritics and punctuation away, any
script), so 'WIKIMEDIA deutschland' equals 'Wikimedia Deutschland' and only such equal names are exact.
"""

from __future__ import annotations

from difflib import SequenceMatcher

NEAR_MISS = 0.99
"""Ceiling of a similarity that is not an exact match."""
EDITION_PENALTY = 0.6
"""Factor on the similarity when the numbers (years, edition numbers) of the two names differ."""
PROBE_TOKENS = 6
"""At most this many words of a query are left out one at a time to find names that lack a word of it."""
STEM = 4
"""Letters of each word kept by the misspelling probe ('deutchland' -> 'deut' finds 'Deutschland')."""


def _numbers(tokens: set[str]) -> set[str]:
    return {t for t in tokens if t.isdigit()}


def similarity(query: str, name: str) -> float:
    """0 to 1 for two folded texts; 1.0 only when they are equal.

    The larger of the character-level ratio (difflib) and the share of words in common, below 1; then
    multiplied by `EDITION_PENALTY` when the numbers differ, since 'Wikimania 2019' is not 'Wikimania 2018'
    and an edition is not its series.
    """
    if query == name:
        return 1.0
    if not query or not name:
        return 0.0
    ratio = SequenceMatcher(None, query, name, autojunk=False).ratio()
    words, other = set(query.split(" ")), set(name.split(" "))
    shared = len(words & other) / len(words | other)
    found = min(max(ratio, shared), NEAR_MISS)
    if _numbers(words) != _numbers(other):
        found *= EDITION_PENALTY
    return found


def probes(query: str) -> list[str]:
    """The folded texts to search the name index with, the query itself first.

    The index finds names in which every word of the text starts a word; these variants also find names that
    lack a short word of the query ('e v', 'of'), any one word of it ('Inc'), or that spell a word otherwise
    after its first letters.
    """
    found = [query]
    words = query.split(" ")
    significant = [w for w in words if len(w) > 2 or w.isdigit()] or words
    found.append(" ".join(significant))
    found.append(" ".join(w if w.isdigit() else w[:STEM] for w in significant))
    if len(significant) > 1:
        head = significant[:PROBE_TOKENS]
        found.extend(" ".join(head[:n] + head[n + 1 :] + significant[PROBE_TOKENS:]) for n in range(len(head)))
    return [text for text in dict.fromkeys(found) if text]
