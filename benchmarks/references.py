"""The reference side of the benchmark: hand-written SPARQL (benchmarks/sparql/) run in pyoxigraph, with the
least Python that shapes its rows into the same JSON the GraphQL query answers.

The benchmark checks that a reference answers exactly what GraphQL answers before it times either; a reference
that disagrees is reported and not timed. Examples without one here (search, facets, networks, the entity view
with related events) compute in Python what no single SPARQL query states; they are measured on the GraphQL
side only.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from eventgraph.model import EG_ID, EG_SOURCE, WD

SPARQL = Path(__file__).resolve().parent / "sparql"
_POINT = re.compile(r"^\s*Point\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*$", re.IGNORECASE)
Row = dict[str, str]
WIKIDATA_GRAPH = EG_SOURCE + "wikidata"


def short(iri: str) -> str:
    if iri.startswith(WD):
        return iri[len(WD) :]
    if iri.startswith(EG_ID):
        return "eg:" + iri[len(EG_ID) :]
    return iri


def text(name: str) -> str:
    return (SPARQL / f"{name}.rq").read_text(encoding="utf-8")


def select(store: ox.Store, query: str) -> list[Row]:
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]  # type: ignore[union-attr]


def enum(value: str | None) -> str | None:
    return value.upper().replace("-", "_") if value is not None else None


def integer(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def least(values: set[str], default: str) -> str:
    return min(values) if values else default


class Entities:
    """Rows grouped by one variable: each value's first row, and the set of values of any other variable."""

    def __init__(self, rows: list[Row], key: str) -> None:
        self.order: list[str] = []
        self.first: dict[str, Row] = {}
        self.values: dict[tuple[str, str], set[str]] = {}
        self.rows: dict[str, list[Row]] = {}
        for row in rows:
            iri = row.get(key)
            if iri is None:
                continue
            if iri not in self.first:
                self.order.append(iri)
                self.first[iri] = row
                self.rows[iri] = []
            self.rows[iri].append(row)
            for name, value in row.items():
                self.values.setdefault((iri, name), set()).add(value)

    def get(self, iri: str, name: str) -> str | None:
        found = self.values.get((iri, name))
        return min(found) if found else None

    def label(self, iri: str, name: str = "label") -> str:
        return least(self.values.get((iri, name), set()), short(iri))


def preferred(rows: list[Row], var: str, graph: str) -> str | None:
    """The value the api serves when sources disagree (docs/decisions/0003): a local source before Wikidata, then
    the first graph by name, then the least value."""
    stated = {(r[graph].startswith(WIKIDATA_GRAPH), r[graph], r[var]) for r in rows if var in r and graph in r}
    return min(stated)[2] if stated else None


def country(entities: Entities, e: str) -> dict[str, Any] | None:
    """Event.country: the stated country, else the country that contains the location."""
    if entities.get(e, "stated"):
        return ref(entities.get(e, "stated"), entities.get(e, "statedLabel"))
    return ref(entities.get(e, "inferred"), entities.get(e, "inferredLabel"))


def ref(iri: str | None, label: str | None) -> dict[str, Any] | None:
    return {"id": short(iri), "label": label or short(iri)} if iri else None


def by_start(entities: Entities) -> list[str]:
    """Find's START order: earliest day (undated last), then case-folded label, then IRI."""
    keyed = sorted(entities.order, key=lambda e: (entities.label(e).casefold(), e))
    dated = sorted((e for e in keyed if entities.get(e, "day")), key=lambda e: entities.get(e, "day") or "")
    return dated + [e for e in keyed if not entities.get(e, "day")]


def edition_order(entities: Entities) -> Callable[[str], tuple[str, int, str]]:
    def key(event: str) -> tuple[str, int, str]:
        number = integer(entities.get(event, "number"))
        return (
            entities.get(event, "day") or "9999",
            number if number is not None else 10**6,
            entities.label(event).casefold(),
        )

    return key


def coordinates(wkt: str | None) -> dict[str, float] | None:
    match = _POINT.match(wkt or "")
    return {"latitude": float(match.group(2)), "longitude": float(match.group(1))} if match else None


def attendance(events: Entities, event: str, qualifier: bool) -> dict[str, Any] | None:
    if events.get(event, "att") is None:
        return None
    found: dict[str, Any] = {
        "text": events.get(event, "text"),
        "count": integer(events.get(event, "value")),
        "lowerBound": integer(events.get(event, "minimum")),
    }
    if qualifier:
        found["qualifier"] = events.get(event, "qualifier")
    return found


def page(events: Entities, ordered: list[str], first: int, shape: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    return {"totalCount": len(ordered), "nodes": [shape(e) for e in ordered[:first]]}


# ---------------------------------------------------------------- one function per example


def series_editions(rows: list[Row]) -> dict[str, Any]:
    events = Entities(rows, "event")
    series = "eg:turkic-wikimedia-conference"

    def edition(e: str) -> dict[str, Any]:
        return {
            "id": short(e),
            "label": events.label(e),
            "startDate": events.get(e, "start"),
            "endDate": events.get(e, "end"),
            "status": enum(events.get(e, "status")),
            "location": ref(events.get(e, "loc"), events.get(e, "locLabel")),
            "country": country(events, e),
            "attendance": attendance(events, e, qualifier=True),
        }

    label = least({r["seriesLabel"] for r in rows if "seriesLabel" in r}, series)
    ordered = sorted(events.order, key=edition_order(events))
    return {"data": {"node": {"id": series, "label": label, "events": [edition(e) for e in ordered]}}}


def events_by_country_and_year(rows: list[Row]) -> dict[str, Any]:
    events = Entities(rows, "event")

    def shape(e: str) -> dict[str, Any]:
        return {
            "id": short(e),
            "label": events.label(e),
            "startDate": events.get(e, "start"),
            "endDate": events.get(e, "end"),
            "kind": enum(events.get(e, "kind")),
            "location": ref(events.get(e, "loc"), events.get(e, "locLabel")),
            "series": ref(events.get(e, "series"), events.get(e, "seriesLabel")),
        }

    return {"data": {"events": page(events, by_start(events), 20, shape)}}


def affiliate_events_with_partners(rows: list[Row]) -> dict[str, Any]:
    events = Entities(rows, "event")
    org = "eg:wmturkic"

    def participants(e: str, link: str, kind: bool) -> list[dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for row in events.rows[e]:
            who = row.get("who")
            if who is None or not row.get("link", "").endswith(link):
                continue
            entry = found.setdefault(who, {"role": None, "organization": {"id": short(who), "labels": set()}})
            if "whoLabel" in row:
                entry["organization"]["labels"].add(row["whoLabel"])
            if kind and "whoKind" in row:
                entry["organization"]["kind"] = enum(row["whoKind"])
            if "role" in row and entry["role"] is None:
                entry["role"] = row["role"]
        for entry in found.values():
            organization = entry["organization"]
            organization["label"] = least(organization.pop("labels"), organization["id"])
            if kind:
                organization["kind"] = organization.pop("kind", None)
        return list(found.values())

    def shape(e: str) -> dict[str, Any]:
        return {
            "id": short(e),
            "label": events.label(e),
            "startDate": events.get(e, "start"),
            "organizers": participants(e, "#organizer", kind=False),
            "partners": participants(e, "#partner", kind=True),
        }

    first = rows[0] if rows else {}
    node = {
        "id": org,
        "label": least({r["orgLabel"] for r in rows if "orgLabel" in r}, org),
        "kind": enum(first.get("orgKind")),
        "events": [shape(e) for e in sorted(events.order, key=edition_order(events))],
    }
    return {"data": {"node": node}}


def explore_map(rows: list[Row]) -> dict[str, Any]:
    events = Entities(rows, "event")
    ordered = by_start(events)

    def place(e: str, var: str) -> dict[str, Any] | None:
        iri = events.get(e, var)
        if iri is None:
            return None
        return {
            "id": short(iri),
            "label": events.get(e, var + "Label") or short(iri),
            "coordinates": coordinates(events.get(e, var + "Wkt")),
        }

    def shape(e: str) -> dict[str, Any]:
        return {
            "id": short(e),
            "label": events.label(e),
            "kind": enum(events.get(e, "kind")),
            "startDate": events.get(e, "start"),
            "endDate": events.get(e, "end"),
            "status": enum(events.get(e, "status")),
            "format": enum(events.get(e, "format")),
            "series": ref(events.get(e, "series"), events.get(e, "seriesLabel")),
            "venue": place(e, "venue"),
            "location": place(e, "loc"),
            "country": country(events, e),
        }

    first = 100
    nodes = [shape(e) for e in ordered[:first]]
    end_cursor = base64.urlsafe_b64encode(f"offset:{len(nodes) - 1}".encode()).decode() if nodes else None
    info = {"hasNextPage": len(ordered) > first, "endCursor": end_cursor}
    return {"data": {"events": {"totalCount": len(ordered), "pageInfo": info, "nodes": nodes}}}


def explore_timeline(rows: list[Row]) -> dict[str, Any]:
    series = Entities(rows, "series")
    events = Entities(rows, "event")
    order = edition_order(events)

    def edition(e: str) -> dict[str, Any]:
        return {
            "id": short(e),
            "label": events.label(e),
            "startDate": events.get(e, "start"),
            "endDate": events.get(e, "end"),
            "status": enum(events.get(e, "status")),
            "format": enum(events.get(e, "format")),
            "attendance": attendance(events, e, qualifier=False),
            "location": ref(events.get(e, "loc"), events.get(e, "locLabel")),
            "country": country(events, e),
        }

    def shape(s: str) -> dict[str, Any]:
        editions = sorted({r["event"] for r in series.rows[s] if "event" in r}, key=order)
        return {
            "id": short(s),
            "label": series.label(s, "seriesLabel"),
            "kind": enum(preferred(series.rows[s], "seriesKind", "kindGraph")),
            "events": [edition(e) for e in editions],
        }

    ordered = sorted(series.order, key=lambda s: (series.label(s, "seriesLabel").casefold(), s))
    return {"data": {"eventSeries": {"totalCount": len(ordered), "nodes": [shape(s) for s in ordered[:100]]}}}


SHAPES: dict[str, Callable[[list[Row]], dict[str, Any]]] = {
    "series-editions": series_editions,
    "events-by-country-and-year": events_by_country_and_year,
    "affiliate-events-with-partners": affiliate_events_with_partners,
    "explore-map": explore_map,
    "explore-timeline": explore_timeline,
}
"""Example name -> the shaping of its reference's rows (the SPARQL is benchmarks/sparql/<name>.rq)."""


def reference(store: ox.Store, name: str) -> dict[str, Any]:
    """The answer to example `name`, from its hand-written SPARQL run in pyoxigraph."""
    return SHAPES[name](select(store, text(name)))


def from_sparql_json(results: dict[str, Any]) -> list[Row]:
    """Rows of a SPARQL JSON results document (what `oxigraph serve-read-only` answers), as `select` gives them."""
    return [{name: cell["value"] for name, cell in binding.items()} for binding in results["results"]["bindings"]]
