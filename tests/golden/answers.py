"""The golden datasets, the requests run on each, and how an answer is taken (in-process, uncached)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.compare import canonical, unordered_paths
from benchmarks.dataset import benchmark_store, freeze, frozen_batch
from benchmarks.workload import Request, examples
from eventgraph.store.oxigraph import OxigraphStore
from loaders.local import read_sources
from tests.conftest import ROOT, run_query

HERE = Path(__file__).resolve().parent
ANSWERS = HERE / "answers"
FROZEN = HERE / "data"
PROBES = HERE / "probes.graphql"
FIXTURES = {
    "explorer": ["research/synthetic-research.yaml", "explorer/synthetic-explorer.yaml"],
    "workbench": ["workbench/synthetic-affiliates.yaml"],
    "exports": ["exports/synthetic-exports.yaml"],
}
"""The synthetic fixtures of tests/data, frozen as the loader read them when the golden answers were taken."""


def _frozen_fixture(name: str) -> Path:
    return FROZEN / f"{name}.nq.gz"


@cache
def _fixture_store(name: str) -> OxigraphStore:
    store = OxigraphStore.in_memory()
    store.replace_sources(frozen_batch(_frozen_fixture(name)))
    return store


DATASETS: dict[str, Callable[[], OxigraphStore]] = {
    "frozen-1x": cache(lambda: benchmark_store(1)),
    "frozen-3x": cache(lambda: benchmark_store(3)),
    **{f"fixture-{name}": (lambda n=name: _fixture_store(n)) for name in FIXTURES},  # type: ignore[misc]
}


def probes() -> list[Request]:
    """Each operation of probes.graphql, run by name (the whole document is sent, as a client would)."""
    text = PROBES.read_text(encoding="utf-8")
    return [Request(f"probe-{name}", text) for name in re.findall(r"^query (\w+)", text, re.MULTILINE)]


def requests(dataset: str) -> list[Request]:
    """The benchmark's workload everywhere; the probes on the fixtures too."""
    return examples() + (probes() if dataset.startswith("fixture-") else [])


def answer(store: Any, request: Request) -> dict[str, Any]:
    """The response to one request, executed in-process without any cache."""
    operation = request.name.removeprefix("probe-") if request.name.startswith("probe-") else None
    return run_query(store, request.text, request.variables, operation)


def answers_file(dataset: str) -> Path:
    return ANSWERS / f"{dataset}.json"


def golden(dataset: str) -> dict[str, Golden]:
    """The golden copy of a dataset's answers: per request, the answer and its lists without a defined order."""
    found = json.loads(answers_file(dataset).read_text(encoding="utf-8"))
    return {name: Golden(entry["answer"], frozenset(entry["unordered"])) for name, entry in found.items()}


@dataclass(frozen=True, slots=True)
class Golden:
    answer: dict[str, Any]
    unordered: frozenset[str]

    def matches(self, answer: dict[str, Any]) -> bool:
        return bool(canonical(answer, self.unordered) == canonical(self.answer, self.unordered))


def take_all() -> dict[str, dict[str, Any]]:
    """Every dataset's answers, taken in this process."""
    return {d: {r.name: answer(store(), r) for r in requests(d)} for d, store in DATASETS.items()}


def write_answers(processes: int = 12) -> None:
    """Take every answer in `processes` fresh processes (the store's iteration order differs between them), keep
    the first process's, and record the lists whose order changed between processes."""
    with tempfile.TemporaryDirectory() as tmp:
        outputs = [Path(tmp) / f"run-{n}.json" for n in range(processes)]
        for pair in range(0, processes, 2):  # two at a time: the machine has two cores
            running = [
                subprocess.Popen([sys.executable, "-m", "tests.golden", "--take", str(out)], cwd=ROOT)
                for out in outputs[pair : pair + 2]
            ]
            if any(p.wait() != 0 for p in running):
                raise SystemExit("taking the answers failed")
        runs = [json.loads(out.read_text(encoding="utf-8")) for out in outputs]
    ANSWERS.mkdir(exist_ok=True)
    for dataset in DATASETS:
        entries = {}
        for name, first in runs[0][dataset].items():
            answers = [run[dataset][name] for run in runs]
            unordered = unordered_paths(answers)
            if any(canonical(a, unordered) != canonical(first, unordered) for a in answers):
                raise SystemExit(f"{dataset} {name}: the answer's content differs between processes")
            entries[name] = {"unordered": sorted(unordered), "answer": first}
        text = json.dumps(entries, indent=1, ensure_ascii=False) + "\n"
        answers_file(dataset).write_text(text, encoding="utf-8")


def freeze_fixtures() -> None:
    for name, files in FIXTURES.items():
        store = OxigraphStore.in_memory()
        store.replace_sources([(m.info, m.triples) for m in read_sources([ROOT / "tests" / "data" / f for f in files])])
        freeze(store.sources(), store.dump(), _frozen_fixture(name))
