"""Progress a person can follow on a terminal (rich), and nothing but a summary line anywhere else."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class LoadProgress:
    """One line that moves while a load works: what it does now, how far, for how long (terminals only)."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress: Progress | None = None
        self._task: object = None

    def __enter__(self) -> LoadProgress:
        if self.enabled:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("starting", total=None)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(kind, error, trace)
            self._progress = None

    def step(self, description: str, done: int = 0, total: int | None = None) -> None:
        """Show what the load does now (`done` of `total` when it can count)."""
        if self._progress is not None:
            self._progress.update(self._task, description=description, completed=done, total=total)  # type: ignore[arg-type]

    @contextmanager
    def phase(self, description: str) -> Iterator[None]:
        self.step(description)
        yield
