"""Contracts that keep the project honest: SDL drift, query files, import direction, documentation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType
from rdflib.plugins.sparql import prepareQuery

from eventgraph.api.schema import build_schema
from tests.conftest import ROOT

QUERY_FILES = sorted((ROOT / "queries").rglob("*.rq"))


def test_checked_in_sdl_matches_the_code() -> None:
    checked_in = (ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8")
    assert checked_in.strip() == build_schema().as_str().strip(), "run `make schema` and commit schema/schema.graphql"


def test_every_type_and_field_is_documented() -> None:
    schema = build_schema()._schema
    missing = []
    for name, gtype in schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not gtype.description:
            missing.append(name)
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            missing += [f"{name}.{f}" for f, field in gtype.fields.items() if not field.description]
        if isinstance(gtype, GraphQLEnumType):
            continue
    assert missing == []


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.name for p in QUERY_FILES])
def test_every_sparql_file_parses_and_has_a_header(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Purpose:"), "each query file opens with a header comment"
    prepareQuery(text)


LAYERS = {"loaders": "loaders", "api": "eventgraph.api", "store": "eventgraph.store"}
IMPLEMENTATIONS = ("eventgraph.store.oxigraph", "eventgraph.store.neo4j", "eventgraph.backends", "eventgraph.cli")
FORBIDDEN = {
    "eventgraph.store": ("eventgraph.api", "loaders", "strawberry", "starlette", "eventgraph.settings"),
    "eventgraph.api": ("loaders", "pyoxigraph", "rdflib", "neo4j", *IMPLEMENTATIONS),
    "eventgraph.exports": ("eventgraph.api", "loaders", "strawberry", "starlette", "neo4j", *IMPLEMENTATIONS),
    "loaders": ("eventgraph.api", "strawberry", "starlette", *IMPLEMENTATIONS),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_dependencies_point_one_way(package: str) -> None:
    folder = ROOT / ("loaders" if package == "loaders" else "src/" + package.replace(".", "/"))
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in folder.rglob("*.py")
        for name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[package])
    ]
    assert wrong == []


def test_pyoxigraph_is_imported_by_its_backend_package_only() -> None:
    """A backend is a folder: under src/, only store/oxigraph/ imports pyoxigraph (loaders may parse with it)."""
    package = ROOT / "src" / "eventgraph"
    backend = package / "store" / "oxigraph"
    # exports/rdf.py re-serializes the N-Quads bytes of the RdfDump capability (Turtle, JSON-LD): pyoxigraph is a
    # parser/serializer there, never a store.
    pending = {package / "exports" / "rdf.py"}
    outside = [
        str(path.relative_to(ROOT))
        for path in package.rglob("*.py")
        if backend not in path.parents and path not in pending and "pyoxigraph" in _imports(path)
    ]
    assert outside == []


def test_no_backend_module_is_imported_by_another_backend() -> None:
    store = ROOT / "src" / "eventgraph" / "store"
    for folder in (p for p in store.iterdir() if p.is_dir() and p.name != "__pycache__"):
        others = tuple(f"eventgraph.store.{o.name}" for o in store.iterdir() if o.is_dir() and o != folder)
        wrong = [n for path in folder.rglob("*.py") for n in _imports(path) if n.startswith(others)]
        assert wrong == [], folder.name
