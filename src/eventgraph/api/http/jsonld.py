"""JSON-LD answers: the same data, with `@id` set to entity IRIs, `@type` from the GraphQL type and an `@context`
mapping each field to the ontology (schema/eventgraph.ttl), so a dashboard's answer is linked data.

A field maps to an ontology property only where it serves that property as stored, in the same direction:
derived fields (an event's `country` inferred from its city, label fallbacks across languages aside), aliases
and response plumbing (`data`, `nodes`, `totalCount`...) fall under the `graphql#` vocabulary instead of being
dropped or mislabelled. Inverse lists (an organization's `events`) use `@reverse`. Enum values are written as
stored (`conference`, not `CONFERENCE`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    NameNode,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    visit,
)

from eventgraph.model import EG, RDFS_LABEL, SCHEMA_DESCRIPTION, SKOS_ALT_LABEL, VOCABULARY, EntityClass, Shape, iri_of

GQL = "https://w3id.org/eventgraph/graphql#"
"""Vocabulary of response plumbing and of fields that are not ontology properties."""

_ID = {"@type": "@id"}


_REFERENCES = frozenset({Shape.REF, Shape.REFS, Shape.URL})
_VALUE_CLASSES = {
    "Participation": "",
    "Quantity": "eg:Quantity",
    "Citation": "eg:Citation",
    "PersonRole": "eg:Involvement",
    "Involvement": "",
    "Figure": "eg:Figure",
    "QualifiedDate": "eg:QualifiedDate",
}
"""GraphQL value types with terms of their own, and the class each stands for ("" if none)."""


def _terms(type_name: str) -> dict[str, Any]:
    """The GraphQL fields of one type that serve a property (or list its subjects), from the vocabulary table."""
    terms: dict[str, Any] = {}
    for use in VOCABULARY:
        if type_name in use.on and use.graphql:
            term = "eg:" + use.name if use.iri.startswith(EG) else use.iri
            terms[use.graphql] = {"@id": term, **_ID} if use.shape in _REFERENCES else term
        for owner, field in use.inverse:
            if owner == type_name:
                terms[field] = {"@reverse": "eg:" + use.name}
    return terms


_ENTITY_COMMON: dict[str, Any] = {"label": RDFS_LABEL, "description": SCHEMA_DESCRIPTION, "aliases": SKOS_ALT_LABEL}


def _build_context() -> dict[str, Any]:
    context: dict[str, Any] = {
        "@version": 1.1,
        "@vocab": GQL,
        "eg": EG,
        "wd": "http://www.wikidata.org/entity/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }
    for cls in EntityClass:
        context[cls.value] = {"@id": "eg:" + cls.value, "@context": {**_ENTITY_COMMON, **_terms(cls.value)}}
    for type_name, class_iri in _VALUE_CLASSES.items():
        context[type_name] = {"@id": class_iri or GQL + type_name, "@context": _terms(type_name)}
    return {"@context": context}


CONTEXT = _build_context()
"""The `@context` of every JSON-LD answer (also served at /graphql/context.jsonld)."""


class _AddIdentity(Visitor):
    """Ask for `__typename` in every selection set and `id` wherever the type has one: JSON-LD needs both."""

    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info

    def enter_selection_set(self, node: SelectionSetNode, *_: Any) -> SelectionSetNode | None:
        plain = {s.name.value for s in node.selections if isinstance(s, FieldNode) and s.alias is None}
        parent = self.type_info.get_parent_type()
        wanted = ["__typename"]
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) and "id" in parent.fields:
            wanted.append("id")
        added = tuple(FieldNode(name=NameNode(value=n), arguments=(), directives=()) for n in wanted if n not in plain)
        return SelectionSetNode(selections=(*node.selections, *added)) if added else None


def with_identity(document: DocumentNode, schema: GraphQLSchema) -> DocumentNode:
    """The document asking also for what JSON-LD needs: `__typename` (read as `@type`) and `id` (kept)."""
    type_info = TypeInfo(schema)
    result: DocumentNode = visit(document, TypeInfoVisitor(type_info, _AddIdentity(type_info)))
    return result


class _Converter:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode) -> None:
        self.schema = schema
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}

    def _applies(self, condition: str | None, runtime: GraphQLObjectType) -> bool:
        if condition is None or condition == runtime.name:
            return True
        abstract = self.schema.get_type(condition)
        if isinstance(abstract, GraphQLInterfaceType | GraphQLUnionType):
            return self.schema.is_sub_type(abstract, runtime)
        return False

    def _collect(
        self, selection_sets: list[SelectionSetNode], runtime: GraphQLObjectType, into: dict[str, list[FieldNode]]
    ) -> dict[str, list[FieldNode]]:
        for selection_set in selection_sets:
            for selection in selection_set.selections:
                if isinstance(selection, FieldNode):
                    key = (selection.alias or selection.name).value
                    into.setdefault(key, []).append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition.name.value if selection.type_condition else None
                    if self._applies(condition, runtime):
                        self._collect([selection.selection_set], runtime, into)
                elif isinstance(selection, FragmentSpreadNode):
                    fragment = self.fragments.get(selection.name.value)
                    if fragment and self._applies(fragment.type_condition.name.value, runtime):
                        self._collect([fragment.selection_set], runtime, into)
        return into

    def value(self, value: Any, gtype: GraphQLOutputType, selection_sets: list[SelectionSetNode]) -> Any:
        while isinstance(gtype, GraphQLNonNull):
            gtype = gtype.of_type
        if value is None:
            return None
        if isinstance(gtype, GraphQLList):
            return [self.value(v, gtype.of_type, selection_sets) for v in value]
        if isinstance(gtype, GraphQLEnumType):
            member = gtype.values.get(value)
            stored = getattr(member.value, "value", member.value) if member else value
            return stored if isinstance(stored, str | int | float | bool) else value
        if isinstance(value, Mapping):
            return self.node(value, gtype, selection_sets)
        return value

    def node(self, obj: Mapping[str, Any], static: Any, selection_sets: list[SelectionSetNode]) -> dict[str, Any]:
        typename = obj.get("__typename")
        runtime = self.schema.get_type(typename) if isinstance(typename, str) else static
        if not isinstance(runtime, GraphQLObjectType):
            return dict(obj)
        fields = self._collect(selection_sets, runtime, {})
        out: dict[str, Any] = {}
        identifier = obj.get("id")
        if isinstance(identifier, str) and "id" in runtime.fields and (iri := iri_of(identifier)):
            out["@id"] = iri
        out["@type"] = runtime.name
        for key, value in obj.items():
            if key == "__typename":
                continue
            nodes = fields.get(key)
            if not nodes or nodes[0].name.value not in runtime.fields:
                out[GQL + key] = value
                continue
            name = nodes[0].name.value
            children = [n.selection_set for n in nodes if n.selection_set]
            converted = self.value(value, runtime.fields[name].type, children)
            out[key if name == key else GQL + key] = converted
        return out


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name and o.name.value == name), None)


def to_jsonld(
    response: Mapping[str, Any], schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> dict[str, Any]:
    """The GraphQL response (`data`, `errors`) as a JSON-LD document."""
    out: dict[str, Any] = dict(CONTEXT)
    operation = _operation(document, operation_name)
    data = response.get("data")
    if operation is not None and isinstance(data, Mapping) and schema.query_type is not None:
        out["data"] = _Converter(schema, document).node(data, schema.query_type, [operation.selection_set])
    elif "data" in response:
        out["data"] = data
    if response.get("errors"):
        out["errors"] = response["errors"]
    return out
