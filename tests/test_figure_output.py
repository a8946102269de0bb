"""Figures as reports save them: laid out and drawn once, the PNG cut from that drawing with
the same pixels as matplotlib's own crop of the same box, the SVG cropped to the same box."""

from __future__ import annotations

import io
import math
import re
import zlib

import matplotlib as mpl
import numpy as np
import pytest
from conftest import REPO
from matplotlib.transforms import Bbox
from PIL import Image

import innolab
from innolab.reports import sections
from innolab.reports.output import figure_png, render, save_figure


@pytest.fixture(autouse=True)
def _close_figures():
    """Each test holds a few dozen figures of two sections at once: closed after it."""
    import matplotlib.pyplot as plt

    with plt.rc_context({"figure.max_open_warning": 0}):
        yield
    plt.close("all")


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


def _laid_out(fig, dpi):
    """The reference: matplotlib's tight layout and tight box at ``dpi``, the box padded as
    savefig pads it."""
    fig = getattr(fig, "figure", fig)
    fig.set_dpi(dpi)
    fig.tight_layout()
    fig.set_layout_engine(None)
    fig.draw_without_rendering()
    return fig, fig.get_tightbbox().padded(mpl.rcParams["savefig.pad_inches"])


def _savefig(fig, dpi, box) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches=box)
    return buf.getvalue()


@pytest.mark.parametrize("dpi", [200, 300])
def test_render_cuts_matplotlibs_own_pixels_from_one_drawing(example, dpi):
    """The PNG cut from one drawing is, pixel for pixel, what savefig draws again for the tight
    box widened to whole pixels (matplotlib's own crop, the reference), and at most a pixel a
    side larger than savefig(bbox_inches="tight"). Every figure of two sections at 200 dpi, at
    300 the two hardest: a legend below the axes (criteria_profile) and several axes
    (flows_by_sector); and, at both, a figure drawn beyond its own edge, which render has
    savefig draw again."""
    ours, theirs = _figures(example, "maunula"), _figures(example, "maunula")
    assert {"criteria_profile", "flows_by_sector", "flows"} <= set(ours)
    names = set(theirs) if dpi == 200 else {"criteria_profile", "flows_by_sector"}
    ours["overhang"], theirs["overhang"] = _overhanging(), _overhanging()
    names.add("overhang")
    for name in sorted(names):
        fig, tight = _laid_out(theirs[name], dpi)
        whole = Bbox([[math.floor(tight.x0 * dpi) / dpi, math.floor(tight.y0 * dpi) / dpi],
                      [math.ceil(tight.x1 * dpi) / dpi, math.ceil(tight.y1 * dpi) / dpi]])
        expected = _pixels(_savefig(fig, dpi, whole))
        png, box = render(ours[name], dpi)
        got = _pixels(png)
        assert np.allclose(box.bounds, whole.bounds), name
        assert got.shape == expected.shape, name
        assert np.array_equal(got, expected), name
        tight_png = _pixels(_savefig(fig, dpi, tight))
        for axis in (0, 1):
            assert 0 <= got.shape[axis] - tight_png.shape[axis] <= 2, name
    # the overhanging figure's box reaches past its edge: savefig drew it (RGBA)
    png, box = render(_overhanging(), dpi)
    assert box.x1 > 4 and Image.open(io.BytesIO(png)).mode == "RGBA"
    # the same figure, the same bytes
    assert figure_png(_figures(example, "maunula")["flows"], dpi) == \
        figure_png(_figures(example, "maunula")["flows"], dpi)


def _overhanging():
    """A figure whose legend reaches past its right edge: it cannot be cut from its drawing."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [1, 0], label="a line whose legend entry is far too long for its figure")
    ax.legend(loc="upper left", bbox_to_anchor=(0.6, -0.15))
    return fig


def test_criteria_profile_is_drawn_within_its_figure(example):
    """The criteria profile's legend is centred under the figure, not under the axes (which
    stand right of their long Finnish labels): nothing reaches past the figure's edges, so its
    PNG is cut from its one drawing (RGB), not drawn again by savefig (RGBA)."""
    for area in ("maunula", "herttoniemi"):
        fig = _figures(example, area)["criteria_profile"]
        png, box = render(fig, 200)
        assert 0 <= box.x0 and box.x1 <= fig.get_figwidth(), area
        assert 0 <= box.y0 and box.y1 <= fig.get_figheight(), area
        assert Image.open(io.BytesIO(png)).mode == "RGB", area
        legend = fig.axes[0].get_legend().get_window_extent()
        middle = fig.get_figwidth() * fig.dpi / 2
        assert abs((legend.x0 + legend.x1) / 2 - middle) < 1, area


def test_png_bytes_round_trip_through_pillow():
    """png_bytes writes what Pillow reads back as the same pixels (RGB and RGBA, odd sizes), with
    the resolution (pixels per metre, rounded as Pillow rounds it) and a valid CRC on every
    chunk (Pillow's verify); the file is no larger than Pillow's own at the same zlib level
    (PNG_COMPRESSION) by more than a fifth, for a figure's pixels."""
    from innolab.reports.output import PNG_COMPRESSION, png_bytes

    rng = np.random.default_rng(0)
    for shape in [(1, 1, 3), (7, 5, 4), (33, 64, 3)]:
        pixels = rng.integers(0, 256, size=shape, dtype=np.uint8)
        for dpi in (72, 200, 300):
            data = png_bytes(pixels, dpi)
            Image.open(io.BytesIO(data)).verify()
            image = Image.open(io.BytesIO(data))
            assert image.mode == ("RGB" if shape[2] == 3 else "RGBA")
            assert round(image.info["dpi"][0]) == dpi
            assert np.array_equal(np.asarray(image), pixels)
    fig = _overhanging()
    fig.canvas.draw()
    drawn = np.asarray(fig.canvas.buffer_rgba())[:, :, :3]
    pillow = io.BytesIO()
    Image.fromarray(drawn).save(pillow, format="png", compress_level=PNG_COMPRESSION)
    ours = png_bytes(drawn, 100)
    assert len(ours) <= 1.2 * len(pillow.getvalue())
    # the image data is a standard zlib stream (zlib-ng writes it): Python's zlib inflates it to
    # the rows, each a filter byte 0 and its samples
    start = ours.index(b"IDAT") + 4
    size = int.from_bytes(ours[start - 8:start - 4], "big")
    rows = zlib.decompress(ours[start:start + size])
    height, width = drawn.shape[:2]
    assert rows == b"".join(b"\x00" + drawn[r].tobytes() for r in range(height))
    assert len(rows) == height * (3 * width + 1)
    for bad in (np.zeros((2, 2), np.uint8), np.zeros((2, 2, 3), np.float64),
                np.zeros((0, 2, 3), np.uint8)):
        with pytest.raises(ValueError, match="uint8 array"):
            png_bytes(bad, 200)


def test_render_of_a_figure_without_an_agg_canvas_is_the_same_png():
    """A Figure made without pyplot has no Agg canvas to cut from: it is drawn by savefig, to
    the same pixels and box."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    def draw(fig):
        ax = fig.subplots()
        ax.bar(["a", "b", "c"], [3, 1, 2])
        ax.set_title("Kolme pylvästä")
        return fig

    agg = draw(plt.figure(figsize=(4, 3)))
    plain = draw(Figure(figsize=(4, 3)))
    assert type(plain.canvas).__name__ == "FigureCanvasBase"
    (png_a, box_a), (png_p, box_p) = render(agg, 200), render(plain, 200)
    plt.close(agg)
    assert np.allclose(box_a.bounds, box_p.bounds)
    assert np.array_equal(_pixels(png_a), _pixels(png_p))


def test_save_figure_crops_png_and_svg_to_one_box(example, tmp_path):
    fig = _figures(example, "maunula")["criteria_profile"]
    png, svg = save_figure(fig, tmp_path, "criteria_profile")
    assert (png.name, svg.name) == ("criteria_profile.png", "criteria_profile.svg")
    # the box of the same figure, fresh (tight_layout is not idempotent with a legend below
    # the axes: a figure is laid out once)
    box = render(_figures(example, "maunula")["criteria_profile"], 200)[1]
    width, height = Image.open(png).size
    assert abs(width - box.width * 200) <= 1 and abs(height - box.height * 200) <= 1
    head = svg.read_text()[:2000]
    svg_w, svg_h = (float(v) for v in re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"',
                                                 head).groups())
    assert svg_w == pytest.approx(box.width * 72, abs=0.5)  # points: 72 per inch
    assert svg_h == pytest.approx(box.height * 72, abs=0.5)
    assert fig.dpi == 100  # the screen resolution is given back


def test_svg_text_is_text_in_dejavu_sans_with_fallbacks(example, tmp_path):
    """An SVG keeps its words as text (svg.fonttype "none", innolab's style): a reader can search
    and edit them, and a test can see every word a figure shows. Each visible text of the figure
    is in the SVG, in DejaVu Sans with fonts of similar width, then the generic sans-serif, for a
    viewer without DejaVu Sans."""
    import html

    from matplotlib.text import Text

    fig = _figures(example, "maunula")["flows_by_sector"]
    words = {t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()}
    assert len(words) >= 8  # titles, tick labels, sectors of the legend
    svg = save_figure(fig, tmp_path, "flows_by_sector")[1].read_text(encoding="utf-8")
    texts = {html.unescape(s) for s in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    assert words <= texts
    families = set(re.findall(r"font-family: ([^;\"]+)", svg))
    assert families == {"'DejaVu Sans', 'Verdana', 'Arial', 'Liberation Sans', 'Helvetica', "
                        "sans-serif"}
    assert "<path id=\"DejaVuSans" not in svg  # no glyphs drawn as paths


_LONG = ["Ensimmäinen ulottuvuus", "Toinen ulottuvuus", "Kolmas ulottuvuus"]


@pytest.mark.parametrize("case", [
    dict(cmap="Blues", vmin=0, vmax=None, center=None, labels=["D1", "D2", "D3"]),
    dict(cmap="RdBu_r", vmin=-2, vmax=2, center=0, labels=_LONG, cbar_label="ero"),
    dict(cmap="RdBu_r", vmin=-0.5, vmax=2, center=0, labels=["D1", "D2", "D3"]),
    dict(cmap="Oranges", vmin=0, vmax=None, center=None, labels=_LONG, fontsize=7),
], ids=["counts", "centred-long-labels", "off-centre", "no-upper-bound"])
@pytest.mark.filterwarnings("ignore:The set_bad function:PendingDeprecationWarning")  # seaborn's
def test_annotated_heatmap_draws_seaborns_heatmap_without_drawing_the_figure(case,
                                                                            monkeypatch):
    """The same pixels as seaborn 0.13's ``heatmap`` with the same arguments (its rows' labels
    set level, as innolab's figures have them): empty cells, a centred and an off-centre colour
    map, column labels turned upright where they overlap, a colour bar label, the cell texts'
    size and colour. seaborn draws the whole figure to see whether labels overlap;
    annotated_heatmap never draws it (only render does)."""
    import matplotlib.pyplot as plt
    import pandas as pd
    import seaborn as sns
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from innolab.reports.plots import annotated_heatmap

    values = pd.DataFrame([[1.5, -0.3, np.nan], [0.2, 2.0, -1.1]], index=["a", "b"],
                          columns=["D1", "D2", "D3"])
    text = [["1,5", "-0,3", ""], ["0,2", "2,0", "-1,1"]]
    bar = {"label": case["cbar_label"]} if "cbar_label" in case else {}
    fontsize = case.get("fontsize", 8)

    _, ax = plt.subplots(figsize=(4, 3))
    sns.heatmap(values, annot=np.asarray(text, dtype=object), fmt="", cmap=case["cmap"],
                vmin=case["vmin"], vmax=case["vmax"], center=case["center"],
                mask=values.isna(), linewidths=0.5, linecolor="white",
                xticklabels=case["labels"], yticklabels=["a", "b"], ax=ax,
                annot_kws={"fontsize": fontsize}, cbar_kws={"shrink": 0.8, **bar})
    ax.tick_params(axis="y", rotation=0)
    want = render(ax.figure, 100)[0]

    drawn = []
    real = FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda self: drawn.append(1) or real(self))
    _, ax = plt.subplots(figsize=(4, 3))
    annotated_heatmap(values, text, ax=ax, cmap=case["cmap"], vmin=case["vmin"],
                      vmax=case["vmax"], center=case["center"], xticklabels=case["labels"],
                      yticklabels=["a", "b"], cbar_label=case.get("cbar_label"),
                      fontsize=fontsize)
    assert drawn == []
    assert render(ax.figure, 100)[0] == want
