"""Benchmark: the full network profile of innolab.network against a plain networkx-loop baseline.

Builds a synthetic attributed directed graph (default 20,000 actors, 100,000 ties, five sectors,
sector homophily; numpy, seeded) and runs, timed:

* composition and PPP balance,
* the E-I index with a permutation test (default 1,000 permutations),
* Gould–Fernandez brokerage with sna's z-scores,
* Burt's constraint and effective size,
* Freeman degree, betweenness and closeness centralization, betweenness and closeness from
  ``k`` sampled sources with a bootstrap standard error.

The baseline does the same work the straightforward way — Python loops over networkx adjacency,
``networkx.constraint`` / ``effective_size`` called with ``nodes=`` (so that they are right),
``networkx.betweenness_centrality(k=…)`` and BFS from the same sampled sources — in the same run,
and both results are compared.

Usage::

    python benchmarks/bench_network.py [--actors 20000] [--ties 100000] [--perms 1000] [--k 256]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from innolab.analysis import network as nw  # noqa: E402
from innolab.analysis.network import gould_fernandez  # noqa: E402

SECTORS = ("people", "public", "private", "knowledge", "intermediary")
SECTOR_P = (0.45, 0.2, 0.2, 0.08, 0.07)


def synthetic_graph(n_actors: int = 20_000, n_ties: int = 100_000, seed: int = 0,
                    homophily: float = 0.6) -> nx.DiGraph:
    """A seeded random attributed digraph with sector homophily.

    Each tie's source is uniform; with probability ``homophily`` its target is drawn from the
    source's sector, otherwise from all actors. Duplicates and self-ties are redrawn until there
    are exactly ``n_ties`` distinct arcs.
    """
    rng = np.random.default_rng(seed)
    sector = rng.choice(len(SECTORS), size=n_actors, p=SECTOR_P)
    members = [np.flatnonzero(sector == s) for s in range(len(SECTORS))]
    keys: set = set()
    src_all, dst_all = [], []
    while len(keys) < n_ties:
        m = int((n_ties - len(keys)) * 1.2) + 10
        src = rng.integers(0, n_actors, size=m)
        same = rng.random(m) < homophily
        dst = rng.integers(0, n_actors, size=m)
        for s in range(len(SECTORS)):
            pick = same & (sector[src] == s)
            if pick.any() and len(members[s]):
                dst[pick] = members[s][rng.integers(0, len(members[s]), size=pick.sum())]
        for a, b in zip(src.tolist(), dst.tolist(), strict=True):
            if a != b and (a, b) not in keys:
                keys.add((a, b))
                src_all.append(a)
                dst_all.append(b)
                if len(keys) == n_ties:
                    break
    G = nx.DiGraph()
    for i in range(n_actors):
        G.add_node(f"a{i}", sector=SECTORS[sector[i]])
    G.add_edges_from((f"a{a}", f"a{b}") for a, b in zip(src_all, dst_all, strict=True))
    return G


def profile_fast(G, n_perm: int = 1000, k: int = 256, seed: int = 0) -> dict:
    """The full profile with innolab.network."""
    comp = nw.composition(G)
    perm = nw.ei_permutation_test(G, "sector", n=n_perm, seed=seed)
    b = nw.brokerage(G, "sector")
    summ = nw.brokerage_summary(G, "sector")
    cons = nw.constraint(G)
    es = nw.effective_size(G)
    cent = nw.centralizations(G, k=k, seed=seed)
    c = cent.set_index("measure")
    return {"n_people": int(comp.set_index("sector").at["people", "n"]),
            "ppp_balance": comp.attrs["ppp_balance"], "ei": perm["observed"],
            "ei_p": perm["p_value"], "brokerage_total": int(b["total"].sum()),
            "brokerage_z_total": float(summ.set_index("role").at["total", "z"]),
            "constraint_sum": float(np.nansum(cons["constraint"])),
            "effective_size_sum": float(es["effective_size"].sum()),
            "degree_centralization": float(c.at["degree", "centralization"]),
            "betweenness_centralization": float(c.at["betweenness", "centralization"]),
            "betweenness_se": float(c.at["betweenness", "se"]),
            "closeness_centralization": float(c.at["closeness", "centralization"]),
            "closeness_se": float(c.at["closeness", "se"]),
            "note": c.at["betweenness", "note"]}


def profile_baseline(G, n_perm: int = 1000, k: int = 256, seed: int = 0,
                     burt_sample: int | None = None) -> dict:
    """The same profile written the straightforward way with networkx and Python loops.

    ``burt_sample``: compute networkx's constraint / effective size for only this many actors
    (seeded sample) and extrapolate that stage's time linearly to all actors — the measures are
    local, so the cost per actor does not depend on the others. ``None``: all actors.
    """
    stages = {}
    t = time.perf_counter()
    sector = nx.get_node_attributes(G, "sector")
    counts = Counter(sector.values())
    # E-I and permutations: loop over the ties for every permutation
    edges = list(G.edges)

    def ei_of(lab):
        internal = sum(1 for u, v in edges if lab[u] == lab[v])
        return (len(edges) - 2 * internal) / len(edges)

    observed = ei_of(sector)
    rnd = random.Random(seed)
    nodes = list(G.nodes)
    values = list(sector.values())
    perms = []
    for _ in range(n_perm):
        rnd.shuffle(values)
        perms.append(ei_of(dict(zip(nodes, values, strict=True))))
    stages["composition + E-I permutations"] = time.perf_counter() - t
    t = time.perf_counter()
    # brokerage: every broker, every in-neighbour × out-neighbour pair
    totals = 0
    roles = Counter()
    for v in G:
        gv = sector[v]
        for a in G.predecessors(v):
            for b in G.successors(v):
                if a == b or G.has_edge(a, b):
                    continue
                ga, gb = sector[a], sector[b]
                if ga == gv == gb:
                    roles["coordinator"] += 1
                elif ga == gb:
                    roles["itinerant"] += 1
                elif ga == gv:
                    roles["representative"] += 1
                elif gv == gb:
                    roles["gatekeeper"] += 1
                else:
                    roles["liaison"] += 1
                totals += 1
    N = G.number_of_nodes()
    d = G.number_of_edges() / (N * (N - 1))
    _, _, eg, vg = gould_fernandez.brokerage_moments(np.array(list(counts.values())), float(N), d)
    z_total = (totals - eg[5]) / np.sqrt(vg[5])
    stages["brokerage"] = time.perf_counter() - t
    t = time.perf_counter()
    # Burt, with nodes= so that networkx is right for directed graphs
    burt_nodes = nodes
    if burt_sample is not None and burt_sample < len(nodes):
        burt_nodes = random.Random(seed).sample(nodes, burt_sample)
    cons = nx.constraint(G, nodes=burt_nodes)
    es = nx.effective_size(G, nodes=burt_nodes)
    # networkx returns NaN for actors that only receive ties (it looks at successors only);
    # compute Burt's formulas for them directly, with all contacts, as innolab does
    nmw = nx.algorithms.structuralholes.normalized_mutual_weight
    cons_sum = 0.0
    es_sum = 0.0
    for v in burt_nodes:
        if G.out_degree(v) == 0 and G.in_degree(v) > 0:
            contacts = set(nx.all_neighbors(G, v))
            cons_sum += sum(nx.local_constraint(G, v, j) for j in contacts)
            es_sum += sum(1 - sum(nmw(G, v, q) * nmw(G, j, q, norm=max) for q in contacts
                                  if q != j) for j in contacts)
        elif not np.isnan(cons[v]):
            cons_sum += cons[v]
            es_sum += es[v]
    stages["constraint + effective size"] = (time.perf_counter() - t) * len(nodes) / len(
        burt_nodes)
    t = time.perf_counter()
    # Freeman centralizations on the undirected skeleton
    U = nx.Graph(G)
    deg = dict(U.degree())
    mx = max(deg.values())
    c_deg = sum(mx - x for x in deg.values()) / ((N - 1) * (N - 2))
    bc = nx.betweenness_centrality(U, k=min(k, N), seed=seed, normalized=False)
    mb = max(bc.values())
    c_bet = sum(mb - x for x in bc.values()) / ((N - 1) ** 2 * (N - 2) / 2)
    comp = max(nx.connected_components(U), key=len)
    H = U.subgraph(comp)
    n = H.number_of_nodes()
    pivots = random.Random(seed).sample(list(H.nodes), min(k, n))
    far = Counter()
    for s in pivots:
        for v, dist in nx.single_source_shortest_path_length(H, s).items():
            far[v] += dist
    clo = {v: (n - 1) / (far[v] * n / len(pivots)) if far[v] else 0.0 for v in H}
    mc = max(clo.values())
    c_clo = sum(mc - x for x in clo.values()) / ((n - 1) * (n - 2) / (2 * n - 3))
    stages["centralizations"] = time.perf_counter() - t
    extrapolated = "" if burt_nodes is nodes else (
        f" (Burt stage measured on {len(burt_nodes)} sampled actors, scaled to {len(nodes)})")
    print("  baseline stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items())
          + extrapolated)
    return {"n_people": counts["people"], "ei": observed,
            "ei_perm_mean": float(np.mean(perms)), "brokerage_total": totals,
            "brokerage_z_total": float(z_total), "constraint_sum": cons_sum,
            "effective_size_sum": es_sum, "degree_centralization": c_deg,
            "betweenness_centralization": c_bet, "closeness_centralization": c_clo,
            "burt_nodes": burt_nodes, "seconds": sum(stages.values())}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--ties", type=int, default=100_000)
    parser.add_argument("--perms", type=int, default=1000, help="E-I permutations")
    parser.add_argument("--k", type=int, default=256, help="sampled sources (betweenness, "
                        "closeness)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-baseline", action="store_true", help="skip the slow baseline")
    parser.add_argument("--burt-sample", type=int, default=1000,
                        help="actors for the baseline's networkx Burt stage, whose time is "
                        "scaled to all actors (0 = all actors; that stage alone takes ~30 min "
                        "at 20,000 actors)")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    G = synthetic_graph(args.actors, args.ties, seed=args.seed)
    print(f"synthetic graph: {G.number_of_nodes():,} actors, {G.number_of_edges():,} ties "
          f"({time.perf_counter() - t0:.1f} s to build)")

    t0 = time.perf_counter()
    fast = profile_fast(G, n_perm=args.perms, k=args.k, seed=args.seed)
    t_fast = time.perf_counter() - t0
    print(f"innolab.network profile: {t_fast:.1f} s")
    for key, value in fast.items():
        print(f"  {key}: {value}")
    if args.no_baseline:
        return 0
    slow = profile_baseline(G, n_perm=args.perms, k=args.k, seed=args.seed,
                            burt_sample=args.burt_sample or None)
    t_slow = slow.pop("seconds")
    burt_nodes = slow.pop("burt_nodes")
    print(f"networkx-loop baseline:  {t_slow:.1f} s")
    for key, value in slow.items():
        print(f"  {key}: {value}")
    cons = nw.constraint(G).set_index("actor_id")["constraint"].loc[burt_nodes]
    es = nw.effective_size(G).set_index("actor_id")["effective_size"].loc[burt_nodes]
    tol = 1e-6 * len(burt_nodes)
    same = (fast["brokerage_total"] == slow["brokerage_total"]
            and abs(fast["ei"] - slow["ei"]) < 1e-12
            and abs(float(np.nansum(cons)) - slow["constraint_sum"]) < tol
            and abs(float(es.sum()) - slow["effective_size_sum"]) < tol)
    print(f"exact measures agree: {same}")
    print(f"speed-up: {t_slow / t_fast:.1f}x (innolab {t_fast:.1f} s, baseline {t_slow:.1f} s)")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
