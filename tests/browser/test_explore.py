"""The explorer in Debian's headless Chromium, driven by playwright-core (explore.mjs) as a researcher would use it.

A real app serves the synthetic fixtures (tests/data/research and tests/data/explorer) over real HTTP on an ephemeral
loopback port; nothing outside loopback resolves. Screenshots land in build/screenshots/explore/ (git-ignored).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from eventgraph.api.http.settings import EXPLORER_ASSETS_DIR
from eventgraph.store.oxigraph import OxigraphStore
from loaders.local import read_sources
from tests.browser.chromium import FLAGS, chromium
from tests.conformance.audit import live_server
from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / "build" / "screenshots" / "explore"
FIXTURES = [
    ROOT / "tests" / "data" / "research" / "synthetic-research.yaml",
    ROOT / "tests" / "data" / "explorer" / "synthetic-explorer.yaml",
]


def explorer_store() -> OxigraphStore:
    """The two synthetic fixtures, loaded together (the explorer's refers to the research fixture's records)."""
    store = OxigraphStore.in_memory()
    store.replace_sources([(m.info, m.triples) for m in read_sources(FIXTURES)])
    return store


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    executable = chromium()
    node = shutil.which("node")
    assert node is not None, "node is needed for playwright-core"
    assert (HERE / "node_modules" / "playwright-core").is_dir(), "run `make browser-deps` (make test does)"
    assert (EXPLORER_ASSETS_DIR / "index.html").is_file(), "the explorer is not built: run `make web-assets`"
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    config = {
        "executablePath": executable,
        "flags": FLAGS,
        "profile": str(tmp_path_factory.mktemp("chromium-profile")),
        "screenshots": str(SCREENSHOTS),
    }
    with live_server(explorer_store()) as url:
        config["base"] = url.removesuffix("/graphql")
        completed = subprocess.run(
            [node, str(HERE / "explore.mjs"), json.dumps(config)],
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
    assert completed.returncode == 0, completed.stderr[-4000:]
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def step(report: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in report["steps"] if s["name"] == name)
    return found


def test_nothing_went_wrong_in_the_browser(report: dict[str, Any]) -> None:
    assert report["consoleErrors"] == []
    assert report["pageErrors"] == []
    assert report["failedRequests"] == []
    assert report["outsideRequests"] == [], "the page works offline: no CDN, no tiles"


def test_every_step_left_a_screenshot(report: dict[str, Any]) -> None:
    shots = {p.stem for p in SCREENSHOTS.glob("*.png")}
    assert {s["name"] for s in report["steps"] if s["name"][0].isdigit()} <= shots
    assert len(shots) >= 10


def test_the_overview_charts_the_facets(report: dict[str, Any]) -> None:
    overview = step(report, "01-overview")
    assert {"Events per year", "Kinds of event", "Countries", "Regions", "Series"} <= set(overview["charts"])
    assert overview["lead"].startswith("12 events"), "the fixtures hold 12 events"


def test_search_as_you_type_finds_and_opens_an_entity(report: dict[str, Any]) -> None:
    assert "Q9000611" in step(report, "02-search")["suggestions"]
    entity = step(report, "03-entity")
    assert entity["heading"] == "Wikimedia Exampleland"
    assert "Chapter" in entity["facts"]
    assert entity["url"] == "/explore?view=entity&id=Q9000611"


def test_a_click_on_a_node_expands_it_and_the_url_reproduces_that(report: dict[str, Any]) -> None:
    network = step(report, "04-network")
    expanded = step(report, "05-network-expanded")
    assert network["url"] == "/explore?view=network&seeds=Q9000611"
    assert expanded["nodes"] > network["nodes"], "the Mockovia group's own events joined the drawing"
    assert expanded["panel"] == "Mockovia Wikimedians User Group"
    assert "expand=Q9000612" in expanded["url"]
    assert step(report, "reopen-network")["nodes"] == expanded["nodes"]


def test_the_co_organization_network_filters_by_kind(report: dict[str, Any]) -> None:
    co = step(report, "06-co-organization")
    assert co["nodes"] == 4, "chapters, user groups and IGOs linked to one another in the fixtures"
    assert {"Chapter", "User group", "IGO"} <= set(co["legend"])
    assert "Foundation" not in co["legend"]
    behind = [item.split(" · ")[0] for item in co["linkPanel"]]
    assert behind == ["Synthetic Summit 2027", "Synthetic Body and Wikimedia Exampleland on health"], "why linked"


def test_timelines_show_every_series_then_one(report: dict[str, Any]) -> None:
    assert step(report, "07-timeline")["lanes"] == ["Synthetic Summit", "Synthetic Conference"], "by first edition"
    series = step(report, "08-series")
    assert (series["heading"], series["rows"]) == ("Synthetic Summit", 4)


def test_the_map_places_events_on_natural_earth_countries(report: dict[str, Any]) -> None:
    shown = step(report, "09-map")
    assert shown["countries"] > 150, "country shapes drawn"
    assert shown["points"] == 8, "eight distinct points: four cities here, three towns and a venue there"
    assert shown["panel"] == "Sampleton"
    assert [e.split(" · ")[0] for e in shown["placeEvents"]] == [
        "Synthetic Summit 2026",
        "Heritage Edit-a-thon 2028",
        "Synthetic Summit 2029",
    ]


def test_a_phone_sized_screen_gets_the_same_view(report: dict[str, Any]) -> None:
    assert step(report, "10-phone-entity")["heading"] == "Synthetic Summit 2027"
