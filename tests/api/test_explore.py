"""/explore and / over HTTP: the built page and its files, caching, refusals, and the page's contract with /queries.

The page itself runs in headless Chromium in tests/browser/test_explore.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.api.http.explore import NOT_BUILT
from eventgraph.api.http.settings import EXPLORER_ASSETS_DIR, HttpSettings
from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import ROOT

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MISSING = "the explorer is not built: run `make web-assets` (make test does)"
SOURCES = ROOT / "web" / "explore" / "src"


def test_the_page_and_every_file_it_names_are_served(client: TestClient) -> None:
    assert (EXPLORER_ASSETS_DIR / "index.html").is_file(), MISSING
    page = client.get("/explore")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert client.get("/explore?view=network&seeds=Q180&expand=Q1").text == page.text, "every view is the same page"
    names = re.findall(r'(?:src|href)="(/[^"]*)"', page.text)
    local = [n for n in names if n.startswith("/explore/")]
    assert {"/explore/explore.js", "/explore/explore.css"} <= set(local)
    for name in [*local, "/explore/countries-110m.json", "/explore/NOTICES.txt"]:
        answer = client.get(name)
        assert answer.status_code == 200, name
        assert answer.headers["cache-control"] == "public, max-age=0, must-revalidate"
    assert all(n.startswith(("/explore", "/graphql", "/queries", "/sparql", "/")) for n in names), "nothing external"
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page.text), "no CDN"


def test_the_shapes_are_natural_earth_countries_with_their_licence_stated(client: TestClient) -> None:
    shapes = client.get("/explore/countries-110m.json").json()
    assert shapes["type"] == "Topology"
    names = {g["properties"]["name"] for g in shapes["objects"]["countries"]["geometries"]}
    assert {"Turkey", "Kazakhstan", "Brazil"} <= names
    notices = client.get("/explore/NOTICES.txt").text
    assert "Natural Earth" in notices
    assert "public domain" in notices
    assert "world-atlas 2.0.2 (ISC)" in notices
    assert "cytoscape" in notices


def test_files_revalidate_with_their_etag(client: TestClient) -> None:
    first = client.get("/explore/explore.css")
    again = client.get("/explore/explore.css", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_names_outside_the_built_folder_are_not_found(client: TestClient) -> None:
    outside = ("../../pyproject.toml", "..%2F..%2Fpyproject.toml", ".hidden.js", "explore.py", "index.html", "x/y.js")
    for name in outside:
        assert client.get("/explore/" + name).status_code == 404, name


def test_without_a_build_the_page_says_how_to_make_one(loaded_store: OxigraphStore, tmp_path: Path) -> None:
    with TestClient(create_app(loaded_store, settings=HttpSettings(explorer_assets=tmp_path))) as bare:
        page = bare.get("/explore")
        assert page.status_code == 404
        assert page.text == NOT_BUILT
        assert bare.get("/explore/explore.js").status_code == 404


def test_the_landing_page_greets_browsers_and_redirects_programs(client: TestClient) -> None:
    page = client.get("/", headers={"accept": BROWSER})
    assert page.status_code == 200
    links = set(re.findall(r'href="([^"]+)"', page.text))
    assert {"/explore", "/graphql", "/sparql", "/queries"} <= links
    program = client.get("/?query={__typename}", follow_redirects=False)
    assert program.status_code == 307
    assert program.headers["location"] == "/graphql?query=%7B__typename%7D", "the query string is kept"


def _persisted_names() -> set[str]:
    names = set()
    for path in SOURCES.glob("*.js"):
        names |= set(re.findall(r"persisted\(\s*'([a-z0-9-]+)'", path.read_text(encoding="utf-8")))
        names |= set(re.findall(r"allPages\(\s*'([a-z0-9-]+)'", path.read_text(encoding="utf-8")))
    return names


def test_the_page_asks_only_for_persisted_documents_that_exist() -> None:
    names = _persisted_names()
    assert {"explore-search", "explore-entity", "explore-network", "explore-map", "series-editions"} <= names
    examples = {p.stem for p in (ROOT / "queries" / "examples").glob("*.graphql")}
    assert names <= examples, names - examples
    fetched = set()
    for path in SOURCES.glob("*.js"):
        fetched |= set(re.findall(r"fetch\(\s*[`'\"]([^`'\"$]+)", path.read_text(encoding="utf-8")))
    assert fetched <= {"/queries/", "/explore/countries-110m.json"}, "nothing but /queries and the country shapes"


def test_it_works_where_only_trusted_documents_run(loaded_store: OxigraphStore) -> None:
    settings = HttpSettings(trusted_documents_only=True)
    with TestClient(create_app(loaded_store, settings=settings)) as trusted:
        variables = json.dumps({"text": "turkic", "first": 3})
        answer = trusted.get("/queries/explore-search", params={"variables": variables})
        assert answer.status_code == 200
        assert answer.json()["data"]["search"][0]["entity"]["id"] == "eg:turkic-wikimedia-conference"
        refused = trusted.get("/graphql", params={"query": "{ __typename }"})
        assert refused.status_code == 403
