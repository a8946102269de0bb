"""Figures as reports save them: laid out and measured once, the same pixels as matplotlib's own
``bbox_inches="tight"``, the SVG cropped to the same box."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from conftest import REPO
from PIL import Image

import innolab
from innolab.reports import sections
from innolab.reports.output import figure_png, save_figure, tight_box


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(REPO / "data" / "example")


def _figures(study, area_id):
    """Every figure of an area's mobilisation and criteria sections, by name (fresh ones)."""
    out = {}
    for sec in (sections.area_mobilisation(study, area_id, "fi", n_boot=50),
                sections.area_criteria(study, area_id, "fi", n=50)):
        out.update({it.name: it.figure for it in sec.items if hasattr(it, "alt")})
    return out


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


@pytest.mark.parametrize("dpi", [200, 300])
def test_figure_png_is_matplotlibs_tight_png_pixel_for_pixel(example, dpi):
    """The box measured once gives the PNG that tight_layout + savefig(bbox_inches="tight")
    gives (matplotlib's own crop, the reference), including a legend below the axes
    (criteria_profile) and a figure of several axes (flows_by_sector)."""
    ours, theirs = _figures(example, "maunula"), _figures(example, "maunula")
    assert {"criteria_profile", "flows_by_sector", "flows"} <= set(ours)
    # every figure at the reports' 200 dpi; at the evidence pack's 300, the two hardest
    names = set(theirs) if dpi == 200 else {"criteria_profile", "flows_by_sector"}
    for name, fig in theirs.items():
        if name not in names:
            continue
        fig = getattr(fig, "figure", fig)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
        expected = _pixels(buf.getvalue())
        got = _pixels(figure_png(ours[name], dpi=dpi))
        assert got.shape == expected.shape, name
        assert np.array_equal(got, expected), name


def test_save_figure_crops_png_and_svg_to_one_box(example, tmp_path):
    fig = _figures(example, "maunula")["criteria_profile"]
    png, svg = save_figure(fig, tmp_path, "criteria_profile")
    assert (png.name, svg.name) == ("criteria_profile.png", "criteria_profile.svg")
    # the box of the same figure, fresh (tight_layout is not idempotent with a legend below
    # the axes: a figure is laid out once)
    box = tight_box(_figures(example, "maunula")["criteria_profile"], 200)
    width, height = Image.open(png).size
    assert abs(width - box.width * 200) <= 1 and abs(height - box.height * 200) <= 1
    head = svg.read_text()[:2000]
    svg_w, svg_h = (float(v) for v in re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"',
                                                 head).groups())
    assert svg_w == pytest.approx(box.width * 72, abs=0.5)  # points: 72 per inch
    assert svg_h == pytest.approx(box.height * 72, abs=0.5)
    assert fig.dpi == 100  # the screen resolution is given back
