"""Wikidata statements as eventgraph triples: classes to types and kinds, dates with their precision,
coordinates, quantities, relations, and terms in the configured languages.

Nothing is inferred beyond the stated rules: a value Wikidata does not give stays absent; a date of a
precision coarser than a year, of a non-Gregorian calendar or before year 1 is skipped (and reported);
an entity the local sources type differently keeps its local type.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from eventgraph.dates import PartialDate
from eventgraph.model import (
    GEO_WKT,
    RDF_TYPE,
    WD,
    XSD_DATE,
    XSD_GYEAR,
    XSD_INTEGER,
    Blank,
    EntityClass,
    Iri,
    Literal,
    P,
    Subject,
    Term,
    Triple,
)
from loaders.wikidata.config import ClassRule, WikidataConfig
from loaders.wikidata.facts import ItemFacts, QuantityValue, TimeValue
from loaders.wikidata.queries import valid_iri

GREGORIAN = WD + "Q1985727"  # proleptic Gregorian calendar (wikidata-ids.md 1b)
_TIME = re.compile(r"^([+-]?)(\d+)-(\d{2})-(\d{2})")
_POINT = re.compile(
    r"^\s*Point\(\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s+([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*\)\s*$"
)

# Wikidata property -> eventgraph predicate, for item-valued statements (written for every type)
RELATIONS: dict[str, str] = {
    "P179": P.series,
    "P276": P.location,
    "P17": P.country,
    "P131": P.contained_in,
    "P159": P.based_in,
    "P2541": P.operating_area,
    "P664": P.organizer,
    "P859": P.partner,
    "P749": P.parent_organization,
    "P463": P.member_of,
}
# the class a value of each property must be, used only for items Wikidata gives no class at all
RANGES: dict[str, EntityClass] = {
    "P179": EntityClass.EVENT_SERIES,
    "P276": EntityClass.PLACE,
    "P17": EntityClass.PLACE,
    "P131": EntityClass.PLACE,
    "P159": EntityClass.PLACE,
    "P2541": EntityClass.PLACE,
    "P664": EntityClass.ORGANIZATION,
    "P859": EntityClass.ORGANIZATION,
    "P749": EntityClass.ORGANIZATION,
    "P463": EntityClass.ORGANIZATION,
}
KIND_PREDICATE = {
    EntityClass.EVENT: P.kind,
    EntityClass.EVENT_SERIES: P.kind,
    EntityClass.ORGANIZATION: P.org_kind,
    EntityClass.PLACE: P.place_kind,
}


@dataclass(slots=True)
class MappingNotes:
    """What the mapping could not represent or chose not to write, for the load report."""

    warnings: list[str] = field(default_factory=list)
    untyped: dict[str, list[str]] = field(default_factory=dict)  # QID -> its wdt:P31 classes
    type_disagreements: list[str] = field(default_factory=list)


def classify(
    facts: Mapping[str, ItemFacts], config: WikidataConfig, ancestors: Mapping[str, set[str]]
) -> dict[str, ClassRule]:
    """The class-table row of each item: a direct wdt:P31 match wins over an inherited one; then table order."""
    order = {rule.qid: i for i, rule in enumerate(config.classes)}
    result: dict[str, ClassRule] = {}
    for qid, item in facts.items():
        classes = item.items("P31")
        direct = [c for c in classes if c in order]
        inherited = [a for c in classes for a in ancestors.get(c, ())]
        for candidates in (direct, inherited):
            if candidates:
                best = min(candidates, key=lambda c: order[c])
                rule = config.class_rule(best)
                if rule:
                    result[qid] = rule
                break
    return result


def infer_ranges(facts: Mapping[str, ItemFacts]) -> dict[str, EntityClass]:
    """Classes implied by how other items point at an item (a P276 value is a place, an item with P179 an
    event), for items with no wdt:P31 at all."""
    implied: dict[str, EntityClass] = {}
    for item in facts.values():
        if item.statements.get("P179"):
            implied.setdefault(item.qid, EntityClass.EVENT)
        for prop, entity_class in RANGES.items():
            for target in item.items(prop):
                implied.setdefault(target, entity_class)
    return {q: c for q, c in implied.items() if q in facts and not facts[q].statements.get("P31")}


def partial_date(value: TimeValue) -> PartialDate | None:
    """A Wikidata time value at year, month or day precision as a partial date; None when not representable."""
    match = _TIME.match(value.time)
    if not match or match.group(1) == "-" or value.precision < 9:
        return None
    if value.calendar and value.calendar != GREGORIAN:
        return None
    year, month, day = int(match.group(2)), int(match.group(3)), int(match.group(4))
    if not 1 <= year <= 9999:
        return None
    try:
        if value.precision == 9:
            return PartialDate.parse(f"{year:04d}")
        if value.precision == 10:
            return PartialDate.parse(f"{year:04d}-{month:02d}")
        return PartialDate.parse(f"{year:04d}-{month:02d}-{day:02d}")
    except ValueError:
        return None


def wkt_point(wkt: str, latitude: float | None, longitude: float | None) -> Literal | None:
    """`Point(longitude latitude)` on Earth; a globe-prefixed literal (another body) is not a place on Earth."""
    if latitude is None or longitude is None:
        match = _POINT.match(wkt)
        if not match:
            return None
        longitude, latitude = float(match.group(1)), float(match.group(2))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return Literal(f"Point({longitude} {latitude})", GEO_WKT)


def _integer(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return int(number) if number.is_finite() and number == number.to_integral_value() else None


class ItemMapper:
    """Builds the triples of one load; `subject_of` maps a QID to the IRI the store knows it by."""

    def __init__(
        self,
        config: WikidataConfig,
        subject_of: Callable[[str], str],
        local_types: Mapping[str, set[str]],
    ) -> None:
        self.config = config
        self.subject_of = subject_of
        self.local_types = local_types
        self.triples: list[Triple] = []
        self.notes = MappingNotes()

    def add(self, subject: Subject, predicate: str, obj: Term) -> None:
        self.triples.append(Triple(subject, Iri(predicate), obj))

    def map_all(
        self,
        facts: Mapping[str, ItemFacts],
        classes: Mapping[str, ClassRule],
        implied: Mapping[str, EntityClass],
        sitelinked: Mapping[str, str],
    ) -> list[Triple]:
        for qid in sorted(facts, key=lambda q: int(q[1:])):
            self.map_item(facts[qid], classes.get(qid), implied.get(qid))
        for qid, minted in sorted(sitelinked.items()):
            self.add(Iri(minted), P.same_as, Iri(WD + qid))
            self.add(Iri(minted), P.qid_method, Literal("sitelink"))
        return list(dict.fromkeys(self.triples))

    def map_item(self, item: ItemFacts, rule: ClassRule | None, implied: EntityClass | None) -> None:
        subject = Iri(self.subject_of(item.qid))
        entity_class = self._type(item, subject, rule, implied)
        for predicate, text in item.terms:
            self.add(subject, predicate, text)
        for prop, predicate in RELATIONS.items():
            for target in item.items(prop):
                if prop == "P17" and target == item.qid:
                    continue  # a country is its own country on Wikidata; not a relation worth keeping
                if prop == "P131" and entity_class not in (None, EntityClass.PLACE):
                    predicate = P.location  # an event or organization "located in" an area
                self.add(subject, predicate, Iri(self.subject_of(target)))
                if prop == "P859":  # a sponsor: a partner whose role says so
                    node = Blank(f"wd{item.qid.lower()}s{target.lower()}")
                    self.add(subject, P.partnering, node)
                    self.add(node, P.organization, Iri(self.subject_of(target)))
                    self.add(node, P.role, Literal("sponsor"))
                if prop == "P17" and entity_class is EntityClass.PLACE and not item.items("P131"):
                    # the country contains the place only when no nearer area (P131) does: one parent, one chain
                    self.add(subject, P.contained_in, Iri(self.subject_of(target)))
        self._edition(item, subject)
        for statement in item.statements.get("P856", []):
            if isinstance(statement.value, Iri) and valid_iri(statement.value.value):
                self.add(subject, P.website, statement.value)
        for statement in item.statements.get("P373", []):
            if isinstance(statement.value, Literal):
                self.add(subject, P.commons_category, Literal(statement.value.lexical))
        self._dates(item, subject, entity_class)
        for coordinate in item.coordinates:
            point = wkt_point(coordinate.wkt, coordinate.latitude, coordinate.longitude)
            if point:
                self.add(subject, P.coordinates, point)
            else:
                self.notes.warnings.append(f"{item.qid}: coordinates {coordinate.wkt!r} are not a point on Earth")
        if entity_class in (None, EntityClass.EVENT, EntityClass.EVENT_SERIES):
            predicate = P.participants if entity_class is EntityClass.EVENT_SERIES else P.attendance
            for n, quantity in enumerate(item.quantities, start=1):
                self._quantity(item.qid, subject, predicate, quantity, n)

    def _type(
        self, item: ItemFacts, subject: Iri, rule: ClassRule | None, implied: EntityClass | None
    ) -> EntityClass | None:
        entity_class = rule.entity_class if rule else implied
        local = self.local_types.get(subject.value, set())
        if entity_class is None:
            if not local:
                self.notes.untyped[item.qid] = item.items("P31")
            return _local_class(local)
        if local and entity_class.iri not in local:
            self.notes.type_disagreements.append(
                f"{item.qid}: Wikidata class maps to {entity_class.value}"
                f"{f' (via {rule.qid} {rule.label})' if rule else ''}, the local sources say "
                + ", ".join(sorted(t.rsplit("#", 1)[-1] for t in local))
                + "; the local type is kept"
            )
            return _local_class(local)
        self.add(subject, RDF_TYPE, Iri(entity_class.iri))
        if rule and rule.kind:
            self.add(subject, KIND_PREDICATE[entity_class], Literal(rule.kind))
        return entity_class

    def _edition(self, item: ItemFacts, subject: Iri) -> None:
        ordinals = [s.ordinal for s in item.statements.get("P179", []) if s.ordinal]
        ordinals += [s.value.lexical for s in item.statements.get("P1545", []) if isinstance(s.value, Literal)]
        for ordinal in dict.fromkeys(ordinals):
            self.add(subject, P.edition, Literal(ordinal))
            if ordinal.isdigit():
                self.add(subject, P.edition_number, Literal(str(int(ordinal)), XSD_INTEGER))

    def _dated(self, item: ItemFacts, props: tuple[str, ...]) -> list[PartialDate]:
        found = []
        for prop in props:
            for value in item.times.get(prop, []):
                parsed = partial_date(value)
                if parsed is None:
                    stated = "no precision stated" if value.precision < 0 else f"precision {value.precision}"
                    self.notes.warnings.append(
                        f"{item.qid}: {prop} {value.time} ({stated}) is not a Gregorian year, month or day; skipped"
                    )
                else:
                    found.append(parsed)
        return list(dict.fromkeys(found))

    def _dates(self, item: ItemFacts, subject: Iri, entity_class: EntityClass | None) -> None:
        if entity_class in (None, EntityClass.EVENT):
            starts = self._dated(item, ("P580", "P585"))
            ends = self._dated(item, ("P582",))
            for value in starts:
                self.add(subject, P.start_date, Literal(str(value), value.datatype))
            for value in ends:
                self.add(subject, P.end_date, Literal(str(value), value.datatype))
            if starts or ends:
                first, last = starts or ends, ends or starts
                self.add(subject, P.start_bound, Literal(min(d.earliest() for d in first).isoformat(), XSD_DATE))
                self.add(subject, P.end_bound, Literal(max(d.latest() for d in last).isoformat(), XSD_DATE))
        elif entity_class is EntityClass.EVENT_SERIES:
            years = {d.year for d in self._dated(item, ("P571", "P580"))}
            if years:
                self.add(subject, P.first_year, Literal(f"{min(years):04d}", XSD_GYEAR))
        elif entity_class is EntityClass.ORGANIZATION:
            for value in self._dated(item, ("P571",)):
                self.add(subject, P.founded, Literal(str(value), value.datatype))

    def _quantity(self, qid: str, subject: Iri, predicate: str, quantity: QuantityValue, n: int) -> None:
        amount, lower, upper = _integer(quantity.amount), _integer(quantity.lower), _integer(quantity.upper)
        node = Blank(f"wd{qid.lower()}q{n}")
        self.add(subject, predicate, node)
        text = str(amount) if amount is not None else quantity.amount.lstrip("+")
        bounded = (lower is not None and lower != amount) or (upper is not None and upper != amount)
        if bounded:
            text += f" ({quantity.lower or '?'} to {quantity.upper or '?'})".replace("+", "")
        self.add(node, P.text, Literal(text))
        if amount is not None:
            self.add(node, P.value, Literal(str(amount), XSD_INTEGER))
        if bounded:
            if lower is not None:
                self.add(node, P.minimum, Literal(str(lower), XSD_INTEGER))
            if upper is not None:
                self.add(node, P.maximum, Literal(str(upper), XSD_INTEGER))
        self.add(node, P.qualifier, Literal("about" if bounded else "exact"))


def _local_class(types: set[str]) -> EntityClass | None:
    for entity_class in EntityClass:
        if entity_class.iri in types:
            return entity_class
    return None
