"""The evidence pack in a language: the tables of the HTML section and of the XLSX workbook.

:func:`innolab.evidence.pack.build_pack` makes the pack once, as codes and numbers. This module
words it: :func:`pack_tables` gives every table of the pack twice over, as the data saved as CSV
(codes, numbers and the few labelled columns the pack's CSV tables have always had) and as shown
to a reader (labels from the text catalogue, ``resources/texts/evidence.yaml``). The report
section (:func:`innolab.reports.sections.evidence_pack`) and the workbook
(:func:`write_workbook`) are two views of those same tables, so the workbook holds exactly what
the section shows.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd

from ..data import vocab
from ..data.files import atomic_write
from ..data.study import Study
from ..evidence import indicators as evidence
from ..evidence.pack import Pack
from . import fmt
from .criteria_text import stage_label
from .output import package_versions, print_setup
from .section import Table
from .texts import kind_label, label, t, wave_name

__all__ = ["indicator_label", "indicator_definition", "indicator_definitions",
           "indicators_with_definitions", "change_cell", "pack_tables", "workbook_sheets",
           "workbook_about", "write_workbook", "DEFINITIONS_TABLE", "application_shown"]

#: The table of definitions: shown in the section, a sheet of its own in the workbook.
DEFINITIONS_TABLE = "evidence_definitions"


def _col(key: str, lang: str, **values) -> str:
    return t(f"evidence.col.{key}", lang, **values)


# --------------------------------------------------------------------------------------------
# indicator words


def indicator_label(indicator: str, lang: str = "en") -> str:
    """The short name of an evidence indicator.

    Parameters
    ----------
    indicator : str
        An id of :data:`innolab.evidence.indicators.INDICATORS`.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    return t(f"evidence.indicator.{indicator}.label", lang)


def indicator_definition(indicator: str, lang: str = "en", missing=()) -> str:
    """The exact definition of an evidence indicator (BRIEF §4).

    Parameters
    ----------
    indicator : str
        An id of :data:`innolab.evidence.indicators.INDICATORS`.
    lang : {"en", "fi"}
        The language.
    missing : sequence of str
        Tables without rows (:func:`innolab.evidence.indicators.missing_tables`): a "Not
        measured" sentence naming them is added.

    Returns
    -------
    str
    """
    spec = evidence.INDICATORS[indicator]
    parts = [t(f"evidence.indicator.{indicator}.definition", lang)]
    parts += [t(f"evidence.clause.{c}", lang) for c in spec.clauses]
    if missing:
        parts.append(t("evidence.not_measured", lang, count=len(missing),
                       tables=", ".join(missing)))
    return " ".join(parts)


def indicator_definitions(lang: str = "en") -> pd.DataFrame:
    """The definitions table of the evidence indicators, for a report or an application.

    Parameters
    ----------
    lang : {"en", "fi"}
        The language of ``label`` and ``definition``.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, interreg, label, definition, tables``; one row per indicator in
        the order of :data:`~innolab.evidence.indicators.INDICATORS`. ``interreg`` is the Interreg
        common indicator it stands in for (empty for a local one); ``tables`` names the study
        tables it is computed from.
    """
    vocab.check_lang(lang)
    return pd.DataFrame(
        [{"indicator": ind.id, "interreg": ind.interreg,
          "label": indicator_label(ind.id, lang),
          "definition": indicator_definition(ind.id, lang),
          "tables": ", ".join(ind.tables)} for ind in evidence.INDICATORS.values()],
        columns=["indicator", "interreg", "label", "definition", "tables"])


def indicators_with_definitions(study: Study) -> pd.DataFrame:
    """The long indicator table with each row's definition in English and Finnish.

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, area_id, value, baseline, definition_en, definition_fi, source``:
        :func:`innolab.evidence.indicators.indicators` with the definitions; an indicator that
        is not measured (a table it needs has no rows) has a definition that ends with a "Not
        measured" sentence naming the tables.
    """
    out = evidence.indicators(study)
    for lang in vocab.LANGUAGES:
        text = {ind: indicator_definition(ind, lang, evidence.missing_tables(study, ind))
                for ind in evidence.INDICATORS}
        out[f"definition_{lang}"] = out["indicator"].map(text)
    return out[["indicator", "area_id", "value", "baseline", "definition_en", "definition_fi",
                "source"]]


# --------------------------------------------------------------------------------------------
# the tables


def _indicators(pack: Pack, lang: str) -> Table:
    table = pack.indicators.copy()
    table.insert(2, "label", [indicator_label(c, lang) for c in table["indicator"]])
    w0 = pack.study.wave_ids[0]
    # the indicator's id stays in the CSV; readers see its label and its Interreg code
    shown = table.assign(source=[_study_tables(s.split(" · ")[0], lang)
                                 for s in table["source"]])
    shown = shown.drop(columns="indicator").rename(columns={
        "common_indicator": _col("common_indicator", lang),
        "label": _col("indicator", lang),
        "baseline": _col("baseline", lang, wave=wave_name(pack.study, w0, lang)),
        "value": _col("all_waves", lang), "source": _col("source", lang)})
    return Table("evidence_indicators", table, shown, index=False)


def _app_date(d, lang: str) -> str | None:
    if d is None or pd.isna(d):
        return None
    d = pd.Timestamp(d)
    return t("evidence.app.date", lang, iso=d.date().isoformat(), d=d.day, m=d.month, y=d.year)


def application_shown(pack: Pack, lang: str = "en") -> Table:
    """The application form's indicator table (:attr:`Pack.application`) as a reader sees it.

    Parameters
    ----------
    pack : Pack
        The pack.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    Table
        ``evidence_application_indicators``: ``data`` the pack's codes and numbers, ``shown``
        one row per programme indicator with its code, name, type, measurement unit, baseline
        (wave, date), value reached, projection (interval), the method and the source.
    """
    app = pack.application
    study = pack.study
    rows = []
    for r in app.itertuples(index=False):
        date = _app_date(r.baseline_date, lang)
        wave = wave_name(study, r.baseline_wave, lang) if r.baseline_wave is not None else ""
        base = fmt.count(r.baseline) if not pd.isna(r.baseline) else "—"
        baseline = (t("evidence.app.baseline", lang, value=base, wave=wave, date=date) if date
                    else t("evidence.app.baseline_undated", lang, value=base, wave=wave))
        if r.method == "trend":
            projection = t("evidence.app.projection", lang, value=fmt.num(r.projection, lang, 0),
                           lo=fmt.num(r.projection_lo, lang, 0),
                           hi=fmt.num(r.projection_hi, lang, 0))
        else:
            projection = "—"
        rows.append({
            "code": r.code, "indicator": indicator_label(r.indicator, lang),
            "kind": t(f"evidence.kind.{r.kind}", lang),
            "unit": t(f"evidence.unit_name.{r.unit}", lang), "app_baseline": baseline,
            "reached": fmt.count(r.value) if not pd.isna(r.value) else "—",
            "projection": projection,
            "method": t(f"evidence.method.{r.method}", lang, n=r.n_waves,
                        level=fmt.num(100 * r.level, lang, 0)),
            "source": _study_tables(str(r.source).split(" · ")[0], lang)})
    last = study.wave_ids[-1] if study.wave_ids else None
    horizon = int(app["projection_wave"].iloc[0] - last) if len(app) and last is not None else 0
    heads = {"code": _col("code", lang), "indicator": _col("indicator", lang),
             "kind": _col("kind", lang), "unit": _col("unit", lang),
             "app_baseline": _col("app_baseline", lang),
             "reached": _col("reached", lang,
                             wave=wave_name(study, last, lang) if last is not None else ""),
             "projection": _col("projection", lang, count=horizon, n=horizon),
             "method": _col("method", lang), "source": _col("source", lang)}
    shown = pd.DataFrame(rows, columns=list(heads)).rename(columns=heads)
    return Table("evidence_application_indicators", app, shown, index=False)


def _definitions(lang: str) -> Table:
    defs = indicator_definitions(lang)
    shown = defs.assign(definition=[_named(d, lang) for d in defs["definition"]],
                        tables=[_study_tables(s, lang) for s in defs["tables"]])
    return Table(DEFINITIONS_TABLE, defs, shown.drop(columns="indicator").rename(columns={
        "interreg": "Interreg",
        "label": _col("indicator", lang), "definition": _col("definition", lang),
        "tables": _col("tables", lang)}), index=False)


def _study_tables(names: str, lang: str) -> str:
    """Study tables named for readers, each with its file: "suhteet (ties.csv), …"."""
    return ", ".join(t("evidence.study_table", lang, name=t(f"evidence.study_table.{n}", lang),
                       file=f"{n}.csv") if n else "" for n in names.split(", "))


def _named(text: str, lang: str) -> str:
    """A definition for readers: an indicator id it mentions becomes the indicator's label."""
    for ind in sorted(evidence.INDICATORS, key=len, reverse=True):
        text = text.replace(ind, f"“{indicator_label(ind, lang)}”")
    return text


def _programme(pack: Pack, lang: str) -> Table:
    m = pack.programme
    data = pd.DataFrame({
        "indicator": m["indicator"],
        "label": [indicator_label(c, lang) for c in m["indicator"]],
        "common_indicator": m["common_indicator"],
        "objectives_2021_2027": ["; ".join(f"{o} {t(f'evidence.objective.{o}', lang)}"
                                           for o in codes)
                                 for codes in m["objectives_2021_2027"]],
        "so_2014_2020": ["; ".join(f"{t('evidence.so_code', lang, code=o)} "
                                   f"{t(f'evidence.so.{o}', lang)}" for o in codes)
                         for codes in m["so_2014_2020"]],
        "why": [t(f"evidence.why.{c}", lang) for c in m["indicator"]],
    })
    shown = data.drop(columns=["indicator"]).rename(columns={
        "label": _col("indicator", lang), "common_indicator": _col("code", lang),
        "objectives_2021_2027": "2021–2027", "so_2014_2020": "2014–2020",
        "why": _col("why", lang)})
    return Table("evidence_programme_mapping", data, shown, index=False)


def _dimension_names(pack: Pack, lang: str) -> dict:
    # the study's own bilingual criteria columns; a dimension without a name shows its id
    crit = pack.study.criteria.drop_duplicates("dimension_id").set_index("dimension_id")
    names = crit[f"dimension_{lang}"]
    return names.fillna(pd.Series(names.index, index=names.index)).to_dict()


def _logic(pack: Pack, lang: str) -> Table:
    logic = pack.logic
    dims = _dimension_names(pack, lang) if len(logic) else {}
    rows, seen = [], []

    def needs_text(r, number):
        return "; ".join(
            f"{dim} {dims.get(dim, dim)} ({number(score, 1)}) → "
            f"{', '.join(dict.fromkeys(label('support_type', s, lang) for s in support))}"
            for dim, score, support in r.needs)

    def activities_text(r, hours):
        return "; ".join(
            [t("evidence.logic.support", lang, type=label("support_type", k, lang),
               hours=hours(h)) for k, h in r.support_by_type]
            + [t("evidence.logic.events", lang, type=label("event_type", k, lang), n=n)
               for k, n in r.events_by_type])

    for r in logic.itertuples(index=False):
        # the CSV keeps the numbers as it always wrote them; the reader sees the language's
        needs = needs_text(r, lambda x, d: f"{x:.{d}f}")
        activities = activities_text(r, lambda h: f"{h:g}")
        seen.append({"needs": needs_text(r, lambda x, d: fmt.decimal(x, lang, d)),
                     "activities": activities_text(r, lambda h: fmt.decimal(
                         h, lang, 0 if float(h).is_integer() else 1))})
        # an area without a self-assessment has no stage (None, or NaN once in a frame)
        first = (stage_label(r.stage_first, lang) if isinstance(r.stage_first, str)
                 else "")
        last = (stage_label(r.stage_last, lang) if isinstance(r.stage_last, str)
                else "")
        values = {"cross_border": r.orgs_cross_border,
                  "last_wave": r.orgs_cross_border_last_wave,
                  "taken_up": r.solutions_taken_up, "people": r.people_mobilised}
        # the numbers as the pack's CSV has always written them (None for "not measured")
        values = {k: str(v) for k, v in values.items()}
        results = (t("evidence.logic.results_stage", lang, first=first, last=last, **values)
                   if first else t("evidence.logic.results", lang, **values))
        rows.append({
            "area_id": r.area_id, "area": r.area, "needs": needs, "activities": activities,
            "outputs": t("evidence.logic.outputs", lang, events=r.events, pilots=str(r.pilots),
                         solutions=str(r.solutions)),
            "results": results,
            "support_hours": r.support_hours, "events": r.events, "pilots": r.pilots,
            "solutions": r.solutions, "orgs_cross_border": r.orgs_cross_border,
            "orgs_cross_border_last_wave": r.orgs_cross_border_last_wave,
            "solutions_taken_up": r.solutions_taken_up, "people_mobilised": r.people_mobilised,
            "stage_first": first, "stage_last": last})
    cols = ["area_id", "area", "needs", "activities", "outputs", "results", "support_hours",
            "events", "pilots", "solutions", "orgs_cross_border", "orgs_cross_border_last_wave",
            "solutions_taken_up", "people_mobilised", "stage_first", "stage_last"]
    data = pd.DataFrame(rows, columns=cols)
    shown = data[["area", "needs", "activities", "outputs", "results"]].copy()
    if seen:
        shown[["needs", "activities"]] = pd.DataFrame(seen, index=shown.index)
    shown = shown.rename(columns={
        k: _col(k, lang) for k in ("area", "needs", "activities", "outputs", "results")})
    return Table("evidence_intervention_logic", data, shown, index=False)


def _number(v, digits: int, lang: str, pct: bool, signed: bool = False) -> str:
    if isinstance(v, str):
        return v  # a suppression mark
    if v is None or pd.isna(v):
        return "—"
    if pct:
        v = 100 * v
        digits = 0
    sign = "+" if signed and math.copysign(1.0, v) > 0 else ""
    s = sign + fmt.num(v, lang, digits)
    if pct:
        s += t("evidence.unit.points" if signed else "evidence.unit.percent", lang)
    return s


def change_cell(first, last, change, digits: int, lang: str = "en", pct: bool = False) -> str:
    """"a → b (+c)" for a measure in the first and last wave; suppression marks stay as they are.

    Parameters
    ----------
    first, last, change : float or str
        The measure in the first and last wave and the change (a string is a suppression mark).
    digits : int
        Decimals of a count (shares are shown in whole percent and percentage points).
    lang : {"en", "fi"}
        The language.
    pct : bool
        Whether the measure is a share.

    Returns
    -------
    str
    """
    return (f"{_number(first, digits, lang, pct)} → {_number(last, digits, lang, pct)} "
            f"({_number(change, digits, lang, pct, signed=True)})")


#: The measures of the change table as shown: (column, catalogue key of its header, digits, share).
_CHANGE_SHOWN = (("active", "active_actors", 1, False),
                 ("cross_sector_share", "across_sectors", 0, True),
                 ("cross_area_share", "across_areas", 0, True),
                 ("cross_country_share", "across_countries", 0, True))


def _change(pack: Pack, lang: str) -> Table:
    change = pack.change
    names = pack.study.areas.set_index("area_id")["name"].to_dict()
    rows = []
    for r in change.itertuples():
        g = r.group
        if g == "selected_mean":
            row_label = t("evidence.selected_mean", lang)
        elif g == "other_mean":
            row_label = t("evidence.others_mean", lang)
        else:
            row_label = names.get(r.area_id, r.area_id)
        row = {_col("area", lang): row_label}
        for m, key, digits, pct in _CHANGE_SHOWN:
            first, last, ch = (getattr(r, f"{m}_first"), getattr(r, f"{m}_last"),
                               getattr(r, f"{m}_change"))
            if m == "active" and not g.endswith("_mean"):
                digits = 0
            txt = change_cell(first, last, ch, digits, lang, pct)
            lo = getattr(r, f"{m}_change_lo", np.nan) if g.endswith("_mean") else np.nan
            if isinstance(lo, float) and np.isfinite(lo):
                hi = getattr(r, f"{m}_change_hi")
                scale = 100 if pct else 1
                txt += " " + t("evidence.change_interval", lang,
                               lo=fmt.num(scale * lo, lang, 0 if pct else 1),
                               hi=fmt.num(scale * hi, lang, 0 if pct else 1))
            row[_col(key, lang)] = txt
        if g == "selected" or g.endswith("_mean"):
            rows.append(row)
    return Table("evidence_mobilisation_network_change", change, pd.DataFrame(rows),
                 index=False)


def _target_groups(pack: Pack, lang: str) -> Table:
    names = pack.study.areas.set_index("area_id")["name"].to_dict()
    sup = pack.target_groups.copy()
    sup.index = [names.get(a, t("evidence.all_areas", lang)) for a in sup.index]
    sup.index.name = _col("area", lang)
    shown = sup.rename(columns={c: (label("target_group", c, lang)
                                    if c in vocab.TARGET_GROUPS else
                                    t("evidence.no_target_group", lang))
                                for c in sup.columns})
    return Table("evidence_people_by_target_group", sup, shown, index=True)


def _pipeline(pack: Pack, lang: str) -> Table:
    table = pack.pipeline.copy()
    table.index = [label("theme", c, lang) for c in table.index]
    table.columns = [label("stage", c, lang) if c in vocab.STAGES else _col("total", lang)
                     for c in table.columns]
    table.index.name = _col("theme", lang)
    return Table("evidence_innovation_pipeline", table, table, index=True)


def _ready(pack: Pack, lang: str) -> Table:
    ready = pack.ready.copy()
    ready["theme"] = [label("theme", c, lang) for c in ready["theme"]]
    ready["stage"] = [label("stage", c, lang) for c in ready["stage"]]
    ready["organisations_by_sector"] = [
        ", ".join(f"{label('sector', s, lang)} {n}" for s, n in pairs)
        for pairs in ready["organisations_by_sector"]]
    shown = ready.rename(columns={"innovation_id": t("col.innovation_id", lang), **{
        k: _col(k, lang) for k in ("area", "title", "theme", "stage", "organisations_by_sector",
                                   "organisations_by_country", "individuals", "sectors",
                                   "countries")}})
    return Table("evidence_ready_for_funding", ready, shown, index=False)


def _partners(pack: Pack, lang: str) -> Table:
    partners = pack.partners.copy()
    partners["sector"] = [label("sector", c, lang) for c in partners["sector"]]
    shown_country = [label("country", c, lang) for c in partners["country"]]
    partners["tie_types"] = [", ".join(label("tie_type", x, lang) for x in codes)
                             for codes in partners["tie_types"]]
    shown = partners.assign(country=shown_country,
                            kind=[kind_label(k, lang) for k in partners["kind"]]).rename(columns={
        "actor_id": t("network.col.actor_id", lang), **{
        k: _col(k, lang) for k in ("country", "area", "sector", "kind", "tied_to",
                                   "local_organisations", "local_individuals", "ties",
                                   "tie_types", "collaboration", "first_wave", "last_wave")}})
    return Table("evidence_cross_border_partners", partners, shown, index=False)


def pack_tables(pack: Pack, lang: str = "en") -> dict[str, Table]:
    """Every table of the pack in a language, in the order of the report.

    Parameters
    ----------
    pack : Pack
        The pack (:func:`innolab.evidence.pack.build_pack`).
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict of str to Table
        Table name (``evidence_indicators``, …) → :class:`~innolab.reports.section.Table`
        (``data`` saved as CSV, ``shown`` to the reader). The pipeline is left out when the
        study has no innovations, the innovations ready for funding when there are none, and
        the cross-border partners when there are none.
    """
    vocab.check_lang(lang)
    items = [_indicators(pack, lang), application_shown(pack, lang), _definitions(lang),
             _programme(pack, lang),
             _logic(pack, lang), _change(pack, lang), _target_groups(pack, lang)]
    if not pack.pipeline.empty:
        items.append(_pipeline(pack, lang))
        if len(pack.ready):
            items.append(_ready(pack, lang))
    if not pack.partners.empty:
        items.append(_partners(pack, lang))
    return {item.name: item for item in items}


# --------------------------------------------------------------------------------------------
# the workbook


def workbook_sheets(pack: Pack, lang: str = "en") -> dict[str, pd.DataFrame]:
    """The workbook's table sheets: sheet name → the table as shown in the section.

    Parameters
    ----------
    pack : Pack
        The pack.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict of str to pandas.DataFrame
        Sheet names are the table names without ``evidence_``; the definitions are left out
        (they have a sheet of their own, :func:`write_workbook`).
    """
    out = {}
    for name, item in pack_tables(pack, lang).items():
        if name != DEFINITIONS_TABLE:
            sheet = name.removeprefix("evidence_")
            out[sheet] = item.shown if item.index else item.shown.reset_index(drop=True)
    return out


def workbook_about(pack: Pack, parameters: dict, lang: str = "en") -> dict:
    """The provenance block of the workbook's definitions sheet.

    Parameters
    ----------
    pack : Pack
        The pack.
    parameters : dict
        The parameters the pack was made with (a notebook's parameters).
    lang : {"en", "fi"}
        Language of the keys.

    Returns
    -------
    dict
        Study, data hash, parameters (without the folders, which differ between machines),
        innolab version and the suppression rule.
    """
    vocab.check_lang(lang)
    threshold = parameters.get("threshold", pack.threshold)
    study = pack.study
    return {
        t("evidence.about.study", lang): study.title,
        t("evidence.about.data_hash", lang): study.data_hash,
        t("evidence.about.parameters", lang): ", ".join(
            f"{k}={v}" for k, v in parameters.items() if not k.endswith("_dir")),
        "innolab": package_versions().get("innolab", ""),
        t("evidence.about.suppression", lang): t("evidence.about.suppression_rule", lang,
                                                  below=threshold - 1, threshold=threshold),
    }


def write_workbook(pack: Pack, path, lang: str = "en", parameters: dict | None = None):
    """Write the pack to one XLSX: a definitions sheet (with the provenance) and a sheet per table.

    Parameters
    ----------
    pack : Pack
        The pack.
    path : str or pathlib.Path
        The workbook to write (atomically).
    lang : {"en", "fi"}
        The language.
    parameters : dict, optional
        The parameters the pack was made with, stated in the provenance block (default: the
        pack's threshold and seed).

    Returns
    -------
    pathlib.Path
        The workbook.
    """
    if parameters is None:
        parameters = {"threshold": pack.threshold, "seed": pack.seed}
    about = workbook_about(pack, parameters, lang)
    definitions = pack_tables(pack, lang)[DEFINITIONS_TABLE].data
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        pd.DataFrame({"": list(about), " ": [str(v) for v in about.values()]}).to_excel(
            xw, sheet_name="definitions", index=False, header=False)
        definitions.to_excel(xw, sheet_name="definitions", index=False,
                             startrow=len(about) + 1)
        for name, table in workbook_sheets(pack, lang).items():
            index = table.index.name is not None
            table.to_excel(xw, sheet_name=name[:31], index=index)
        for ws in xw.book.worksheets:
            for col in ws.columns:
                width = max(len(str(c.value)) if c.value is not None else 0 for c in col)
                ws.column_dimensions[col[0].column_letter].width = min(max(width, 8), 60) + 2
            # the definitions sheet's table header is below the provenance block
            head = (len(about) + 2,) * 2 if ws.title == "definitions" else 1
            print_setup(ws, f"{pack.study.title} — {t('common.evidence', lang)}",
                        header_rows=head)
    return atomic_write(path, buf.getvalue())
