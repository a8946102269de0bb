"""Merging an import into a study folder: new areas, actors and ties, written only when all is well.

The study folder may be new or hold a study already (in CSV form). Existing actors keep their ids
and rows; an imported actor already in the study (by name, or by its pseudonym) is *kept*, others
are added with ``joined_wave`` set. Ties of the import are added; a tie already in the study (same
source, target, wave, type) is left as it is, so importing the same file twice changes nothing.
The merged tables are checked with :func:`innolab.data.study.load_study` in a scratch copy first;
only when there is no problem are ``areas.csv``, ``actors.csv``, ``ties.csv`` (rewritten as UTF-8
CSV) and the import key written, each atomically.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from innolab.data.files import atomic_write
from innolab.data.importers.ids import KEY_FILE, IdMaker, normalise_name
from innolab.data.importers.mapping import Collector
from innolab.data.importers.model import Imported
from innolab.data.study import TABLES, load_study
from innolab.errors import ImportDataError, Problem, StudyError

__all__ = ["ImportResult", "write_import"]

_REQUIRED = {"area": "area_id", "sector": "sector", "type": "type"}


@dataclass
class ImportResult:
    """What an import added to a study.

    Attributes
    ----------
    study_dir : pathlib.Path
    areas_added : list of str
        Ids of the areas added (from the mapping file's ``areas``).
    actors_new, actors_kept : int
        Actors added, and actors of the import already in the study.
    ties_added, ties_present : int
        Ties added, and ties of the import already in the study (left as they are).
    waves : list of int
        The waves of the ties added.
    """

    study_dir: Path
    areas_added: list
    actors_new: int
    actors_kept: int
    ties_added: int
    ties_present: int
    waves: list


def _text(value) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:g}"
    if isinstance(value, tuple | list):
        return ";".join(map(str, value))
    if isinstance(value, pd.Timestamp | dt.date):
        return value.strftime("%Y-%m-%d")
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _frame_text(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    cols = TABLES[table].column_names
    cols += [c for c in frame.columns if c not in cols]
    out = pd.DataFrame({c: [_text(v) for v in frame[c]] if c in frame else [""] * len(frame)
                        for c in cols})
    return out


def _declared_waves(study_dir: Path) -> set[int] | None:
    path = study_dir / "study.yaml"
    if not path.exists():
        return None
    meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    waves = meta.get("waves") if isinstance(meta, dict) else None
    if not isinstance(waves, list):
        return None
    return {w.get("wave") for w in waves if isinstance(w, dict)}


def _existing(study_dir: Path, out: Collector):
    """The study's areas, actors and ties as text frames (empty ones for a new study)."""
    empty = {t: _frame_text(pd.DataFrame(columns=TABLES[t].column_names), t)
             for t in ("areas", "actors", "ties")}
    if not study_dir.exists() or not any(
            (study_dir / f"{t}.csv").exists() for t in ("areas", "actors", "ties")):
        if (study_dir / "study.xlsx").exists():
            out.add(str(study_dir), None, None, "study.xlsx", "a study in CSV form: the import "
                    "adds to areas.csv, actors.csv and ties.csv (save the workbook's sheets as "
                    "CSV files first)")
        return empty
    study = load_study(study_dir)  # a study with problems is reported as such, before any import
    return {t: _frame_text(getattr(study, t), t) for t in ("areas", "actors", "ties")}


def write_import(imported: Imported, study_dir, mapping_areas: list, out: Collector,
                 default_wave: int) -> ImportResult:
    """Merge ``imported`` into the study in ``study_dir`` and write it, or raise with all problems.

    Parameters
    ----------
    imported : Imported
        What the importer read.
    study_dir : str or pathlib.Path
        The study folder (created when new).
    mapping_areas : list of dict
        Areas from the mapping file, added when the study lacks them.
    out : Collector
        The problems found so far (of reading and mapping); more are added here.
    default_wave : int
        The wave of this import (``joined_wave`` of actors without ties).

    Returns
    -------
    ImportResult

    Raises
    ------
    ImportDataError
        With every problem of the import; nothing is written.
    StudyError
        When the existing study folder does not follow the data format.
    """
    study_dir = Path(study_dir)
    old = _existing(study_dir, out)
    areas, actors, ties = old["areas"], old["actors"], old["ties"]

    known_areas = list(areas["area_id"])
    added_areas = []
    for row in mapping_areas:
        if row["area_id"] not in known_areas:
            known_areas.append(row["area_id"])
            added_areas.append(row)

    counts = actors["name"].map(normalise_name).value_counts()
    existing = {normalise_name(n): a for n, a in zip(actors["name"], actors["actor_id"],
                                                     strict=True)
                if n and counts[normalise_name(n)] == 1}
    ids = IdMaker(study_dir, existing)
    old_ids = set(actors["actor_id"])
    id_of = {key: ids.id_for(key) for key in imported.actors}

    tie_waves: dict[str, int] = {}
    for t in imported.ties:
        for k in (t.source, t.target):
            tie_waves[k] = min(tie_waves.get(k, t.wave), t.wave)

    new_rows, kept = [], 0
    for key, a in imported.actors.items():
        actor_id = id_of[key]
        if actor_id in old_ids:
            kept += 1
            continue
        for f, column in _REQUIRED.items():
            if a.values.get(f) is None:
                file, row, col = a.where.get(f) or a.where.get("_record", ("", None, None))
                if (str(file), row) in out.rows and f in a.where:
                    continue  # the value's own problem is reported already
                out.add(file, row, col, None, f"the actor's {column}: the source gives none "
                        f"and the mapping file has no value or default for '{f}'")
        area = a.values.get("area")
        if area is not None and area not in known_areas:
            file, row, col = a.where.get("area") or a.where.get("_record", ("", None, None))
            out.add(file, row, col, area, "an area_id of the study's areas.csv or of 'areas' in "
                    f"the mapping file (known: {', '.join(known_areas) or 'none'})")
        new_rows.append({
            "actor_id": actor_id, "area_id": area, "sector": a.values.get("sector"),
            "type": a.values.get("type"), "kind": a.values.get("kind"), "name": a.name,
            "target_group": a.values.get("target_group"),
            "kehra_member": bool(a.values.get("kehra_member") or False),
            "joined_wave": tie_waves.get(key, default_wave)})

    present = set(zip(ties["source"], ties["target"], ties["wave"], ties["type"], strict=True))
    seen, tie_rows, n_present = set(), [], 0
    for t in imported.ties:
        s, g = id_of[t.source], id_of[t.target]
        if s == g:
            out.add(*t.where, None, "a tie between two different actors: this one names the "
                    "reporting actor itself")
            continue
        k = (s, g, str(t.wave), t.type)
        if k in seen:  # the same tie reported twice in one source counts once
            continue
        seen.add(k)
        if k in present:
            n_present += 1
            continue
        tie_rows.append({"source": s, "target": g, "wave": t.wave, "type": t.type,
                         "weight": t.weight})

    waves = sorted({int(r["wave"]) for r in tie_rows} | {int(r["joined_wave"]) for r in new_rows})
    declared = _declared_waves(study_dir)
    if declared is not None:
        for w in waves:
            if w not in declared:
                out.add("study.yaml", None, "waves", w, f"wave {w} declared under 'waves' of "
                        "the study's study.yaml before its data are imported")
    out.raise_if_any(imported.source)

    areas = pd.concat([areas, _frame_text(pd.DataFrame(added_areas), "areas")], ignore_index=True)
    actors = pd.concat([actors, _frame_text(pd.DataFrame(new_rows), "actors")], ignore_index=True)
    ties = pd.concat([ties, _frame_text(pd.DataFrame(tie_rows), "ties")], ignore_index=True)
    areas, actors, ties = (f.fillna("") for f in (areas, actors, ties))
    texts = {f"{t}.csv": f.to_csv(index=False, lineterminator="\n")
             for t, f in (("areas", areas), ("actors", actors), ("ties", ties))}
    _check_in_scratch(study_dir, texts, imported.source)

    if ids.new_key:
        atomic_write(study_dir / KEY_FILE, ids.key_text())
    for name, text in texts.items():
        atomic_write(study_dir / name, text)
    return ImportResult(study_dir=study_dir, areas_added=[a["area_id"] for a in added_areas],
                        actors_new=len(new_rows), actors_kept=kept, ties_added=len(tie_rows),
                        ties_present=n_present, waves=waves)


def _check_in_scratch(study_dir: Path, texts: dict, source: str) -> None:
    """Load the merged study from a scratch copy; its problems stop the import."""
    with tempfile.TemporaryDirectory(prefix="innolab-import-") as tmp:
        scratch = Path(tmp) / (study_dir.name or "study")
        scratch.mkdir()
        if study_dir.exists():
            for p in study_dir.iterdir():
                if p.is_file() and p.suffix.lower() in (".csv", ".yaml"):
                    shutil.copy2(p, scratch / p.name)
        for name, text in texts.items():
            (scratch / name).write_text(text, encoding="utf-8")
        try:
            load_study(scratch)
        except StudyError as exc:
            # name the tables as the import would have written them
            problems = [p if p.file not in texts else
                        Problem(f"{p.file} (as the import would write it)", p.row, p.column,
                                p.value, p.expected) for p in exc.problems]
            raise ImportDataError(source, problems) from None
