"""The service image without Docker: the Dockerfile's RUN steps run for real into a clean venv.

No Docker engine runs where this project is tested, so the steps that install eventgraph (build the wheel from a
clean copy of the checkout, install it non-editable into its own venv) run here with their path variables
pointed at a temporary folder. The packaging test and the compose test use the venv this gives.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.deploy.dockerfile import Stage, stages

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
NOT_RUN_HERE = ("useradd ",)  # changes this machine's users; checked below instead of run
PATH_VARIABLES = {"WEB", "SRC", "WHEELS", "VIRTUAL_ENV"}  # every path a RUN step touches, moved to a temp dir here


def run_steps(all_stages: list[Stage]) -> list[str]:
    """The shell-form RUN steps of every stage, in build order, without the ones named in NOT_RUN_HERE."""
    return [run for stage in all_stages for run in stage.of("RUN") if not run.startswith(NOT_RUN_HERE)]


def checkout_copy(target: Path) -> Path:
    """The files a clean checkout has (tracked, or new and not ignored): what `COPY . /src` sees, less local state."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
        elif source.is_symlink():  # src/eventgraph/{queries,schema,web} link to the top-level folders
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.readlink(source), target / name)
    return target


def install_like_the_dockerfile(work: Path) -> Path:
    """Run every RUN step of the Dockerfile but `useradd`, in `work`; return the venv they install into."""
    bin_dir = work / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)  # the image's `python`: this interpreter, 3.11
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(work),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "SRC": str(checkout_copy(work / "src")),
        "WEB": str(work / "src" / "web"),  # the web stage builds in place: what its COPY --from lines bring
        "WHEELS": str(work / "wheels"),
        "VIRTUAL_ENV": str(work / "venv"),
    }
    for step in run_steps(stages(DOCKERFILE)):
        done = subprocess.run(["/bin/sh", "-c", step], env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{step}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return work / "venv"
