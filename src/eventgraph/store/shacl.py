"""SHACL validation of a store dump against schema/shapes.ttl.

The store hands over N-Quads (`GraphReader.dump()`); the shapes hold for the union of all named graphs,
because an entity is described by several sources at once (its label from Wikidata, its kind from a YAML
file). rdflib and pyshacl stay inside this module: callers get plain dataclasses with strings.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal as TypingLiteral

from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from eventgraph.errors import StoreError
from eventgraph.model import EG, EG_ID, EG_SOURCE, WD, short_id

__all__ = ["Severity", "ValidationReport", "Violation", "validate"]

logger = logging.getLogger(__name__)

Severity = TypingLiteral["Violation", "Warning", "Info"]

_SEVERITIES: dict[Node, Severity] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_ORDER: dict[str, int] = {"Violation": 0, "Warning": 1, "Info": 2}
_RDFLIB_DEPRECATION = r"(Dataset|ConjunctiveGraph)[ .].*deprecated"

# Prefixes for readable reports; entity IRIs (wd:Q.., eg ids) go through model.short_id first.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("eg:", EG),
    ("egsh:", "https://w3id.org/eventgraph/shapes#"),
    ("source:", EG_SOURCE),
    ("wd:", WD),
    ("wdt:", "http://www.wikidata.org/prop/direct/"),
    ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
    ("schema:", "http://schema.org/"),
    ("owl:", "http://www.w3.org/2002/07/owl#"),
    ("geo:", "http://www.opengis.net/ont/geosparql#"),
    ("sh:", "http://www.w3.org/ns/shacl#"),
)


@dataclass(frozen=True, slots=True)
class Violation:
    """One validation result, as display strings.

    `focus` is the entity's short id (`Q406`, `eg:foo`); a blank node is shown through the node that
    holds it (`Q406 eg:attendance [ ]`). `path` is the property (`eg:kind`), `value` the offending term
    when SHACL names one, `constraint` the SHACL component without its namespace (`MinCount`).
    """

    focus: str
    path: str | None
    message: str
    severity: Severity
    value: str | None = None
    constraint: str = ""

    def format(self) -> str:
        """One line: severity, focus, path, message, and the offending value when there is one."""
        where = f"{self.focus} {self.path}" if self.path else self.focus
        line = f"{self.severity}: {where}: {self.message}"
        return f"{line} (value: {self.value})" if self.value is not None else line


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of one validation: conforms unless there is a result of severity Violation."""

    conforms: bool
    violations: tuple[Violation, ...] = ()

    @property
    def errors(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity == "Violation")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity != "Violation")

    def format(self) -> str:
        """A summary line, then one line per result (violations first)."""
        head = (
            f"SHACL: conforms ({len(self.warnings)} warnings)"
            if self.conforms
            else f"SHACL: {len(self.errors)} violations, {len(self.warnings)} warnings"
        )
        return "\n".join([head, *(v.format() for v in self.violations)])


def validate(nquads: bytes, shapes_path: Path) -> ValidationReport:
    """Validate the union of the named graphs in `nquads` against the shapes in `shapes_path`.

    Raises StoreError when the data or the shapes do not parse.
    """
    data = _union(nquads)
    shapes = Graph()
    try:
        shapes.parse(shapes_path, format="turtle")
    except (ParserError, SyntaxError, ValueError) as exc:  # rdflib's BadSyntax is a SyntaxError
        raise StoreError(f"cannot parse SHACL shapes {shapes_path}: {exc}") from exc
    _conforms, results, _text = pyshacl_validate(
        data,
        shacl_graph=shapes,
        allow_warnings=True,
        allow_infos=True,
        advanced=False,
        inference=None,
    )
    violations = sorted(_violations(results, data), key=lambda v: (_ORDER[v.severity], v.focus, v.path or ""))
    logger.info("SHACL: %d triples validated, %d results", len(data), len(violations))
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=tuple(violations),
    )


def _union(nquads: bytes) -> Graph:
    """Merge every named graph into one graph: pyshacl would validate a Dataset graph by graph."""
    dataset = Dataset()
    quiet = _IllTypedLiteralFilter()
    rdflib_term_logger = logging.getLogger("rdflib.term")
    rdflib_term_logger.addFilter(quiet)
    try:
        with warnings.catch_warnings():
            # rdflib 7.6's own N-Quads parser still goes through its deprecated ConjunctiveGraph API
            warnings.filterwarnings("ignore", _RDFLIB_DEPRECATION, DeprecationWarning)
            dataset.parse(data=nquads, format="nquads")
    except (ParserError, SyntaxError, ValueError) as exc:
        raise StoreError(f"cannot parse the N-Quads dump: {exc}") from exc
    finally:
        rdflib_term_logger.removeFilter(quiet)
    union = Graph()
    for s, p, o, _graph in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


class _IllTypedLiteralFilter(logging.Filter):
    """rdflib logs a traceback per ill-typed literal ("2023-13-40"^^xsd:date); SHACL reports those better."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


def _violations(results: Graph, data: Graph) -> Iterable[Violation]:
    """Top-level results only: the nested details of sh:node / sh:or failures repeat them less readably."""
    seen: set[Violation] = set()
    for report in results.subjects(RDF.type, SH.ValidationReport):
        for result in results.objects(report, SH.result):
            violation = _violation(result, results, data)
            # sh:datatype and sh:pattern failing on one value give one line, not two
            key = replace(violation, constraint="")
            if key not in seen:
                seen.add(key)
                yield violation


def _violation(result: Node, results: Graph, data: Graph) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    message = results.value(result, SH.resultMessage)
    component = results.value(result, SH.sourceConstraintComponent)
    return Violation(
        focus=_focus(focus, data) if focus is not None else "?",
        path=_term(path, results) if path is not None else None,
        message=str(message) if message is not None else "",
        severity=_SEVERITIES.get(results.value(result, SH.resultSeverity) or SH.Violation, "Violation"),
        value=_term(value, data) if value is not None else None,
        constraint=_component(component),
    )


def _focus(node: Node, data: Graph, depth: int = 0) -> str:
    """A blank node has no name worth showing: show the entity (and property) that holds it."""
    if isinstance(node, BNode) and depth < 3:
        for subject, predicate in data.subject_predicates(node):
            return f"{_focus(subject, data, depth + 1)} {_term(predicate, data)} [ ]"
    return _term(node, data)


def _term(node: Node, graph: Graph) -> str:
    if isinstance(node, URIRef):
        return _iri(str(node))
    if isinstance(node, Literal):
        lexical = '"' + str(node).replace("\\", "\\\\").replace('"', '\\"') + '"'
        if node.language:
            return f"{lexical}@{node.language}"
        if node.datatype is not None and str(node.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{lexical}^^{_iri(str(node.datatype))}"
        return lexical
    if isinstance(node, BNode):
        return _path(node, graph)
    return str(node)


def _path(node: BNode, graph: Graph) -> str:
    """A complex SHACL path (a blank node in the results graph), written as a SPARQL-like path."""
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _term(inverse, graph)
    if (node, RDF.first, None) in graph:
        return "/".join(_term(item, graph) for item in graph.items(node))
    return "[ ]"


def _iri(iri: str) -> str:
    if iri.startswith((WD, EG_ID)):
        short = short_id(iri)
        if short != iri:
            return short
    for prefix, namespace in _PREFIXES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return prefix + iri[len(namespace) :]
    return f"<{iri}>"


def _component(component: Node | None) -> str:
    if component is None:
        return ""
    name = str(component).removeprefix(str(SH))
    return name.removesuffix("ConstraintComponent")
