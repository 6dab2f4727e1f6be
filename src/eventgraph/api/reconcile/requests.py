"""Reading what clients send: a reconciliation query batch, a data extension query, suggest parameters.

Everything is checked before any store call: a malformed, hostile or oversized request is a `ReconcileError`
with a 4xx status and a message that says what to fix, never a crash.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eventgraph.api.reconcile.vocabulary import BY_ID, class_of
from eventgraph.errors import ClientError
from eventgraph.model import EntityClass

MAX_BODY_BYTES = 1_000_000
"""A POST body (or a query string) larger than this is refused (413)."""
MAX_BATCH = 50
"""Queries in one reconciliation batch (the manifest's batchSize; more is a 413)."""
MAX_CANDIDATES = 100
"""The largest `limit` of one reconciliation query."""
DEFAULT_CANDIDATES = 5
"""Candidates returned per query when it gives no `limit`."""
MAX_CONDITIONS = 10
"""Property conditions of one reconciliation query, and values of one condition."""
MAX_TEXT = 200
"""Characters of a query text or suggest prefix that are searched; a longer query text finds no candidate."""
MAX_EXTEND_IDS = 100
"""Entity ids in one data extension query."""
MAX_CURSOR = 1000
"""The largest suggest `cursor` (offset)."""


class ReconcileError(ClientError):
    """A request the service cannot answer; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A reconciled value in a condition: an id of this service, and the name the client has for it."""

    id: str
    name: str | None


Value = str | int | float | bool | EntityRef


@dataclass(frozen=True, slots=True)
class Condition:
    """A property condition of a reconciliation query: any of `values` should agree."""

    pid: str
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class ReconQuery:
    text: str | None
    classes: tuple[EntityClass, ...]
    limit: int
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class ExtendQuery:
    ids: tuple[str, ...]
    properties: tuple[str, ...]


def parse_json(text: str, what: str) -> Any:
    """JSON text as Python values; broken, too deeply nested or not valid Unicode: a 400."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ReconcileError(f"{what}: not valid JSON ({str(exc)[:80]})") from exc
    _check_unicode(value, what)
    return value


def _check_unicode(value: Any, what: str) -> None:
    """JSON allows lone surrogates ('\\ud800') that no UTF-8 answer can carry: refuse them up front."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ReconcileError(f"{what}: a text is not valid Unicode") from exc
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _types(value: Any, where: str) -> tuple[EntityClass, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    classes = []
    for item in items:
        name = item.get("id") if isinstance(item, dict) else item
        if not isinstance(name, str):
            raise ReconcileError(f"{where}.type: give a type id such as 'Organization', or a list of them")
        found = class_of(name)
        if found is None:
            raise ReconcileError(f"{where}.type: unknown type {name[:50]!r}; /reconcile/suggest/type lists the types")
        classes.append(found)
    return tuple(dict.fromkeys(classes))


def _value(value: Any, where: str) -> Value:
    if isinstance(value, dict):
        ident = value.get("id")
        name = value.get("name")
        if not isinstance(ident, str) or not (name is None or isinstance(name, str)):
            raise ReconcileError(f"{where}: a reconciled value is {{'id': ..., 'name': ...}} with texts")
        return EntityRef(ident, name)
    if isinstance(value, str | int | float | bool):
        return value
    raise ReconcileError(f"{where}: a value is a text, a number, a boolean or {{'id': ..., 'name': ...}}")


def _conditions(value: Any, where: str) -> tuple[Condition, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_CONDITIONS:
        raise ReconcileError(f"{where}.properties: a list of at most {MAX_CONDITIONS} {{'pid': ..., 'v': ...}}")
    found = []
    for n, item in enumerate(value):
        here = f"{where}.properties[{n}]"
        pid = item.get("pid") if isinstance(item, dict) else None
        if not isinstance(pid, str):
            raise ReconcileError(f"{here}: give the property id as 'pid'")
        if pid not in BY_ID:
            raise ReconcileError(f"{here}: unknown property {pid[:50]!r}; /reconcile/suggest/property lists them")
        raw = item.get("v")
        values = raw if isinstance(raw, list) else [raw]
        if raw is None or len(values) > MAX_CONDITIONS:
            raise ReconcileError(f"{here}: give 'v', a value or a list of at most {MAX_CONDITIONS}")
        found.append(Condition(pid, tuple(_value(v, f"{here}.v") for v in values)))
    return tuple(found)


def _limit(value: Any, where: str) -> int:
    if value is None:
        return DEFAULT_CANDIDATES
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CANDIDATES:
        raise ReconcileError(f"{where}.limit: a whole number from 1 to {MAX_CANDIDATES}")
    return value


def _query(value: Any, where: str) -> ReconQuery:
    if not isinstance(value, dict):
        raise ReconcileError(f"{where}: each query is an object such as {{'query': 'Wikimedia Deutschland'}}")
    text = value.get("query")
    if text is not None and not isinstance(text, str):
        raise ReconcileError(f"{where}.query: a text")
    conditions = _conditions(value.get("properties"), where)
    if not (text and text.strip()) and not conditions:
        raise ReconcileError(f"{where}: give 'query' or 'properties'")
    strict = value.get("type_strict")
    if strict is not None and strict not in ("should", "all", "any"):
        raise ReconcileError(f"{where}.type_strict: 'should', 'all' or 'any'")
    return ReconQuery(text or None, _types(value.get("type"), where), _limit(value.get("limit"), where), conditions)


def query_batch(text: str) -> dict[str, ReconQuery]:
    """A reconciliation query batch ({"q0": {...}, ...}), checked whole."""
    batch = parse_json(text, "queries")
    if not isinstance(batch, dict):
        raise ReconcileError('queries: a JSON object of queries by key, e.g. {"q0": {"query": "..."}}')
    if len(batch) > MAX_BATCH:
        raise ReconcileError(f"queries: at most {MAX_BATCH} queries per batch (the manifest's batchSize)", 413)
    return {key: _query(value, f"queries[{key[:30]!r}]") for key, value in batch.items()}


def extend_query(text: str) -> ExtendQuery:
    """A data extension query ({"ids": [...], "properties": [{"id": ...}]}), checked whole."""
    query = parse_json(text, "extend")
    if not isinstance(query, dict):
        raise ReconcileError('extend: a JSON object {"ids": [...], "properties": [{"id": ...}]}')
    ids = query.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ReconcileError("extend.ids: a list of entity ids")
    if len(ids) > MAX_EXTEND_IDS:
        raise ReconcileError(f"extend.ids: at most {MAX_EXTEND_IDS} ids per request", 413)
    properties = query.get("properties")
    if not isinstance(properties, list) or not properties or len(properties) > len(BY_ID):
        raise ReconcileError(f"extend.properties: a list of 1 to {len(BY_ID)} {{'id': ...}}")
    pids = []
    for n, item in enumerate(properties):
        pid = item.get("id") if isinstance(item, dict) else None
        if not isinstance(pid, str) or pid not in BY_ID:
            shown = pid[:50] if isinstance(pid, str) else pid
            raise ReconcileError(
                f"extend.properties[{n}]: unknown property {shown!r}; /reconcile/properties lists them"
            )
        pids.append(pid)
    return ExtendQuery(tuple(dict.fromkeys(ids)), tuple(dict.fromkeys(pids)))


def one(params: Mapping[str, list[str]], name: str) -> str | None:
    """The single value of a parameter (None when absent); given twice is a 400."""
    values = params.get(name, [])
    if len(values) > 1:
        raise ReconcileError(f"{name}: give it once")
    return values[0] if values else None


def whole_number(params: Mapping[str, list[str]], name: str, default: int, maximum: int) -> int:
    """A parameter that is a whole number from 0 to `maximum`."""
    text = one(params, name)
    if text is None or text == "":
        return default
    if not text.isdigit() or int(text) > maximum:
        raise ReconcileError(f"{name}: a whole number from 0 to {maximum}")
    return int(text)


def prefix(params: Mapping[str, list[str]]) -> str:
    """The `prefix` of a suggest request (empty when absent)."""
    text = one(params, "prefix") or ""
    if len(text) > MAX_TEXT:
        raise ReconcileError(f"prefix: at most {MAX_TEXT} characters")
    return text
