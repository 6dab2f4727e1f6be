"""Reconcile 30 real affiliate and event names from the shipped sources, varied as a spreadsheet would write them.

The names are taken from loaders/sources/*.yaml, not typed in: 15 affiliates (organizations of kind chapter,
user group or thematic organization) and 15 events, evenly spaced over the records sorted by id. Each is varied
by one of six spreadsheet habits in turn (lower case, upper case, diacritics and spacing, a slip of two
letters, added punctuation, an alias or short name where the record has one). The data is what `eventgraph
load` serves (local sources, then the shipped Wikidata snapshot); the requests go over a real socket to uvicorn,
shaped as OpenRefine sends them, ten a batch, with the type a user would pick. A name is correct when the top
candidate is its record (the id GraphQL gives it); prints every row and the totals, asserts nothing.

Run: .venv/bin/python -m benchmarks.reconcile_names
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eventgraph.store.oxigraph import OxigraphStore
from loaders.pipeline import SOURCES_DIR, load_local
from loaders.wikidata import load_config, load_snapshot
from tests.api.reconcile_client import openrefine_client, openrefine_query

AFFILIATE_KINDS = {"chapter", "user-group", "thematic-organization"}
PER_KIND = 15


@dataclass(frozen=True)
class Record:
    id: str
    type: str
    label: str
    aliases: tuple[str, ...]


def _english(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        found = value.get("en")
        return [found] if isinstance(found, str) else list(found or [])
    return [str(v) for v in value or []]


def records() -> tuple[list[Record], list[Record]]:
    """The affiliates and events of the shipped sources, by id (a record in several files counts once)."""
    seen: dict[str, Record] = {}
    for path in sorted(Path(SOURCES_DIR).glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("records", []):
            is_affiliate = item.get("type") == "Organization" and item.get("kind") in AFFILIATE_KINDS
            if item.get("id") in seen or not (is_affiliate or item.get("type") == "Event") or not item.get("label"):
                continue
            aliases = tuple(_english(item.get("aliases")) + _english(item.get("short_name")))
            seen[item["id"]] = Record(item["id"], item["type"], _english(item["label"])[0], aliases)
    ordered = sorted(seen.values(), key=lambda r: r.id)
    return [r for r in ordered if r.type == "Organization"], [r for r in ordered if r.type == "Event"]


def spaced(found: list[Record], count: int) -> list[Record]:
    step = len(found) / count
    return [found[int(n * step)] for n in range(count)]


def _ascii(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "  " + plain.replace(" ", "  ") + " "


def _slip(text: str) -> str:
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda n: (len(words[n]), -n))
    word = words[longest]
    if len(word) >= 4:
        middle = len(word) // 2
        words[longest] = word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
    return " ".join(words)


def _punctuation(text: str) -> str:
    head, _, last = text.rpartition(" ")
    return f"{head}, {last}." if head else text + "."


VARIATIONS: list[tuple[str, Callable[[Record], str]]] = [
    ("lower case", lambda r: r.label.lower()),
    ("upper case", lambda r: r.label.upper()),
    ("diacritics, spacing", lambda r: _ascii(r.label)),
    ("two letters swapped", lambda r: _slip(r.label)),
    ("punctuation", lambda r: _punctuation(r.label)),
    ("alias or as written", lambda r: r.aliases[0] if r.aliases else r.label),
]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    store = OxigraphStore.in_memory()
    load_local(store)
    load_snapshot(store, load_config())
    affiliates, events = records()
    chosen = [(r, "Organization") for r in spaced(affiliates, PER_KIND)] + [
        (r, "Event") for r in spaced(events, PER_KIND)
    ]
    rows = []
    with openrefine_client(store) as refine:
        expected = {}
        for record, _ in chosen:
            answer = refine.http.post(
                refine.base + "/graphql", json={"query": f'{{ node(id: "eg:{record.id}") {{ id }} }}'}
            ).json()
            expected[record.id] = answer["data"]["node"]["id"]
        started = time.perf_counter()
        for start in range(0, len(chosen), 10):
            batch = chosen[start : start + 10]
            sent = [VARIATIONS[(start + n) % len(VARIATIONS)][1](r) for n, (r, _) in enumerate(batch)]
            results = refine.reconcile([openrefine_query(text, t) for text, (_, t) in zip(sent, batch, strict=True)])
            for n, ((record, type_id), text, result) in enumerate(zip(batch, sent, results, strict=True)):
                best = result[0] if result else None
                rows.append((VARIATIONS[(start + n) % len(VARIATIONS)][0], type_id, text, expected[record.id], best))
        elapsed = time.perf_counter() - started
    print("| sent (type) | variation | expected | top candidate | score | match | verdict |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    matched = matched_right = top_right = 0
    for variation, type_id, text, want, best in rows:
        got = best["id"] if best else "(none)"
        right = best is not None and got == want
        match = bool(best and best["match"])
        matched += match
        matched_right += match and right
        top_right += right
        verdict = ("match, right" if right else "match, WRONG") if match else ("candidate only" if right else "missed")
        score = f"{best['score']:.1f}" if best else "-"
        shown = text.replace("|", "\\|")
        print(f"| `{shown}` ({type_id}) | {variation} | {want} | {got} | {score} | {match} | {verdict} |")
    print()
    print(
        f"{len(rows)} names: {matched} auto-matched (match: true), {matched_right} of them correctly; "
        f"top candidate correct for {top_right}; {sum(1 for r in rows if r[4] is None)} with no candidate. "
        f"{len(rows) // 10} batches in {elapsed * 1000:.0f} ms."
    )


if __name__ == "__main__":
    main()
