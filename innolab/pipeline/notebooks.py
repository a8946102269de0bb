"""The report notebooks: where they are, which run per area, what they read, their titles."""

from __future__ import annotations

import json
import os
from pathlib import Path

from innolab.errors import ParameterError
from innolab.reports.texts import has, t

__all__ = ["FIRST_NOTEBOOK", "notebooks_dir", "discover_notebooks", "notebook_tables",
           "notebook_title"]

#: The notebook that marks a notebooks folder (every study has an area profile).
FIRST_NOTEBOOK = "01_area_profile"


def notebooks_dir() -> Path:
    """The folder of innolab's notebooks (``notebooks/`` beside the package in a checkout).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ParameterError
        When the folder cannot be found (e.g. innolab installed without its repository).
    """
    env = os.environ.get("INNOLAB_NOTEBOOKS")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2] / "notebooks")
    for c in candidates:
        if (c / f"{FIRST_NOTEBOOK}.ipynb").exists():
            return c
    raise ParameterError(
        "Cannot find innolab's notebooks folder (looked in "
        f"{', '.join(str(c) for c in candidates)}); run from a checkout of the repository or set "
        f"INNOLAB_NOTEBOOKS to the folder that holds {FIRST_NOTEBOOK}.ipynb.")


def discover_notebooks(nb_dir=None) -> tuple[list[str], list[str]]:
    """The report notebooks, split into per-area and study-level ones.

    A notebook named ``NN_name.ipynb`` whose parameters cell declares ``area_id`` runs once per
    area; the others run once for the whole study.

    Parameters
    ----------
    nb_dir : str or pathlib.Path, optional
        The notebooks folder (default :func:`notebooks_dir`).

    Returns
    -------
    tuple of (list of str, list of str)
        Notebook names without extension: (per area, study level), each in name order.
    """
    import papermill as pm

    nb_dir = Path(nb_dir) if nb_dir is not None else notebooks_dir()
    per_area, study_level = [], []
    for path in sorted(nb_dir.glob("[0-9][0-9]_*.ipynb")):
        params = pm.inspect_notebook(str(path))
        (per_area if "area_id" in params else study_level).append(path.stem)
    return per_area, study_level


def notebook_tables(nb_path) -> list[str] | None:
    """The study tables a notebook reads, from its metadata ``innolab.tables`` (None: all).

    Parameters
    ----------
    nb_path : str or pathlib.Path
        The notebook.

    Returns
    -------
    list of str or None
    """
    meta = json.loads(Path(nb_path).read_text(encoding="utf-8")).get("metadata", {})
    tables = meta.get("innolab", {}).get("tables")
    return list(tables) if tables is not None else None


def notebook_title(nb_name: str, lang: str = "en") -> str:
    """The title of a report notebook for people (its file name when innolab has none).

    Parameters
    ----------
    nb_name : str
        Notebook name without extension, e.g. ``"01_area_profile"``.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    key = f"common.{nb_name.split('_', 1)[-1]}"
    return t(key, lang) if has(key) else nb_name
