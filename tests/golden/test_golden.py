"""No answer changes: every example and benchmark query, and the fixtures' probes, answer as they did before the
speed work (tests/golden/answers, taken on frozen data; lists without a defined order compared as multisets)."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.api.http.settings import HttpSettings
from tests.golden.answers import DATASETS, answer, golden, requests


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)[:2000]


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_every_answer_is_the_golden_one(dataset: str) -> None:
    expected = golden(dataset)
    store = DATASETS[dataset]()
    asked = requests(dataset)
    assert sorted(expected) == sorted(r.name for r in asked), "a request was added or removed: take the answers anew"
    for request in asked:
        got = answer(store, request)
        assert expected[request.name].matches(got), f"{dataset} {request.name}: {_show(got)}"


def test_persisted_queries_over_http_answer_the_golden_json() -> None:
    expected = golden("frozen-1x")
    settings = HttpSettings(response_cache_size=64)
    with TestClient(create_app(DATASETS["frozen-1x"](), settings=settings)) as client:
        for request in requests("frozen-1x"):
            for attempt in ("uncached", "cached"):
                response = client.get(f"/queries/{request.name}")
                assert response.status_code == 200, response.text[:300]
                assert expected[request.name].matches(response.json()), f"{request.name} ({attempt})"


def test_a_changed_answer_is_caught() -> None:
    expected = golden("frozen-1x")["explore-map"]
    changed = json.loads(json.dumps(expected.answer))
    nodes = changed["data"]["events"]["nodes"]
    assert len(nodes) > 1
    nodes.reverse()
    assert not expected.matches(changed), "the order of a sorted page counts"
    nodes.pop()
    assert not expected.matches(changed)
