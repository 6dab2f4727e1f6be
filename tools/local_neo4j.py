"""A local Neo4j 5.26 from Maven jars, without Docker: `make neo4j` and the tests' Neo4j leg both start it here.

Standard library only, so `python3 tools/local_neo4j.py start` works before any virtualenv exists. The jars come
from `mvn dependency:copy-dependencies` on `tools/neo4j/pom.xml` (the first run downloads them into ~/.m2);
`tools/neo4j/Launcher.java` runs as a single source file and prints a ready line once Bolt listens.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEO4J_DIR = ROOT / "tools" / "neo4j"
POM = NEO4J_DIR / "pom.xml"
LAUNCHER = NEO4J_DIR / "Launcher.java"
DEFAULT_HOME = ROOT / "var" / "neo4j"
DEFAULT_PORT = 7687
READY = "neo4j ready "
DEFAULT_HEAP = "1g"
"""-Xmx of the server; $NEO4J_HEAP changes it (a load runs in one transaction, which may use 70% of the heap)."""
JAVA_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)
PAGE_CACHE_BYTES = 64 * 1024 * 1024
START_TIMEOUT_S = 120.0
BOLT_MAGIC = bytes.fromhex("6060b017")
BOLT_5 = bytes.fromhex("00000005")  # "any 5.x": the handshake proposes protocol 5 and three empty slots


_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}
"""Servers this process started, kept so `stop` can reap them (and Python does not warn about a lost child)."""


class LocalNeo4jError(RuntimeError):
    """Java or Maven is missing, the jars could not be fetched, or the server did not come up."""


@dataclass(frozen=True, slots=True)
class LocalNeo4j:
    """A running local server: its Bolt URI, process id and the directory that holds its data and log."""

    uri: str
    pid: int
    home: Path


def neo4j_version() -> str:
    """The pinned Neo4j version (the one docker-compose.yml must use too)."""
    text = POM.read_text(encoding="utf-8")
    start = text.index("<neo4j.version>") + len("<neo4j.version>")
    return text[start : text.index("</neo4j.version>", start)]


def missing_tools() -> list[str]:
    """The commands this needs that are not on PATH (empty when it can run here)."""
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def fetch_jars(lib: Path) -> Path:
    """Copy the DBMS jars into `lib` once (Maven downloads them on first use); later calls reuse them."""
    marker = lib / f".complete-{neo4j_version()}"
    if marker.exists():
        return lib
    if missing := missing_tools():
        raise LocalNeo4jError(f"a local Neo4j needs {' and '.join(missing)} on PATH (Java 17+ and Maven)")
    lib.mkdir(parents=True, exist_ok=True)
    command = [
        "mvn", "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
        f"-DoutputDirectory={lib}", "-DincludeScope=runtime",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise LocalNeo4jError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    marker.touch()
    return lib


def bolt_answers(host: str, port: int, timeout: float = 2.0) -> bool:
    """True when a Bolt server at host:port completes the version handshake (not just accepts TCP)."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(BOLT_MAGIC + BOLT_5 + bytes(12))
            agreed = sock.recv(4)
    except OSError:
        return False
    return len(agreed) == 4 and agreed[:2] == bytes(2) and agreed[3] == BOLT_5[3]  # [0, 0, minor, major 5]


def start(home: Path, port: int, lib: Path | None = None, timeout: float = START_TIMEOUT_S) -> LocalNeo4j:
    """Start a server with its data in `home/db` (port 0: a free one); return once Bolt answers."""
    if running := status(home):
        return running
    lib = fetch_jars(lib or home / "lib")
    home.mkdir(parents=True, exist_ok=True)
    log = home / "neo4j.log"
    heap = os.environ.get("NEO4J_HEAP") or DEFAULT_HEAP
    command = [
        "java", f"-Xmx{heap}", *JAVA_FLAGS, "-cp", str(lib / "*"), str(LAUNCHER),
        str(home / "db"), str(port), str(PAGE_CACHE_BYTES),
    ]  # fmt: skip
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        uri = _ready_uri(log)
        if uri is not None and bolt_answers("127.0.0.1", int(uri.rsplit(":", 1)[1])):
            (home / "neo4j.pid").write_text(f"{process.pid} {uri}\n", encoding="utf-8")
            _CHILDREN[process.pid] = process
            return LocalNeo4j(uri, process.pid, home)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    process.wait()
    tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])
    raise LocalNeo4jError(f"Neo4j did not answer on Bolt within {timeout:.0f} s; the end of {log}:\n{tail}")


def _ready_uri(log: Path) -> str | None:
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(READY):
            return line[len(READY) :].strip()
    return None


def status(home: Path) -> LocalNeo4j | None:
    """The server started from `home`, if it is still running."""
    try:
        pid_text, uri = (home / "neo4j.pid").read_text(encoding="utf-8").split()
        os.kill(int(pid_text), 0)
    except (OSError, ValueError):
        return None
    return LocalNeo4j(uri, int(pid_text), home)


def stop(home: Path, timeout: float = 60.0) -> bool:
    """Stop the server started from `home` (a clean shutdown, then a kill); False when none was running."""
    running = status(home)
    (home / "neo4j.pid").unlink(missing_ok=True)
    if running is None:
        return False
    os.kill(running.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(running.pid):
        time.sleep(0.2)
    if _alive(running.pid):
        os.kill(running.pid, signal.SIGKILL)
    if child := _CHILDREN.pop(running.pid, None):
        child.wait()
    return True


def _alive(pid: int) -> bool:
    if child := _CHILDREN.get(pid):
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """`start` (prints the URI), `stop` and `status`, for the Makefile."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME, help="data, log and jars (default var/neo4j)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("NEO4J_PORT", DEFAULT_PORT)), help="Bolt port")
    args = parser.parse_args(argv)
    try:
        if args.action == "start":
            began = time.monotonic()
            server = start(args.home, args.port)
            print(
                f"Neo4j {neo4j_version()} answers at {server.uri} (pid {server.pid}, {time.monotonic() - began:.1f} s)"
            )
            print(f"use it: EVENTGRAPH_STORE={server.uri}; stop it: make neo4j-stop")
        elif args.action == "stop":
            print("stopped" if stop(args.home) else "no local Neo4j was running")
        else:
            running = status(args.home)
            print(running.uri if running else "not running")
            return 0 if running else 1
    except LocalNeo4jError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
