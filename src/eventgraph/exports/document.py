"""A graph as the GraphML and GEXF writers take it: nodes and edges with typed attributes, and graph metadata."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Value = str | int | float | bool
Domain = Literal["node", "edge"]
_NAME = re.compile(r"[^A-Za-z0-9._:-]")


@dataclass(frozen=True, slots=True)
class Item:
    """A node (`source`/`target` empty) or an edge, with its attributes."""

    id: str
    attributes: dict[str, Value]
    source: str = ""
    target: str = ""


@dataclass(frozen=True, slots=True)
class GraphDocument:
    """What one GraphML or GEXF file holds; `meta` (dataset version, title, sources) goes into the header."""

    nodes: tuple[Item, ...]
    edges: tuple[Item, ...]
    directed: bool
    meta: dict[str, str] = field(default_factory=dict)

    def columns(self, domain: Domain) -> dict[str, type]:
        """Attribute names of nodes or edges with their type: int, float or bool only when every value is one."""
        seen: dict[str, set[type]] = defaultdict(set)
        for item in self.nodes if domain == "node" else self.edges:
            for name, value in item.attributes.items():
                seen[name].add(type(value))
        return {name: next(iter(kinds)) if len(kinds) == 1 else str for name, kinds in sorted(seen.items())}


def attribute_name(name: str) -> str:
    """An attribute name as an XML token (GraphML's attr.name is an NMTOKEN)."""
    return _NAME.sub("_", name) or "_"


def text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def ids_unique(items: Iterable[Item]) -> bool:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            return False
        seen.add(item.id)
    return True
