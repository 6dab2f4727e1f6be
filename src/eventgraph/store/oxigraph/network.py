"""Graph neighbourhoods and organization links, read for the api's network measures (networkx does the maths)."""

from __future__ import annotations

from collections.abc import Sequence

from eventgraph.model import EntityClass, LinkKind, LinkQuery, OrganizationLink
from eventgraph.model import GraphEdge as Edge
from eventgraph.store.oxigraph.find import matching
from eventgraph.store.oxigraph.find_sparql import criteria_patterns
from eventgraph.store.oxigraph.points import resolve_near
from eventgraph.store.oxigraph.sparql_text import Select, fill, values

_KINDS = {k.value: k for k in LinkKind}


def edges(select: Select, iris: Sequence[str], predicates: Sequence[str]) -> list[Edge]:
    """Every triple through one of `predicates` with one of `iris` at either end, sorted."""
    if not iris or not predicates:
        return []
    query = fill(
        "store/edges.rq",
        predicates=values("predicate", predicates),
        sources=values("source", iris),
        targets=values("target", iris),
    )
    found = {Edge(r["source"], r["predicate"], r["target"], r["graph"]) for r in select(query)}
    return sorted(found, key=lambda e: (e.source, e.predicate, e.target, e.graph))


def organization_links(select: Select, query: LinkQuery) -> list[OrganizationLink]:
    """Links between organizations through shared events and partnerships, sorted."""
    events = resolve_near(select, EntityClass.EVENT, query.events)
    organizations = resolve_near(select, EntityClass.ORGANIZATION, query.organizations)
    event_patterns = criteria_patterns(events)
    partnerships = ""
    if events:
        partnerships = (
            f"?via eg:relatedEvent ?related . {{ SELECT DISTINCT (?s AS ?related) WHERE {{ {event_patterns} "
            "?s rdf:type eg:Event . FILTER(isIRI(?s)) } }"
        )
    text = fill("store/organization-links.rq", events=event_patterns, partnerships=partnerships)
    ends = matching(select, EntityClass.ORGANIZATION, organizations)  # at least one end must match
    found = {
        OrganizationLink(r["source"], r["target"], _KINDS[r["kind"]], r["via"])
        for r in select(text)
        if r["source"] in ends or r["target"] in ends
    }
    return sorted(found, key=lambda link: (link.source, link.target, link.kind.value, link.via))
