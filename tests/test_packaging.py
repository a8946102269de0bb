"""The project's own files: environment.yml in step with pyproject.toml, notebooks stored clean."""

from __future__ import annotations

import json
import re
import tomllib

import yaml
from conftest import REPO


def _norm(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_norm(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_norm(r) for r in extra}
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    conda = {_norm(d) for d in env["dependencies"] if isinstance(d, str)}
    conda |= {_norm(d) for section in env["dependencies"] if isinstance(section, dict)
              for d in section.get("pip", [])}  # what conda-forge names otherwise
    python = {spec for name, spec in conda if name == "python"}
    conda = {(n, s) for n, s in conda if n not in ("python", "pip")}
    assert conda == wanted, (f"only in environment.yml: {sorted(conda - wanted)}; "
                             f"only in pyproject.toml: {sorted(wanted - conda)}")
    assert python == {project["requires-python"]}


def test_notebooks_are_stored_without_outputs_and_with_parameters():
    notebooks = sorted((REPO / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python3", path.name
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), \
            f"{path.name} has stored outputs"
        params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(params) == 1, f"{path.name} needs exactly one 'parameters' cell"
        # the parameters cell holds literals only: papermill does not re-evaluate derived values
        for line in "".join(params[0]["source"]).splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                assert re.match(r"^\w+ = (\".*\"|'.*'|-?[\d.]+|True|False|None|\[.*\])\s*(#.*)?$",
                                line), f"{path.name}: not a literal: {line}"
