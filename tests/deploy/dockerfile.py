"""Just enough of a Dockerfile reader to run its steps without Docker: instructions, stages, ENV and RUN."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Instruction:
    """One instruction, continuation lines joined; `args` is the text after the keyword."""

    keyword: str
    args: str


@dataclass(slots=True)
class Stage:
    """A FROM stage: its base image, its instructions, and the ENV values in force at each RUN."""

    base: str
    instructions: list[Instruction] = field(default_factory=list)

    def of(self, keyword: str) -> list[str]:
        """The arguments of every instruction with this keyword, in order."""
        return [i.args for i in self.instructions if i.keyword == keyword]

    def env(self) -> dict[str, str]:
        """The variables the stage's ENV instructions set (the `KEY=VALUE ...` form)."""
        values: dict[str, str] = {}
        for args in self.of("ENV"):
            for pair in shlex.split(args):
                key, _, value = pair.partition("=")
                values[key] = value
        return values


def instructions(path: Path) -> list[Instruction]:
    """The instructions of a Dockerfile, comments dropped and `\\` continuations joined."""
    joined = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    found = []
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            keyword, _, args = line.strip().partition(" ")
            found.append(Instruction(keyword.upper(), " ".join(args.split())))
    return found


def stages(path: Path) -> list[Stage]:
    """The build stages in order."""
    found: list[Stage] = []
    for instruction in instructions(path):
        if instruction.keyword == "FROM":
            found.append(Stage(instruction.args.split()[0]))
        else:
            found[-1].instructions.append(instruction)
    return found
