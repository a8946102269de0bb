"""The criteria set as readers see it: dimension names, scale anchors, stage and factor labels,
the labelled support plan and table headers of the criteria, selection and peer-review reports.

The analysis layer (:mod:`innolab.analysis.criteria`) returns codes; these functions add the
words, from the study's own bilingual columns (``dimension_fi``, ``criterion_en``, …) and from
the text catalogue (``criteria.stage.<code>``, ``criteria.factor.<code>``, …).
"""

from __future__ import annotations

import pandas as pd

from ..data import vocab
from .texts import has, label, t

__all__ = ["dimension_names", "dim_name", "scale_anchors", "stage_label", "factor_label",
           "support_plan_table", "headers", "SUPPORT_PLAN_COLUMNS"]

#: The columns of the labelled support plan, as the reports save it (``support_plan.csv``).
SUPPORT_PLAN_COLUMNS = ["area_id", "wave", "priority", "dimension_id", "dimension", "score",
                        "study_mean", "stage", "support_type", "support", "hours_received",
                        "criteria", "criteria_text"]


def dimension_names(criteria: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Dimension id to its name in the language, in the order of the criteria set.

    Parameters
    ----------
    criteria : pandas.DataFrame
        A criteria set, as from :func:`innolab.load_criteria`.
    lang : {"en", "fi"}
        The language (the set's ``dimension_<lang>`` column; the id where it is empty).

    Returns
    -------
    pandas.Series
        Indexed by ``dimension_id``.
    """
    vocab.check_lang(lang)
    names = _names(criteria, lang)
    column = criteria[f"dimension_{lang}"].dtype  # a column of no names at all is float
    return pd.Series(list(names.values()),
                     index=pd.Index(list(names), name="dimension_id",
                                    dtype=criteria["dimension_id"].dtype),
                     name=f"dimension_{lang}",
                     dtype=column if pd.api.types.is_string_dtype(column) else object)


def _names(criteria: pd.DataFrame, lang: str) -> dict:
    """Dimension id → name (the id where the name is empty), first row of each id, in order.

    Plain Python over the set's few rows: the reports ask for one dimension's name hundreds of
    times (a study's table of gaps, 350 times), which pandas' ``drop_duplicates`` and
    ``set_index`` made take a second.
    """
    names: dict = {}
    for dim, name in zip(criteria["dimension_id"].tolist(),
                         criteria[f"dimension_{lang}"].tolist(), strict=True):
        if dim not in names:
            names[dim] = dim if pd.isna(name) else name
    return names


def dim_name(criteria: pd.DataFrame, dim: str, lang: str) -> str:
    """A dimension as a reader sees it: its id and name in the language (``"D2 Networks"``).

    Parameters
    ----------
    criteria : pandas.DataFrame
        The criteria set.
    dim : str
        The dimension id.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    vocab.check_lang(lang)
    return f"{dim} {_names(criteria, lang).get(dim, dim)}"


def scale_anchors(lang: str = "en") -> dict[int, str]:
    """The anchor labels of the 0–4 scale in the language (``vocab.scale_anchor.<k>``).

    Parameters
    ----------
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict of int to str
        ``{0: "not present", …, 4: "exemplary, owned by the community"}`` in English.
    """
    return {k: t(f"vocab.scale_anchor.{k}", lang) for k in vocab.SCALE}


def stage_label(stage, lang: str = "en") -> str:
    """The label of a maturity stage code (``early``, ``developing``, ``mature``).

    Parameters
    ----------
    stage : str
        A code of :data:`innolab.analysis.composite.MATURITY_STAGES`; any other value is
        returned as text.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    key = f"criteria.stage.{stage}"
    if not has(key):
        vocab.check_lang(lang)
        return str(stage)
    return t(key, lang)


def factor_label(factor: str, lang: str = "en") -> str:
    """The label of an uncertain choice of the Monte Carlo (``normalisation``, ``weights`` …).

    Parameters
    ----------
    factor : str
        A code of :data:`innolab.analysis.composite.FACTORS`; any other value is returned as
        it is.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    key = f"criteria.factor.{factor}"
    if not has(key):
        vocab.check_lang(lang)
        return str(factor)
    return t(key, lang)


def support_plan_table(plan: pd.DataFrame, criteria: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The support plan with its labelled columns, as the reports show and save it.

    Parameters
    ----------
    plan : pandas.DataFrame
        The table of :func:`innolab.analysis.criteria.support_plan` (codes).
    criteria : pandas.DataFrame
        The study's criteria set (dimension and criterion texts).
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    pandas.DataFrame
        :data:`SUPPORT_PLAN_COLUMNS`: the plan plus ``dimension`` (the dimension's name),
        ``support`` (the support type's label) and ``criteria_text`` (``"<id> <criterion>
        (<mean>)"`` of each criterion behind the verdict, joined by ``"; "``).
    """
    vocab.check_lang(lang)
    names = dimension_names(criteria, lang)
    ctext = criteria.set_index("criterion_id")[f"criterion_{lang}"]
    out = plan.copy()
    out["dimension"] = [names.get(d, d) for d in out["dimension_id"]]
    out["support"] = [label("support_type", s, lang) if s else None
                      for s in out["support_type"]]
    # one decimal with a point in both languages: the saved table has always read so
    out["criteria_text"] = [
        "; ".join(f"{c} {ctext.get(c, '')} ({v:.1f})"
                  for c, v in zip(ids.split(";") if ids else [], values, strict=True))
        for ids, values in zip(out["criteria"], out["criteria_scores"], strict=True)]
    return out.reindex(columns=SUPPORT_PLAN_COLUMNS)


def headers(frame: pd.DataFrame, topic: str, lang: str) -> pd.DataFrame:
    """A copy of a table for readers: each column with a catalogue header ``<topic>.col.<c>``.

    Columns without such a key keep their name: they are ids readers know from the text
    (dimension ids ``D1`` …, criterion ids ``1.1`` …).

    Parameters
    ----------
    frame : pandas.DataFrame
        A table whose columns are codes.
    topic : str
        The catalogue namespace (``"criteria"``, ``"selection"``, ``"peer_review"``).
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    pandas.DataFrame
    """
    vocab.check_lang(lang)
    names = {c: t(f"{topic}.col.{c}", lang) for c in frame.columns
             if has(f"{topic}.col.{c}")}
    return frame.rename(columns=names)
