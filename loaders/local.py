"""Local sources: YAML files transcribed from Meta-wiki pages, validated whole, then mapped to triples.

Nothing is written until every file has parsed and every reference resolves, so a broken file fails
the load with its file, line and field named, and the store keeps what it had.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eventgraph.dates import PartialDate
from eventgraph.errors import SourceFileError, SourceFilesError
from eventgraph.model import (
    EG_ID,
    EG_SOURCE,
    GEO_WKT,
    RDF_TYPE,
    RDFS_LABEL,
    SCHEMA_DESCRIPTION,
    SKOS_ALT_LABEL,
    XSD_BOOLEAN,
    XSD_DATE,
    XSD_DECIMAL,
    XSD_INTEGER,
    Blank,
    EntityClass,
    Iri,
    Literal,
    P,
    SourceInfo,
    Subject,
    Term,
    Triple,
    Vocabulary,
)
from eventgraph.quantities import parse_decimal, parse_quantity
from loaders.entity_index import EntityIndex
from loaders.local_schema import COMMON_FIELDS, FIELDS, Field, Kind
from loaders.yaml_lines import LineDict, load_yaml

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9]\d*$")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[a-zA-Z0-9]+)*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_TYPES = {c.value: c for c in EntityClass}
QUANTITY_FIELDS = ("text", "value", "minimum", "maximum", "qualifier")
FIGURE_FIELDS = ("kind", "status", "count", "source", "quote", "note")
DATE_FIELDS = ("date", "qualifier", "source", "quote")
_ROLE_NODES = {
    P.organizer: (P.organizing, P.organization, "org"),
    P.partner: (P.partnering, P.organization, "org"),
    P.party: (P.party_role, P.organization, "org"),
    P.person: (P.involvement, P.person, "person"),
}
"""Per roles field: the node property, the node's member property and the entry key naming the member."""


@dataclass(frozen=True, slots=True)
class Record:
    path: str
    data: LineDict
    entity_class: EntityClass
    id: str
    qid: str | None


@dataclass
class SourceFile:
    path: Path
    provenance: LineDict
    records: list[Record] = field(default_factory=list)

    @property
    def graph(self) -> str:
        return EG_SOURCE + self.path.stem

    def info(self) -> SourceInfo:
        p = self.provenance
        return SourceInfo(
            graph=self.graph,
            title=str(p["title"]),
            url=str(p["url"]),
            kind="local",
            retrieved=str(p["retrieved"]) if p.get("retrieved") else None,
            licence=str(p["licence"]) if p.get("licence") else None,
            extra={k: str(p[k]) for k in ("licence_url", "transcribed", "note") if p.get(k)},
        )


@dataclass(frozen=True, slots=True)
class MappedSource:
    info: SourceInfo
    triples: tuple[Triple, ...]
    records: int


def source_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def read_sources(paths: Sequence[Path]) -> list[MappedSource]:
    """Parse, validate and map every file; raise `SourceFilesError` listing every problem found, writing nothing.

    A file that does not parse at all is reported once; otherwise each broken record is reported and the others
    are still checked, so one run shows every problem of every file.
    """
    errors: list[SourceFileError] = []
    files = []
    for path in paths:
        try:
            files.append(_parse_file(path, errors))
        except SourceFileError as exc:
            errors.append(exc)
    index = EntityIndex([record for source in files for record in source.records], errors)
    mapped = [_Mapper(source, index).map(errors) for source in files]
    if errors:
        raise SourceFilesError(errors)
    return mapped


# ---------------------------------------------------------------- parsing


def _fail(path: Path | str, line: int | None, fld: str | None, message: str) -> SourceFileError:
    return SourceFileError(str(path), line, fld, message)


def _parse_file(path: Path, errors: list[SourceFileError]) -> SourceFile:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise _fail(path, line, None, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, None, None, f"cannot read: {exc}") from exc
    if not isinstance(data, LineDict):
        raise _fail(path, 1, None, "a source file is a mapping with 'provenance' and 'records'")
    unknown = set(data) - {"provenance", "records"}
    if unknown:
        key = sorted(unknown)[0]
        raise _fail(path, data.line_of(key), key, "unknown top-level key (expected provenance, records)")
    provenance = data.get("provenance")
    if not isinstance(provenance, LineDict):
        raise _fail(path, data.line_of("provenance"), "provenance", "required: title, url, licence")
    for key in ("title", "url"):
        if not provenance.get(key):
            raise _fail(path, provenance.line, f"provenance.{key}", "required")
    if provenance.get("retrieved"):
        _date(path, provenance, "retrieved", provenance["retrieved"])
    records = data.get("records")
    if not isinstance(records, list) or not records:
        raise _fail(path, data.line_of("records"), "records", "a non-empty list of records is required")
    source = SourceFile(path, provenance)
    for item in records:
        try:
            source.records.append(_parse_record(path, item, data.line_of("records")))
        except SourceFileError as exc:
            errors.append(exc)
    return source


def _parse_record(path: Path, item: object, list_line: int) -> Record:
    if not isinstance(item, LineDict):
        raise _fail(path, list_line, None, "each record is a mapping with at least id, type and label")
    rid = item.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        raise _fail(path, item.line_of("id"), "id", f"{rid!r} is not an id (lowercase letters, digits and '-')")
    type_name = item.get("type")
    if type_name not in _TYPES:
        raise _fail(path, item.line_of("type"), "type", f"unknown type {type_name!r}; expected one of {sorted(_TYPES)}")
    entity_class = _TYPES[str(type_name)]
    qid = item.get("qid")
    if qid is not None and (not isinstance(qid, str) or not _QID.match(qid)):
        raise _fail(path, item.line_of("qid"), "qid", f"{qid!r} is not a Wikidata item id like Q406")
    allowed = COMMON_FIELDS | set(FIELDS[entity_class])
    for key in item:
        if key not in allowed:
            raise _fail(
                path, item.line_of(key), key, f"unknown field for {type_name}; expected one of {sorted(allowed)}"
            )
    if not item.get("label"):
        raise _fail(path, item.line, "label", f"record {rid!r} needs a label")
    return Record(str(path), item, entity_class, rid, qid)


def _date(path: Path | str, where: LineDict, key: str, value: object) -> PartialDate:
    try:
        return PartialDate.parse(str(value))
    except ValueError as exc:
        raise _fail(path, where.line_of(key), key, str(exc)) from exc


# ---------------------------------------------------------------- mapping


class _Mapper:
    """Turns one validated file into triples; every reference is checked against the index."""

    def __init__(self, source: SourceFile, index: EntityIndex) -> None:
        self.source = source
        self.index = index
        self.triples: list[Triple] = []
        self._blank_prefix = "b" + hashlib.sha1(source.path.stem.encode(), usedforsecurity=False).hexdigest()[:10]
        self._blanks = 0

    def map(self, errors: list[SourceFileError]) -> MappedSource:
        for record in self.source.records:
            try:
                self._record(record)
            except SourceFileError as exc:
                errors.append(exc)
        unique = tuple(dict.fromkeys(self.triples))
        return MappedSource(self.source.info(), unique, len(self.source.records))

    # ---- helpers

    def _blank(self) -> Blank:
        self._blanks += 1
        return Blank(f"{self._blank_prefix}n{self._blanks}")

    def _add(self, subject: Subject, predicate: str, obj: Term) -> None:
        self.triples.append(Triple(subject, Iri(predicate), obj))

    def _err(self, where: LineDict, key: str, message: str) -> SourceFileError:
        return _fail(self.source.path, where.line_of(key), key, message)

    # ---- records

    def _record(self, record: Record) -> None:
        data = record.data
        subject = Iri(self.index.iri(record.id))
        self._add(subject, RDF_TYPE, Iri(record.entity_class.iri))
        if self.index.qid(record.id):
            # the record id keeps working as a GraphQL id (eg:<id>) for entities identified by their QID
            self._add(subject, P.same_as, Iri(EG_ID + record.id))
        self._lang_map(subject, RDFS_LABEL, data, "label")
        if "description" in data:
            self._lang_map(subject, SCHEMA_DESCRIPTION, data, "description")
        if "aliases" in data:
            self._aliases(subject, data)
        self._citations(subject, data)
        for page in self._list(data, "pages"):
            self._add(subject, P.page, self._url(data, "pages", page))
        if data.get("note"):
            self._add(subject, P.note, Literal(str(data["note"]).strip()))
        fields = FIELDS[record.entity_class]
        for key, spec in fields.items():
            if key in data and data[key] is not None:
                self._field(subject, data, key, spec)
        if record.entity_class in (EntityClass.EVENT,):
            self._bounds(subject, data)

    def _lang_map(self, subject: Subject, predicate: str, data: LineDict, key: str) -> None:
        value = data[key]
        values = value if isinstance(value, dict) else {"en": value}
        for lang, text in values.items():
            if not _LANG.match(str(lang)) or not isinstance(text, str | int | float) or not str(text).strip():
                raise self._err(data, key, f"expected a string or a map of language code to string, got {value!r}")
            self._add(subject, predicate, Literal(str(text).strip(), language=str(lang)))

    def _aliases(self, subject: Subject, data: LineDict) -> None:
        value = data["aliases"]
        groups = value if isinstance(value, dict) else {"en": value}
        for lang, names in groups.items():
            if not _LANG.match(str(lang)) or not isinstance(names, list):
                raise self._err(data, "aliases", "expected a list of names or a map of language code to list")
            for name in names:
                self._add(subject, SKOS_ALT_LABEL, Literal(str(name).strip(), language=str(lang)))

    def _citations(self, subject: Subject, data: LineDict) -> None:
        for item in self._list(data, "sources"):
            if not isinstance(item, LineDict) or not item.get("url"):
                raise self._err(data, "sources", "each source is a mapping with url (and quote)")
            unknown = set(item) - {"url", "quote", "note"}
            if unknown:
                raise self._err(item, sorted(unknown)[0], "a source has url, quote and note")
            node = self._citation(subject, item)
            if item.get("note"):
                self._add(node, P.note, Literal(" ".join(str(item["note"]).split())))

    def _citation(self, subject: Subject, item: LineDict, url_key: str = "url") -> Blank:
        node = self._blank()
        self._add(subject, P.citation, node)
        self._add(node, P.url, self._url(item, url_key, item[url_key]))
        if item.get("quote"):
            self._add(node, P.quote, Literal(" ".join(str(item["quote"]).split())))
        return node

    def _list(self, data: LineDict, key: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._err(data, key, "expected a list")
        return value

    def _url(self, data: LineDict, key: str, value: object) -> Iri:
        text = str(value).strip()
        if not re.match(r"^https?://\S+$", text):
            raise self._err(data, key, f"{text!r} is not an http(s) URL")
        return Iri(text)

    # ---- fields

    def _field(self, subject: Subject, data: LineDict, key: str, spec: Field) -> None:
        value = data[key]
        if isinstance(value, LineDict) and "claims" in value:
            if not spec.claimable:
                raise self._err(data, key, "this field cannot hold claims")
            self._claims(subject, data, key, spec)
            return
        if spec.kind is Kind.DATE and isinstance(value, LineDict) and "date" in value:
            self._qualified_date(subject, data, key, spec)
            return
        for term in self._terms(data, key, spec, value):
            self._add(subject, spec.predicate, term)
        if spec.kind is Kind.ROLES:
            self._roles(subject, data, key, spec)

    def _claims(self, subject: Subject, data: LineDict, key: str, spec: Field) -> None:
        block: LineDict = data[key]
        claims = block["claims"]
        if not isinstance(claims, list) or not claims or not all(isinstance(c, LineDict) for c in claims):
            raise self._err(block, "claims", "a list of {value, source, quote, preferred}")
        marked = [c for c in claims if c.get("preferred") is True]
        if len(marked) > 1:
            raise self._err(block, "claims", "at most one claim may be preferred")
        preferred = marked[0] if marked else claims[0]
        for claim in claims:
            if "value" not in claim or not claim.get("source"):
                raise self._err(claim, "value", f"each claim of {key!r} needs a value and a source")
            terms = self._terms(claim, "value", spec, claim["value"])
            node = self._blank()
            self._add(subject, P.claim, node)
            self._add(node, P.claim_property, Iri(spec.predicate))
            for term in terms:
                self._add(node, P.claim_value, term)
                if claim is preferred:
                    self._add(subject, spec.predicate, term)
            self._add(node, P.preferred, Literal("true" if claim is preferred else "false", XSD_BOOLEAN))
            self._citation(node, claim, "source")

    def _terms(self, data: LineDict, key: str, spec: Field, value: Any) -> list[Term]:
        kind = spec.kind
        if kind is Kind.TEXT:
            if isinstance(value, dict | list) or value is None:
                raise self._err(data, key, f"expected text, got {value!r}")
            return [Literal(str(value).strip())]
        if kind is Kind.TEXTS:
            return [Literal(str(v).strip()) for v in (value if isinstance(value, list) else [value])]
        if kind is Kind.INT:
            if isinstance(value, bool) or not isinstance(value, int):
                raise self._err(data, key, f"expected a whole number, got {value!r}")
            return [Literal(str(value), XSD_INTEGER)]
        if kind is Kind.URL:
            return [self._url(data, key, value)]
        if kind is Kind.DATE:
            parsed = _date(self.source.path, data, key, value)
            return [Literal(str(parsed), parsed.datatype)]
        if kind is Kind.CHOICE:
            if value not in spec.choices:
                raise self._err(data, key, f"{value!r} is not one of {', '.join(spec.choices)}")
            return [Literal(str(value))]
        if kind is Kind.REF:
            return [self._ref(data, key, value, spec)]
        if kind is Kind.REFS:
            return [self._ref(data, key, v, spec) for v in (value if isinstance(value, list) else [value])]
        if kind is Kind.REF_OR_TEXT:
            record = self.index.resolve(str(value))
            return [self._ref(data, key, value, spec)] if record else [Literal(str(value).strip())]
        if kind is Kind.QUANTITY:
            return [self._quantity(data, key, value)]
        if kind is Kind.ROLES:
            entries = self._as_list(data, key, value)
            return [self._ref(data, key, self._role_member(data, key, v, spec), spec) for v in entries]
        if kind is Kind.COORDINATES:
            return [self._coordinates(data, key, value)]
        return self._structured(data, key, spec, value)

    def _as_list(self, data: LineDict, key: str, value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise self._err(data, key, "expected a list")
        return value

    def _ref(self, data: LineDict, key: str, value: object, spec: Field) -> Iri:
        record = self.index.resolve(str(value)) if isinstance(value, str) else None
        if record is None:
            raise self._err(data, key, f"reference {value!r} names no record (by id or QID) in any source file")
        if spec.targets and record.entity_class not in spec.targets:
            wanted = " or ".join(t.value for t in spec.targets)
            raise self._err(data, key, f"{value!r} is a {record.entity_class.value}, expected {wanted}")
        return Iri(self.index.iri(record.id))

    def _role_member(self, data: LineDict, key: str, item: object, spec: Field) -> object:
        """The entity an entry of a roles field names: the entry itself, or its `org`/`person` key."""
        _, _, member_key = _ROLE_NODES[spec.predicate]
        if isinstance(item, LineDict):
            if member_key not in item:
                raise self._err(item, member_key, f"each entry of {key!r} is a reference or {{{member_key}, role}}")
            unknown = set(item) - {member_key, "role", "source", "quote"}
            if unknown:
                raise self._err(item, sorted(unknown)[0], f"an entry of {key!r} has {member_key}, role, source, quote")
            return item[member_key]
        if spec.predicate == P.person:
            raise self._err(data, key, "each person is {person, role}: the role the source gives is required")
        return item

    def _roles(self, subject: Subject, data: LineDict, key: str, spec: Field) -> None:
        """A node [member, role, citation] for each entry that states a role or cites its own source."""
        link, member, member_key = _ROLE_NODES[spec.predicate]
        for item in data[key]:
            if not isinstance(item, LineDict):
                continue
            if spec.predicate == P.person and not item.get("role"):
                raise self._err(item, "role", "each person is {person, role}: the role the source gives is required")
            if item.get("quote") and not item.get("source"):
                raise self._err(item, "quote", "a quote needs its source (the page's URL)")
            if not item.get("role") and not item.get("source"):
                continue
            node = self._blank()
            self._add(subject, link, node)
            self._add(node, member, self._ref(item, member_key, item[member_key], spec))
            if item.get("role"):
                self._add(node, P.role, Literal(str(item["role"]).strip()))
            if item.get("source"):
                self._citation(node, item, "source")
            elif item.get("quote"):
                raise self._err(item, "quote", "a quote needs its source (the page's URL)")

    def _quantity(self, data: LineDict, key: str, value: Any) -> Blank:
        node = self._blank()
        self._fill_quantity(node, data, key, value)
        return node

    def _fill_quantity(self, node: Blank, data: LineDict, key: str, value: Any) -> None:
        """The quantity fields (text as written, value, bounds, qualifier) on `node`."""
        if isinstance(value, LineDict):
            unknown = set(value) - set(QUANTITY_FIELDS)
            if unknown or "text" not in value:
                raise self._err(data, key, f"a quantity map has text and optionally {QUANTITY_FIELDS[1:]}")
            parsed = parse_quantity(str(value["text"]))
            fields = {
                "value": value.get("value", parsed.value),
                "minimum": value.get("minimum", parsed.minimum),
                "maximum": value.get("maximum", parsed.maximum),
            }
            qualifier = value.get("qualifier", parsed.qualifier.value if parsed.qualifier else None)
            text = parsed.text
        elif isinstance(value, str | int):
            parsed = parse_quantity(str(value))
            fields = {"value": parsed.value, "minimum": parsed.minimum, "maximum": parsed.maximum}
            qualifier = parsed.qualifier.value if parsed.qualifier else None
            text = parsed.text
        else:
            raise self._err(data, key, f"expected a number as written (e.g. '90+'), got {value!r}")
        self._add(node, P.text, Literal(text))
        predicates = {"value": P.value, "minimum": P.minimum, "maximum": P.maximum}
        for name, number in fields.items():
            if number is not None:
                if isinstance(number, bool) or not isinstance(number, int):
                    raise self._err(data, key, f"{name} must be a whole number, got {number!r}")
                self._add(node, predicates[name], Literal(str(number), XSD_INTEGER))
        if qualifier is not None:
            if qualifier not in ("exact", "at-least", "at-most", "about", "range"):
                raise self._err(data, key, f"qualifier {qualifier!r} is not exact, at-least, at-most, about or range")
            self._add(node, P.qualifier, Literal(str(qualifier)))

    def _coordinates(self, data: LineDict, key: str, value: Any) -> Literal:
        if not isinstance(value, LineDict):
            raise self._err(data, key, "expected {latitude, longitude}")
        try:
            lat, lon = float(value["latitude"]), float(value["longitude"])
        except (KeyError, TypeError, ValueError) as exc:
            raise self._err(data, key, "expected numeric latitude and longitude") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise self._err(data, key, f"({lat}, {lon}) is not a position on Earth")
        return Literal(f"Point({lon} {lat})", GEO_WKT)

    def _structured(self, data: LineDict, key: str, spec: Field, value: Any) -> list[Term]:
        items = self._as_list(data, key, value)
        nodes: list[Term] = []
        for item in items:
            if not isinstance(item, LineDict):
                raise self._err(data, key, "each entry is a mapping")
            node = self._blank()
            nodes.append(node)
            builder = {
                Kind.LIMITS: self._limit,
                Kind.SEATS: self._seat,
                Kind.CATEGORIES: self._category,
                Kind.MILESTONES: self._milestone,
                Kind.AMOUNTS: self._amount,
                Kind.FIGURES: self._figure,
            }[spec.kind]
            builder(node, item, spec)
        return nodes

    def _limit(self, node: Blank, item: LineDict, spec: Field) -> None:
        if not item.get("group") or not isinstance(item.get("maximum"), int):
            raise self._err(item, "maximum", "a participant limit has group (text) and maximum (whole number)")
        self._add(node, P.limited_group, Literal(str(item["group"])))
        self._add(node, P.maximum, Literal(str(item["maximum"]), XSD_INTEGER))
        if item.get("since"):
            parsed = _date(self.source.path, item, "since", item["since"])
            self._add(node, P.since, Literal(str(parsed), parsed.datatype))

    def _seat(self, node: Blank, item: LineDict, spec: Field) -> None:
        if not isinstance(item.get("seats"), int):
            raise self._err(item, "seats", "a committee entry has seats (whole number)")
        self._add(node, P.seat_count, Literal(str(item["seats"]), XSD_INTEGER))
        if item.get("org"):
            self._add(node, P.organization, self._ref(item, "org", item["org"], spec))
        if item.get("note"):
            self._add(node, P.note, Literal(str(item["note"])))

    def _category(self, node: Blank, item: LineDict, spec: Field) -> None:
        if not item.get("label"):
            raise self._err(item, "label", "a category needs a label")
        self._add(node, RDFS_LABEL, Literal(str(item["label"]), language="en"))
        if item.get("description"):
            self._add(node, SCHEMA_DESCRIPTION, Literal(str(item["description"]), language="en"))
        for example in self._list(item, "examples"):
            record = self.index.resolve(str(example))
            term: Term = self._ref(item, "examples", example, spec) if record else Literal(str(example))
            self._add(node, P.example, term)

    def _milestone(self, node: Blank, item: LineDict, spec: Field) -> None:
        if item.get("kind") not in spec.choices:
            raise self._err(item, "kind", f"{item.get('kind')!r} is not one of {', '.join(spec.choices)}")
        if not item.get("start"):
            raise self._err(item, "start", "a milestone needs a start date")
        self._add(node, P.milestone_kind, Literal(str(item["kind"])))
        if item.get("label"):
            self._add(node, RDFS_LABEL, Literal(str(item["label"]), language="en"))
        for key, predicate in (("start", P.start_date), ("end", P.end_date)):
            if item.get(key):
                parsed = _date(self.source.path, item, key, item[key])
                self._add(node, predicate, Literal(str(parsed), parsed.datatype))

    def _amount(self, node: Blank, item: LineDict, spec: Field) -> None:
        try:
            amount = parse_decimal(str(item.get("amount", "")))
        except ValueError as exc:
            raise self._err(item, "amount", str(exc)) from exc
        currency = str(item.get("currency", ""))
        if not _CURRENCY.match(currency):
            raise self._err(item, "currency", f"{currency!r} is not an ISO 4217 code like USD")
        if item.get("kind") not in spec.choices:
            raise self._err(item, "kind", f"{item.get('kind')!r} is not one of {', '.join(spec.choices)}")
        self._add(node, P.value, Literal(str(amount), XSD_DECIMAL))
        self._add(node, P.currency, Literal(currency))
        self._add(node, P.amount_kind, Literal(str(item["kind"])))
        if item.get("text"):
            self._add(node, P.text, Literal(str(item["text"])))

    def _figure(self, node: Blank, item: LineDict, spec: Field) -> None:
        unknown = set(item) - set(FIGURE_FIELDS)
        if unknown:
            key = sorted(unknown)[0]
            raise self._err(item, key, f"a figure has {', '.join(FIGURE_FIELDS)}")
        if item.get("kind") not in spec.choices:
            raise self._err(item, "kind", f"{item.get('kind')!r} is not one of {', '.join(spec.choices)}")
        statuses = Vocabulary.FIGURE_STATUSES.values
        if item.get("status") not in statuses:
            raise self._err(item, "status", f"{item.get('status')!r} is not one of {', '.join(statuses)}")
        if item.get("count") is None:
            raise self._err(item, "count", "a figure needs its count as the source writes it (e.g. '70+')")
        self._add(node, P.figure_kind, Literal(str(item["kind"])))
        self._add(node, P.figure_status, Literal(str(item["status"])))
        self._fill_quantity(node, item, "count", item["count"])
        if item.get("source"):
            self._citation(node, item, "source")
        elif item.get("quote"):
            raise self._err(item, "quote", "a quote needs its source (the page's URL)")
        if item.get("note"):
            self._add(node, P.note, Literal(" ".join(str(item["note"]).split())))

    def _qualified_date(self, subject: Subject, data: LineDict, key: str, spec: Field) -> None:
        """A date the source qualifies ("before 2012", "by 2005"): kept on its own node, never as the plain field."""
        block: LineDict = data[key]
        unknown = set(block) - set(DATE_FIELDS)
        if unknown:
            raise self._err(block, sorted(unknown)[0], f"a qualified date has {', '.join(DATE_FIELDS)}")
        qualifiers = Vocabulary.DATE_QUALIFIERS.values
        if block.get("qualifier") not in qualifiers:
            raise self._err(block, "qualifier", f"{block.get('qualifier')!r} is not one of {', '.join(qualifiers)}")
        parsed = _date(self.source.path, block, "date", block["date"])
        node = self._blank()
        self._add(subject, P.qualified_date, node)
        self._add(node, P.claim_property, Iri(spec.predicate))
        self._add(node, P.claim_value, Literal(str(parsed), parsed.datatype))
        self._add(node, P.date_qualifier, Literal(str(block["qualifier"])))
        if block.get("source"):
            self._citation(node, block, "source")
        elif block.get("quote"):
            raise self._err(block, "quote", "a quote needs its source (the page's URL)")

    def _bounds(self, subject: Subject, data: LineDict) -> None:
        """Earliest and latest day the event can cover, for date-range filters over partial dates."""
        starts = list(self._dates(data, "start"))
        ends = list(self._dates(data, "end")) or starts
        starts = starts or ends
        if starts:
            self._add(subject, P.start_bound, Literal(min(d.earliest() for d in starts).isoformat(), XSD_DATE))
            self._add(subject, P.end_bound, Literal(max(d.latest() for d in ends).isoformat(), XSD_DATE))

    def _dates(self, data: LineDict, key: str) -> Iterator[PartialDate]:
        value = data.get(key)
        if value is None:
            return
        if isinstance(value, LineDict) and "claims" in value:
            for claim in value["claims"]:
                yield _date(self.source.path, claim, "value", claim["value"])
        elif isinstance(value, LineDict) and "date" in value:
            return  # a qualified date bounds nothing
        else:
            yield _date(self.source.path, data, key, value)
