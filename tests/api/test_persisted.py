"""Persisted queries: every queries/examples file by name and by sha256, Apollo's form, and trusted-only mode."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from eventgraph.api.app import create_app
from eventgraph.api.http.settings import EXAMPLES_DIR, HttpSettings
from eventgraph.store.oxigraph import OxigraphStore

EXAMPLES = sorted(EXAMPLES_DIR.glob("*.graphql"))
NAME = "events-by-country-and-year"
TEXT = (EXAMPLES_DIR / f"{NAME}.graphql").read_text(encoding="utf-8")
SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def _apq(sha: str) -> dict[str, object]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha}}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_is_served_by_name_and_by_hash(client: TestClient, path: Path) -> None:
    sha = hashlib.sha256(path.read_text(encoding="utf-8").encode()).hexdigest()
    by_name = client.get(f"/queries/{path.stem}")
    by_hash = client.get(f"/queries/{sha}")
    assert by_name.status_code == by_hash.status_code == 200
    assert "errors" not in by_name.json()
    assert by_name.json() == by_hash.json()


def test_variables_travel_as_url_encoded_json(client: TestClient) -> None:
    default = client.get(f"/queries/{NAME}").json()["data"]["events"]["totalCount"]
    other_year = client.get(f"/queries/{NAME}", params={"variables": json.dumps({"year": 1990})}).json()
    assert default > 0
    assert other_year["data"]["events"]["totalCount"] == 0


def test_the_list_names_every_document(client: TestClient) -> None:
    listed = {q["name"]: q["sha256"] for q in client.get("/queries").json()["queries"]}
    assert listed[NAME] == SHA
    assert set(listed) == {p.stem for p in EXAMPLES}


def test_unknown_ids_are_404_with_a_code(client: TestClient) -> None:
    response = client.get("/queries/no-such-dashboard")
    assert response.status_code == 404
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


def test_apollo_persisted_query_form_by_get_and_post(client: TestClient) -> None:
    expected = client.get(f"/queries/{NAME}").json()
    by_get = client.get("/graphql", params={"extensions": json.dumps(_apq(SHA))})
    by_post = client.post("/graphql", json={"extensions": _apq(SHA)})
    assert by_get.json() == by_post.json() == expected
    unknown = client.post("/graphql", json={"extensions": _apq("0" * 64)})
    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


def test_a_hash_that_does_not_match_the_query_is_refused(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ __typename }", "extensions": _apq(SHA)})
    assert response.status_code == 400


def test_trusted_documents_only_refuses_other_documents(loaded_store: OxigraphStore) -> None:
    with TestClient(create_app(loaded_store, settings=HttpSettings(trusted_documents_only=True))) as strict:
        refused = strict.post("/graphql", json={"query": "{ __typename }"})
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["extensions"]["code"] == "TRUSTED_DOCUMENTS_ONLY"
        assert strict.get(f"/queries/{NAME}").status_code == 200
        assert strict.post("/graphql", json={"extensions": _apq(SHA)}).status_code == 200
        assert strict.post("/graphql", json={"query": TEXT}).status_code == 200, "the exact text is trusted too"


def test_trusted_documents_only_is_off_by_default(client: TestClient) -> None:
    assert client.post("/graphql", json={"query": "{ __typename }"}).status_code == 200
