"""requirements/lock.txt, what `make setup` installs, is compiled from today's pyproject.toml (checked offline)."""

import importlib.util
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT

RELOCK = "pyproject.toml's dependencies changed since requirements/lock.txt was compiled: run `make lock` and commit it"


def _lock_module():
    spec = importlib.util.spec_from_file_location("requirements_lock", ROOT / "requirements" / "lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LOCK = _lock_module()
LOCK_TEXT = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")


def _pins(text: str) -> dict[str, Version]:
    pins = {}
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            name, _, version = line.split(" ")[0].partition("==")
            assert version, f"requirements/lock.txt: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = Version(version)
    return pins


def _locked_requirements() -> list[str]:
    inputs = LOCK.lock_inputs(ROOT)
    return (
        inputs["dependencies"]
        + [dep for extra in inputs["optional-dependencies"].values() for dep in extra]
        + inputs["build-system"]
        + inputs["tools"]
    )


def test_the_lock_records_the_digest_of_todays_dependency_lists():
    assert LOCK.recorded_digest(LOCK_TEXT) == LOCK.inputs_digest(ROOT), RELOCK


def test_the_digest_changes_when_a_dependency_is_added(tmp_path):
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "tools.in").write_bytes((ROOT / "requirements" / "tools.in").read_bytes())
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert LOCK.inputs_digest(tmp_path) == LOCK.inputs_digest(ROOT)
    (tmp_path / "pyproject.toml").write_text(
        pyproject.replace("test = [\n", 'test = [\n    "frictionless>=5",\n'), encoding="utf-8"
    )
    assert LOCK.inputs_digest(tmp_path) != LOCK.inputs_digest(ROOT)


def test_every_declared_requirement_is_pinned_within_its_range():
    pins = _pins(LOCK_TEXT)
    environment = {
        "python_version": LOCK.PYTHON_VERSION,
        "python_full_version": f"{LOCK.PYTHON_VERSION}.0",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "platform_machine": "x86_64",
        "os_name": "posix",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    }
    problems = []
    for text in _locked_requirements():
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue  # not for Linux x86_64 and CPython 3.11, the platform the lock is for
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{text}: not in the lock")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{text}: the lock pins {pinned}")
    assert not problems, RELOCK + "\n" + "\n".join(problems)


def test_every_pin_carries_hashes_and_the_lock_says_its_platform():
    blocks = LOCK.entry_blocks(LOCK_TEXT)
    assert set(blocks) == set(_pins(LOCK_TEXT))
    assert [name for name, block in blocks.items() if "--hash=sha256:" not in block] == []
    assert f"CPython {LOCK.PYTHON_VERSION} on Linux x86_64" in LOCK_TEXT.splitlines()[1]


def test_uv_txt_is_uvs_entry_in_the_lock():
    uv_txt = (ROOT / "requirements" / "uv.txt").read_text(encoding="utf-8")
    assert uv_txt.split("\n", 1)[1] == LOCK.entry_blocks(LOCK_TEXT)["uv"], "run `make lock`"


def test_check_mode_says_whether_the_lock_is_current():
    assert LOCK.main(["--check"]) == 0


def _in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()


@pytest.mark.skipif(
    not _in_project_venv(), reason="the suite runs outside the project's .venv (`make setup` builds it)"
)
def test_the_project_environment_holds_exactly_the_locked_versions():
    pins = _pins(LOCK_TEXT)
    installed = {canonicalize_name(dist.metadata["Name"]): Version(dist.version) for dist in metadata.distributions()}
    project = canonicalize_name(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"])
    assert {
        name: str(version) for name, version in installed.items() if name != project and pins.get(name) != version
    } == {}, "the .venv differs from requirements/lock.txt: run `make setup`"
    assert {name for name in pins if name not in installed} == set()


def test_reading_a_notebook_builds_no_grammar_at_import():
    """jsonschema is held below 4.25 (pyproject.toml): from 4.25 its format-nongpl extra imports rfc3987-syntax, which
    builds a Lark parser when imported, 1.2 s more in every `workbooks run`, kernel-less test and git filter that
    reads a notebook. Fails when a re-lock lets it back in."""
    import subprocess

    probe = "import sys, nbformat, papermill, nbconvert; print(sorted({'lark', 'rfc3987_syntax'} & set(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert loaded.stdout.strip() == "[]", loaded.stdout
