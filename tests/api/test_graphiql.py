"""GraphiQL works offline: pinned local assets, a CDN fallback, and a real headless Chromium rendering it."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.api.http.graphiql import ASSETS
from eventgraph.api.http.settings import GRAPHIQL_ASSETS_DIR, HttpSettings
from eventgraph.store.oxigraph import OxigraphStore
from tests.browser.chromium import dump_dom
from tests.conformance.audit import live_server

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MISSING = "GraphiQL assets are not installed: run `make web-assets` (make test does)"


def test_the_page_loads_only_local_assets(client: TestClient) -> None:
    assert all((GRAPHIQL_ASSETS_DIR / path).is_file() for path, _ in ASSETS.values()), MISSING
    page = client.get("/graphql", headers={"accept": BROWSER})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources
    assert all(s.startswith("/graphiql/") for s in sources), sources
    for source in sources:
        asset = client.get(source)
        assert asset.status_code == 200, source
        assert asset.headers["content-type"].startswith(("text/javascript", "text/css"))
    assert client.get("/graphiql/../../pyproject.toml").status_code == 404


def test_without_local_assets_the_page_falls_back_to_the_cdn(loaded_store: OxigraphStore, tmp_path: Path) -> None:
    with TestClient(create_app(loaded_store, settings=HttpSettings(graphiql_assets=tmp_path))) as bare:
        page = bare.get("/graphql", headers={"accept": BROWSER})
        assert page.status_code == 200
        sources = re.findall(r'src="([^"]+)"', page.text)
        assert any(s.startswith("https://") and "graphiql" in s for s in sources), "strawberry's CDN page"
        assert bare.get("/graphiql/graphiql.min.js").status_code == 404


def test_graphiql_renders_in_headless_chromium(loaded_store: OxigraphStore, tmp_path: Path) -> None:
    assert all((GRAPHIQL_ASSETS_DIR / path).is_file() for path, _ in ASSETS.values()), MISSING
    with live_server(loaded_store) as url:
        dom = dump_dom(url, tmp_path / "profile")
    assert "graphiql-query-editor" in dom, "GraphiQL did not render: " + dom[:500]
    assert "graphiql-execute-button" in dom
    assert "eg:turkic-wikimedia-conference" in dom, "the starting query is in the editor"


def test_an_entity_page_renders_in_headless_chromium(loaded_store: OxigraphStore, tmp_path: Path) -> None:
    with live_server(loaded_store) as url:
        page = url.removesuffix("/graphql") + "/entity/eg:turkic-wikimedia-conference-2012"
        dom = dump_dom(page, tmp_path / "profile")
    assert "Turkic Wikimedia Conference 2012" in dom
    assert 'href="/entity/Q35493"' in dom, "the location links to Almaty's page"
    assert "https://www.wikidata.org/wiki/Q1993710" in dom or 'href="/entity/Q1993710"' in dom, "TURKSOY is linked"
