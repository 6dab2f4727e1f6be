"""Networks: neighbourhoods, shortest paths, co-organization and organization measures.

The store hands over edges, one call per hop; networkx computes on the sub-graph that was read (shortest
paths, weighted co-organization, degrees), so no graph algorithm is hand-rolled here.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence

import networkx as nx
import strawberry

from eventgraph.api.context import Info
from eventgraph.api.derived import DERIVED
from eventgraph.api.filters import to_iris
from eventgraph.api.pagination import page_window
from eventgraph.api.prefetch import selects
from eventgraph.api.research_loaders import research_loaders
from eventgraph.api.types.common import Entity
from eventgraph.api.types.network import (
    CoOrganizationEdge,
    CoOrganizationKind,
    CoOrganizationNetwork,
    Network,
    NetworkEdge,
    Path,
    Relation,
    YearCount,
)
from eventgraph.api.types.registry import wrap
from eventgraph.errors import InvalidArgumentError
from eventgraph.model import Criterion, GraphEdge, LinkKind, LinkQuery, OrganizationLink, P, short_id

MAX_DEPTH = 4
MAX_HOPS = 6
MAX_NODES = 500
"""The largest `first` of `network` (nodes) and `coOrganization` (edges)."""
DEFAULT_NODES = 100
"""`first` of `network` and `coOrganization` when not given."""
MAX_PATHS = 50
DEFAULT_PATHS = 10
PATH_NODE_BUDGET = 5000  # nodes a path search may visit before it gives up
_BY_PREDICATE = {r.predicate: r for r in Relation}
_PARTNER_KINDS = {LinkKind.PARTNERSHIP, LinkKind.ORGANIZER_PARTNER}

Key = tuple[str, str, str]  # (source, predicate, target)


def _predicates(relations: list[Relation] | None) -> list[str]:
    return [r.predicate for r in (relations or list(Relation))]


def _merge(found: dict[Key, set[str]], edges: Iterable[GraphEdge]) -> None:
    for edge in edges:
        found.setdefault((edge.source, edge.predicate, edge.target), set()).add(edge.graph)


def _edge(key: Key, graphs: set[str]) -> NetworkEdge:
    return NetworkEdge(
        relation=_BY_PREDICATE[key[1]], source_iri=key[0], target_iri=key[2], graphs=tuple(sorted(graphs))
    )


async def _entities(info: Info, iris: Sequence[str]) -> dict[str, Entity]:
    resources = await info.context.loaders.resources.load_many(list(iris))
    found = {}
    for iri, resource in zip(iris, resources, strict=True):
        entity = wrap(resource)
        if entity is not None:
            found[iri] = entity
    return found


# ---------------------------------------------------------------- network


async def network(
    info: Info, seeds: list[strawberry.ID], depth: int, relations: list[Relation] | None, first: int | None
) -> Network:
    """Breadth-first from the seeds, one store call per level; the cap keeps the best-connected newcomers."""
    if not 0 <= depth <= MAX_DEPTH:
        raise InvalidArgumentError(f"depth must be between 0 and {MAX_DEPTH}, got {depth}")
    _, cap = page_window(first, None, DEFAULT_NODES, MAX_NODES)
    start = list(dict.fromkeys(to_iris(seeds, "seeds")))
    if not start:
        raise InvalidArgumentError("seeds: give at least one id")
    if len(start) > cap:
        raise InvalidArgumentError(f"seeds: {len(start)} seeds exceed first={cap}")
    predicates = _predicates(relations)
    kept: dict[str, None] = dict.fromkeys(start)
    found: dict[Key, set[str]] = {}
    frontier, truncated, explored = list(start), False, 0
    for _ in range(depth):
        if not frontier:
            break
        _merge(found, info.context.store.edges(frontier, predicates))
        explored += 1
        links: dict[str, int] = defaultdict(int)
        for source, _, target in found:
            for node, other in ((source, target), (target, source)):
                if node not in kept and other in kept:
                    links[node] += 1
        newcomers = sorted(links, key=lambda n: (-links[n], n))
        if len(kept) + len(newcomers) > cap:
            newcomers, truncated = newcomers[: cap - len(kept)], True
        kept.update(dict.fromkeys(newcomers))
        frontier = newcomers
        if truncated:
            break
    entities = await _entities(info, list(kept))
    edges = [_edge(k, g) for k, g in sorted(found.items()) if k[0] in entities and k[2] in entities]
    return Network(nodes=[entities[n] for n in kept if n in entities], edges=edges, depth=explored, truncated=truncated)


# ---------------------------------------------------------------- path


async def paths(
    info: Info,
    source: strawberry.ID,
    target: strawberry.ID,
    max_hops: int,
    relations: list[Relation] | None,
    first: int | None,
) -> list[Path]:
    """All shortest paths up to `max_hops`, by a breadth-first search from both ends (one store call a hop)."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise InvalidArgumentError(f"maxHops must be between 1 and {MAX_HOPS}, got {max_hops}")
    _, limit = page_window(first, None, DEFAULT_PATHS, MAX_PATHS)
    [a] = to_iris([source], "from")
    [b] = to_iris([target], "to")
    predicates = _predicates(relations)
    found: dict[Key, set[str]] = {}
    seen = {a: {a}, b: {b}}
    frontier = {a: [a], b: [b]}
    hops = 0
    while a != b and not (seen[a] & seen[b]) and hops < max_hops:
        side = a if len(frontier[a]) <= len(frontier[b]) else b
        if not frontier[side] or len(seen[a]) + len(seen[b]) > PATH_NODE_BUDGET:
            return []
        edges = info.context.store.edges(frontier[side], predicates)
        _merge(found, edges)
        reached = {e.target for e in edges} | {e.source for e in edges}
        frontier[side] = sorted(reached - seen[side])
        seen[side] |= reached
        hops += 1
    if a != b and not (seen[a] & seen[b]):
        return []
    graph = nx.Graph()
    graph.add_nodes_from([a, b])
    between: dict[frozenset[str], list[Key]] = defaultdict(list)
    for key in sorted(found):
        graph.add_edge(key[0], key[2])
        between[frozenset((key[0], key[2]))].append(key)
    routes = sorted(itertools.islice(nx.all_shortest_paths(graph, a, b), 10 * MAX_PATHS))
    result: list[tuple[list[str], list[Key]]] = []
    for route in routes:
        hops_keys = [between[frozenset(pair)] for pair in itertools.pairwise(route)]
        for choice in itertools.product(*hops_keys):
            result.append((route, list(choice)))
            if len(result) >= limit:
                break
        if len(result) >= limit:
            break
    entities = await _entities(info, sorted({n for route, _ in result for n in route}))
    return [
        Path(
            length=len(keys),
            nodes=[entities[n] for n in route if n in entities],
            edges=[_edge(k, found[k]) for k in keys],
        )
        for route, keys in result
        if all(n in entities for n in route)
    ]


# ---------------------------------------------------------------- co-organization


def link_graph(links: Iterable[OrganizationLink]) -> nx.Graph:
    """Organizations as nodes; one edge per linked pair, with its kinds and the events and partnerships behind it."""
    graph = nx.Graph()
    for link in links:
        if link.source == link.target:
            continue
        if not graph.has_edge(link.source, link.target):
            graph.add_edge(link.source, link.target, kinds=set(), events=set(), partnerships=set())
        data = graph.edges[link.source, link.target]
        data["kinds"].add(link.kind)
        data["partnerships" if link.kind is LinkKind.PARTNERSHIP else "events"].add(link.via)
    for _, _, data in graph.edges(data=True):
        data["weight"] = len(data["events"]) + len(data["partnerships"])
    return graph


async def co_organization(
    info: Info, organizations: Sequence[Criterion], events: Sequence[Criterion], first: int | None
) -> CoOrganizationNetwork:
    """The heaviest `first` edges of the network, computed once per data version and filter (`api.derived`)."""
    _, limit = page_window(first, None, DEFAULT_NODES, MAX_NODES)
    query = LinkQuery(tuple(organizations), tuple(events))
    version = info.context.derived_version()
    edges = DERIVED.get(
        version, ("coOrganization", query), lambda: _weighted_edges(info, query), info.context.derived_version_now
    )
    shown = list(edges[:limit])
    from eventgraph.api.types.organization import Organization
    from eventgraph.api.types.refs import many

    ends = sorted({e.source_iri for e in shown} | {e.target_iri for e in shown}, key=short_id)
    with_events, with_partnerships = selects(info, ("edges", "events")), selects(info, ("edges", "partnerships"))
    linked = [
        i
        for e in shown
        for i in (e.event_iris if with_events else ()) + (e.partnership_iris if with_partnerships else ())
    ]
    await info.context.loaders.many([*ends, *linked])  # one batch: the edges' fields then answer in the call
    return CoOrganizationNetwork(nodes=await many(info, ends, Organization), edges=shown, total_edges=len(edges))


def _weighted_edges(info: Info, query: LinkQuery) -> tuple[CoOrganizationEdge, ...]:
    """Every edge, heaviest first: one store call for the links; networkx merges them into weighted pairs."""
    graph = link_graph(info.context.store.organization_links(query))
    order = list(CoOrganizationKind)
    edges = []
    for u, v, data in graph.edges(data=True):
        source, target = sorted((u, v), key=short_id)
        kinds = [k for k in order if LinkKind(k.value) in data["kinds"]]
        edges.append(
            CoOrganizationEdge(
                weight=data["weight"],
                kinds=kinds,
                source_iri=source,
                target_iri=target,
                event_iris=tuple(sorted(data["events"])),
                partnership_iris=tuple(sorted(data["partnerships"])),
            )
        )
    edges.sort(key=lambda e: (-e.weight, short_id(e.source_iri), short_id(e.target_iri)))
    return tuple(edges)


# ---------------------------------------------------------------- measures of one organization


async def _ego(info: Info, organization: str) -> nx.Graph:
    graph = link_graph(await research_loaders(info).links.load(organization))
    graph.add_node(organization)
    return graph


async def degree(info: Info, organization: str) -> int:
    """Organizations it is linked to: co-organizers, organizers or partners of its events, partnership parties."""
    graph = await _ego(info, organization)
    return int(graph.degree(organization))


async def partners_count(info: Info, organization: str) -> int:
    """Organizations linked to it by a partnership, or as partner of an event it organized (or the reverse)."""
    graph = await _ego(info, organization)
    return sum(1 for _, _, data in graph.edges(organization, data=True) if data["kinds"] & _PARTNER_KINDS)


async def _events(info: Info, organization: str, predicates: Sequence[str]) -> list[str]:
    return await info.context.loaders.inverse(organization, *predicates)


async def countries_reached(info: Info, organization: str) -> list[str]:
    """Countries of the events it organized or supported (stated, else the one containing the location)."""
    events = await _events(info, organization, (P.organizer, P.partner))
    profiles = await research_loaders(info).profiles.load_many(events)
    return sorted({c for p in profiles if p is not None for c in p.countries})


async def events_per_year(info: Info, organization: str) -> list[YearCount]:
    """Events it organized, per year of their earliest possible start; undated events are left out."""
    events = await _events(info, organization, (P.organizer,))
    profiles = await research_loaders(info).profiles.load_many(events)
    years: dict[int, int] = defaultdict(int)
    for profile in profiles:
        if profile is not None and profile.start is not None:
            years[profile.start.year] += 1
    return [YearCount(year=y, count=years[y]) for y in sorted(years)]
