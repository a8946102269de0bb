"""The interactive network map of the area profile: cytoscape.js inlined, working offline.

:func:`map_data` gathers, for every wave of an area, what the map draws — pseudonymous actor ids
(never names), sector, type, kind, brokerage by role, positions from
:func:`innolab.reports.plots.network_layout` of the latest wave (the static map's layout, kept in
every wave so that the network grows in place) and the ties
— as codes and numbers. :func:`map_html` turns it into one HTML block: a wave selector, a sector
filter, the map, and a line that shows an actor's id, kind and roles on hover or click. The
library (``resources/vendor/cytoscape/``, MIT licence) and the data are inlined, so the page needs
no network and works from ``file://``. The report template hides the block in print, where the
static map stands.
"""

from __future__ import annotations

import html
import json
import math
from importlib import resources

from ..data import vocab
from .plots import SECTOR_COLORS, network_layout
from .texts import kind_label, label, labels, t, wave_name

__all__ = ["LIBRARY", "library_js", "map_data", "map_html"]

#: The vendored library: (npm package, version, file under ``resources/vendor/<package>/``).
LIBRARY = ("cytoscape", "3.35.0", "cytoscape.min.js")

#: Colour of an actor without a sector.
NO_SECTOR_COLOR = "#999999"

# The script that draws the map. It reads the data and labels from the JSON element next to it,
# puts the instance on window.innolabMap (the browser tests read it) and writes only text.
_DRAW_JS = """
(function () {
  var root = document.getElementById(%(root)s);
  var data = JSON.parse(root.querySelector('script.innolab-map-data').textContent);
  var box = root.querySelector('.innolab-map-canvas');
  var info = root.querySelector('.innolab-map-info');
  var select = root.querySelector('select');
  var boxes = root.querySelectorAll('input[type=checkbox]');
  var cy = cytoscape({
    container: box, elements: [], userZoomingEnabled: true, boxSelectionEnabled: false,
    style: [
      {selector: 'node', style: {'background-color': 'data(color)', 'width': 'data(size)',
        'height': 'data(size)', 'border-width': 'data(border)', 'border-color': '#000000'}},
      {selector: 'edge', style: {'width': 'mapData(weight, 1, 5, 1, 4)', 'line-color': '#b0b0b0',
        'target-arrow-color': '#b0b0b0', 'target-arrow-shape': 'triangle',
        'curve-style': 'bezier', 'arrow-scale': 0.8, 'opacity': 0.8}},
      {selector: 'node:selected', style: {'border-width': 3, 'border-color': '#000000'}}
    ]
  });
  function describe(n) {
    var d = n.data();
    var parts = [d.id, d.sector_label, d.type_label];
    if (d.kind) parts.push(d.kind);
    var roles = d.roles.length ? d.roles.join(', ') : data.labels.no_roles;
    info.textContent = parts.join(' · ') + ' — ' + data.labels.roles + ': ' + roles;
  }
  function filter() {
    var hidden = {};
    boxes.forEach(function (b) { hidden[b.value] = !b.checked; });
    cy.nodes().forEach(function (n) {
      n.style('display', hidden[n.data('sector')] ? 'none' : 'element');
    });
  }
  function draw(wave) {
    cy.elements().remove();
    cy.add(data.waves[wave]);
    filter();
    cy.layout({name: 'preset', fit: true, padding: 20}).run();
    info.textContent = data.labels.hint;
  }
  cy.on('mouseover tap', 'node', function (e) { describe(e.target); });
  select.addEventListener('change', function () { draw(select.value); });
  boxes.forEach(function (b) { b.addEventListener('change', filter); });
  draw(select.value);
  window.innolabMap = cy;
})();
"""


def library_js() -> str:
    """The vendored library's minified JavaScript (``resources/vendor/<package>/<file>``).

    Returns
    -------
    str
    """
    package, _, name = LIBRARY
    folder = resources.files("innolab.resources").joinpath("vendor").joinpath(package)
    return folder.joinpath(name).read_text(encoding="utf-8")


def map_data(study, area_id: str, lang: str = "en", seed: int = 0) -> dict:
    """What the interactive map draws for an area: one list of elements per wave, and labels.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language of the labels.
    seed : int
        Seed of the layout (the static map's seed gives the static map's positions).

    Returns
    -------
    dict
        ``waves``: wave (as text) → cytoscape elements; a node's data holds ``id`` (the
        pseudonymous ``actor_id``), ``sector``, ``type``, ``kind``, ``brokerage`` (total), the
        role labels it holds, its colour and size; an edge's ``source``, ``target``, ``weight``.
        ``wave_labels``: wave → label. ``labels``: the texts the script writes. Names never
        appear.
    """
    from ..analysis import network

    role_names = {r: t(f"network.role.{r}", lang) for r in network.ROLES}
    waves = sorted(int(w) for w in study.ties["wave"].dropna().unique())
    out = {"waves": {}, "wave_labels": {},
           "labels": {"hint": t("network.map_hint", lang), "roles": t("network.map_roles", lang),
                      "no_roles": t("network.map_no_roles", lang)}}
    graphs = {wave: network.build_graph(study, area_id=area_id, wave=wave) for wave in waves}
    # every wave on the latest wave's layout (the static map's): switching waves, a reader
    # sees the network grow in place; an actor the latest wave lacks gets its wave's layout
    pos = network_layout(graphs[waves[-1]], seed=seed) if waves else {}
    for wave in waves:
        G = graphs[wave]
        if any(v not in pos for v in G.nodes):
            pos = {**network_layout(G, seed=seed), **pos}
        broker = (network.brokerage(G).set_index("actor_id").to_dict("index")
                  if G.number_of_nodes() else {})
        top = max((float(b["total"]) for b in broker.values()), default=0.0)
        elements = []
        for aid, attrs in G.nodes(data=True):
            b = broker.get(aid, {})
            total = float(b.get("total", 0.0))
            roles = [f"{role_names[r]} {int(b[r])}" for r in network.ROLES if b.get(r, 0) > 0]
            x, y = pos.get(aid, (0.0, 0.0))
            sector = attrs.get("sector")
            elements.append({"group": "nodes", "data": {
                "id": str(aid), "sector": sector, "type": attrs.get("type"),
                "kind": kind_label(attrs.get("kind"), lang), "brokerage": total, "roles": roles,
                "sector_label": label("sector", sector, lang) if sector else "",
                "type_label": label("actor_type", attrs["type"], lang) if attrs.get("type")
                else "",
                "color": SECTOR_COLORS.get(sector, NO_SECTOR_COLOR),
                "size": 12 + (28 * math.sqrt(total / top) if top > 0 else 0),
                "border": 1.5 if attrs.get("kehra_member") else 0},
                "position": {"x": float(x) * 250, "y": -float(y) * 250}})
        for u, v, e in G.edges(data=True):
            elements.append({"group": "edges", "data": {
                "id": f"{u}->{v}", "source": str(u), "target": str(v),
                "weight": float(e.get("weight", 1.0))}})
        out["waves"][str(wave)] = elements
        out["wave_labels"][str(wave)] = wave_name(study, wave, lang)
    return out


def _json_for_script(value) -> str:
    """JSON that cannot end the ``<script>`` element it stands in."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def map_html(study, area_id: str, lang: str = "en", seed: int = 0, wave: int | None = None,
             include_library: bool = True) -> str:
    """The interactive map as one HTML block (inline library, data and drawing script).

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language of the controls.
    seed : int
        Layout seed (the static map's).
    wave : int, optional
        The wave shown first; the latest wave with ties by default.
    include_library : bool
        Inline the library (once per page: a second map on the same page passes False).

    Returns
    -------
    str
        HTML with a ``<div class="innolab-map">``, its controls, the map and its scripts.
    """
    data = map_data(study, area_id, lang=lang, seed=seed)
    waves = list(data["waves"])
    chosen = str(wave) if wave is not None else (waves[-1] if waves else "")
    root = f"innolab-map-{area_id}"
    options = "".join(
        f'<option value="{html.escape(w)}"{" selected" if w == chosen else ""}>'
        f"{html.escape(data['wave_labels'][w])}</option>" for w in waves)
    sectors = labels("sector", lang)
    checks = "".join(
        f'<label style="margin-right:0.8em"><input type="checkbox" value="{code}" checked> '
        f'<span style="display:inline-block;width:0.8em;height:0.8em;border-radius:50%;'
        f'background:{SECTOR_COLORS.get(code, NO_SECTOR_COLOR)}"></span> '
        f"{html.escape(sectors[code])}</label>" for code in vocab.SECTORS)
    library = f"<script>{library_js()}</script>" if include_library else ""
    return (
        f'<div class="innolab-map" id="{root}" role="group" '
        f'aria-label="{html.escape(t("network.map_title", lang))}">'
        f'<p><label>{html.escape(t("network.map_wave", lang))} <select>{options}</select>'
        f"</label></p>"
        f'<fieldset style="border:none;padding:0;margin:0 0 0.5em 0">'
        f'<legend>{html.escape(t("network.map_sectors", lang))}</legend>{checks}</fieldset>'
        f'<div class="innolab-map-canvas" style="width:100%;height:480px;'
        f'border:1px solid #ddd"></div>'
        f'<p class="innolab-map-info" aria-live="polite"></p>'
        f'<script type="application/json" class="innolab-map-data">{_json_for_script(data)}'
        f"</script>{library}<script>{_DRAW_JS % {'root': json.dumps(root)}}</script></div>")
