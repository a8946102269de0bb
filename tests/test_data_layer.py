"""The data layer's modules: the names they share, and the layer's boundaries.

The study format itself (loading and every validation rule) is tested in ``test_study.py``; here
are the helpers other modules use (``cell_text``, ``did_you_mean``, ``vocab_hints``,
``builtin_criteria``, the reading and checking steps) and the rule that ``innolab.data`` imports
nothing from the layers above it and no private name of another module.
"""

from __future__ import annotations

import ast
import datetime as dt

import pandas as pd
import pytest
from conftest import DATA, REPO

from innolab.data import vocab
from innolab.data.reading import EMPTY, cell_text, read_csv, read_workbook
from innolab.data.schema import TABLES
from innolab.data.study import builtin_criteria, did_you_mean, vocab_hints
from innolab.data.validation import (
    check_study,
    finalise_dtypes,
    read_study_yaml,
    strip_internal,
    typed_frame,
)

DATA_DIR = REPO / "innolab" / "data"
UPPER_LAYERS = ("stats", "analysis", "evidence", "forms", "reports", "pipeline", "cli")


# ---------------------------------------------------------------------------------------------
# cell_text: a workbook cell as the text of a CSV cell


@pytest.mark.parametrize(("value", "text"), [
    (3.0, "3"),
    (2.5, "2.5"),
    (-0.25, "-0.25"),
    (7, "7"),
    (dt.date(2016, 3, 15), "2016-03-15"),
    (dt.datetime(2016, 3, 15), "2016-03-15"),
    (dt.datetime(2016, 3, 15, 9, 30), "2016-03-15T09:30:00"),
    (True, "true"),
    (False, "false"),
    (None, EMPTY),
    ("Maunula", "Maunula"),
])
def test_cell_text_gives_the_text_a_csv_would_hold(value, text):
    assert cell_text(value) == text


def test_cell_text_of_an_empty_cell_is_the_empty_string():
    assert EMPTY == ""
    assert cell_text(None) == ""


# ---------------------------------------------------------------------------------------------
# did_you_mean and vocab_hints


def test_did_you_mean_finds_a_misspelt_code():
    assert did_you_mean("pubic", vocab.SECTORS) == " (did you mean 'public'?)"


def test_did_you_mean_ignores_case_and_white_space():
    assert did_you_mean("  Private ", vocab.SECTORS) == " (did you mean 'private'?)"


def test_did_you_mean_knows_a_part_of_a_code():
    assert did_you_mean("leader", vocab.PEER_GROUPS) == " (did you mean 'uusimaa_leader'?)"


def test_did_you_mean_recognises_a_label_typed_for_the_code():
    assert did_you_mean("Julkinen", vocab.SECTORS, vocab_hints("sector")) == \
        " (did you mean 'public'?)"


def test_did_you_mean_is_silent_when_nothing_is_close():
    assert did_you_mean("xyzzy", vocab.SECTORS) == ""
    assert did_you_mean("anything", []) == ""


def test_vocab_hints_map_every_code_to_its_lower_case_labels():
    hints = vocab_hints("sector")
    assert set(hints) == set(vocab.SECTORS)
    assert "julkinen" in hints["public"]
    assert "public" in hints["public"]
    assert all(label == label.lower() for labels in hints.values() for label in labels)


# ---------------------------------------------------------------------------------------------
# builtin_criteria and the reading and checking steps


def test_builtin_criteria_is_the_typed_criteria_table():
    criteria = builtin_criteria()
    assert list(criteria.columns) == TABLES["criteria"].column_names
    assert criteria["criterion_id"].is_unique
    assert (criteria["scale_min"] < criteria["scale_max"]).all()
    assert criteria["direction"].dtype == "int64"


def test_read_csv_reads_the_finnish_excel_dialect(tmp_path):
    path = tmp_path / "support.csv"
    path.write_bytes("\ufeffarea_id;date;wave;type;hours\r\nA1;15.3.2016;1;mentoring;1,5\r\n"
                     .encode("utf-8"))
    problems = []
    raw = read_csv(path, path.name, problems)
    assert problems == []
    assert raw.header == ["area_id", "date", "wave", "type", "hours"]
    assert raw.frame.iloc[0].tolist() == ["A1", "15.3.2016", "1", "mentoring", "1,5"]
    assert raw.rows.tolist() == [2]
    frame = typed_frame(raw, TABLES["support"], problems, [])
    assert problems == []
    frame = strip_internal(finalise_dtypes(frame, TABLES["support"]))
    assert list(frame.columns) == TABLES["support"].column_names
    assert frame["hours"].iloc[0] == 1.5
    assert frame["date"].iloc[0] == pd.Timestamp("2016-03-15")
    assert frame["wave"].dtype == "int64"


def test_typed_frame_reports_a_bad_cell_with_its_row(tmp_path):
    path = tmp_path / "support.csv"
    path.write_text("area_id,date,wave,type,hours\nA1,2016-03-15,1,mentorin,2\n",
                    encoding="utf-8")
    problems = []
    typed_frame(read_csv(path, path.name, problems), TABLES["support"], problems, [])
    assert len(problems) == 1
    assert "support.csv" in str(problems[0]) and "mentorin" in str(problems[0])
    assert "did you mean 'mentoring'?" in str(problems[0])


def test_read_workbook_returns_the_tables_and_the_other_sheets(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "support"
    sheet.append(["area_id", "date", "wave", "type", "hours"])
    sheet.append(["A1", dt.datetime(2016, 3, 15), 1, "mentoring", 2.0])
    wb.create_sheet("notes")
    wb.save(tmp_path / "study.xlsx")
    problems = []
    tables, others = read_workbook(tmp_path / "study.xlsx", problems)
    assert problems == []
    assert others == ["notes"]
    assert tables["support"].frame.iloc[0].tolist() == ["A1", "2016-03-15", "1", "mentoring", "2"]


def test_read_workbook_of_a_damaged_file_is_a_problem(tmp_path):
    (tmp_path / "study.xlsx").write_bytes(b"not a workbook")
    problems = []
    assert read_workbook(tmp_path / "study.xlsx", problems) == ({}, [])
    assert len(problems) == 1 and "not readable as an Excel workbook" in str(problems[0])


def _mini_frames(problems):
    folder = DATA / "mini_study"
    frames = {}
    for name, spec in TABLES.items():
        path = folder / f"{name}.csv"
        if name == "criteria" and not path.exists():  # the mini study uses the built-in set
            path = REPO / "innolab" / "resources" / "criteria.csv"
        raw = read_csv(path, path.name, problems) if path.exists() else None
        frames[name] = typed_frame(raw, spec, problems, [])
    return frames


def test_check_study_passes_the_mini_study():
    problems = []
    frames = _mini_frames(problems)
    check_study(frames, {}, problems)
    assert problems == []


def test_check_study_finds_a_reference_to_an_unknown_area():
    problems = []
    frames = _mini_frames(problems)
    frames["actors"].loc[0, "area_id"] = "nowhere"
    check_study(frames, {}, problems)
    assert len(problems) == 1
    text = str(problems[0])
    assert "actors.csv" in text and "nowhere" in text and "area_id (from areas)" in text


def test_read_study_yaml_checks_the_language_and_warns_of_unknown_keys(tmp_path):
    path = tmp_path / "study.yaml"
    path.write_text("name: x\nlanguage: sv\ntitel: y\n", encoding="utf-8")
    problems, warn = [], []
    meta = read_study_yaml(path, problems, warn)
    assert meta["name"] == "x"
    assert len(problems) == 1 and "language" in str(problems[0])
    assert warn == ["study.yaml: unknown key 'titel' ignored (did you mean 'title'?)"]
    assert read_study_yaml(tmp_path / "absent.yaml", problems, warn) == {}


# ---------------------------------------------------------------------------------------------
# The layer's boundaries


def _imports(path):
    """(module imported, names imported) of every import statement in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = "innolab.data" + ("." + path.parent.name if path.parent != DATA_DIR else "")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [alias.asname] if alias.asname else []
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([module] if module else []))
            yield module, [a.name for a in node.names]


DATA_FILES = sorted(DATA_DIR.rglob("*.py"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_the_data_layer_imports_nothing_from_the_layers_above(path):
    for module, _ in _imports(path):
        parts = module.split(".")
        assert not (parts[0] == "innolab" and len(parts) > 1 and parts[1] in UPPER_LAYERS), \
            f"{path.name} imports {module}"


def _private(name):
    return name.startswith("_") and not name.startswith("__")


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_no_data_module_uses_a_private_name_of_another(path):
    modules = set()  # names bound here to innolab modules or names, e.g. vocab
    for module, names in _imports(path):
        if module.startswith("innolab"):
            private = [n for n in names if _private(n)]
            assert not private, f"{path.name} imports {private} from {module}"
            modules.update(names)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            assert not (node.value.id in modules and _private(node.attr)), \
                f"{path.name} uses {node.value.id}.{node.attr}"


def test_study_keeps_the_names_other_modules_import():
    from innolab.data import study

    for name in ("Study", "load_study", "read_table", "TABLES", "Column", "TableSpec",
                 "helsinki_districts", "builtin_criteria", "cell_text", "did_you_mean",
                 "vocab_hints"):
        assert name in study.__all__ and hasattr(study, name), name
    # the private aliases of the move are gone: every module uses the public names
    for name in ("_cell_text", "_did_you_mean", "_vocab_hints", "_builtin_criteria"):
        assert not hasattr(study, name), name


def test_synthetic_package_exports_the_generator():
    import innolab.data.synthetic as synthetic

    assert synthetic.__all__ == ["make_study", "MIN_AREAS", "MIN_ACTORS_PER_AREA"]
    assert (synthetic.MIN_AREAS, synthetic.MIN_ACTORS_PER_AREA) == (9, 20)
    assert callable(synthetic.make_study)
