"""graphql-http's audit against the live server: every MUST passes; failing SHOULDs are listed in docs/dashboards.md."""

from __future__ import annotations

import pytest

from eventgraph.store.oxigraph import OxigraphStore
from tests.conformance.audit import live_server, run_audit, summary

# SHOULDs this server knowingly fails, each with its reason in docs/dashboards.md ("GraphQL over HTTP"): none today.
KNOWN_SHOULD_FAILURES: set[str] = set()


def test_graphql_http_audit(loaded_store: OxigraphStore, capsys: pytest.CaptureFixture[str]) -> None:
    with live_server(loaded_store) as url:
        results = run_audit(url)
    with capsys.disabled():
        print("\ngraphql-http audit:\n" + summary(results))
    assert len(results) > 50, "the audit ran fewer checks than graphql-http 1.23 has"
    failed_must = [f"{r.id} {r.name}: {r.reason}" for r in results if r.level == "MUST" and r.status != "ok"]
    assert failed_must == []
    failed_should = {r.id for r in results if r.level == "SHOULD" and r.status != "ok"}
    assert failed_should <= KNOWN_SHOULD_FAILURES, "list the reason in docs/dashboards.md, then here"
