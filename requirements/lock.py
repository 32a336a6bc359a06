# Kept, small, around `uv pip compile --generate-hashes` (which does the locking): uv has no offline check that a lock was
# compiled from today's pyproject.toml (`uv lock --check` resolves again), and `uv lock`/`uv export` would move the set-up to
# uv.lock and `uv sync` (Makefile, tests/project/test_lock.py) and need the build requirements, tools.in and uv's own hashed
# pin (uv.txt) handled anew: more, not less.
"""`make lock`: compile requirements/lock.txt, the exact versions `make setup` installs, from pyproject.toml.

The lock holds every dependency of pyproject.toml (the main list and every extra: `dask`, `test`), its build
requirements (setuptools, wheel: the project is installed without build isolation, so they come from the lock
too) and requirements/tools.in (uv, pip), each pinned with its files' sha256 hashes, for CPython 3.11 on
Linux x86_64 (manylinux_2_28, glibc 2.28 or newer). Its first line records a digest of those inputs;
tests/project/test_lock.py recomputes it offline and fails when pyproject.toml changed without a re-lock.

    make lock            re-lock after a change to pyproject.toml: pins already in the lock are kept where they still fit
    make lock UPGRADE=1  re-lock with the newest versions the ranges allow
    python requirements/lock.py --check   exit 1 if the lock is older than pyproject.toml's dependency lists

requirements/uv.txt, uv's own pin and hashes copied from the lock, is what pip installs into .venv first.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LOCK = HERE / "lock.txt"
UV_REQUIREMENT = HERE / "uv.txt"
TOOLS = HERE / "tools.in"
PYTHON_VERSION = "3.11"
PYTHON_PLATFORM = "x86_64-manylinux_2_28"
DIGEST_PREFIX = "# inputs-sha256: "


def lock_inputs(root: Path = ROOT) -> dict:
    """What the lock is compiled from: pyproject.toml's dependency lists and requirements/tools.in."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    tools = (root / "requirements" / "tools.in").read_text(encoding="utf-8").splitlines()
    return {
        "requires-python": project.get("requires-python", ""),
        "dependencies": project.get("dependencies", []),
        "optional-dependencies": project.get("optional-dependencies", {}),
        "build-system": pyproject.get("build-system", {}).get("requires", []),
        "tools": [line.split("#")[0].strip() for line in tools if line.split("#")[0].strip()],
        "target": [PYTHON_VERSION, PYTHON_PLATFORM],
    }


def inputs_digest(root: Path = ROOT) -> str:
    return hashlib.sha256(json.dumps(lock_inputs(root), sort_keys=True).encode()).hexdigest()


def entry_blocks(lock_text: str) -> dict[str, str]:
    """The lock's entries by normalised name: each `name==version \\` line with its hash and `# via` lines."""
    blocks: dict[str, list[str]] = {}
    current = None
    for line in lock_text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            current = line.split("==")[0].strip().lower().replace("_", "-")
            blocks[current] = []
        elif not line.strip() or line.startswith("#"):
            current = None
            continue
        if current is not None:
            blocks[current].append(line)
    return {name: "\n".join(lines) + "\n" for name, lines in blocks.items()}


def recorded_digest(lock_text: str) -> str:
    first = lock_text.splitlines()[0] if lock_text else ""
    return first[len(DIGEST_PREFIX) :].strip() if first.startswith(DIGEST_PREFIX) else ""


def main(argv: list[str]) -> int:
    if argv == ["--check"]:  # exit 1 when the lock was compiled from other inputs than today's (no network, no uv)
        return 0 if LOCK.exists() and recorded_digest(LOCK.read_text(encoding="utf-8")) == inputs_digest() else 1
    uv = Path(sys.executable).with_name("uv")
    if not uv.exists():
        print(f"error: {uv} is missing: run `make setup` (or `make lock`, which installs it) first", file=sys.stderr)
        return 1
    if LOCK.exists() and "<<<<<<<" in LOCK.read_text(encoding="utf-8"):
        print("requirements/lock.txt has merge-conflict markers: compiling it afresh from pyproject.toml")
        LOCK.unlink()
    build = [f"{requirement}\n" for requirement in lock_inputs()["build-system"]]
    with tempfile.TemporaryDirectory() as scratch:
        build_in = Path(scratch) / "build-system.in"
        build_in.write_text("".join(build), encoding="utf-8")
        out = Path(scratch) / "lock.txt"
        if LOCK.exists():
            out.write_bytes(LOCK.read_bytes())  # uv keeps the pins already there where they still fit
        command = [
            str(uv),
            "pip",
            "compile",
            "--quiet",
            "pyproject.toml",
            "requirements/tools.in",
            str(build_in),
            "--all-extras",
            "--generate-hashes",
            "--python-version",
            PYTHON_VERSION,
            "--python-platform",
            PYTHON_PLATFORM,
            "--custom-compile-command",
            "make lock",
            "--output-file",
            str(out),
            *argv,
        ]
        result = subprocess.run(command, cwd=ROOT, env={**os.environ, "UV_NO_CONFIG": "1"})
        if result.returncode:
            print(
                "error: uv could not compile the lock (see above); requirements/lock.txt is unchanged", file=sys.stderr
            )
            return 1
        text = out.read_text(encoding="utf-8").replace(str(build_in), "pyproject.toml's build-system")
    target = (
        f"# for CPython {PYTHON_VERSION} on Linux x86_64 ({PYTHON_PLATFORM}: glibc 2.28 or newer); "
        "after merging a change to pyproject.toml's dependencies: `make lock`\n"
    )
    LOCK.write_text(f"{DIGEST_PREFIX}{inputs_digest()}\n{target}{text}", encoding="utf-8")
    uv_block = entry_blocks(text)["uv"]
    UV_REQUIREMENT.write_text(
        "# uv's pin and hashes, copied from requirements/lock.txt by `make lock`: pip installs it "
        "into .venv, then uv installs the lock\n" + uv_block,
        encoding="utf-8",
    )
    pins = sum(1 for line in text.splitlines() if "==" in line and not line.startswith((" ", "#")))
    print(
        f"wrote requirements/lock.txt ({pins} packages, CPython {PYTHON_VERSION}, {PYTHON_PLATFORM}) "
        "and requirements/uv.txt; `make setup` installs them"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
