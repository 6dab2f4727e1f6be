"""A real SPARQL server for the Wikidata loader's tests, and a fault-injecting proxy in front of it.

The server is the `oxigraph` CLI serving the Wikidata-format fixture on a free loopback port. The proxy
forwards each request unless a fault is planned for it (429 with or without Retry-After, 500, 503, a
response that hangs past the client's timeout, truncated JSON, a connection cut mid-body), and records
every request: method, User-Agent, query text, and how many were in flight at once.
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import threading
import time
import typing
import urllib.parse
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventgraph.model import (
    EG_ID,
    EG_SOURCE,
    RDF_TYPE,
    WD,
    XSD_DATE,
    XSD_GYEARMONTH,
    XSD_INTEGER,
    Blank,
    EntityClass,
    Iri,
    Literal,
    P,
    SourceInfo,
    Term,
    Triple,
)
from eventgraph.store.oxigraph import OxigraphStore
from loaders.wikidata.config import WikidataConfig, load_config
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "wikidata" / "fixture.ttl"
OXIGRAPH = ROOT / ".venv" / "bin" / "oxigraph"

FaultKind = typing.Literal["429", "500", "503", "hang", "truncate", "cut"]


@dataclass(frozen=True, slots=True)
class Fault:
    kind: FaultKind
    retry_after: str | None = None
    hang_s: float = 1.5


@dataclass(frozen=True, slots=True)
class Recorded:
    method: str
    user_agent: str
    query: str
    answered: str  # "forwarded" or the fault kind


@dataclass
class FaultProxy:
    """Forwards to `upstream` (host, port); `plan()` queues faults for the next requests, in order."""

    upstream: tuple[str, int]
    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)
    delay_s: float = 0.0
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def plan(self, *faults: Fault) -> None:
        with self.lock:
            self.faults.extend(faults)

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.faults.clear()
            self.delay_s = 0.0
            self.in_flight = 0
            self.max_in_flight = 0

    def next_fault(self) -> Fault | None:
        with self.lock:
            return self.faults.popleft() if self.faults else None


def _handler(proxy: FaultProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        _counted = False

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self._handle(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._handle(self.rfile.read(length))

        def _handle(self, body: bytes) -> None:
            with proxy.lock:
                proxy.in_flight += 1
                proxy.max_in_flight = max(proxy.max_in_flight, proxy.in_flight)
            self._counted = True
            try:
                self._answer(body)
            finally:
                self._done()

        def _done(self) -> None:
            """Out of flight: called before the first byte of the answer, since the client may send its next
            request as soon as it has read this one (and an abandoned, hanging request no longer counts)."""
            if self._counted:
                self._counted = False
                with proxy.lock:
                    proxy.in_flight -= 1

        def _answer(self, body: bytes) -> None:
            fault = proxy.next_fault()
            query = _query_text(self.path, body, self.headers.get("Content-Type", ""))
            answered = fault.kind if fault else "forwarded"
            record = Recorded(self.command, self.headers.get("User-Agent", ""), query, answered)
            with proxy.lock:
                proxy.requests.append(record)
            if fault and fault.kind in ("429", "500", "503"):
                headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
                self._send(int(fault.kind), b"planned fault", "text/plain", headers)
                return
            if fault and fault.kind == "hang":
                self._done()
                time.sleep(fault.hang_s)
                self.close_connection = True
                return
            status, content_type, payload = self._forward(body)
            time.sleep(proxy.delay_s)
            if fault and fault.kind == "truncate":
                self._send(status, payload[: len(payload) // 2], content_type)
            elif fault and fault.kind == "cut":
                self._done()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload[: len(payload) // 2])
                self.wfile.flush()
                self.close_connection = True
            else:
                self._send(status, payload, content_type)

        def _forward(self, body: bytes) -> tuple[int, str, bytes]:
            connection = http.client.HTTPConnection(*proxy.upstream, timeout=10)
            headers = {k: v for k, v in self.headers.items() if k.lower() in ("accept", "content-type", "user-agent")}
            connection.request(self.command, self.path, body=body or None, headers=headers)
            try:
                response = connection.getresponse()
                payload = response.read()
                return response.status, response.getheader("Content-Type", "application/octet-stream"), payload
            finally:
                connection.close()

        def _send(self, status: int, payload: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            self._done()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def _query_text(path: str, body: bytes, content_type: str) -> str:
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    if body and "application/x-www-form-urlencoded" in content_type:
        params.update(urllib.parse.parse_qs(body.decode("ascii")))
    return params.get("query", [""])[0]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(port: int, process: subprocess.Popen[bytes], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        try:
            connection.request("GET", "/query?query=" + urllib.parse.quote("ASK {}"))
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.05)
        finally:
            connection.close()
    raise RuntimeError("oxigraph serve did not come up")


@pytest.fixture(scope="session")
def sparql_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The `oxigraph` CLI serving the fixture on loopback; yields the query endpoint URL."""
    if not OXIGRAPH.exists() and shutil.which("oxigraph") is None:
        pytest.fail("the oxigraph CLI is not installed: pip install -e '.[test]'")
    binary = str(OXIGRAPH) if OXIGRAPH.exists() else "oxigraph"
    location: Path = tmp_path_factory.mktemp("oxigraph")
    load = [binary, "load", "--location", str(location), "--file", str(FIXTURE)]
    subprocess.run(load, check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(port, process)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def _proxy_server(sparql_server: str) -> Iterator[FaultProxy]:
    upstream = urllib.parse.urlsplit(sparql_server)
    proxy = FaultProxy((upstream.hostname or "127.0.0.1", upstream.port or 80))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(proxy))
    server.daemon_threads = True
    proxy.url = f"http://127.0.0.1:{server.server_address[1]}/query"
    thread = threading.Thread(target=server.serve_forever, name="fault-proxy", daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def proxy(_proxy_server: FaultProxy) -> Iterator[FaultProxy]:
    """The fault proxy, emptied of planned faults and recorded requests for each test."""
    _proxy_server.reset()
    yield _proxy_server
    _proxy_server.reset()


# ---------------------------------------------------------------------- the local side and the settings

LOCAL_GRAPH = EG_SOURCE + "wikidata-test-local"


def _t(subject: str, predicate: str, obj: Term) -> Triple:
    return Triple(Iri(subject), Iri(predicate), obj)


def local_triples() -> list[Triple]:
    """What a local source would say: a series and an edition known only by their pages, an event known by
    QID with a start date and an attendance Wikidata disagrees with, a user group known by its Meta page,
    and a place whose page has no item."""
    series, edition, group, nowhere = (EG_ID + n for n in ("test-series", "test-edition-2021", "test-ug", "nowhere"))
    event = WD + "Q9000004"
    attendance = Blank("wdtestlocalattendance")
    return [
        _t(series, RDF_TYPE, Iri(EntityClass.EVENT_SERIES.iri)),
        _t(series, P.page, Iri("https://meta.wikimedia.org/wiki/Test_Wiki_Conference")),
        _t(edition, RDF_TYPE, Iri(EntityClass.EVENT.iri)),
        # as a local source may write it: unencoded, which Wikidata stores percent-encoded
        _t(edition, P.page, Iri("https://tr.wikipedia.org/wiki/Test_Konferansı_2021")),
        _t(event, RDF_TYPE, Iri(EntityClass.EVENT.iri)),
        _t(event, P.start_date, Literal("2023-10-21", XSD_DATE)),
        _t(event, P.end_date, Literal("2023-10", XSD_GYEARMONTH)),
        _t(event, P.location, Iri(WD + "Q9000010")),
        _t(event, P.attendance, attendance),
        Triple(attendance, Iri(P.text), Literal("200")),
        Triple(attendance, Iri(P.value), Literal("200", XSD_INTEGER)),
        Triple(attendance, Iri(P.qualifier), Literal("exact")),
        _t(group, RDF_TYPE, Iri(EntityClass.ORGANIZATION.iri)),
        _t(group, P.page, Iri("https://meta.wikimedia.org/wiki/Test_Wikimedians_User_Group")),
        _t(nowhere, RDF_TYPE, Iri(EntityClass.PLACE.iri)),
        _t(nowhere, P.page, Iri("https://meta.wikimedia.org/wiki/No_Such_Test_Page")),
    ]


@pytest.fixture
def linked_store() -> OxigraphStore:
    """An in-memory store holding the local side of the test story (`local_triples`)."""
    store = OxigraphStore.in_memory()
    source = SourceInfo(LOCAL_GRAPH, "test local source", "https://example.org/test", "local")
    store.replace_source(source, local_triples())
    return store


@pytest.fixture
def wikidata_config() -> WikidataConfig:
    """The shipped configuration with test timings: tiny waits, a short timeout, few attempts."""
    config = load_config()
    client = replace(
        config.client,
        timeout_s=0.5,
        max_attempts=3,
        backoff_base_s=0.01,
        backoff_max_s=0.05,
        retry_after_default_s=0.05,
        retry_after_max_s=5.0,
    )
    return replace(config, client=client, contact="eventgraph-tests@example.invalid")
