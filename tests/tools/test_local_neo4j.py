"""The local Neo4j of `make neo4j` and the Neo4j leg: a real server from Maven jars, answering on Bolt."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from tools.local_neo4j import ROOT, LocalNeo4j, LocalNeo4jError, bolt_answers, fetch_jars, neo4j_version, start


def test_the_server_is_the_pinned_community_release(neo4j_server: LocalNeo4j) -> None:
    assert neo4j_server.uri.startswith("bolt://127.0.0.1:")
    with GraphDatabase.driver(neo4j_server.uri, auth=None) as driver:
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions, edition RETURN versions, edition")
    assert records[0]["versions"] == [neo4j_version()]
    assert records[0]["edition"] == "community"
    assert neo4j_version().startswith("5.26.")


def test_starting_again_returns_the_running_server(neo4j_server: LocalNeo4j) -> None:
    again = start(neo4j_server.home, 0)
    assert (again.uri, again.pid) == (neo4j_server.uri, neo4j_server.pid)


def test_status_command_prints_the_uri(neo4j_server: LocalNeo4j) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "local_neo4j.py"), "status", "--home", str(neo4j_server.home)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, neo4j_server.uri)


def test_status_command_says_when_nothing_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "local_neo4j.py"), "status", "--home", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (1, "not running")


@pytest.fixture
def not_bolt() -> Iterator[int]:
    """A TCP server on loopback that accepts and answers like a web server, not like Bolt."""
    with socket.create_server(("127.0.0.1", 0)) as server:

        def answer() -> None:
            conn, _ = server.accept()
            with conn:
                conn.recv(20)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

        thread = threading.Thread(target=answer, daemon=True)
        thread.start()
        yield server.getsockname()[1]
        thread.join(timeout=5)


def test_readiness_needs_a_bolt_handshake_not_an_open_port(not_bolt: int) -> None:
    assert not bolt_answers("127.0.0.1", not_bolt)


def test_readiness_is_false_on_a_closed_port() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    assert not bolt_answers("127.0.0.1", port, timeout=0.5)


def test_readiness_is_true_on_the_real_server(neo4j_server: LocalNeo4j) -> None:
    assert bolt_answers("127.0.0.1", int(neo4j_server.uri.rsplit(":", 1)[1]))


def test_missing_java_or_maven_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(LocalNeo4jError, match="java and mvn"):
        fetch_jars(tmp_path / "lib")


@pytest.mark.parametrize(("ci", "outcome"), [("true", "1 error"), ("", "1 skipped")])
def test_without_java_the_leg_fails_in_ci_and_is_skipped_loudly_elsewhere(ci: str, outcome: str) -> None:
    target = "tests/tools/test_local_neo4j.py::test_readiness_is_true_on_the_real_server"
    env = {"PATH": str(Path(sys.executable).parent), "CI": ci, "HOME": str(Path.home())}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert outcome in done.stdout
    assert "Neo4j leg not run: java and mvn not on PATH" in done.stdout
