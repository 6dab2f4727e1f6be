"""Every value the sources state for a fact, and which of them the plain field serves.

A source states a value either plainly (`start: '2014'`) or as claims (`start: {claims: [...]}`), whose preferred
value the loader also writes plainly in the same graph. Listing a field means listing the claim values of every
source and the plain values of every source that has no claim node for that value, so neither a claim node in
one source hides another source's plain value nor does a claim's own plain copy appear twice.

Single-valued fields: a value is `preferred` when it is the value the plain field serves (docs/decisions/
0003-preferred-values.md). Multi-valued fields (organizers, partners, languages, ...): the plain field serves every
value, so every value is preferred and different sets from different sources are not a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventgraph.api import facts
from eventgraph.model import EG, VOCABULARY, Blank, Fact, Iri, Literal, P, Resource, Shape

_LISTS = frozenset(
    {
        Shape.ROLES,
        Shape.REFS,
        Shape.TEXTS,
        Shape.LIMITS,
        Shape.SEATS,
        Shape.CATEGORIES,
        Shape.MILESTONES,
        Shape.AMOUNTS,
        Shape.FIGURES,
    }
)
MULTI_VALUED = frozenset(u.iri for u in VOCABULARY if u.shape in _LISTS and u.source is not None)
"""Predicates a source may state several values for (a list in the source format: organizers, partners, venues...):
every stated value is served, none is a conflict. Made from the vocabulary table; checked against the source format
by tests/api/test_claims.py."""

_NOT_FIELDS = frozenset(
    {
        P.citation,
        P.claim,
        P.start_bound,
        P.end_bound,
        P.organizing,
        P.partnering,
        P.party_role,
        P.involvement,
        P.qualified_date,
        P.page,
    }
)
"""Bookkeeping predicates: provenance, claim nodes, derived day bounds, role nodes, qualified-date nodes, the entity's
own pages."""


@dataclass(frozen=True, slots=True)
class StatedValue:
    """One value one source states for one field; `claim` is the claim node that states it, if any."""

    predicate: str
    fact: Fact
    preferred: bool
    claim: Resource | None = None


def comparable(fact: Fact) -> str:
    """A value as text, to tell equal values from different ones (a quantity by its text)."""
    if fact.node is not None:
        return fact.node.literal(P.text) or fact.node.literal(P.value) or ""
    value = fact.value
    if isinstance(value, Literal):
        return value.lexical
    if isinstance(value, Iri):
        return value.value
    return value.id if isinstance(value, Blank) else ""


def _stated(resource: Resource, predicate: str) -> list[tuple[Fact, Resource | None]]:
    from_claims: list[tuple[Fact, Resource | None]] = []
    for node in resource.nodes(P.claim):
        if node.iris(P.claim_property) == [predicate]:
            for value in node.all(P.claim_value):
                from_claims.append((Fact(predicate, value.value, value.graph, value.node), node))
    claimed = {(fact.graph, fact.value) for fact, _ in from_claims}
    plain: list[tuple[Fact, Resource | None]] = [
        (fact, None) for fact in resource.all(predicate) if (fact.graph, fact.value) not in claimed
    ]
    return from_claims + plain


def stated_values(resource: Resource, field: str | None = None) -> list[StatedValue]:
    """With `field` (a local name such as 'startDate'): every value of it. Without: the values of each field that
    carries claims or that sources state differently (multi-valued fields are never a difference)."""
    if field is not None:
        predicates = [EG + field]
    else:
        claimed = {iri for node in resource.nodes(P.claim) for iri in node.iris(P.claim_property)}
        plain = {f.predicate for f in resource.facts if f.predicate.startswith(EG)}
        predicates = sorted((claimed | plain) - _NOT_FIELDS)
    result: list[StatedValue] = []
    for predicate in predicates:
        stated = _stated(resource, predicate)
        if field is None and not _worth_listing(predicate, stated):
            continue
        every = predicate in MULTI_VALUED
        served = None if every else facts.preferred(resource, predicate)
        for fact, claim in stated:
            preferred = every or (served is not None and comparable(fact) == comparable(served))
            result.append(StatedValue(predicate, fact, preferred, claim))
    return result


def _worth_listing(predicate: str, stated: list[tuple[Fact, Resource | None]]) -> bool:
    if any(claim is not None for _, claim in stated):
        return True
    if predicate in MULTI_VALUED or predicate == P.note:  # each source's own note is no disagreement
        return False
    return len({comparable(fact) for fact, _ in stated}) > 1
