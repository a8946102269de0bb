"""Tests of innolab.network: every measure against a published or hand-derived reference value.

Each test names where its expected value comes from.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innolab.analysis import network as nw
from innolab.analysis.network import freeman, gould_fernandez
from innolab.errors import InnolabError, ParameterError

matplotlib.use("Agg")

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------------------------
# fixtures: published data sets
# ---------------------------------------------------------------------------------------------

def mini_study():
    d = DATA / "mini_study"
    actors = pd.read_csv(d / "actors.csv", dtype={"target_group": "string"})
    return SimpleNamespace(actors=actors, ties=pd.read_csv(d / "ties.csv"),
                           areas=pd.read_csv(d / "areas.csv"),
                           waves=pd.DataFrame({"wave": [0, 1]}))


# Michael (1997) strike network as distributed with the r4sna labs (cllghn/r4sna,
# data/Strike.net and data/Strikegroups.csv): 24 actors, 76 arcs (38 symmetric pairs).
STRIKE_NAMES = ("Xavier Utrecht Frank Domingo Norm Hal Russ Karl Bob Quint Wendle Ozzie Ike Ted "
                "Sam Vern Gill Lanny Mike Carlos Alejandro Paul Eduardo John").split()
STRIKE_GROUPS = [3, 3, 2, 1, 3, 2, 3, 2, 2, 3, 3, 3, 2, 3, 3, 3, 2, 2, 2, 1, 1, 3, 1, 2]
STRIKE_ARCS = ("1 11;1 15;2 5;2 7;2 10;2 15;3 17;4 20;4 21;4 23;5 2;5 9;5 12;5 15;5 16;5 22;"
               "6 9;6 17;6 24;7 2;7 10;7 14;8 12;8 18;8 24;9 5;9 6;9 13;9 18;9 19;9 21;9 24;"
               "10 2;10 7;10 22;11 1;11 15;12 5;12 8;13 9;13 17;13 19;14 7;14 16;15 1;15 2;"
               "15 5;15 11;16 5;16 14;17 3;17 6;17 13;17 24;18 8;18 9;18 24;19 9;19 13;20 4;"
               "20 21;20 23;21 4;21 9;21 20;21 23;22 5;22 10;23 4;23 20;23 21;24 6;24 8;24 9;"
               "24 17;24 18")


def strike_graph():
    G = nx.DiGraph()
    for name, g in zip(STRIKE_NAMES, STRIKE_GROUPS, strict=True):
        G.add_node(name, group=g)
    for arc in STRIKE_ARCS.split(";"):
        i, j = map(int, arc.split())
        G.add_edge(STRIKE_NAMES[i - 1], STRIKE_NAMES[j - 1])
    return G


# Koschade (2006) Jemaah Islamiyah Bali cell, binary relations (Table 1) with the roles used by
# R package homophily (knapply/homophily, data-raw/jemaah_islamiyah.R).
JI_NAMES = ("MUKLAS AMROZI IMRON SAMUDRA DULMATIN IDRIS MUBAROK AZAHARI GHONI ARNASAN RAUF "
            "OCTAVIA HIDAYAT JUNAEDI PATEK FERI SARIJO").split()
JI_ROLES = ["command team", "operation assistant", "operation assistant", "command team",
            "bomb maker", "command team", "operation assistant", "bomb maker", "bomb maker",
            "suicide bomber", "Team Lima", "Team Lima", "Team Lima", "Team Lima", "bomb maker",
            "suicide bomber", "bomb maker"]
JI_ROWS = """01111101100000101
10010110000000000
10011101100000111
11101111111111101
10110101100000111
11111011100000101
01010100000000000
10111100100000111
10111101000000111
00010000001111000
00010000010111000
00010000011011000
00010000011101000
00010000011110000
10111101100000011
00101001100000101
10111101100000110"""


def ji_graph():
    G = nx.Graph()
    for name, role in zip(JI_NAMES, JI_ROLES, strict=True):
        G.add_node(name, role=role)
    rows = JI_ROWS.split()
    for i, row in enumerate(rows):
        for j, c in enumerate(row):
            if c == "1" and i < j:
                G.add_edge(JI_NAMES[i], JI_NAMES[j])
    return G


def attributed(G, labels):
    for v, lab in zip(G.nodes, labels, strict=True):
        G.nodes[v]["sector"] = lab
    return G


# ---------------------------------------------------------------------------------------------
# build_graph and composition
# ---------------------------------------------------------------------------------------------

def test_build_graph_mini_study_latest_wave():
    # Expected arcs counted by hand from tests/data/mini_study/ties.csv, wave 1.
    G = nw.build_graph(mini_study())
    assert G.graph["wave"] == 1
    assert set(G.edges) == {("m1", "m3"), ("m4", "m1"), ("m5", "m3"), ("m1", "t1"), ("m1", "k1")}
    assert G["m4"]["m1"]["weight"] == 0.5
    assert G.number_of_nodes() == 9  # all actors have joined by wave 1
    for v in G:
        assert "name" not in G.nodes[v]
        assert set(G.nodes[v]) == set(nw.NODE_ATTRIBUTES)
    assert G.nodes["k1"]["country"] == "EE"
    assert G.nodes["m2"]["target_group"] == "senior"
    assert G.nodes["m1"]["target_group"] is None
    assert G.nodes["m1"]["kehra_member"] is True


def test_build_graph_area_wave_and_types():
    # Wave 0 in Maunula: m1→m2 (collaboration), m1→m3 (information), m3→m1 (collaboration, 2).
    s = mini_study()
    G = nw.build_graph(s, area_id="maunula", wave=0)
    assert set(G.nodes) == {"m1", "m2", "m3"}  # m4, m5 join in wave 1
    assert set(G.edges) == {("m1", "m2"), ("m1", "m3"), ("m3", "m1")}
    Gc = nw.build_graph(s, area_id="maunula", wave=0, types="collaboration")
    assert set(Gc.edges) == {("m1", "m2"), ("m3", "m1")}
    assert Gc["m3"]["m1"]["weight"] == 2.0
    Gx = nw.build_graph(s, area_id="maunula", wave=1, include_external=True)
    assert {"t1", "k1"} <= set(Gx.nodes)


def test_build_graph_bad_parameters():
    s = mini_study()
    with pytest.raises(ParameterError, match="Unknown area"):
        nw.build_graph(s, area_id="nowhere")
    with pytest.raises(ParameterError, match="Unknown wave"):
        nw.build_graph(s, wave=7)
    with pytest.raises(ParameterError, match="Unknown tie type"):
        nw.build_graph(s, types=["gossip"])


def test_build_graph_with_load_study():
    # The same graph from the real loader as from the hand-built frames.
    import innolab

    study = innolab.load_study(DATA / "mini_study")
    G = nw.build_graph(study)
    assert set(G.edges) == set(nw.build_graph(mini_study()).edges)


def test_composition_and_ppp_balance():
    # Hand counts, mini study: people 3, public 2, private 1, knowledge 1, intermediary 1 + k1
    # (people) = 9 actors. PPP balance (Pielou evenness) of (4, 2, 1):
    # H = -(4/7 ln 4/7 + 2/7 ln 2/7 + 1/7 ln 1/7) = 0.9557, / ln 3 = 0.8699.
    G = nw.build_graph(mini_study())
    c = nw.composition(G)
    assert list(c["sector"]) == ["people", "public", "private", "knowledge", "intermediary"]
    assert list(c["n"]) == [4, 2, 1, 1, 1]
    assert c["share"].sum() == pytest.approx(1.0)
    p = np.array([4, 2, 1]) / 7
    assert c.attrs["ppp_balance"] == pytest.approx(-(p * np.log(p)).sum() / math.log(3))
    assert c.attrs["ppp_balance"] == pytest.approx(0.8699, abs=1e-4)


def test_ppp_balance_bounds():
    # Pielou (1966) evenness: equal thirds = 1, a single sector = 0.
    eq = attributed(nx.empty_graph(3), ["people", "public", "private"])
    one = attributed(nx.empty_graph(3), ["people"] * 3)
    assert nw.ppp_balance(eq) == pytest.approx(1.0)
    assert nw.ppp_balance(one) == 0.0
    assert nw.ppp_balance(nx.DiGraph()) == 0.0
    two_one_one = attributed(nx.empty_graph(4), ["people", "people", "public", "private"])
    assert nw.ppp_balance(two_one_one) == pytest.approx(1.0397 / 1.0986, abs=1e-4)


# ---------------------------------------------------------------------------------------------
# E-I index
# ---------------------------------------------------------------------------------------------

def test_ei_index_koschade_published():
    # R homophily::ei_index(jemmah_islamiyah, "role") documented output: 0.3650794
    # (knapply.github.io/homophily/reference/ei_index.html).
    assert nw.ei_index(ji_graph(), "role") == pytest.approx(0.3650794, abs=1e-7)


def test_ei_by_actor_koschade_published():
    # Same source, scope = "node": published values for every actor.
    published = {"MUKLAS": 0.5555556, "AMROZI": 0.5, "IMRON": 1.0, "SAMUDRA": 0.7333333,
                 "DULMATIN": 0.1111111, "IDRIS": 0.6, "MUBAROK": 0.3333333,
                 "AZAHARI": 0.1111111, "GHONI": 0.1111111, "ARNASAN": 1.0, "RAUF": -0.2,
                 "OCTAVIA": -0.2, "HIDAYAT": -0.2, "JUNAEDI": -0.2, "PATEK": 0.1111111,
                 "FERI": 1.0, "SARIJO": 0.1111111}
    df = nw.ei_by_actor(ji_graph(), "role").set_index("actor_id")
    for name, value in published.items():
        assert df.at[name, "ei"] == pytest.approx(value, abs=1e-7), name


def test_ei_by_group_koschade_by_hand():
    # Krackhardt & Stern (1988) group E-I: ties of members to outsiders vs. inside.
    # Team Lima (RAUF, OCTAVIA, HIDAYAT, JUNAEDI): 6 internal edges; external: each to SAMUDRA
    # and ARNASAN = 8 -> (8-6)/14 = 0.142857.
    df = nw.ei_by_group(ji_graph(), "role").set_index("role")
    assert df.at["Team Lima", "internal"] == 6
    assert df.at["Team Lima", "external"] == 8
    assert df.at["Team Lima", "ei"] == pytest.approx(2 / 14)
    # the group rows add up: Σ internal = I, Σ external = 2E (an external tie has two groups)
    e_i = nw.ei_index(ji_graph(), "role")
    internal, external2 = df["internal"].sum(), df["external"].sum()
    assert (external2 / 2 - internal) / (external2 / 2 + internal) == pytest.approx(e_i)


def test_ei_directed_counts_arcs():
    # Krackhardt & Stern's definition on arcs, hand count. Wave 1: m1→m3, m4→m1, m5→m3 cross
    # sectors, m1→t1 and m1→k1 are people-people: E = 3, I = 2 -> 0.2.
    # Wave 0, whole study: m1→m2 (people-people),
    # m1→m3, m3→m1 (people-public), t1→t2 (people-public), t3→t1 (intermediary-people):
    # E = 4, I = 1 -> 0.6.
    s = mini_study()
    assert nw.ei_index(nw.build_graph(s, wave=1)) == pytest.approx(0.2)
    assert nw.ei_index(nw.build_graph(s, wave=0)) == pytest.approx(0.6)


def test_ei_degenerate():
    G = attributed(nx.DiGraph(nx.path_graph(3)), ["people"] * 3)
    assert nw.ei_index(G) == -1.0  # one sector only: all ties internal
    with pytest.raises(InnolabError, match="without ties"):
        nw.ei_index(attributed(nx.empty_graph(3, nx.DiGraph), ["people", "public", "private"]))
    single = attributed(nx.empty_graph(1, nx.DiGraph), ["people"])
    df = nw.ei_by_actor(single)
    assert df["internal"].iloc[0] == 0 and df["external"].iloc[0] == 0
    assert np.isnan(df["ei"].iloc[0])  # documented: NaN exactly where the actor has no ties


def test_ei_permutation_test():
    # One group: every permutation gives -1, so p = 1 (UCINET's permutation logic).
    G = attributed(nx.DiGraph(nx.cycle_graph(6)), ["people"] * 6)
    r = nw.ei_permutation_test(G, n=50, seed=1)
    assert r["observed"] == -1.0 and r["perm_mean"] == -1.0 and r["p_value"] == 1.0
    # Two cliques of 5, one group each, no tie between them: the observed -1 is the minimum of
    # all labellings, so p_less = 1/(n+1) unless a permutation reproduces the split.
    K = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5))
    K = attributed(K, ["people"] * 5 + ["public"] * 5)
    r = nw.ei_permutation_test(K, n=199, seed=3)
    assert r["observed"] == -1.0
    assert r["p_less"] <= 3 / 200
    # Exact expectation under random labelling: P(same group) for an edge = 2*C(5,2)/C(10,2)
    # = 20/45, so E[EI] = 1 - 2*20/45 = 0.1111; the Monte Carlo mean is within 3 SE.
    r = nw.ei_permutation_test(K, n=2000, seed=4)
    assert abs(r["perm_mean"] - (1 - 40 / 45)) < 3 * r["perm_sd"] / math.sqrt(2000)
    r2 = nw.ei_permutation_test(K, n=2000, seed=4)
    assert r2 == r  # same seed, same answer


# ---------------------------------------------------------------------------------------------
# Gould–Fernandez brokerage
# ---------------------------------------------------------------------------------------------

# sna::brokerage(strike_net, Group)$raw.nli as published in the r4sna statnet lab
# ("5-Centrality_and_Brokerage_in_statnet", cllghn/r4sna): w_I w_O b_IO b_OI b_O t.
STRIKE_SNA = {
    "Utrecht": (8, 0, 0, 0, 0, 8), "Norm": (18, 0, 5, 5, 0, 28), "Hal": (2, 0, 0, 0, 0, 2),
    "Russ": (4, 0, 0, 0, 0, 4), "Karl": (0, 0, 2, 2, 0, 4), "Bob": (14, 0, 10, 10, 2, 36),
    "Quint": (4, 0, 0, 0, 0, 4), "Ozzie": (0, 0, 1, 1, 0, 2), "Ike": (4, 0, 0, 0, 0, 4),
    "Ted": (2, 0, 0, 0, 0, 2), "Sam": (8, 0, 0, 0, 0, 8), "Vern": (2, 0, 0, 0, 0, 2),
    "Gill": (10, 0, 0, 0, 0, 10), "Lanny": (2, 0, 0, 0, 0, 2), "Alejandro": (0, 0, 3, 3, 0, 6),
    "Paul": (2, 0, 0, 0, 0, 2), "John": (12, 0, 0, 0, 0, 12),
}


def test_brokerage_matches_sna_strike():
    b = nw.brokerage(strike_graph(), "group").set_index("actor_id")
    cols = list(nw.ROLES) + ["total"]
    for name in STRIKE_NAMES:
        expected = STRIKE_SNA.get(name, (0, 0, 0, 0, 0, 0))
        assert tuple(b.loc[name, cols]) == expected, name
    # the undirected version of the same network gives the same counts (sna symmetrises)
    bu = nw.brokerage(nx.Graph(strike_graph()), "group").set_index("actor_id")
    assert (bu[cols] == b[cols]).all().all()


def test_brokerage_roles_single_paths():
    # Gould & Fernandez (1989) Figure 1 role definitions, one open two-path a -> v -> b each.
    cases = {("A", "A", "A"): "coordinator", ("B", "A", "B"): "itinerant",
             ("A", "A", "B"): "representative", ("B", "A", "A"): "gatekeeper",
             ("B", "A", "C"): "liaison"}
    for groups, role in cases.items():
        G = nx.DiGraph([("a", "v"), ("v", "b")])
        for node, g in zip("avb", groups, strict=True):
            G.nodes[node]["sector"] = g
        row = nw.brokerage(G).set_index("actor_id").loc["v"]
        assert row[role] == 1 and row["total"] == 1, role
        G.add_edge("a", "b")  # closed: no brokerage (sna counts only a -> b absent)
        assert nw.brokerage(G)["total"].sum() == 0


def _enumerate_moments(N, codes, d):
    """Exact moments of the role counts over all digraphs on N nodes (Bernoulli(d) arcs)."""
    pairs = [(i, j) for i in range(N) for j in range(N) if i != j]
    ind1 = np.zeros((N, 6))
    ind2 = np.zeros((N, 6))
    g1 = np.zeros(6)
    g2 = np.zeros(6)
    codes = np.asarray(codes)
    for mask in range(1 << len(pairs)):
        sel = [pairs[k] for k in range(len(pairs)) if mask >> k & 1]
        p = d ** len(sel) * (1 - d) ** (len(pairs) - len(sel))
        src = np.array([a for a, _ in sel], dtype=np.int64)
        dst = np.array([b for _, b in sel], dtype=np.int64)
        c = gould_fernandez.brokerage_counts(N, codes, src, dst)
        c = np.column_stack([c, c.sum(axis=1)])
        ind1 += p * c
        ind2 += p * c ** 2
        g = c.sum(axis=0)
        g1 += p * g
        g2 += p * g ** 2
    return ind1, ind2 - ind1 ** 2, g1, g2 - g1 ** 2


def test_brokerage_moments_against_exact_enumeration():
    # sna's individual expected values and variances (sna R/gli.R, brokerage()) are the exact
    # moments under a Bernoulli digraph of density d: verified over all 4096 digraphs on 4 actors.
    codes = [0, 0, 1, 2]
    d = 0.3
    e_ind, v_ind, e_g, v_g = _enumerate_moments(4, codes, d)
    ebr, vbr, eg, vg = gould_fernandez.brokerage_moments(np.bincount(codes), 4.0, d)
    np.testing.assert_allclose(ebr[codes], e_ind, atol=1e-12)
    np.testing.assert_allclose(vbr[codes], v_ind, atol=1e-12)
    np.testing.assert_allclose(eg, e_g, atol=1e-12)
    # global variances: sna's itinerant and liaison formulas are exact; its representative /
    # gatekeeper / total formulas are not (documented in docs/methods.md) — we follow sna.
    np.testing.assert_allclose(vg[[0, 1, 4]], v_g[[0, 1, 4]], atol=1e-12)
    assert vg[2] == pytest.approx(0.273168, abs=1e-6)  # sna formula; exact value is 0.257292


def test_brokerage_z_scores_follow_sna_formulas():
    # z = (count - E) / sd with E, sd from sna's formulas by the broker's group (Strike data,
    # d = 76 / (24*23)); e.g. Norm (group 3, n = 11): E[w_I] = d^2 (1-d) * 10 * 9.
    b = nw.brokerage(strike_graph(), "group").set_index("actor_id")
    d = 76 / (24 * 23)
    e = d * d * (1 - d) * 10 * 9
    v = e * (1 - d * d * (1 - d)) + 2 * 10 * 9 * 8 * d ** 3 * (1 - d) ** 3
    assert b.loc["Norm", "z_coordinator"] == pytest.approx((18 - e) / math.sqrt(v))
    s = nw.brokerage_summary(strike_graph(), "group").set_index("role")
    assert s.loc["total", "observed"] == 136
    assert s.loc["coordinator", "observed"] == 92


def test_brokerage_degenerate():
    single = attributed(nx.empty_graph(1, nx.DiGraph), ["people"])
    b = nw.brokerage(single)
    assert b["total"].tolist() == [0]
    empty = nw.brokerage(nx.DiGraph())
    assert len(empty) == 0
    # no ties: counts 0, z undefined (variance 0) — NaN as in sna, documented
    G = attributed(nx.empty_graph(3, nx.DiGraph), ["people", "public", "private"])
    b = nw.brokerage(G)
    assert (b["total"] == 0).all() and b["z_total"].isna().all()


def _open_two_paths(G):
    return {v: sum(1 for a in G.predecessors(v) for c in G.successors(v)
                   if a != c and not G.has_edge(a, c)) for v in G}


@st.composite
def digraphs(draw, max_n=9):
    n = draw(st.integers(min_value=1, max_value=max_n))
    arcs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30))
    labels = draw(st.lists(st.sampled_from(["people", "public", "private"]), min_size=n,
                           max_size=n))
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from((a, b) for a, b in arcs if a != b)
    return attributed(G, labels)


@settings(max_examples=60, deadline=None)
@given(digraphs())
def test_property_brokerage_total_is_open_two_paths(G):
    b = nw.brokerage(G).set_index("actor_id")
    expected = _open_two_paths(G)
    for v in G:
        assert b.loc[v, "total"] == expected[v]
    assert (b[list(nw.ROLES)].sum(axis=1) == b["total"]).all()


@settings(max_examples=60, deadline=None)
@given(digraphs())
def test_property_ei_in_range(G):
    if G.number_of_edges():
        assert -1.0 <= nw.ei_index(G) <= 1.0
    ei = nw.ei_by_actor(G)["ei"].dropna()
    assert ((ei >= -1) & (ei <= 1)).all()


@settings(max_examples=40, deadline=None)
@given(digraphs(), st.randoms(use_true_random=False))
def test_property_relabelling_invariance(G, rnd):
    nodes = list(G)
    new = [f"x{i}" for i in range(len(nodes))]
    rnd.shuffle(new)
    H = nx.relabel_nodes(G, dict(zip(nodes, new, strict=True)))
    back = dict(zip(new, nodes, strict=True))
    for f in (nw.brokerage, nw.constraint, nw.effective_size, nw.ei_by_actor):
        a = f(G).set_index("actor_id").sort_index()
        b = f(H)
        b["actor_id"] = b["actor_id"].map(back)
        b = b.set_index("actor_id").sort_index()
        pd.testing.assert_frame_equal(a, b, check_dtype=False)
    if G.number_of_edges():
        assert nw.ei_index(G) == pytest.approx(nw.ei_index(H))
    if len(G) >= 3:
        assert nw.centralization(G, "betweenness") == pytest.approx(
            nw.centralization(H, "betweenness"))


# ---------------------------------------------------------------------------------------------
# Burt
# ---------------------------------------------------------------------------------------------

def _nx_test_graphs():
    # networkx/algorithms/tests/test_structuralholes.py; values from UCINET / igraph, checked
    # by hand; the undirected graph is Borgatti (1997) "Structural holes: unpacking Burt's
    # redundancy measures", Connections 20(1).
    D = nx.DiGraph([(0, 1), (0, 2), (1, 0), (2, 1)])
    Dw = D.copy()
    nx.set_edge_attributes(Dw, {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}, "weight")
    G = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
                  ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])
    Gw = G.copy()
    nx.set_edge_attributes(Gw, {("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2,
                                ("E", "G"): 8, ("F", "G"): 3, ("B", "G"): 4, ("B", "D"): 1,
                                ("D", "G"): 3, ("G", "C"): 10}, "weight")
    return D, Dw, G, Gw


def test_constraint_reference_values():
    D, Dw, G, Gw = _nx_test_graphs()
    cases = [(D, None, {0: 1.003, 1: 1.003, 2: 1.389}),
             (Dw, "weight", {0: 0.840, 1: 1.143, 2: 1.378}),
             (G, None, {"G": 0.400, "A": 0.595, "C": 1.0}),   # Borgatti 1997 / Burt 1992
             (Gw, "weight", {"G": 0.299, "A": 0.795, "C": 1.0})]
    for graph, w, expected in cases:
        c = nw.constraint(graph, weight=w).set_index("actor_id")["constraint"]
        for v, val in expected.items():
            assert c[v] == pytest.approx(val, abs=1e-3)


def test_effective_size_reference_values():
    D, Dw, G, Gw = _nx_test_graphs()
    cases = [(D, None, {0: 1.167, 1: 1.167, 2: 1.0}),
             (Dw, "weight", {0: 1.567, 1: 1.083, 2: 1.0}),
             (G, None, {"G": 4.67, "A": 2.50, "C": 1.0}),     # Borgatti 1997: n - 2t/n
             (Gw, "weight", {"G": 5.47, "A": 2.47, "C": 1.0})]
    for graph, w, expected in cases:
        es = nw.effective_size(graph, weight=w).set_index("actor_id")["effective_size"]
        for v, val in expected.items():
            assert es[v] == pytest.approx(val, abs=1e-2 if graph in (G, Gw) else 1e-3)


def test_effective_size_avoids_networkx_default_bug():
    # networkx 3.6 effective_size(D) without nodes= gives 1.333 for node 0; the right value
    # (networkx with nodes=, UCINET) is 1.167.
    D, Dw, _, _ = _nx_test_graphs()
    ours = nw.effective_size(D).set_index("actor_id")["effective_size"]
    assert ours[0] == pytest.approx(7 / 6)
    right = nx.effective_size(D, nodes=list(D))
    for v in D:
        assert ours[v] == pytest.approx(right[v])


@settings(max_examples=30, deadline=None)
@given(digraphs(max_n=8), st.booleans())
def test_property_burt_matches_networkx_with_nodes(G, weighted):
    if weighted:
        for k, (u, v) in enumerate(G.edges):
            G[u][v]["w"] = 1.0 + (k % 3)
    w = "w" if weighted else None
    c = nw.constraint(G, weight=w).set_index("actor_id")["constraint"]
    es = nw.effective_size(G, weight=w).set_index("actor_id")["effective_size"]
    c_nx = nx.constraint(G, weight=w, nodes=list(G))
    es_nx = nx.effective_size(G, weight=w, nodes=list(G))
    for v in G:
        if G.degree(v) == 0:
            assert math.isnan(c_nx[v]) and math.isnan(c[v]) and es[v] == 0.0
        elif G.out_degree(v) == 0:
            # networkx returns NaN for an actor that only receives ties (it looks at G[v], the
            # successors); Burt's measures use all contacts, so ours is defined.
            assert math.isnan(c_nx[v]) and np.isfinite(c[v]) and es[v] >= 1.0 - 1e-12
        else:
            assert c[v] == pytest.approx(c_nx[v])
            assert es[v] == pytest.approx(es_nx[v])


# ---------------------------------------------------------------------------------------------
# Freeman centralization
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("measure", ["degree", "betweenness", "closeness"])
def test_centralization_star_is_one_and_ring_zero(measure):
    # Freeman (1979): the star maximises every centralization (=1); regular graphs score 0.
    assert nw.centralization(nx.star_graph(6), measure) == pytest.approx(1.0)
    assert nw.centralization(nx.DiGraph(nx.star_graph(6)), measure) == pytest.approx(1.0)
    assert nw.centralization(nx.cycle_graph(7), measure) == pytest.approx(0.0, abs=1e-12)
    assert nw.centralization(nx.complete_graph(5), measure) == pytest.approx(0.0, abs=1e-12)


def test_centralization_path_by_hand():
    # 5-node path (Freeman 1979 formulas, computed by hand): degrees 1,2,2,2,1 -> 2/12;
    # betweenness 0,3,4,3,0 -> 10/24; closeness 4/10, 4/7, 4/6 -> 0.72381 / (12/7) = 0.42222.
    P = nx.path_graph(5)
    assert nw.centralization(P, "degree") == pytest.approx(1 / 6)
    assert nw.centralization(P, "betweenness") == pytest.approx(5 / 12)
    assert nw.centralization(P, "closeness") == pytest.approx(0.4222222, abs=1e-6)


def test_centralization_directed_degree_modes():
    # igraph centr_degree(mode = "out") theoretical max (n-1)^2: an out-star scores 1.
    S = nx.DiGraph([(0, i) for i in range(1, 6)])
    assert nw.centralization(S, "degree", mode="out") == pytest.approx(1.0)
    assert nw.centralization(S, "degree", mode="in") == pytest.approx(
        sum(1 - d for d in [0, 1, 1, 1, 1, 1]) / 25)


# R sna 2.7-2's digraph conventions, computed by hand with sna's own formulas (R is not needed):
# centralization(g, FUN) = sum(max(c) - c) / FUN(g, tmaxdev=TRUE) (R/gli.R, lines 34-57);
# degree(gmode="digraph", cmode="freeman"): total degree, an arc counting at both ends
# (src/nli.c degree_R, lines 222-249), tmaxdev (n-1)(2(n-1)-2) = 2(n-1)(n-2) and (n-1)^2 for
# cmode "indegree"/"outdegree" (R/nli.R, lines 203-216); betweenness(gmode="digraph",
# cmode="directed"): directed shortest paths, not halved (R/nli.R, lines 81-82), tmaxdev
# (n-1)^2 (n-2) (R/nli.R, line 50).
# A named digraph on 5 actors: a mutual pair a<->b, arcs a->c, d->a, a->e, c->d.
SNA_DIGRAPH = [("a", "b"), ("b", "a"), ("a", "c"), ("d", "a"), ("a", "e"), ("c", "d")]


def test_centralization_digraph_convention_is_snas_on_a_named_digraph():
    G = nx.DiGraph(SNA_DIGRAPH)
    G.add_nodes_from("abcde")
    # total degree a..e = in + out = (2+3, 1+1, 1+1, 1+1, 1+0) = 5, 2, 2, 2, 1:
    # (0 + 3 + 3 + 3 + 4) / (2·4·3) = 13/24
    assert nw.centralization(G, "degree", convention="digraph") == pytest.approx(13 / 24)
    # indegree 2,1,1,1,1: 4/16; outdegree 3,1,1,1,0: 9/16 (cmode "indegree", "outdegree")
    assert nw.centralization(G, "degree", mode="in", convention="digraph") == \
        pytest.approx(4 / 16)
    assert nw.centralization(G, "degree", mode="out", convention="digraph") == \
        pytest.approx(9 / 16)
    # directed betweenness a..e, every shortest path unique: a on b->c, b->e, b->d, c->b,
    # c->e, d->b, d->c, d->e = 8; c on a->d, b->d = 2; d on c->a, c->b, c->e = 3; b, e = 0:
    # (0 + 8 + 6 + 5 + 8) / (4² · 3) = 27/48
    ref = nx.betweenness_centrality(G, normalized=False)
    assert [ref[v] for v in "abcde"] == [8, 0, 2, 3, 0]
    assert nw.centralization(G, "betweenness", convention="digraph") == pytest.approx(27 / 48)
    # the symmetrised convention on the same digraph: skeleton degrees 4,1,2,2,1 -> 10/12;
    # undirected betweenness 5,0,0,0,0 -> 20/24
    assert nw.centralization(G, "degree") == pytest.approx(10 / 12)
    assert nw.centralization(G, "betweenness") == pytest.approx(20 / 24)


def test_centralization_digraph_convention_chain_and_out_star():
    # chain a->b->c->d by sna's formulas: total degree 1,2,2,1 -> 2/(2·3·2) = 1/6; directed
    # betweenness 0,2,2,0 -> 4/(9·2) = 2/9 (symmetrised: 2/6 and 4/9)
    chain = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    assert nw.centralization(chain, "degree", convention="digraph") == pytest.approx(1 / 6)
    assert nw.centralization(chain, "betweenness", convention="digraph") == \
        pytest.approx(2 / 9)
    assert nw.centralization(chain, "degree") == pytest.approx(1 / 3)
    assert nw.centralization(chain, "betweenness") == pytest.approx(4 / 9)
    # an out-star of 5: total degree 4,1,1,1,1 -> 12/24 = 0.5 (sna's maximum is the mutual
    # star); no directed path of length 2 -> betweenness 0
    star = nx.DiGraph([(0, i) for i in range(1, 5)])
    assert nw.centralization(star, "degree", convention="digraph") == pytest.approx(0.5)
    assert nw.centralization(star, "betweenness", convention="digraph") == 0.0
    table = nw.centralizations(star, convention="digraph").set_index("measure")
    assert table["convention"].to_dict() == {"degree": "digraph_total",
                                             "betweenness": "digraph",
                                             "closeness": "symmetrised"}
    assert table.loc["degree", "centralization"] == pytest.approx(0.5)
    assert table.loc["closeness", "centralization"] == pytest.approx(1.0)
    assert set(nw.centralizations(star)["convention"]) == {"symmetrised"}
    # an undirected network is its own symmetrised graph: both conventions agree (gmode "graph")
    P = nx.path_graph(5)
    for m in ("degree", "betweenness"):
        assert nw.centralization(P, m, convention="digraph") == nw.centralization(P, m)
    with pytest.raises(ParameterError, match="convention"):
        nw.centralization(star, "degree", convention="directed")
    with pytest.raises(ParameterError, match="symmetrised convention"):
        nw.centralization(star, "closeness", convention="digraph")


def test_directed_brandes_matches_networkx_and_samples_near_exact():
    for seed in range(3):
        G = nx.gnm_random_graph(40, 90, seed=seed, directed=True)
        nodes, D = freeman.arc_csr(G)
        delta, _ = freeman.brandes_batch(D, np.arange(len(nodes)), forward=D.T.tocsr())
        ref = nx.betweenness_centrality(G, normalized=False)
        np.testing.assert_allclose(delta.sum(axis=1), [ref[v] for v in nodes], atol=1e-9)
    G = nx.DiGraph(nx.barabasi_albert_graph(300, 2, seed=1).edges())  # arcs young -> old
    exact = nw.centralization(G, "betweenness", convention="digraph")
    row = nw.centralizations(G, k=100, seed=2, convention="digraph").set_index(
        "measure").loc["betweenness"]
    assert not row["exact"] and row["convention"] == "digraph"
    assert abs(row["centralization"] - exact) < 5 * row["se"] + 0.02


def test_brandes_batch_matches_networkx():
    # exact batched Brandes == networkx betweenness / closeness on random graphs
    for seed in range(3):
        G = nx.gnm_random_graph(40, 70, seed=seed)
        nodes, A = freeman.skeleton_csr(G)
        delta, dist = freeman.brandes_batch(A, np.arange(len(nodes)))
        bc = delta.sum(axis=1) / 2
        ref = nx.betweenness_centrality(G, normalized=False)
        np.testing.assert_allclose(bc, [ref[v] for v in nodes], atol=1e-9)
        sp_len = dict(nx.all_pairs_shortest_path_length(G))
        for i, u in enumerate(nodes[:5]):
            for j, v in enumerate(nodes):
                assert dist[j, i] == sp_len[u].get(v, -1)


def test_centralization_sampled_close_to_exact():
    G = nx.barabasi_albert_graph(400, 2, seed=1)
    exact = nw.centralization(G, "betweenness")
    table = nw.centralizations(G, k=120, seed=2)
    row = table.set_index("measure").loc["betweenness"]
    assert not row["exact"] and row["k"] == 120 and "sampled" in row["note"]
    assert abs(row["centralization"] - exact) < 5 * row["se"] + 0.02


def test_centralization_degenerate():
    with pytest.raises(InnolabError, match="at least 3"):
        nw.centralization(nx.path_graph(2), "degree")
    with pytest.raises(ParameterError):
        nw.centralization(nx.path_graph(4), "eigenvector")
    assert nw.centralization(nx.empty_graph(4), "degree") == 0.0


# ---------------------------------------------------------------------------------------------
# kolmikanta, boundaries, assortativity, communities, key actors, change
# ---------------------------------------------------------------------------------------------

def test_tripartite_closure():
    # By hand: triangle (p, g, c) is tripartite; (p, p2, g) is not; nx.triangles agrees.
    G = nx.DiGraph([("p", "g"), ("g", "c"), ("c", "p"), ("p", "p2"), ("p2", "g")])
    attributed(G, ["people", "public", "private", "people"])
    r = nw.tripartite_closure(G)
    assert r["n_triangles"] == sum(nx.triangles(nx.Graph(G)).values()) // 3 == 2
    assert r["n_tripartite"] == 1 and r["share"] == 0.5
    assert r["triads"].iloc[0].tolist() == ["p", "g", "c"]
    assert nw.tripartite_closure(nx.DiGraph())["share"] == 0.0


def test_boundary_spanning_mini_study():
    # Hand count, wave 1: m1→t1 crosses areas (same country FI, other municipality);
    # m1→k1 crosses area, municipality and country.
    G = nw.build_graph(mini_study())
    tot = nw.boundary_spanning(G, level="total").iloc[0]
    assert (tot["ties"], tot["cross_area"], tot["cross_municipality"], tot["cross_country"]) \
        == (5, 2, 2, 1)
    per = nw.boundary_spanning(G).set_index("actor_id")
    assert per.loc["m1", "cross_area"] == 2 and per.loc["k1", "cross_country"] == 1


def test_assortativity_networkx_reference():
    # networkx assortativity tests ("fish" graphs): undirected 6/22, directed 1/3.
    G = nx.Graph()
    G.add_nodes_from([0, 1], sector="one")
    G.add_nodes_from([2, 3], sector="two")
    G.add_nodes_from([4], sector="red")
    G.add_nodes_from([5], sector="blue")
    G.add_edges_from([(0, 1), (2, 3), (0, 4), (2, 5)])
    assert nw.assortativity(G) == pytest.approx(6 / 22)
    assert nw.assortativity(_fish_directed()) == pytest.approx(1 / 3)
    with pytest.raises(InnolabError, match="same"):
        nw.assortativity(attributed(nx.path_graph(3), ["people"] * 3))


def _fish_directed():
    D = nx.DiGraph()
    D.add_nodes_from([0, 1], sector="one")
    D.add_nodes_from([2, 3], sector="two")
    D.add_nodes_from([4], sector="red")
    D.add_nodes_from([5], sector="blue")
    D.add_edges_from([(0, 1), (2, 3), (0, 4), (2, 5)])
    return D


def test_communities_seeded():
    # Two 5-cliques joined by one edge: Louvain finds them exactly; seed gives stable output.
    G = nx.barbell_graph(5, 0)
    attributed(G, ["people"] * 10)
    c1 = nw.communities(G, seed=1)
    c2 = nw.communities(G, seed=1)
    pd.testing.assert_frame_equal(c1, c2)
    assert c1.groupby("community")["actor_id"].apply(set).tolist() in (
        [set(range(5)), set(range(5, 10))], [set(range(5, 10)), set(range(5))])
    # networkx's Louvain tests expect modularity > 0.38 on the karate club (Blondel et al.)
    K = nx.karate_club_graph()
    assert nw.communities(K, seed=0).attrs["modularity"] > 0.38


def test_key_actors_use_ids_not_names():
    s = mini_study()
    G = nw.build_graph(s, wave=0)
    k = nw.key_actors(G, n=3)
    assert len(k) == 3 and k["rank"].tolist() == [1, 2, 3]
    names = set(s.actors["name"])
    assert not names & set(map(str, k.to_numpy().ravel()))
    assert set(k["actor_id"]) <= set(s.actors["actor_id"])


def test_key_actors_betweenness_of_krackhardts_kite():
    """Normalised betweenness of Krackhardt's kite (Krackhardt 1990), as networkx's own tests
    give it (networkx/algorithms/centrality/tests/test_betweenness_centrality.py,
    test_krackhardt_kite_graph, to 3 decimals): Heather (7) 0.389 first, then Fernando and
    Garth (5, 6) 0.231, Ike (8) 0.222, Diane (3) 0.102."""
    G = attributed(nx.krackhardt_kite_graph(), ["people", "public"] * 5)
    k = nw.key_actors(G, n=10).set_index("actor_id")["betweenness"]
    expected = {0: 0.023, 1: 0.023, 2: 0.0, 3: 0.102, 4: 0.0, 5: 0.231, 6: 0.231, 7: 0.389,
                8: 0.222, 9: 0.0}
    for v, b in expected.items():
        assert k[v] == pytest.approx(b, abs=5e-4), v


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_key_actors_betweenness_is_networkxs(seed):
    """igraph's exact betweenness, normalised, is networkx's (to 1e-12) on random directed
    networks with isolates and reciprocal arcs; the actors ranked are the same."""
    G = nx.gnp_random_graph(60, 0.06, seed=seed, directed=True)
    G.add_nodes_from([100, 101])
    attributed(G, [["people", "public", "private"][i % 3] for i in range(len(G))])
    k = nw.key_actors(G, n=len(G)).set_index("actor_id")["betweenness"]
    ref = nx.betweenness_centrality(nx.Graph(G), normalized=True)
    assert max(abs(k[v] - ref[v]) for v in G.nodes) < 1e-12
    pair = attributed(nx.path_graph(2), ["people", "public"])
    assert nw.key_actors(pair)["betweenness"].tolist() == [0.0, 0.0]


def test_network_change_mini_study():
    # Maunula wave 0 -> 1 by hand: kept m1→m3; dropped m1→m2, m3→m1; added m4→m1, m5→m3.
    r = nw.network_change(mini_study(), "maunula", 0, 1)
    t = r["ties"]
    assert t[["added", "dropped", "kept"]].sum().tolist() == [2, 2, 1]
    m = r["measures"].set_index("measure")
    assert m.loc["actors", "before"] == 3 and m.loc["actors", "after"] == 5
    assert m.loc["density", "before"] == pytest.approx(3 / 6)
    assert m.loc["density", "after"] == pytest.approx(3 / 20)


def test_degenerate_networks_do_not_crash():
    for G in (nx.DiGraph(), attributed(nx.empty_graph(1, nx.DiGraph), ["people"])):
        assert len(nw.brokerage(G)) == G.number_of_nodes()
        assert len(nw.constraint(G)) == G.number_of_nodes()
        es = nw.effective_size(G)
        assert (es["effective_size"] == 0).all()
        assert nw.composition(G)["n"].sum() == G.number_of_nodes()
        assert nw.tripartite_closure(G)["share"] == 0.0
        assert len(nw.communities(G)) == G.number_of_nodes()
        assert nw.boundary_spanning(G, "total")["ties"].iloc[0] == 0


# ---------------------------------------------------------------------------------------------
# figures and the benchmark script
# ---------------------------------------------------------------------------------------------

def test_a_large_mixing_matrix_grows_and_leaves_its_numbers_to_the_table():
    """Up to PRINTED_CELLS areas each cell prints its count; the areas of a city (here 40) get
    a figure sized by the matrix, labels every one of them and no unreadable numbers."""
    import pandas as pd

    from innolab.reports import plots
    from innolab.reports.plots.network import PRINTED_CELLS

    def cell_texts(ax):
        return [t for t in ax.texts if t.get_text()]

    for n in (4, PRINTED_CELLS, 40):
        names = [f"area {i}" for i in range(n)]
        m = pd.DataFrame(np.arange(n * n).reshape(n, n), index=names, columns=names)
        ax = plots.mixing_heatmap(m, attr="area_id", lang="en")
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels == names
        if n <= PRINTED_CELLS:
            assert len(cell_texts(ax)) == n * n
            assert tuple(ax.figure.get_size_inches()) == (5.5, 4.5)
        else:
            assert cell_texts(ax) == []
            width, height = ax.figure.get_size_inches()
            assert width >= 0.17 * n and height >= 0.17 * n


def test_figures_draw_without_names():
    from innolab.reports import plots

    s = mini_study()
    G = nw.build_graph(s, wave=0)
    ax = plots.network_map(G, lang="fi", seed=0)
    texts = [t.get_text() for t in ax.figure.findobj(matplotlib.text.Text)]
    assert not set(s.actors["name"]) & set(texts)
    assert "Julkinen" in texts
    ax = plots.mixing_heatmap(nw.mixing_matrix(G), lang="fi")
    assert ax.get_xlabel() == "Vastaanottaja" and ax.get_ylabel() == "Lähettäjä"
    with pytest.raises(TypeError, match="draws a mixing matrix"):
        plots.mixing_heatmap(G, lang="en")  # a figure does not compute the matrix
    with pytest.raises(ValueError, match="summed by group"):
        plots.brokerage_by_sector(nw.brokerage(G), lang="en")  # nor does it sum the roles
    ax = plots.brokerage_by_sector(nw.brokerage(G).groupby("sector")[list(nw.ROLES)].sum(),
                                   lang="en")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Coordinator", "Itinerant (consultant)", "Representative", "Gatekeeper", "Liaison"]
    import matplotlib.pyplot as plt

    plt.close("all")


def test_network_map_layout_is_stable():
    from innolab.reports import plots

    G = nw.build_graph(mini_study(), wave=0)
    a = plots.network_layout(G, seed=3)
    b = plots.network_layout(G, seed=3)
    assert all(np.allclose(a[v], b[v]) for v in G)


def test_network_layout_is_seeded_and_leaves_random_numbers_alone():
    import random

    import igraph

    from innolab.reports.plots import network as pn

    G = nx.gnm_random_graph(60, 150, seed=1)
    state = random.getstate()
    a = pn._spring(G, seed=3)
    assert random.getstate() == state  # the caller's random numbers are not drawn from
    igraph.Graph.Erdos_Renyi(n=30, p=0.2)  # igraph's own random numbers in between
    b = pn._spring(G, seed=3)
    c = pn._spring(G, seed=4)
    assert all(np.array_equal(a[v], b[v]) for v in G)
    assert not all(np.allclose(a[v], c[v]) for v in G)


def test_network_layout_keeps_the_main_component_large():
    # An area of 120 actors in one component and two who only know each other: the spring
    # layout pushes the pair away, and the map is scaled to fit both. The main component must
    # still fill much of the map: networkx's spring layout, used before, drew it a tenth of the
    # map's width (0.20-0.25 of 2 for seeds 0-3; igraph's: 0.93-1.18), and did so for an area
    # of the synthetic 50-area study. Isolates stand in rows below.
    from innolab.reports import plots

    G = nx.gnm_random_graph(120, 400, seed=2)
    G.add_edge("a", "b")
    G.add_nodes_from(["x", "y", "z"])
    pos = plots.network_layout(G, seed=0)
    main = np.array([pos[v] for v in range(120)])
    assert np.ptp(main[:, 0]) > 0.75 and np.ptp(main[:, 1]) > 0.75
    linked = np.array([pos[v] for v in G if G.degree(v)])
    assert np.abs(linked).max() == pytest.approx(1.0)
    assert all(pos[v][1] < -1.0 for v in "xyz")


def test_benchmark_functions_run_on_tiny_graph():
    spec = importlib.util.spec_from_file_location("bench_network",
                                                  ROOT / "benchmarks" / "bench_network.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    G = bench.synthetic_graph(n_actors=60, n_ties=200, seed=1)
    assert G.number_of_nodes() == 60 and G.number_of_edges() == 200
    fast = bench.profile_fast(G, n_perm=20, k=10)
    slow = bench.profile_baseline(G, n_perm=20, k=10)
    assert slow["seconds"] > 0 and len(slow["burt_nodes"]) == 60
    assert fast["brokerage_total"] == slow["brokerage_total"]
    assert fast["ei"] == pytest.approx(slow["ei"])
    assert fast["constraint_sum"] == pytest.approx(slow["constraint_sum"])
    assert fast["effective_size_sum"] == pytest.approx(slow["effective_size_sum"])
    assert fast["degree_centralization"] == pytest.approx(slow["degree_centralization"])


def test_area_measures_on_the_mini_study():
    # Counted by hand from tests/data/mini_study, wave 1 (the latest): Maunula's own ties are
    # m1->m3 (people-public), m4->m1 (private-people), m5->m3 (knowledge-public): 3 ties among 5
    # actors, density 3 / (5 * 4) = 0.15, all across sectors (E-I = 1). Two more ties leave the
    # area: m1->t1 (Tuusula, FI) and m1->k1 (Kalamaja, EE): of the 5 ties touching Maunula,
    # 2 / 5 cross areas and 1 / 5 crosses a border. Tuusula's 3 actors have no tie among
    # themselves in wave 1; its only tie (m1->t1) crosses areas. Kalamaja has one actor.
    import innolab

    m = nw.area_measures(innolab.load_study(DATA / "mini_study"), n=200, seed=0)
    m = m.set_index("area_id")
    mau = m.loc["maunula"]
    assert (mau["wave"], mau["actors"], mau["ties"]) == (1, 5, 3)
    assert mau["density"] == pytest.approx(0.15)
    assert mau["ei"] == 1.0 and mau["cross_sector_share"] == 1.0
    assert mau["cross_area_share"] == pytest.approx(0.4)
    assert mau["cross_country_share"] == pytest.approx(0.2)
    assert mau["triangles"] == 0 and np.isnan(mau["tripartite_share"])
    tuu = m.loc["tuusula"]
    assert (tuu["actors"], tuu["ties"]) == (3, 0) and np.isnan(tuu["ei"])
    assert tuu["cross_area_share"] == 1.0 and tuu["cross_country_share"] == 0.0
    kal = m.loc["kalamaja"]
    assert kal["actors"] == 1 and np.isnan(kal["density"])
    assert kal["cross_country_share"] == 1.0


def test_network_reports_say_which_centralization_convention():
    # every report table with a centralization has the sentence of its convention under it
    import innolab
    from innolab.reports import sections
    from innolab.reports.texts import t

    mini = innolab.load_study(DATA / "mini_study")
    sym_en = t("network.centralization_convention.symmetrised", "en")
    assert "symmetrised network" in sym_en and "sna" in sym_en
    area = sections.area_network(mini, "maunula", "en", n=50)
    assert "network_measures" in area.tables and sym_en in area.text
    study = sections.study_networks(mini, "fi", n=50)
    assert t("network.centralization_convention.symmetrised", "fi") in study.text
    digraph = sections.area_network(mini, "maunula", "en", n=50, convention="digraph")
    assert t("network.centralization_convention.digraph", "en") in digraph.text
    assert sym_en not in digraph.text
    G = nw.build_graph(mini, area_id="maunula", wave=int(mini.ties["wave"].max()))
    row = digraph.tables["network_measures"].data.iloc[0]
    assert row["degree_centralization"] == pytest.approx(
        nw.centralization(G, "degree", convention="digraph"))
    assert row["betweenness_centralization"] == pytest.approx(
        nw.centralization(G, "betweenness", convention="digraph"))
    default = area.tables["network_measures"].data.iloc[0]
    assert default["degree_centralization"] == pytest.approx(nw.centralization(G, "degree"))
