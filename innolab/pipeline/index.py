"""What a run writes around the reports: the index page, the per-area workbooks, the manifest.

The index page is bilingual: a card per area (its key numbers from
:func:`innolab.analysis.profile.area_key_numbers`, its stage by self-assessment from
:func:`innolab.analysis.criteria.score`) with links to its reports, then the study-level reports.
Every file is written atomically, after the jobs.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from innolab.analysis import criteria, profile
from innolab.data.files import atomic_write
from innolab.data.study import Study
from innolab.errors import InnolabError
from innolab.reports.criteria_text import stage_label
from innolab.reports.output import package_versions, print_setup
from innolab.reports.texts import label, t

from .jobs import JobResult, RunResult
from .notebooks import notebook_title

__all__ = ["write_workbook", "write_index", "write_manifest"]


def write_workbook(out_dir: Path, folder: str, *, internal: bool = False,
                   lang: str = "en") -> None:
    """The XLSX of one folder (an area id, or ``"study"``): a sheet per table its reports wrote.

    ``innolab run`` writes an area's workbook as soon as the area's reports are done, while the
    other reports still run.

    Parameters
    ----------
    out_dir : pathlib.Path
        The run's output folder.
    folder : str
        The area id, or ``"study"``.
    internal : bool
        The reports are internal: the workbook opens with a sheet that says it is not for
        sharing.
    lang : {"en", "fi"}
        The language of that sheet.
    """
    import pandas as pd

    tables = sorted((out_dir / folder / "tables").glob("*.csv"))
    if not tables:
        return
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        if internal:
            pd.DataFrame({t("common.internal_banner", lang): []}).to_excel(
                xw, sheet_name="INTERNAL", index=False)
        for csv in tables:
            pd.read_csv(csv).to_excel(xw, sheet_name=csv.stem[:31], index=False)
            print_setup(xw.book[csv.stem[:31]], f"{folder} · {csv.stem}")
    atomic_write(out_dir / folder / f"{folder}.xlsx", buf.getvalue())


def _link(job: JobResult) -> dict:
    return {"title_en": notebook_title(job.notebook, "en"),
            "title_fi": notebook_title(job.notebook, "fi"),
            "href": job.html or job.ipynb, "status": job.status, "error": job.error}


def _stages(study: Study) -> dict:
    """Area id → its stage by self-assessment in the latest assessed wave, for the cards."""
    try:
        scores = criteria.score(study)
    except InnolabError:  # no self-assessments: the cards show no stage
        return {}
    return {r.area_id: {"stage_en": stage_label(r.stage, "en"),
                        "stage_fi": stage_label(r.stage, "fi"),
                        "index": f"{r.index_scale:.2f}"} for r in scores.itertuples()}


def write_index(study: Study, result: RunResult, out_dir: Path, lang: str, *,
                internal: bool = False) -> None:
    """A bilingual index page: a card per area with its reports, then the study-level reports.

    Parameters
    ----------
    study : Study
        The study.
    result : RunResult
        The run.
    out_dir : pathlib.Path
        Its output folder.
    lang : {"en", "fi"}
        The language of the reports.
    internal : bool
        The reports are internal: the page says under its title that it is not for sharing.
    """
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("innolab", "resources"),
                      autoescape=select_autoescape(["html"]))
    by_area: dict[str, list[JobResult]] = {}
    for j in result.jobs:
        if j.area_id is not None:
            by_area.setdefault(j.area_id, []).append(j)
    stages = _stages(study)
    numbers = profile.area_key_numbers(study)
    cards = []
    for area_id, jobs in by_area.items():
        a = study.area(area_id)
        role = a["role"] if isinstance(a["role"], str) else None
        cards.append({
            "area_id": area_id, "name": a["name"], "municipality": a["municipality"],
            "country_en": label("country", a["country"], "en"),
            "country_fi": label("country", a["country"], "fi"),
            "role_en": label("area_role", role, "en") if role else "",
            "role_fi": label("area_role", role, "fi") if role else "",
            "status": "failed" if any(j.status != "ok" for j in jobs) else "ok",
            "links": [_link(j) for j in jobs], **numbers[area_id],
            **stages.get(area_id, {}),
        })
    study_links = [_link(j) for j in result.jobs if j.area_id is None]
    page = env.get_template("index.html.j2").render(
        study=study, cards=cards, study_links=study_links, lang=lang,
        versions=package_versions(), t=t, internal=internal,
    )
    atomic_write(out_dir / "index.html", page)


def write_manifest(study: Study, result: RunResult, out_dir: Path, lang: str,
                   area_ids: list[str]) -> None:
    """``manifest.json``: data hash, files, parameters, versions, status and timing per job.

    Parameters
    ----------
    study : Study
        The study.
    result : RunResult
        The run.
    out_dir : pathlib.Path
        Its output folder.
    lang : str
        The language.
    area_ids : list of str
        The areas of the run.
    """
    manifest = {
        "study": study.name,
        "study_dir": str(study.path),
        "data_hash": study.data_hash,
        "files": study.files,
        "parameters": {"lang": lang, "areas": area_ids},
        "versions": package_versions(),
        "jobs": [
            {"notebook": j.notebook, "area_id": j.area_id, "status": j.status,
             "skipped": j.skipped, "seconds": round(j.seconds, 2), "html": j.html,
             "ipynb": j.ipynb, "error": j.error, "key": j.key}
            for j in result.jobs
        ],
    }
    atomic_write(out_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
