"""What Wikidata states about a set of items, fetched in VALUES batches and kept close to Wikidata's own shape.

Ranks are applied here once: deprecated statements are dropped, and where a property has preferred-rank
statements only those are kept (Wikidata's "best rank", what `wdt:` would show).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from eventgraph.model import WD, Iri, Literal, Term, qid_of
from loaders.wikidata.client import SparqlExecutor
from loaders.wikidata.config import WikidataConfig
from loaders.wikidata.queries import batches, bind
from loaders.wikidata.results import Row

WIKIBASE = "http://wikiba.se/ontology#"
PREFERRED = WIKIBASE + "PreferredRank"
DEPRECATED = WIKIBASE + "DeprecatedRank"

UNKNOWN_PRECISION = -1  # a time without its full value: the loader must not guess its precision
S = TypeVar("S", bound="Ranked")


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: str | None


@dataclass(frozen=True, slots=True)
class Statement(Ranked):
    value: Term
    ordinal: str | None = None


@dataclass(frozen=True, slots=True)
class TimeValue(Ranked):
    time: str
    precision: int
    calendar: str | None


@dataclass(frozen=True, slots=True)
class Coordinate(Ranked):
    wkt: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True, slots=True)
class QuantityValue(Ranked):
    amount: str
    lower: str | None
    upper: str | None


@dataclass(slots=True)
class ItemFacts:
    """One item as fetched: terms, best-rank statements by property id (`P179`), and revision data."""

    qid: str
    terms: list[tuple[str, Literal]] = field(default_factory=list)
    statements: dict[str, list[Statement]] = field(default_factory=lambda: defaultdict(list))
    times: dict[str, list[TimeValue]] = field(default_factory=lambda: defaultdict(list))
    coordinates: list[Coordinate] = field(default_factory=list)
    quantities: list[QuantityValue] = field(default_factory=list)
    revision: str | None = None
    modified: str | None = None

    def items(self, prop: str) -> list[str]:
        """QIDs of the item values of `prop`."""
        found = []
        for statement in self.statements.get(prop, []):
            if isinstance(statement.value, Iri):
                qid = qid_of(statement.value.value)
                if qid:
                    found.append(qid)
        return list(dict.fromkeys(found))

    def best(self) -> None:
        """Keep the best rank per property, and drop deprecated statements whatever the query did."""
        for prop, statements in self.statements.items():
            self.statements[prop] = _best(statements)
        for prop, times in self.times.items():
            self.times[prop] = _best(times)
        self.coordinates = _best(self.coordinates)
        self.quantities = _best(self.quantities)


def _best(values: list[S]) -> list[S]:
    kept = [v for v in values if v.rank != DEPRECATED]
    preferred = [v for v in kept if v.rank == PREFERRED]
    return list(dict.fromkeys(preferred or kept))


def _prop(term: Term | None) -> str | None:
    if isinstance(term, Iri) and term.value.startswith(WD + "P"):
        return term.value[len(WD) :]
    return None


def _text(term: Term | None) -> str | None:
    if isinstance(term, Literal):
        return term.lexical
    if isinstance(term, Iri):
        return term.value
    return None


def _rank(row: Row) -> str | None:
    rank = row.get("rank")
    return rank.value if isinstance(rank, Iri) else None


def _float(term: Term | None) -> float | None:
    try:
        return float(term.lexical) if isinstance(term, Literal) else None
    except ValueError:
        return None


class FactFetcher:
    """Runs the item-*.rq queries for batches of QIDs and folds the rows into `ItemFacts`."""

    def __init__(self, executor: SparqlExecutor, config: WikidataConfig, on_batch: Callable[[], None]) -> None:
        self.executor = executor
        self.config = config
        self.on_batch = on_batch

    def fetch(self, qids: Iterable[str]) -> dict[str, ItemFacts]:
        found: dict[str, ItemFacts] = {}
        wanted = sorted(set(qids), key=_qid_order)
        languages: list[Term] = [Literal(code) for code in self.config.languages]
        for batch in batches(wanted, self.config.client.batch_size):
            items: list[Term] = [Iri(WD + q) for q in batch]
            for qid in batch:
                found[qid] = ItemFacts(qid)
            directory = self.config.queries_dir
            for row in self.executor.select(bind(directory, "item-terms", {"item": items, "lang": languages})):
                facts = self._facts(found, row)
                predicate, text = row.get("property"), row.get("text")
                if facts and isinstance(predicate, Iri) and isinstance(text, Literal) and text.language:
                    facts.terms.append((predicate.value, text))
            for row in self.executor.select(bind(directory, "item-statements", {"item": items})):
                facts, prop = self._facts(found, row), _prop(row.get("property"))
                value = row.get("value")
                if facts and prop and value is not None:
                    ordinal = _text(row.get("ordinal"))
                    facts.statements[prop].append(Statement(_rank(row), value, ordinal))
            for row in self.executor.select(bind(directory, "item-times", {"item": items})):
                facts, prop = self._facts(found, row), _prop(row.get("property"))
                time, precision = _text(row.get("time")), _text(row.get("precision")) or ""
                if facts and prop and time:
                    calendar = _text(row.get("calendar"))
                    stated = int(precision) if precision.isdigit() else UNKNOWN_PRECISION
                    facts.times[prop].append(TimeValue(_rank(row), time, stated, calendar))
            for row in self.executor.select(bind(directory, "item-coordinates", {"item": items})):
                facts, wkt = self._facts(found, row), _text(row.get("wkt"))
                if facts and wkt:
                    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
                    facts.coordinates.append(Coordinate(_rank(row), wkt, lat, lon))
            for row in self.executor.select(bind(directory, "item-quantities", {"item": items})):
                facts, amount = self._facts(found, row), _text(row.get("amount"))
                if facts and amount:
                    lower, upper = _text(row.get("lower")), _text(row.get("upper"))
                    facts.quantities.append(QuantityValue(_rank(row), amount, lower, upper))
            for row in self.executor.select(bind(directory, "item-revisions", {"item": items})):
                facts = self._facts(found, row)
                if facts:
                    facts.revision = _text(row.get("revision")) or facts.revision
                    facts.modified = _text(row.get("modified")) or facts.modified
            self.on_batch()
        for facts in found.values():
            facts.best()
        return found

    @staticmethod
    def _facts(found: dict[str, ItemFacts], row: Row) -> ItemFacts | None:
        item = row.get("item")
        qid = qid_of(item.value) if isinstance(item, Iri) else None
        return found.get(qid) if qid else None


def _qid_order(qid: str) -> int:
    return int(qid[1:])
