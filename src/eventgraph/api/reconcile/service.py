"""The answers of the service besides reconciliation itself: manifest, data extension, suggest, property proposals.

Each function takes checked input and returns the JSON-ready answer; `routes` does the HTTP.
"""

from __future__ import annotations

from typing import Any

from eventgraph import __version__
from eventgraph.api.reconcile.requests import MAX_BATCH, ExtendQuery
from eventgraph.api.reconcile.values import Linked, PropertyValue, ValueReader, description, entity_class, label
from eventgraph.api.reconcile.vocabulary import (
    BY_ID,
    DEFAULT_TYPES,
    PROPERTIES,
    TYPE_NAMES,
    Property,
    properties_of,
    type_json,
)
from eventgraph.model import EG, EntityClass, SearchQuery, iri_of, short_id
from eventgraph.store.protocols import GraphReader
from eventgraph.store.search import fold

PREVIEW_SIZE = (400, 160)
"""Width and height (pixels) of the preview frame OpenRefine shows."""
SUGGEST_PAGE = 10
"""Suggestions per page (a `cursor` pages on)."""


def manifest(base: str) -> dict[str, Any]:
    """The service manifest; `base` is the service root ('http://host:8000/')."""
    root = base.rstrip("/")
    path = {"service_url": root}
    return {
        "versions": ["0.2"],
        "name": "eventgraph: Wikimedia movement events, affiliates, places and partners",
        "identifierSpace": base + "entity/",
        "schemaSpace": EG,
        "serviceVersion": __version__,
        "defaultTypes": [type_json(c) for c in DEFAULT_TYPES],
        "view": {"url": base + "entity/{{id}}"},
        "preview": {"url": base + "reconcile/preview?id={{id}}", "width": PREVIEW_SIZE[0], "height": PREVIEW_SIZE[1]},
        "suggest": {
            "entity": {**path, "service_path": "/reconcile/suggest/entity"},
            "type": {**path, "service_path": "/reconcile/suggest/type"},
            "property": {**path, "service_path": "/reconcile/suggest/property"},
        },
        "extend": {"propose_properties": {**path, "service_path": "/reconcile/properties"}, "property_settings": []},
        "batchSize": MAX_BATCH,
    }


def _value_json(value: PropertyValue) -> dict[str, Any]:
    if isinstance(value, Linked):
        return {"id": value.id, "name": value.name}
    if isinstance(value, int):
        return {"int": value}
    return {"str": value}


def _meta(prop: Property) -> dict[str, Any]:
    found: dict[str, Any] = {"id": prop.id, "name": prop.name}
    if prop.value_class is not None:
        found["type"] = type_json(prop.value_class)
    return found


def extend(store: GraphReader, query: ExtendQuery) -> dict[str, Any]:
    """The data extension response: every id asked gets every property, an empty list where it has no value."""
    iris = {i: iri_of(i) for i in query.ids}
    resources = store.describe(sorted({i for i in iris.values() if i is not None}))
    values = ValueReader(store).read(list(resources.values()), query.properties)
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for ident, iri in iris.items():
        found = values.get(iri, {}) if iri is not None else {}
        rows[ident] = {p: [_value_json(v) for v in found.get(p, [])] for p in query.properties}
    return {"meta": [_meta(BY_ID[p]) for p in query.properties], "rows": rows}


def propose_properties(entity_class: EntityClass | None, type_id: str, limit: int) -> dict[str, Any]:
    """The properties data extension can fetch for a type (every property when no type is given)."""
    found = [{"id": p.id, "name": p.name} for p in properties_of(entity_class)][:limit]
    answer: dict[str, Any] = {"type": type_id, "properties": found}
    if limit < len(PROPERTIES):
        answer["limit"] = limit
    return answer


def _starts(prefix: str, *texts: str) -> bool:
    wanted = fold(prefix)
    return not wanted or any(fold(t).startswith(wanted) or f" {wanted}" in f" {fold(t)}" for t in texts)


def suggest_types(prefix: str, cursor: int) -> dict[str, Any]:
    found = [type_json(c) for c, name in TYPE_NAMES.items() if _starts(prefix, name, c.value)]
    return {"result": found[cursor : cursor + SUGGEST_PAGE]}


def suggest_properties(prefix: str, entity_class: EntityClass | None, cursor: int) -> dict[str, Any]:
    found = [p.json() for p in properties_of(entity_class) if _starts(prefix, p.name, p.id)]
    return {"result": found[cursor : cursor + SUGGEST_PAGE]}


def suggest_entities(store: GraphReader, prefix: str, classes: tuple[EntityClass, ...], cursor: int) -> dict[str, Any]:
    """Entities whose names start with the prefix (the search index ranks them); an id finds its entity."""
    text = prefix.strip()
    if not fold(text):
        return {"result": []}
    hits = [h.iri for h in store.search(SearchQuery(text, classes, None, cursor + SUGGEST_PAGE))][cursor:]
    own = iri_of(text)
    if own is not None and cursor == 0:
        hits = [own, *(h for h in hits if h != own)][:SUGGEST_PAGE]
    resources = store.describe(hits) if hits else {}
    result = []
    for iri in hits:
        resource = resources.get(iri)
        cls = entity_class(resource) if resource is not None else None
        if resource is None or cls is None or (classes and cls not in classes):
            continue
        item: dict[str, Any] = {"id": short_id(iri), "name": label(resource), "notable": [type_json(cls)]}
        about = description(resource)
        if about:
            item["description"] = about
        result.append(item)
    return {"result": result}
