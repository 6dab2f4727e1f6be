"""QuickStatements (V1 commands) for the facts the local sources state about Wikidata items and Wikidata lacks.

For an editor to review and run: one statement per line, each with its reference URL (S854) and retrieval date
(S813). Nothing for an entity without a QID, nor for one the loaded Wikidata data does not describe (its absence
there says nothing about Wikidata); nothing for a single-valued property the Wikidata graph already states (the
same value, or a different one, which `eventgraph conflicts` lists); a value that is itself no Wikidata item, a
count the source gives only as a bound or an estimate, and a fact the local sources state differently are left
out and counted.

Property ids: P580, P582, P571, P276, P17, P159, P664 and P1132 from shared/reference/wikidata-ids.md (table 1a).
P854 (reference URL) and P813 (retrieved): https://digitalrelics.uk/posts/wikidata-heritage/wikidata-references.html
("P854 (reference URL) for a web page, ideally with P813 (retrieved) for the access date"). Syntax (tab-separated
columns, quoted strings, `+YYYY-MM-DDT00:00:00Z/11` times with precision 9 year, 10 month, 11 day, `Sn` reference
columns, `!S` to start another reference, a trailing `/* summary */`): https://www.wikidata.org/wiki/Help:QuickStatements
and the QuickStatements 3 parser (WikiMovimentoBrasil/quickstatements3, `parsers/v1.py`, `parsers/base.py`).
"""

from __future__ import annotations

import enum
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from eventgraph.exports.entities import all_entities, describe_all
from eventgraph.model import (
    EG_SOURCE,
    RDFS_LABEL,
    SKOS_ALT_LABEL,
    XSD_DATE,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    Fact,
    Iri,
    Literal,
    P,
    Resource,
    SourceInfo,
    qid_of,
)
from eventgraph.store.protocols import GraphReader

WIKIDATA_GRAPH = EG_SOURCE + "wikidata"
REFERENCE_URL = "S854"
RETRIEVED = "S813"
_PRECISION = {XSD_GYEAR: 9, XSD_GYEARMONTH: 10, XSD_DATE: 11}


class Shape(enum.Enum):
    ITEM = "item"
    TIME = "time"
    QUANTITY = "quantity"


@dataclass(frozen=True, slots=True)
class Mapping:
    """An eventgraph property, the Wikidata property it becomes, the value's shape, and whether it is single."""

    predicate: str
    property: str
    shape: Shape
    single: bool = True


MAPPINGS: tuple[Mapping, ...] = (
    Mapping(P.start_date, "P580", Shape.TIME),
    Mapping(P.end_date, "P582", Shape.TIME),
    Mapping(P.founded, "P571", Shape.TIME),
    Mapping(P.location, "P276", Shape.ITEM),
    Mapping(P.country, "P17", Shape.ITEM),
    Mapping(P.based_in, "P159", Shape.ITEM),
    Mapping(P.organizer, "P664", Shape.ITEM, single=False),
    Mapping(P.attendance, "P1132", Shape.QUANTITY),
)


@dataclass(frozen=True, slots=True)
class Reference:
    url: str
    retrieved: str | None


@dataclass(frozen=True, slots=True)
class Statement:
    """One proposed statement: `item` `property` `value`, with its references and the sources stating it."""

    item: str
    property: str
    value: str
    references: tuple[Reference, ...]
    sources: tuple[str, ...]

    def line(self, version: str) -> str:
        cells = [self.item, self.property, self.value]
        for n, reference in enumerate(self.references):
            cells += [("!" if n else "") + REFERENCE_URL, _quoted(reference.url)]
            if reference.retrieved:
                cells += [RETRIEVED, _time(reference.retrieved)]
        summary = f"eventgraph dataset {version[:12]}: {', '.join(self.sources)}"
        return "\t".join(cells) + f" /* {summary} */"


@dataclass(slots=True)
class Proposals:
    """The statements, and why other local facts about linked items were left out."""

    version: str
    lines: list[Statement] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def text(self) -> str:
        return "".join(s.line(self.version) + "\n" for s in self.lines)

    def counts(self) -> dict[str, int]:
        return {f"skipped_{reason}": n for reason, n in sorted(self.skipped.items())}


def quickstatements(reader: GraphReader, version: str, sources: Sequence[SourceInfo]) -> Proposals:
    """Every statement a linked entity's local facts support and the Wikidata graph lacks, in a stable order."""
    retrieved = {s.graph: s.retrieved or s.extra.get("transcribed") for s in sources}
    pages = {s.graph: s.url for s in sources}
    titles = {s.graph: s.graph.rsplit("/", 1)[-1] for s in sources}
    linked = sorted(iri for iri in all_entities(reader) if qid_of(iri))
    resources = describe_all(reader, linked)
    values = sorted(
        {
            f.value.value
            for r in resources.values()
            for f in r.facts
            if isinstance(f.value, Iri) and qid_of(f.value.value) and f.predicate in {m.predicate for m in MAPPINGS}
        }
    )
    names = {iri: _names(r) for iri, r in describe_all(reader, values).items()}
    proposals = Proposals(version)
    for iri in sorted(resources, key=lambda i: int(i.rsplit("Q", 1)[1])):
        resource = resources[iri]
        if not any(f.graph == WIKIDATA_GRAPH for f in resource.facts):
            proposals.skipped["not_in_wikidata_data"] += 1
            continue
        for mapping in MAPPINGS:
            for statement in _statements(resource, mapping, names, retrieved, pages, titles, proposals.skipped):
                proposals.lines.append(statement)
    return proposals


def _names(resource: Resource) -> tuple[str, ...]:
    return tuple(
        f.value.lexical
        for f in resource.facts
        if f.predicate in (RDFS_LABEL, SKOS_ALT_LABEL, P.short_name)
        if isinstance(f.value, Literal)
    )


def _statements(
    resource: Resource,
    mapping: Mapping,
    names: dict[str, tuple[str, ...]],
    retrieved: dict[str, str | None],
    pages: dict[str, str],
    titles: dict[str, str],
    skipped: Counter[str],
) -> Iterable[Statement]:
    facts = resource.all(mapping.predicate)
    on_wikidata = {_key(f) for f in facts if f.graph == WIKIDATA_GRAPH}
    local = [f for f in facts if f.graph != WIKIDATA_GRAPH]
    if not local:
        return
    if mapping.single and on_wikidata:
        skipped["stated_on_wikidata"] += 1  # the same value, or a conflict for `eventgraph conflicts`
        return
    by_value: dict[str, list[Fact]] = defaultdict(list)
    for fact in local:
        value = _value(fact, mapping.shape)
        if value is None:
            skipped["no_wikidata_value"] += 1
        elif _key(fact) not in on_wikidata:
            by_value[value].append(fact)
    claimed = {_key_of_claim(c) for c in resource.nodes(P.claim) if c.iris(P.claim_property) == [mapping.predicate]}
    if mapping.single and (len(by_value) > 1 or len(claimed) > 1):
        skipped["local_sources_disagree"] += 1
        return
    qid = qid_of(resource.iri)
    assert qid is not None
    for value, stating in sorted(by_value.items()):
        graphs = sorted({f.graph for f in stating})
        needles = _needles(stating[0], mapping.shape, names)
        references = [
            r for g in graphs for r in _references(resource, mapping, stating[0], g, needles, retrieved, pages)
        ]
        if not references:
            skipped["no_reference"] += 1
            continue
        unique = tuple(dict.fromkeys(references))
        yield Statement(qid, mapping.property, value, unique, tuple(titles.get(g, g) for g in graphs))


def _key(fact: Fact) -> str:
    if isinstance(fact.value, Iri | Literal) and fact.node is None:
        return fact.value.value if isinstance(fact.value, Iri) else fact.value.lexical
    node = fact.node
    figure = node.literal(P.value) if node is not None else None
    return f"quantity:{figure}"


def _value(fact: Fact, shape: Shape) -> str | None:
    """The QuickStatements value of a fact, or None when Wikidata could not hold it as stated."""
    if shape is Shape.ITEM:
        return qid_of(fact.value.value) if isinstance(fact.value, Iri) else None
    if shape is Shape.TIME:
        if not isinstance(fact.value, Literal) or fact.value.datatype not in _PRECISION:
            return None
        return _time(fact.value.lexical, _PRECISION[fact.value.datatype])
    node = fact.node
    if node is None:
        return None
    figure, qualifier = node.literal(P.value), node.literal(P.qualifier)
    if figure is None or (qualifier not in (None, "exact")) or node.literal(P.minimum) or node.literal(P.maximum):
        return None  # "90+", "about 200", "200-250": a bound or an estimate, not a count Wikidata can hold
    return figure if re.fullmatch(r"\d+", figure) else None


def _time(text: str, precision: int | None = None) -> str:
    parts = text[:10].split("-")
    year, month, day = parts[0], (parts[1:2] or ["00"])[0], (parts[2:3] or ["00"])[0]
    if precision is None:
        precision = {1: 9, 2: 10, 3: 11}[len(parts)]
    return f"+{year}-{month}-{day}T00:00:00Z/{precision}"


def _quoted(url: str) -> str:
    """A URL as a QuickStatements string: `|` would split the command, `"` would end the string."""
    return '"' + url.replace("|", "%7C").replace('"', "%22").replace("\t", "%09") + '"'


def _needles(fact: Fact, shape: Shape, names: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """What a citation's quote would contain if it states this value: a name of the item, the year, the figure."""
    if shape is Shape.ITEM and isinstance(fact.value, Iri):
        return names.get(fact.value.value, ())
    if shape is Shape.TIME and isinstance(fact.value, Literal):
        return (fact.value.lexical[:4],)
    figure = fact.node.literal(P.value) if fact.node is not None else None
    return (figure,) if figure else ()


def _references(
    resource: Resource,
    mapping: Mapping,
    fact: Fact,
    graph: str,
    needles: tuple[str, ...],
    retrieved: dict[str, str | None],
    pages: dict[str, str],
) -> list[Reference]:
    """The citations of the record in `graph` (a claim's own, when the value is one of several stated), narrowed to
    those whose quote names the value when any does; a record citing nothing rests on its source's page."""
    claims = [
        c
        for c in resource.nodes(P.claim)
        if c.iris(P.claim_property) == [mapping.predicate] and any(f.graph == graph for f in c.facts)
    ]
    holders = [c for c in claims if _key_of_claim(c) == _key(fact)] or [resource]
    citations = [
        n
        for holder in holders
        for f in holder.facts
        if f.predicate == P.citation and f.graph == graph and (n := f.node) is not None
    ]
    quoted = [c for c in citations if _mentions(c.literal(P.quote) or "", needles)]
    chosen = quoted or citations
    urls = [u for c in chosen for u in c.iris(P.url)] or ([pages[graph]] if graph in pages else [])
    return [Reference(u, retrieved.get(graph)) for u in dict.fromkeys(urls)]


def _key_of_claim(claim: Resource) -> str:
    for fact in claim.all(P.claim_value):
        return _key(fact)
    return ""


def _mentions(quote: str, needles: tuple[str, ...]) -> bool:
    folded = quote.casefold()
    return any(n and n.casefold() in folded for n in needles)
