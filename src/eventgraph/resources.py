"""Data files shipped with the package (query text, schema files, web assets), found through importlib.resources.

In a checkout `src/eventgraph/{queries,schema,web}` are symbolic links to the top-level folders; a wheel holds
copies (package data, see pyproject.toml). Either way the files are found the same way, from any directory,
editable install or not.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path


def package_file(*parts: str) -> Traversable:
    """`eventgraph/<parts...>` inside the installed package."""
    found = files("eventgraph")
    for part in parts:
        found = found.joinpath(part)
    return found


def package_path(*parts: str) -> Path:
    """A file system path for a packaged folder or file (wheels install as plain files, so this is a real path)."""
    with as_file(package_file(*parts)) as path:
        return Path(path)


@cache
def load_query(name: str) -> str:
    """The text of `queries/<name>`, e.g. `store/find.rq`."""
    return package_file("queries", *name.split("/")).read_text(encoding="utf-8")


def queries_dir(*parts: str) -> Path:
    """The folder `queries/<parts...>` (e.g. `wikidata`, `examples`)."""
    return package_path("queries", *parts)


def schema_file(name: str) -> Path:
    """`schema/<name>`: the ontology, the SHACL shapes, the JSON-LD context, the SDL."""
    return package_path("schema", name)


def web_dir() -> Path:
    """The packaged web assets folder (the default of the `EVENTGRAPH_WEB_DIR` setting)."""
    return package_path("web")
