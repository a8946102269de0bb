"""Gould & Fernandez (1989) brokerage roles, counted exactly as R ``sna::brokerage``.

An actor v brokers on every open two-path a → v → b (a ≠ b, no arc a → b); the groups of a, v
and b give the role. Expected values and variances are sna's, under a Bernoulli digraph of the
observed density (Butts, sna source ``gli.R``). The module is not called ``brokerage`` so that
``innolab.analysis.network.brokerage`` stays the function.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .graph import directed_arcs, node_groups

__all__ = ["ROLES", "SNA_NAMES", "brokerage", "brokerage_summary", "two_paths",
           "brokerage_counts", "brokerage_moments"]

#: Gould–Fernandez roles in the order of R ``sna::brokerage`` (w_I, w_O, b_IO, b_OI, b_O).
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

#: sna's name of each role (the ``total`` row is sna's ``t``).
SNA_NAMES = dict(zip(ROLES, ("w_I", "w_O", "b_IO", "b_OI", "b_O"), strict=True))


def two_paths(n: int, src: np.ndarray, dst: np.ndarray, max_chunk: int = 5_000_000):
    """Yield the open two-paths a → v → b (a ≠ b, no arc a → b) as arrays, in chunks.

    Parameters
    ----------
    n : int
        Number of nodes.
    src, dst : numpy.ndarray
        Distinct arcs as node positions (as from :func:`~.graph.directed_arcs`).
    max_chunk : int
        Largest number of candidate two-paths held in memory at once.

    Yields
    ------
    tuple of numpy.ndarray
        ``(a, v, b)``: the ends and the broker of each open two-path of the chunk.
    """
    if len(src) == 0:
        return
    order = np.argsort(src, kind="stable")
    s_sorted, d_sorted = src[order], dst[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(indptr, s_sorted + 1, 1)
    indptr = np.cumsum(indptr)
    outdeg = np.diff(indptr)
    arc_keys = np.sort(src * n + dst)
    counts = outdeg[dst]  # for arc (a, v): the number of v's out-arcs
    cum = np.cumsum(counts)
    start = 0
    while start < len(src):
        base = cum[start - 1] if start else 0
        stop = int(np.searchsorted(cum, base + max_chunk, side="right"))
        stop = max(stop, start + 1)
        c = counts[start:stop]
        tot = int(c.sum())
        if tot:
            a = np.repeat(src[start:stop], c)
            v = np.repeat(dst[start:stop], c)
            offs = np.repeat(np.cumsum(c) - c, c)
            b = d_sorted[np.repeat(indptr[dst[start:stop]], c) + (np.arange(tot) - offs)]
            keep = a != b
            a, v, b = a[keep], v[keep], b[keep]
            key = a * n + b
            pos = np.searchsorted(arc_keys, key)
            pos[pos >= len(arc_keys)] = 0
            open_ = arc_keys[pos] != key
            yield a[open_], v[open_], b[open_]
        start = stop


def brokerage_counts(n: int, codes: np.ndarray, src: np.ndarray, dst: np.ndarray
                      ) -> np.ndarray:
    """Each node's brokerage counts, role by role, as R ``sna::brokerage`` counts them.

    Parameters
    ----------
    n : int
        Number of nodes.
    codes : numpy.ndarray
        Group code of each node (as from :func:`~.graph.node_groups`).
    src, dst : numpy.ndarray
        Distinct arcs as node positions.

    Returns
    -------
    numpy.ndarray
        ``n × 5`` integer counts in :data:`ROLES` order (sna's w_I, w_O, b_IO, b_OI, b_O).
    """
    out = np.zeros((n, 5), dtype=np.int64)
    for a, v, b in two_paths(n, src, dst):
        ga, gv, gb = codes[a], codes[v], codes[b]
        role = np.full(len(a), 4, dtype=np.int64)          # liaison: all three differ
        role[(ga != gv) & (ga == gb)] = 1                   # itinerant: a, b in one group, v not
        role[(ga != gv) & (gv == gb)] = 3                   # gatekeeper: v, b together
        role[(ga == gv) & (gv != gb)] = 2                   # representative: a, v together
        role[(ga == gv) & (gv == gb)] = 0                   # coordinator: all in one group
        out += np.bincount(v * 5 + role, minlength=n * 5).reshape(n, 5)
    return out


def brokerage_moments(n_group: np.ndarray, N: float, d: float):
    """sna's expected values and variances of the brokerage counts under a Bernoulli digraph.

    Parameters
    ----------
    n_group : numpy.ndarray
        Number of nodes in each of the k groups.
    N : float
        Number of nodes.
    d : float
        Arc density ``arcs / (N (N − 1))``.

    Returns
    -------
    ebr, vbr : numpy.ndarray
        ``k × 6`` expected values and variances of one broker of each group, columns in
        :data:`ROLES` order then the total (sna's ``exp.nli``, squared ``sd.nli``).
    eg, vg : numpy.ndarray
        The network totals' expected values and variances (6,) (sna's ``exp.gli``, ``sd.gli``²).

    Notes
    -----
    The formulas of R ``sna::brokerage`` (Butts, sna source ``gli.R``); the tests check them
    against exact enumeration of all digraphs on 4 actors.
    """
    n = n_group.astype(float)
    k = len(n)
    q = d * d * (1 - d)
    c3 = d ** 3 * (1 - d) ** 3
    ebr = np.zeros((k, 6))
    vbr = np.zeros((k, 6))

    def choose2(x):
        return x * (x - 1) / 2.0

    for i in range(k):
        ni = n[i]
        no = np.delete(n, i)
        ebr[i, 0] = q * (ni - 1) * (ni - 2)
        vbr[i, 0] = ebr[i, 0] * (1 - q) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * c3
        ebr[i, 1] = q * np.sum(no * (no - 1))
        vbr[i, 1] = ebr[i, 1] * (1 - q) + 2 * np.sum(no * (no - 1) * (no - 2)) * c3
        ebr[i, 2] = q * (N - ni) * (ni - 1)
        vbr[i, 2] = ebr[i, 2] * (1 - q) + 2 * ((ni - 1) * choose2(N - ni)
                                               + (N - ni) * choose2(ni - 1)) * c3
        ebr[i, 3], vbr[i, 3] = ebr[i, 2], vbr[i, 2]
        ebr[i, 4] = q * (np.sum(np.outer(no, no)) - np.sum(no ** 2))
        vbr[i, 4] = ebr[i, 4] * (1 - q) + 4 * np.sum(no * choose2(N - no - ni) * c3)
        ebr[i, 5] = q * (N - 1) * (N - 2)
        vbr[i, 5] = ebr[i, 5] * (1 - q) + 2 * (N - 1) * (N - 2) * (N - 3) * c3
    d3, d4, d5 = d ** 3 * (1 - d) ** 3, d ** 4 * (1 - d) ** 2, d ** 5 * (1 - d)
    eg = np.zeros(6)
    vg = np.zeros(6)
    eg[0] = q * np.sum(n * (n - 1) * (n - 2))
    vg[0] = eg[0] * (1 - q) + np.sum(n * (n - 1) * (n - 2) * ((4 * n - 10) * d3
                                                            - 4 * (n - 3) * d4 + (n - 3) * d5))
    eg[1] = q * np.sum(n * (N - n) * (n - 1))
    x, y = np.meshgrid(n, n, indexing="ij")
    vg[1] = eg[1] * (1 - q) + (np.sum(x * y * (x - 1) * ((2 * x + 2 * y - 6) * d3
                                                         + (N - x - 1) * d5))
                               - np.sum(n * n * (n - 1) * ((4 * n - 6) * d3 + (N - n - 1) * d5)))
    eg[2] = q * np.sum(n * (N - n) * (n - 1))
    vg[2] = eg[2] * (1 - q) + np.sum(n * (N - n) * (n - 1) * ((N - 3) * d3 + (n - 2) * d5))
    eg[3], vg[3] = eg[2], vg[2]
    eg[4] = q * (np.sum(x * y * (N - x - y)) - np.sum(n * n * (N - 2 * n)))
    vg[4] = eg[4] * (1 - q)
    for i in range(k):
        for j in range(k):
            for m in range(k):
                if i != j and j != m and i != m:
                    vg[4] += n[i] * n[j] * n[m] * (
                        (4 * (N - n[j]) - 2 * (n[i] + n[m] + 1)) * d3
                        - (4 * (N - n[m]) - 2 * (n[i] + n[j] + 1)) * d4
                        + (N - (n[i] + n[m] + 1)) * d5)
    eg[5] = q * N * (N - 1) * (N - 2)
    vg[5] = eg[5] * (1 - q) + N * (N - 1) * (N - 2) * ((4 * N - 10) * d3 - 4 * (N - 3) * d4
                                                       + (N - 3) * d5)
    return ebr, vbr, eg, vg


def _zscore(obs, exp, var):
    obs, exp, var = np.asarray(obs, float), np.asarray(exp, float), np.asarray(var, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (obs - exp) / np.sqrt(var)


def _brokerage_all(G, attr):
    nodes, codes, labels = node_groups(G, attr)
    _, src, dst = directed_arcs(G)
    N = len(nodes)
    counts = brokerage_counts(N, codes, src, dst)
    counts = np.column_stack([counts, counts.sum(axis=1)])
    d = len(src) / (N * (N - 1)) if N > 1 else 0.0
    n_group = np.bincount(codes, minlength=len(labels))
    ebr, vbr, eg, vg = brokerage_moments(n_group, float(N), d)
    return nodes, codes, labels, counts, d, ebr, vbr, eg, vg


def brokerage(G, attr: str = "sector") -> pd.DataFrame:
    """Gould–Fernandez brokerage roles of every actor, counted exactly as R ``sna::brokerage``.

    Actor v brokers on every open two-path a → v → b (a ≠ b, no arc a → b). The role follows the
    groups of a, v and b: coordinator (all one group, sna ``w_I``), itinerant / consultant (a and
    b in one group, v in another, ``w_O``), representative (a with v, b elsewhere, ``b_IO``),
    gatekeeper (v with b, a elsewhere, ``b_OI``), liaison (all three differ, ``b_O``).

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Actor network (an undirected edge counts as two arcs, as in sna). Weights are ignored.
    attr : str
        Node attribute defining the groups (missing values form the group ``"(none)"``).

    Returns
    -------
    pandas.DataFrame
        One row per actor (node order), columns ``actor_id, <attr>, coordinator, itinerant,
        representative, gatekeeper, liaison, total`` and ``z_coordinator … z_liaison, z_total``:
        ``(count − E) / sd`` with sna's expected values and variances under a Bernoulli digraph of
        the observed density ``d = arcs / (N (N − 1))``, by the broker's group. A z-score is NaN
        exactly where sna's is, i.e. where the variance is 0 (a role that cannot occur for that
        broker: e.g. coordinator in a one-member group, or d = 0 or 1).

    Notes
    -----
    Checked against the published ``sna::brokerage`` output (``raw.nli``) for Michael's (1997)
    strike network with its three groups (r4sna lab 5, statnet), and the sna expected values and
    variances against exact enumeration of all digraphs on 4 actors.
    """
    nodes, codes, labels, counts, d, ebr, vbr, eg, vg = _brokerage_all(G, attr)
    cols = list(ROLES) + ["total"]
    df = pd.DataFrame(counts, columns=cols)
    z = _zscore(counts, ebr[codes], vbr[codes]) if len(nodes) else np.zeros((0, 6))
    for j, c in enumerate(cols):
        df[f"z_{c}"] = z[:, j]
    df.insert(0, attr, [labels[c] for c in codes])
    df.insert(0, "actor_id", nodes)
    df.attrs["density"] = d
    return df


def brokerage_summary(G, attr: str = "sector") -> pd.DataFrame:
    """Network totals of the brokerage roles with sna's global expectations and z-scores.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Actor network.
    attr : str
        Node attribute defining the groups.

    Returns
    -------
    pandas.DataFrame
        One row per role (``coordinator, itinerant, representative, gatekeeper, liaison,
        total``), columns ``role, sna_name, observed, expected, sd, z`` (sna's ``raw.gli``,
        ``exp.gli``, ``sd.gli``, ``z.gli``). ``z`` is NaN only where the variance is 0.

    Notes
    -----
    Global moments follow the formulas of R ``sna::brokerage`` (Butts, sna source ``gli.R``);
    checked against exact enumeration of all digraphs on 4 actors in the tests.
    """
    nodes, codes, labels, counts, d, ebr, vbr, eg, vg = _brokerage_all(G, attr)
    obs = counts.sum(axis=0)
    roles = list(ROLES) + ["total"]
    return pd.DataFrame({"role": roles,
                         "sna_name": [SNA_NAMES.get(r, "t") for r in roles],
                         "observed": obs.astype(int), "expected": eg, "sd": np.sqrt(vg),
                         "z": _zscore(obs, eg, vg)})
