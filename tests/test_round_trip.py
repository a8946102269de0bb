"""Round trips: ``innolab export`` → ``innolab import`` gives the same actors, sectors and ties.

Each wave of a study is exported (Gephi CSV, GraphML, Kumu) and imported back into a new study
folder, wave by wave, with a mapping file that reads the exported attributes and keeps the
exported ``Id`` as the actor id (the node section's ``actor_id`` field). The reference is the
study itself: its actors (id, area, sector, type, kind) and its ties (source, target, wave,
type, weight). The mini study (``tests/data/mini_study``, hand-written) has one tie type per
pair and wave, so every tie comes back as it was; an area of the example study is checked for
its actors and its arcs (see :func:`test_an_example_area_comes_back_with_its_actors_and_arcs`).
"""

from __future__ import annotations

import os

import pandas as pd
import pytest
import yaml
from conftest import DATA

from innolab.analysis.network import build_graph
from innolab.data.importers.main import import_study
from innolab.data.study import load_study
from innolab.exports.formats import write_exports

ACTOR_COLUMNS = ["actor_id", "area_id", "sector", "type", "kind"]
TIE_COLUMNS = ["source", "target", "wave", "type", "weight"]

# What each format's files are, and how its attributes are read back. Kumu's Connections sheet
# has the tie types in Type (separated by |) and the weight in Strength; Gephi's edges the types
# in Label (separated by ;) and Weight.
FORMATS = {
    "csv": ("gephi", "nodes", {"tie_type": {"column": "Label", "separator": ";"},
                               "weight": {"column": "Weight"}}),
    "graphml": ("gephi", "nodes", {"tie_type": {"column": "types", "separator": ";"},
                                   "weight": {"column": "Weight"}}),
    "kumu": ("kumu", "elements", {"tie_type": {"column": "Type", "separator": "|"},
                                  "weight": {"column": "Strength"}}),
}
EDGES = {"gephi": "edges", "kumu": "connections"}
ID_COLUMN = {"csv": "Id", "graphml": "Id", "kumu": "Label"}
TYPE_COLUMN = {"csv": "type", "graphml": "type", "kumu": "Type"}  # Kumu's own Type column


def _mapping(study, fmt: str, path, tie_type=None) -> None:
    source, nodes, edges = FORMATS[fmt]
    if tie_type is not None:
        edges = {**edges, "tie_type": tie_type}
    areas = [{k: str(v) if k == "district_code" else v for k, v in row.items()
              if pd.notna(v) and v != ""} for row in study.areas.astype(object).to_dict("records")]
    data = {"source": source, "areas": areas,
            nodes: {"actor_id": {"column": ID_COLUMN[fmt]}, "area": {"column": "area_id"},
                    "sector": {"column": "sector"}, "type": {"column": TYPE_COLUMN[fmt]},
                    "kind": {"column": "kind"}, "kehra_member": {"column": "kehra_member"}},
            EDGES[source]: edges}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def round_trip(study_dir, fmt: str, tmp_path, area: str | None = None, tie_type=None):
    """Export every wave, import each back into a new study folder; the old and the new study."""
    study = load_study(study_dir)
    exported = tmp_path / "export"
    files = write_exports(study, exported, fmt, areas=None if area is None else [area])
    mapping = tmp_path / "mapping.yaml"
    _mapping(study, fmt, mapping, tie_type)
    new = tmp_path / "new"
    for wave in sorted(int(w) for w in study.ties["wave"].unique()):
        mine = [f for f in files if f"_wave{wave}" in f.name]
        if fmt == "csv":
            source = tmp_path / f"csv{wave}"
            source.mkdir()
            for f in mine:
                (source / f.name).write_bytes(f.read_bytes())
        else:
            (source,) = mine
        import_study(FORMATS[fmt][0], source, mapping, new, wave=wave)
    (new / "study.yaml").write_text((study_dir / "study.yaml").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    return study, load_study(new)


def _actors(study, ids=None) -> pd.DataFrame:
    a = study.actors[ACTOR_COLUMNS]
    if ids is not None:
        a = a[a["actor_id"].isin(ids)]
    return a.sort_values("actor_id").reset_index(drop=True).astype(object).where(a.notna(), None)


def _ties(ties: pd.DataFrame) -> pd.DataFrame:
    t = ties[TIE_COLUMNS].copy()
    for c in ("source", "target", "type"):
        t[c] = t[c].astype(str).astype(object)
    t["wave"] = t["wave"].astype(int)
    t["weight"] = t["weight"].astype(float)
    return t.sort_values(TIE_COLUMNS[:4]).reset_index(drop=True)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_mini_study_comes_back_with_the_same_actors_sectors_and_ties(fmt, tmp_path):
    old, new = round_trip(DATA / "mini_study", fmt, tmp_path)
    # the hand-written study: 9 actors, 10 ties, one tie type per pair and wave
    assert len(old.actors) == 9 and len(old.ties) == 10
    assert not old.ties.duplicated(["source", "target", "wave"]).any()
    pd.testing.assert_frame_equal(_actors(new), _actors(old))
    pd.testing.assert_frame_equal(_ties(new.ties), _ties(old.ties))
    # exports carry no names: a name is the id (Gephi's and Kumu's Label) or empty (GraphML)
    names = new.actors["name"]
    assert (names.isna() | (names == new.actors["actor_id"])).all()


@pytest.mark.skipif(not os.environ.get("INNOLAB_LONG"), reason="the long profile: INNOLAB_LONG=1")
@pytest.mark.parametrize("fmt", ["csv", "graphml"])
def test_an_example_area_comes_back_with_its_actors_and_arcs(fmt, tmp_path):
    """An export holds one arc per pair and wave with the sum of its tie types' weights and the
    types listed, so a pair with several tie types in a wave cannot come back type by type.
    The arcs (source, target, wave, summed weight) and the actors must."""
    from innolab.data.synthetic import make_study

    study_dir = tmp_path / "example"
    make_study(study_dir, seed=0)
    old, new = round_trip(study_dir, fmt, tmp_path, area="maunula",
                          tie_type="collaboration")
    waves = sorted(int(w) for w in old.ties["wave"].unique())
    graphs = {w: build_graph(old, area_id="maunula", wave=w) for w in waves}
    ids = set().union(*(set(G.nodes) for G in graphs.values()))
    pd.testing.assert_frame_equal(_actors(new), _actors(old, ids))
    arcs = pd.DataFrame([(u, v, w, "collaboration", d["weight"]) for w, G in graphs.items()
                         for u, v, d in G.edges(data=True)], columns=TIE_COLUMNS)
    assert len(arcs) > 100
    pd.testing.assert_frame_equal(_ties(new.ties), _ties(arcs))
