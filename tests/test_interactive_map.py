"""The area profile's interactive network map in a real browser, offline.

The mini study's Maunula area profile (the shared ``mini_reports`` run) is opened from ``file://``
in the headless Chromium of ``test_browser`` with every other request aborted. The map must make
no request and log no console error, draw as many nodes as ``build_graph`` has for the wave shown
(the hand-counted mini study: Maunula has 3 actors in wave 0 and 5 in wave 1,
``tests/data/mini_study/actors.csv``, ``joined_wave``), follow the wave selector and the sector
filter, and hide in print. No actor name may appear in the page.
"""

from __future__ import annotations

import csv

import pytest
from conftest import DATA
from test_browser import browser  # noqa: F401  (the module's Chromium fixture)

from innolab.analysis.network import build_graph
from innolab.data.study import load_study

MAP = "#innolab-map-maunula"


@pytest.fixture(scope="module")
def profile(mini_reports):
    code, out = mini_reports
    assert code == 0
    page = out / "maunula" / "01_area_profile.html"
    assert page.is_file()
    return page


@pytest.fixture
def opened(browser, profile):  # noqa: F811
    """The page open in Chromium with the network off, and the problems it showed (a fresh
    page for each test: one test's clicks do not carry over)."""
    problems: list[str] = []
    context = browser.new_context(service_workers="block")
    page = context.new_page()

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            problems.append(f"request to the network: {r.request.url}")
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(profile.as_uri(), wait_until="load")
    page.wait_for_function("() => window.innolabMap !== undefined", timeout=10_000)
    try:
        yield page, problems
    finally:
        context.close()


VISIBLE = "() => window.innolabMap.nodes().filter(n => n.style('display') !== 'none').length"


def test_the_map_draws_the_latest_wave_offline_without_errors(opened, profile):
    page, problems = opened
    study = load_study(DATA / "mini_study")
    G = build_graph(study, area_id="maunula")  # the latest wave, as the section shows
    assert G.number_of_nodes() == 5  # m1–m5 (hand count, actors.csv)
    assert page.evaluate("() => window.innolabMap.nodes().length") == G.number_of_nodes()
    assert page.evaluate("() => window.innolabMap.edges().length") == G.number_of_edges()
    ids = page.evaluate("() => window.innolabMap.nodes().map(n => n.id()).sort()")
    assert ids == sorted(G.nodes)
    assert not problems, "\n".join(problems)


def test_the_wave_selector_and_the_sector_filter_change_what_is_drawn(opened, profile):
    page, problems = opened
    study = load_study(DATA / "mini_study")
    G0 = build_graph(study, area_id="maunula", wave=0)
    assert G0.number_of_nodes() == 3  # m1–m3 joined in wave 0
    page.select_option(f"{MAP} select", "0")
    assert page.evaluate("() => window.innolabMap.nodes().length") == 3
    page.select_option(f"{MAP} select", "1")
    G1 = build_graph(study, area_id="maunula", wave=1)
    people = sum(1 for _, s in G1.nodes(data="sector") if s == "people")
    assert people == 2  # m1 (association) and m2 (resident)
    assert page.evaluate(VISIBLE) == G1.number_of_nodes()
    page.uncheck(f"{MAP} input[value=people]")
    assert page.evaluate(VISIBLE) == G1.number_of_nodes() - people
    page.check(f"{MAP} input[value=people]")
    assert page.evaluate(VISIBLE) == G1.number_of_nodes()
    # hovering shows the pseudonymous id, sector and roles. The script returns nothing: a
    # cytoscape collection handed back to Playwright is serialised with the whole graph it
    # points to, which took 15-20 s and now and then crashed the renderer ("Target crashed")
    page.evaluate("() => { window.innolabMap.getElementById('m1').emit('tap'); }")
    info = page.inner_text(f"{MAP} .innolab-map-info")
    assert info.startswith("m1 · People") and "Liaison" in info
    assert not problems, "\n".join(problems)


def test_print_shows_the_static_map_not_the_interactive_one(opened, profile):
    page, _ = opened
    page.emulate_media(media="print")
    try:
        assert not page.is_visible(MAP)
        assert page.locator("img").count() > 0
    finally:
        page.emulate_media(media="screen")
    assert page.is_visible(MAP)


def test_no_actor_name_appears_in_the_page(opened, profile):
    page, _ = opened
    with open(DATA / "mini_study" / "actors.csv", encoding="utf-8") as f:
        names = [r["name"] for r in csv.DictReader(f) if r["name"]]
    assert len(names) == 9
    text = profile.read_text(encoding="utf-8")
    shown = page.content()
    leaked = [n for n in names if n in text or n in shown]
    assert not leaked, leaked


def test_the_map_data_shows_what_the_analysis_computed_in_each_wave():
    from innolab.analysis.network import ROLES, brokerage
    from innolab.reports.interactive import map_data
    from innolab.reports.texts import t

    study = load_study(DATA / "mini_study")
    data = map_data(study, "maunula", "fi")
    assert list(data["waves"]) == ["0", "1"]
    assert data["wave_labels"] == {"0": "Syksy 2015", "1": "Kevät 2016"}  # study.yaml
    positions = {}
    for wave, elements in data["waves"].items():
        G = build_graph(study, area_id="maunula", wave=int(wave))
        nodes = {e["data"]["id"]: e["data"] for e in elements if e["group"] == "nodes"}
        for e in elements:  # an actor stays where it is when the reader switches waves
            if e["group"] == "nodes":
                assert positions.setdefault(e["data"]["id"], e["position"]) == e["position"]
        assert sorted(nodes) == sorted(G.nodes)
        assert sum(e["group"] == "edges" for e in elements) == G.number_of_edges()
        for row in brokerage(G).itertuples():
            d = nodes[row.actor_id]
            assert d["sector"] == G.nodes[row.actor_id]["sector"]
            assert d["brokerage"] == row.total
            assert d["roles"] == [f"{t(f'network.role.{r}', 'fi')} {getattr(row, r)}"
                                  for r in ROLES if getattr(row, r) > 0]


def test_a_kind_that_looks_like_html_cannot_end_the_script():
    from innolab.reports.interactive import map_html

    study = load_study(DATA / "mini_study")
    study.actors.loc[study.actors["actor_id"] == "m1", "kind"] = "</script><b>x</b>"
    page = map_html(study, "maunula", include_library=False)
    assert "</script><b>" not in page and "<\\/script><b>" in page
