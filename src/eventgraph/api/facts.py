"""Reading plain values out of a `Resource`: the preferred value, labels with language fallback.

When several sources state one fact differently, the plain GraphQL field serves one value by a fixed
rule (docs/decisions/0003-preferred-values.md): a claim marked preferred wins; otherwise local sources
win over Wikidata; then the first graph by name, then the smallest value, so the answer never depends on
store order.
"""

from __future__ import annotations

from functools import lru_cache

from eventgraph.model import (
    EG_SOURCE,
    RDFS_LABEL,
    Fact,
    Iri,
    Literal,
    P,
    Resource,
)

WIKIDATA_GRAPH = EG_SOURCE + "wikidata"
DEFAULT_LANGUAGES = ("en",)


def _rank(fact: Fact) -> tuple[int, str, str]:
    value = fact.value
    text = value.lexical if isinstance(value, Literal) else getattr(value, "value", getattr(value, "id", ""))
    return (1 if fact.graph.startswith(WIKIDATA_GRAPH) else 0, fact.graph, text)


def _preferred_claim_values(resource: Resource, predicate: str) -> list[Fact]:
    values = []
    for claim in resource.nodes(P.claim):
        if claim.iris(P.claim_property) == [predicate] and claim.literal(P.preferred) == "true":
            values.extend(claim.all(P.claim_value))
    return values


def preferred(resource: Resource, predicate: str) -> Fact | None:
    """The value the plain field serves (see the module docstring for the rule); computed once per resource."""
    return resource.derived(("preferred", predicate), lambda r: _preferred(r, predicate))


def _preferred(resource: Resource, predicate: str) -> Fact | None:
    facts = resource.all(predicate)
    if not facts:
        return None
    claimed = _preferred_claim_values(resource, predicate)
    for claim_value in claimed:
        for fact in facts:
            if fact.value == claim_value.value:
                return fact
    # min keeps the first of equal ranks, as the first of a stable sort did
    return facts[0] if len(facts) == 1 else min(facts, key=_rank)


def text(resource: Resource, predicate: str) -> str | None:
    fact = preferred(resource, predicate)
    if fact is None or not isinstance(fact.value, Literal):
        return None
    return fact.value.lexical


def integer(resource: Resource, predicate: str) -> int | None:
    value = text(resource, predicate)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def iri(resource: Resource, predicate: str) -> str | None:
    fact = preferred(resource, predicate)
    if fact is None or not isinstance(fact.value, Iri):
        return None
    return fact.value.value


def iris(resource: Resource, predicate: str) -> list[str]:
    return resource.iris(predicate)


def node(resource: Resource, predicate: str) -> Resource | None:
    fact = preferred(resource, predicate)
    return fact.node if fact is not None else None


def texts(resource: Resource, predicate: str) -> list[str]:
    return list(dict.fromkeys(lit.lexical for lit in resource.literals(predicate)))


def language_chain(lang: str | None, fallback: list[str] | None = None) -> list[str]:
    """The languages to try, in order: the one asked for, its base language, the fallbacks, English."""
    return list(_language_chain(lang, tuple(fallback or ())))


@lru_cache(maxsize=256)
def _language_chain(lang: str | None, fallback: tuple[str, ...]) -> tuple[str, ...]:
    """`language_chain`, computed once per distinct argument pair (every label of a page asks the same)."""
    chain: list[str] = []
    for code in [lang, *(fallback or []), *DEFAULT_LANGUAGES]:
        if not code:
            continue
        code = code.lower()
        for candidate in (code, code.split("-")[0]):
            if candidate not in chain:
                chain.append(candidate)
    return tuple(chain)


def lang_strings(resource: Resource, predicate: str) -> list[Literal]:
    seen: dict[tuple[str, str | None], Literal] = {}
    for lit in resource.literals(predicate):
        seen.setdefault((lit.lexical, lit.language), lit)
    return list(seen.values())


def pick_language(values: list[Literal], chain: list[str]) -> Literal | None:
    """The first value in a language of the chain; else any value, deterministically."""
    by_lang: dict[str, Literal] = {}
    for lit in sorted(values, key=lambda v: (v.language or "", v.lexical)):
        by_lang.setdefault((lit.language or "").lower(), lit)
    for code in chain:
        if code in by_lang:
            return by_lang[code]
    for code in chain:
        for lang, lit in by_lang.items():
            if lang.split("-")[0] == code:
                return lit
    return next(iter(by_lang.values()), None)


def label(resource: Resource, chain: list[str]) -> str | None:
    picked = pick_language(lang_strings(resource, RDFS_LABEL), chain)
    return picked.lexical if picked else None
