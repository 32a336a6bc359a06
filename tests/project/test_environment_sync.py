"""environment.yml lists exactly the dependencies of pyproject.toml (the source), with the same version ranges
(not the lock's pins: see environment.yml's header)."""

import tomllib

import yaml
from packaging.requirements import Requirement

from conftest import ROOT


def _normalised(requirement: str) -> tuple[str, str]:
    parsed = Requirement(requirement)
    return parsed.name.lower().replace("_", "-"), str(parsed.specifier)


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [dep for group in project["optional-dependencies"].values() for dep in group]
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [
        dep for dep in environment["dependencies"] if isinstance(dep, str) and not dep.startswith(("python", "pip"))
    ]
    pip_sections = [dep for dep in environment["dependencies"] if isinstance(dep, dict)]
    assert len(pip_sections) == 1 and list(pip_sections[0]) == ["pip"]
    pip_section = pip_sections[0]["pip"]
    assert pip_section[-1] == "-e ."  # the package itself, from this checkout, after what it needs from PyPI
    from_pypi = pip_section[:-1]  # packages conda-forge does not have
    # a package in two extras (distributed: dask and test) is listed once
    assert sorted(map(_normalised, conda + from_pypi)) == sorted(set(map(_normalised, declared)))
    python = [dep for dep in environment["dependencies"] if isinstance(dep, str) and dep.startswith("python")]
    assert python == [f"python{project['requires-python']}"]
