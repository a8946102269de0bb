"""The house keeps its shape: layers, no circles, no private names across modules, one catalogue.

- The import-linter contracts of ``pyproject.toml`` (``[tool.importlinter]``): each layer imports
  only the layers below it (data → stats → analysis → evidence → exports → reports → forms →
  pipeline → cli), and no package's modules import each other in a circle.
- No module uses another module's ``_private`` names (``from x import _y`` or ``x._y``).
- The text catalogue is the only place a reader's word is written: no language switch
  (``lang ==``, ``if fi``, ``LANGUAGES.index(lang)``) anywhere in the package's code, every key
  has both languages, every key the code asks for exists, every code of a vocabulary has a label.
- Every module says what it holds in an opening docstring, and none grows past 600 lines.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from innolab.data import vocab
from innolab.reports import texts

PACKAGE = REPO / "innolab"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def test_the_layer_and_acyclic_contracts_hold():
    exe = Path(sys.executable).with_name("lint-imports")
    res = subprocess.run([str(exe), "--config", str(REPO / "pyproject.toml")], cwd=REPO,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    assert "2 kept, 0 broken" in res.stdout, res.stdout[-2000:]


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str | None:
    if node.level == 0:
        return node.module
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _private_uses(path: Path) -> list[str]:
    """`from innolab.x import _y` and `x._y` where x is an imported innolab module."""
    module = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, aliases = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _resolve(module, path.name == "__init__.py", node) or ""
            if not source.startswith("innolab"):
                continue
            for a in node.names:
                if a.name.startswith("_") and not a.name.startswith("__"):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} from {source} import "
                                 f"{a.name}")
                submodule = f"{source}.{a.name}"
                if (PACKAGE.parent / submodule.replace(".", "/")).with_suffix(".py").exists() or \
                        (PACKAGE.parent / submodule.replace(".", "/")).is_dir():
                    aliases[a.asname or a.name] = submodule
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("innolab"):
                    aliases[a.asname or a.name.split(".")[0]] = a.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            found.append(f"{path.relative_to(REPO)}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names():
    found = [use for path in MODULES for use in _private_uses(path)]
    assert not found, "private names used across modules:\n" + "\n".join(found)


# A language switch chooses words by language in code; words belong in the catalogue.
_SWITCHES = re.compile(r"\blang\s*[!=]=|[!=]=\s*lang\b|[\"']fi[\"']\s*==|==\s*[\"']fi[\"']"
                       r"|\bif\s+fi\b|\bfi\s*=\s*lang\b|LANGUAGES\.index\(lang")
# the generator writes synthetic *data* (Finnish and English names of invented organisations)
_NOT_READER_TEXT = {"innolab/data/synthetic"}


def test_no_language_switch_outside_the_catalogue():
    found = []
    for path in MODULES:
        rel = path.relative_to(REPO).as_posix()
        if any(rel.startswith(p) for p in _NOT_READER_TEXT):
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if _SWITCHES.search(code):
                found.append(f"{rel}:{i}: {line.strip()}")
    assert not found, "language switches (put the words in the catalogue):\n" + "\n".join(found)


def test_every_catalogue_entry_has_both_languages():
    bad = []
    for key, entry in texts.catalogue().items():
        for lang in vocab.LANGUAGES:
            value = entry.get(lang)
            if isinstance(value, dict):
                if set(value) != {"one", "other"} or not all(value.values()):
                    bad.append(f"{key} ({lang}): plural forms must be one and other")
            elif not isinstance(value, str) or not value.strip():
                bad.append(f"{key}: no {lang} text")
        if set(entry) - set(vocab.LANGUAGES):
            bad.append(f"{key}: unknown languages {sorted(set(entry) - set(vocab.LANGUAGES))}")
    assert not bad, "\n".join(bad)


def test_every_vocabulary_code_has_a_label():
    missing = [f"vocab.{name}.{code}" for name, codes in vocab.VOCABULARIES.items()
               for code in codes if not texts.has(f"vocab.{name}.{code}")]
    missing += [f"vocab.scale_anchor.{k}" for k in vocab.SCALE
                if not texts.has(f"vocab.scale_anchor.{k}")]
    assert not missing, missing


_KEY_CALL = re.compile(r"\bt\(\s*f?[\"']([a-z_][\w.{}]*)[\"']")


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    keys = texts.catalogue()
    missing = []
    for path in [*MODULES, *sorted((REPO / "notebooks").glob("*.ipynb"))]:
        if path.name == "texts.py":  # the catalogue itself builds keys from its arguments
            continue
        for key in _KEY_CALL.findall(path.read_text(encoding="utf-8")):
            if "{" in key:  # an f-string key: its fixed prefix must be in use
                prefix = key.split("{", 1)[0]
                if not any(k.startswith(prefix) for k in keys):
                    missing.append(f"{path.name}: {key}")
            elif key not in keys:
                missing.append(f"{path.name}: {key}")
    assert not missing, missing


def test_a_key_in_two_files_is_refused(tmp_path, monkeypatch):
    """The catalogue is one namespace: the same key in two topic files is an error."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.yaml").write_text("x.y: {en: one, fi: yksi}\n", encoding="utf-8")
    (folder / "b.yaml").write_text("x.y: {en: two, fi: kaksi}\n", encoding="utf-8")

    class _Files:
        def joinpath(self, name):
            return folder

    monkeypatch.setattr(texts.resources, "files", lambda package: _Files())
    texts.catalogue.cache_clear()
    try:
        with pytest.raises(texts.CatalogueError, match="x.y"):
            texts.catalogue()
    finally:
        monkeypatch.undo()
        texts.catalogue.cache_clear()


def test_plural_forms_follow_the_count():
    assert texts.t("profile.kehra_not_tripartite", "en", count=1, members=4,
                   missing="private") .endswith("private is missing.")
    assert texts.t("profile.kehra_not_tripartite", "en", count=2, members=4,
                   missing="public and private").endswith("are missing.")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_module_says_what_it_holds_and_stays_small(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.name} has no opening docstring"
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= 600, f"{path.relative_to(REPO)} has {n} lines: split it by job"
