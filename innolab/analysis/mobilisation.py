"""Mobilisation over time: who joins, who stays, how fast it grows, and what support went with it.

An actor belongs to its own area (``actors.area_id``). It is *active in wave w* when it took part
in at least one event of wave w (any area, any role) or sent or received at least one tie in wave w
— the one definition of :func:`innolab.profile.active_actors`, reused here.

"The previous wave" of a wave is the one before it in the study's list of waves
(:attr:`innolab.Study.wave_ids`), whatever its number. Growth curves use the wave ids as time.

Everything here returns tidy DataFrames keyed by codes; the notebook turns codes into labels.
Actors appear only by pseudonymous id, never by name. Nothing prints; the same seed gives the same
tables. The formulas, fitting and interval choices and their references are in
``docs/methods.md``, section *Mobilisation*.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, stats

from innolab.analysis.criteria import DIMENSION_SUPPORT
from innolab.analysis.profile import active_actors
from innolab.data import vocab
from innolab.data.study import Study
from innolab.errors import InnolabError, ParameterError

__all__ = [
    "FLOW_COLUMNS",
    "MODELS",
    "SUPPORT_FOR_DIMENSION",
    "flows",
    "funnel",
    "DiffusionFit",
    "diffusion_fit",
    "logistic",
    "bass",
    "MobilisationCurve",
    "mobilisation_curve",
    "inclusion",
    "dimension_means",
    "SupportChange",
    "support_vs_change",
    "area_summary",
    "compare_groups",
    "headline",
]

FLOW_COLUMNS = ("active", "new", "retained", "returned", "lapsed")
NO_TARGET_GROUP = "none"  # the by="target_group" code of actors outside every target group
ANY_TARGET_GROUP = "any"  # the inclusion() row that pools every target group

# BRIEF §3: the support that fits a weak dimension (one table, kept in innolab.criteria).
SUPPORT_FOR_DIMENSION = DIMENSION_SUPPORT

ASSOCIATION_NOTE = {
    "en": ("These are associations across areas and waves, not effects of support: support was "
           "not assigned at random, and areas may have received more of it because they were "
           "growing, or because they were struggling."),
    "fi": ("Nämä ovat yhteyksiä alueiden ja aaltojen välillä, eivät tuen vaikutuksia: tukea ei "
           "jaettu satunnaisesti, ja alueet ovat voineet saada sitä enemmän, koska ne kasvoivat "
           "tai koska niillä oli vaikeuksia."),
}


# ---------------------------------------------------------------------------------------------
# Who is active when


def _presence(study: Study, area_id: str) -> tuple[list[int], pd.DataFrame]:
    """The study's waves and a boolean actor × wave table of the area's active actors.

    Rows: every actor of the area that was active at least once (sorted ids); columns: every
    wave of the study (ascending), so a wave without activity is a column of False.
    """
    study.check_area(area_id)
    act = active_actors(study)
    act = act[act["area_id"] == area_id]
    waves = sorted(set(study.wave_ids) | {int(w) for w in act["wave"]})
    table = pd.crosstab(act["actor_id"], act["wave"]).reindex(columns=waves, fill_value=0) > 0
    table = table.sort_index()
    table.columns.name = "wave"
    return waves, table


def _flow_arrays(presence: pd.DataFrame) -> dict[str, np.ndarray]:
    """Actor × wave boolean arrays of each flow (see :func:`flows`)."""
    a = presence.to_numpy(dtype=bool)
    prev = np.zeros_like(a)
    prev[:, 1:] = a[:, :-1]
    before = np.zeros_like(a)  # active in some earlier wave
    if a.shape[1] > 1:
        before[:, 1:] = np.logical_or.accumulate(a, axis=1)[:, :-1]
    return {
        "active": a,
        "new": a & ~before,
        "retained": a & prev,
        "returned": a & ~prev & before,
        "lapsed": prev & ~a,
    }


def _actor_attribute(study: Study, ids, by: str) -> pd.Series:
    attr = study.actors.set_index("actor_id")[by].reindex(ids)
    if by == "target_group":
        attr = attr.astype(object).where(attr.notna(), NO_TARGET_GROUP)
    return attr


def flows(study: Study, area_id: str, by: str | None = None) -> pd.DataFrame:
    """Who is active, new, retained, returned and lapsed in each wave of an area.

    With A(w) the set of the area's actors active in wave w and w⁻ the previous wave of the
    study:

    * **active**: |A(w)|;
    * **new**: active in w and in no earlier wave;
    * **retained**: active in w and in w⁻;
    * **returned**: active in w, not in w⁻, but in some wave before w⁻;
    * **lapsed**: active in w⁻ and not in w.

    So ``active = new + retained + returned`` and ``active(w) = active(w⁻) − lapsed(w) + new(w) +
    returned(w)``. In the first wave every active actor is new. An actor counts once per wave in
    its own area, however many events (of however many areas) it took part in.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    by : {None, "sector", "target_group"}
        Split the counts by the actor's sector (all five codes, in vocabulary order) or target
        group (the five codes and ``"none"`` for actors in no target group).

    Returns
    -------
    pandas.DataFrame
        Columns ``wave`` (int), then ``sector`` or ``target_group`` when ``by`` is given, then
        ``active, new, retained, returned, lapsed`` (int). One row per wave of the study (and
        group), a wave without activity included with zeros; sorted by wave (and group order).
    """
    if by not in (None, "sector", "target_group"):
        raise ParameterError(f"Unknown split by={by!r}: expected None, 'sector' or "
                             "'target_group'.")
    waves, presence = _presence(study, area_id)
    arrays = _flow_arrays(presence)
    if by is None:
        out = pd.DataFrame({"wave": waves})
        for name in FLOW_COLUMNS:
            out[name] = arrays[name].sum(axis=0).astype("int64")
        return out
    groups = (list(vocab.SECTORS) if by == "sector"
              else list(vocab.TARGET_GROUPS) + [NO_TARGET_GROUP])
    attr = _actor_attribute(study, presence.index, by).to_numpy()
    rows = []
    for g in groups:
        mask = attr == g
        for j, w in enumerate(waves):
            rows.append([w, g] + [int(arrays[name][mask, j].sum()) for name in FLOW_COLUMNS])
    out = pd.DataFrame(rows, columns=["wave", by, *FLOW_COLUMNS])
    out["wave"] = out["wave"].astype("int64")
    order = {g: i for i, g in enumerate(groups)}
    out = out.sort_values(["wave", by], key=lambda s: s.map(order) if s.name == by else s,
                          ignore_index=True)
    return out


def funnel(study: Study, area_id: str) -> pd.DataFrame:
    """Per wave and sector: active actors → event participants → organisers → Kehrä members.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.

    Returns
    -------
    pandas.DataFrame
        Columns ``wave, sector, active, participants, organisers, kehra_members`` (int); one row
        per wave of the study and sector (all five, vocabulary order). Counts are of the area's
        own actors in that wave: ``active`` as in :func:`flows`; ``participants`` took part in at
        least one event of the wave (any area, any role); ``organisers`` organised at least one;
        ``kehra_members`` are the participants who are Kehrä members (``kehra_member`` is one
        flag per actor, not dated). So ``active ≥ participants ≥ organisers`` and
        ``participants ≥ kehra_members``.
    """
    waves, presence = _presence(study, area_id)
    actors = study.actors[study.actors["area_id"] == area_id].set_index("actor_id")
    part = study.participation.merge(study.events[["event_id", "wave"]], on="event_id")
    part = part[part["actor_id"].isin(actors.index)].copy()
    part["sector"] = actors["sector"].reindex(part["actor_id"]).to_numpy()
    part["kehra"] = actors["kehra_member"].reindex(part["actor_id"]).to_numpy(dtype=bool)
    part["organiser"] = part["role"].eq("organiser").fillna(False).astype(bool)
    per_actor = part.groupby(["wave", "actor_id", "sector"], as_index=False).agg(
        organiser=("organiser", "any"), kehra=("kehra", "first"))
    act = presence.stack().rename("on").reset_index()
    act = act[act["on"]]
    act["sector"] = actors["sector"].reindex(act["actor_id"]).to_numpy()
    index = pd.MultiIndex.from_product([waves, list(vocab.SECTORS)], names=["wave", "sector"])
    out = pd.DataFrame(index=index)
    out["active"] = act.groupby(["wave", "sector"]).size()
    out["participants"] = per_actor.groupby(["wave", "sector"]).size()
    out["organisers"] = per_actor[per_actor["organiser"]].groupby(["wave", "sector"]).size()
    out["kehra_members"] = per_actor[per_actor["kehra"]].groupby(["wave", "sector"]).size()
    out = out.fillna(0).astype("int64").reset_index()
    out["wave"] = out["wave"].astype("int64")
    return out


# ---------------------------------------------------------------------------------------------
# Diffusion curves


def logistic(t, K, r, t0):
    """Verhulst's logistic curve ``N(t) = K / (1 + exp(−r (t − t0)))``.

    Parameters
    ----------
    t : array_like
        Time.
    K : float
        Saturation level (the number of adopters in the end).
    r : float
        Growth rate per unit of time.
    t0 : float
        Inflection point: the time of fastest growth, where ``N = K / 2``.

    Returns
    -------
    numpy.ndarray
    """
    t = np.asarray(t, dtype=float)
    with np.errstate(over="ignore"):
        return K / (1.0 + np.exp(-r * (t - t0)))


def bass(t, m, p, q, t_origin=0.0):
    """Bass's (1969) cumulative adoption ``N(t) = m (1 − e^{−(p+q)τ}) / (1 + (q/p) e^{−(p+q)τ})``.

    ``τ = t − t_origin`` is the time since the launch, where ``N = 0``.

    Parameters
    ----------
    t : array_like
        Time.
    m : float
        Market potential: the number of adopters in the end.
    p : float
        Coefficient of innovation (external influence), per unit of time.
    q : float
        Coefficient of imitation (internal influence), per unit of time.
    t_origin : float
        The launch.

    Returns
    -------
    numpy.ndarray
    """
    tau = np.asarray(t, dtype=float) - t_origin
    e = np.exp(-(p + q) * tau)
    with np.errstate(over="ignore", invalid="ignore"):
        return m * (1.0 - e) / (1.0 + (q / p) * e)


MODELS = {
    "logistic": ("K", "r", "t0"),
    "bass": ("m", "p", "q"),
}


@dataclass
class DiffusionFit:
    """A least-squares diffusion curve with standard errors and a forecast.

    Attributes
    ----------
    model : str
        ``"logistic"`` or ``"bass"``.
    params : pandas.DataFrame
        Columns ``parameter, estimate, se, lower, upper``: estimates, standard errors from the
        covariance of the fit and ``level`` confidence intervals (``estimate ± t_{n−k} se``).
    fitted : pandas.DataFrame
        Columns ``t, observed, fitted, residual``, one row per data point.
    forecast : pandas.DataFrame
        Columns ``t, fitted, se, lower, upper, pred_lower, pred_upper``, one row per forecast
        time: the curve, its delta-method standard error, the confidence interval of the curve
        and the prediction interval of a new observation (adds the residual variance).
    curve : pandas.DataFrame
        The same columns as ``forecast`` on a fine grid from the first data point to the last
        forecast time (for drawing).
    gof : dict
        ``n, n_params, dof, rss, rmse, r_squared``.
    level : float
        Confidence level of every interval.
    t_origin : float or None
        Bass only: the launch time, where ``N = 0``.
    notes : list of str
        Plain-language cautions (no degrees of freedom left, a saturation level the data do not
        pin down, an estimate on a bound …). Empty when there is nothing to say.
    interval_method : str
        ``"delta"``: intervals of the curve by the delta method (see docs/methods.md).
    """

    model: str
    params: pd.DataFrame
    fitted: pd.DataFrame
    forecast: pd.DataFrame
    curve: pd.DataFrame
    gof: dict
    level: float
    t_origin: float | None
    notes: list = field(default_factory=list)
    interval_method: str = "delta"
    _theta: np.ndarray = field(default=None, repr=False)
    _cov: np.ndarray = field(default=None, repr=False)

    @property
    def estimates(self) -> dict:
        """Parameter name → estimate."""
        return dict(zip(self.params["parameter"], self.params["estimate"], strict=True))

    def predict(self, t) -> pd.DataFrame:
        """The curve at times ``t`` with delta-method intervals.

        Parameters
        ----------
        t : array_like
            Times.

        Returns
        -------
        pandas.DataFrame
            Columns ``t, fitted, se, lower, upper, pred_lower, pred_upper`` (see ``forecast``).
        """
        return _predict(self.model, self._theta, self._cov, np.asarray(t, dtype=float),
                        self.t_origin, self.gof, self.level)


def _logistic_jac(t, K, r, t0):
    g = logistic(t, 1.0, r, t0)
    d = K * g * (1.0 - g)
    return np.column_stack([g, d * (np.asarray(t, dtype=float) - t0), -d * r])


def _model_fn(model: str, t_origin):
    if model == "logistic":
        return logistic
    return lambda t, m, p, q: bass(t, m, p, q, t_origin=t_origin)


def _gradient(fn, t: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Central-difference gradient of fn(t, *theta) with respect to theta: shape (len(t), k)."""
    g = np.empty((len(t), len(theta)))
    for i in range(len(theta)):
        h = 1e-6 * max(abs(theta[i]), 1e-3)
        up, down = theta.copy(), theta.copy()
        up[i] += h
        down[i] -= h
        g[:, i] = (fn(t, *up) - fn(t, *down)) / (2 * h)
    return g


def _predict(model, theta, cov, t, t_origin, gof, level) -> pd.DataFrame:
    fn = _model_fn(model, t_origin)
    y = fn(t, *theta)
    dof = gof["dof"]
    if dof > 0 and np.isfinite(cov).all():
        g = _gradient(fn, t, theta)
        var = np.einsum("ij,jk,ik->i", g, cov, g)
        se = np.sqrt(np.clip(var, 0, None))
        s2 = gof["rss"] / dof
        crit = stats.t.ppf(0.5 + level / 2, dof)
        pse = np.sqrt(se**2 + s2)
        lo, hi, plo, phi = y - crit * se, y + crit * se, y - crit * pse, y + crit * pse
    else:
        se = lo = hi = plo = phi = np.full(len(t), np.nan)
    return pd.DataFrame({"t": t, "fitted": y, "se": se, "lower": lo, "upper": hi,
                         "pred_lower": plo, "pred_upper": phi})


SATURATION_CAP = 100.0  # K and m are bounded above by this multiple of the largest count


def _starts(model: str, t: np.ndarray, y: np.ndarray, t_origin) -> list[list[float]]:
    """Starting points: the best point of a grid over the two nonlinear parameters (the scale
    parameter K or m is linear given the others and solved exactly), then two fixed guesses
    that are tried only if the fit from the grid point fails."""
    span = max(float(t.max() - t.min()), 1e-9)
    top = float(y.max())
    cap = SATURATION_CAP * top
    if model == "logistic":
        a = np.logspace(-2, 2, 61) / span  # r
        b = np.linspace(t.min() - 2 * span, t.max() + 3 * span, 81)  # t0
        with np.errstate(over="ignore"):
            g = 1.0 / (1.0 + np.exp(-a[:, None, None] * (t - b[None, :, None])))
        fixed = [[1.2 * top, 2.0 / span, float(np.median(t))], [3.0 * top, 8.0 / span,
                                                                 float(t.max())]]
    else:
        tau = t - t_origin
        tau_span = max(float(tau.max()), 1e-9)
        a = np.logspace(-4, 1, 51) / tau_span  # p
        b = np.concatenate([[0.0], np.logspace(-3, 1.5, 50) / tau_span])  # q
        pp, qq = a[:, None, None], b[None, :, None]
        e = np.exp(-(pp + qq) * tau)
        g = (1.0 - e) / (1.0 + (qq / pp) * e)
        fixed = [[1.2 * top, 0.05 / tau_span, 0.5 / tau_span], [3.0 * top, 1.0 / tau_span,
                                                                  3.0 / tau_span]]
    gg = (g * g).sum(axis=-1)
    scale = np.clip((g * y).sum(axis=-1) / np.where(gg > 0, gg, np.inf), 1e-9, cap)
    rss = ((y - scale[..., None] * g) ** 2).sum(axis=-1)
    i, j = np.unravel_index(np.nanargmin(rss), rss.shape)
    return [[float(min(scale[i, j], 0.99 * cap)), float(a[i]), float(b[j])]] + fixed


def diffusion_fit(t, cumulative, model: str = "logistic", *, horizon: float = 2.0,
                  step: float = 1.0, level: float = 0.95, t_origin: float = 0.0) -> DiffusionFit:
    """Fit a logistic or Bass diffusion curve to cumulative counts by least squares.

    Models (``docs/methods.md``, *Mobilisation*):

    * ``"logistic"`` (Verhulst 1838): ``N(t) = K / (1 + exp(−r (t − t0)))``, parameters
      ``K, r, t0``;
    * ``"bass"`` (Bass 1969, Management Science 15(5)):
      ``N(t) = m (1 − e^{−(p+q)τ}) / (1 + (q/p) e^{−(p+q)τ})``, ``τ = t − t_origin``,
      parameters ``m, p, q``.

    The fit is :func:`scipy.optimize.curve_fit` (trust-region reflective, started from the best
    point of a grid) with ``K, m, r, p > 0``, ``q ≥ 0`` and ``K, m ≤ 100 ×`` the largest count.
    When the saturation level runs to that cap (growth shows no slowing) or the parameters are not
    separately determined, the fitted line is kept but standard errors and intervals are NaN and
    ``notes`` says why (``gof["identified"]`` is False).
    Standard errors are the square roots of the diagonal of the covariance that curve_fit returns
    (the inverse Gauss–Newton Hessian scaled by the residual variance ``RSS / (n − k)``).
    Intervals: parameters ``estimate ± t_{n−k} · se``; the curve and the forecast by the
    **delta method** (``se(t)² = g(t)ᵀ Σ g(t)``, g the gradient of the curve in the parameters);
    the prediction interval adds the residual variance. All at ``level`` with Student's t on
    ``n − k`` degrees of freedom.

    Parameters
    ----------
    t : array_like
        Times (e.g. wave ids), at least as many distinct values as parameters.
    cumulative : array_like
        Cumulative counts at those times: finite, ≥ 0 and never falling.
    model : {"logistic", "bass"}
        The curve.
    horizon : float
        How far beyond the last time to forecast.
    step : float
        Spacing of the forecast times (``last + step, …, last + horizon``).
    level : float
        Confidence level of the intervals, in (0, 1).
    t_origin : float
        Bass only: the launch, where N = 0 (every t must be later).

    Returns
    -------
    DiffusionFit

    Raises
    ------
    innolab.errors.ParameterError
        Unknown model; fewer distinct times than parameters; counts that are not finite, negative,
        falling or flat (no growth: no curve can be identified); Bass times not after
        ``t_origin``.
    innolab.errors.InnolabError
        The least-squares fit did not converge from any starting point.
    """
    if model not in MODELS:
        raise ParameterError(f"Unknown diffusion model {model!r}: expected one of "
                             f"{', '.join(MODELS)}.")
    if not 0 < level < 1:
        raise ParameterError(f"level must be between 0 and 1, got {level!r}.")
    names = MODELS[model]
    t = np.asarray(t, dtype=float).ravel()
    y = np.asarray(cumulative, dtype=float).ravel()
    if len(t) != len(y):
        raise ParameterError(f"t has {len(t)} values but cumulative has {len(y)}.")
    if not (np.isfinite(t).all() and np.isfinite(y).all()):
        raise ParameterError("t and cumulative must be finite numbers (no NaN or infinity).")
    k = len(names)
    n_t = len(np.unique(t))
    if n_t < k:
        raise ParameterError(
            f"The {model} model has {k} parameters ({', '.join(names)}) and needs at least {k} "
            f"points at distinct times to be fitted; got {n_t}.")
    order = np.argsort(t, kind="stable")
    t, y = t[order], y[order]
    if (y < 0).any():
        raise ParameterError("Cumulative counts cannot be negative.")
    if (np.diff(y) < 0).any():
        raise ParameterError("Cumulative counts cannot fall from one time to the next; "
                             "pass cumulative counts, not counts per wave.")
    if np.ptp(y) == 0:
        raise ParameterError(
            f"The counts are flat (all {y[0]:g}): there is no growth, so no {model} curve can be "
            "identified.")
    if model == "bass" and (t <= t_origin).any():
        raise ParameterError(f"Bass times must be after the launch t_origin={t_origin:g}; "
                             f"the first time is {t[0]:g}.")
    origin = t_origin if model == "bass" else None
    fn = _model_fn(model, origin)
    top = float(y.max())
    lower = [1e-12, 1e-12, -np.inf] if model == "logistic" else [1e-12, 1e-12, 0.0]
    upper = [SATURATION_CAP * top, np.inf, np.inf]
    jac = _logistic_jac if model == "logistic" else "2-point"
    best = None
    for p0 in _starts(model, t, y, origin):
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", optimize.OptimizeWarning)
                theta, pcov = optimize.curve_fit(fn, t, y, p0=p0, bounds=(lower, upper),
                                                 method="trf", jac=jac, maxfev=5000,
                                                 ftol=1e-12, xtol=1e-12, gtol=1e-12)
        except (RuntimeError, ValueError):
            continue
        resid = y - fn(t, *theta)
        rss = float(resid @ resid)
        if np.isfinite(rss):
            best = (rss, np.asarray(theta, dtype=float), pcov)
            break  # the grid start is near the global least squares; others are fallbacks
    if best is None:
        raise InnolabError(f"The {model} curve did not converge to these data from any starting "
                           "point; the data may not follow an S-shaped growth.")
    rss, theta, pcov = best
    n = len(t)
    dof = n - k
    fitted = fn(t, *theta)
    tss = float(((y - y.mean()) ** 2).sum())
    gof = {"n": n, "n_params": k, "dof": dof, "rss": rss,
           "rmse": float(np.sqrt(rss / n)), "r_squared": 1 - rss / tss}
    notes = []
    # identification: the saturation level at its cap, or a (near) rank-deficient Jacobian
    jac = _gradient(fn, t, theta)
    sv = np.linalg.svd(jac / np.maximum(np.abs(jac).max(axis=0), 1e-300), compute_uv=False)
    identified = theta[0] < 0.999 * upper[0] and sv[-1] > 1e-8 * sv[0]
    if theta[0] >= 0.999 * upper[0]:
        notes.append(f"The data show no slowing of growth: the saturation level {names[0]} ran "
                     f"to its cap ({SATURATION_CAP:g} × the largest count), so the final size "
                     "cannot be estimated from these data. The fitted line is shown; standard "
                     "errors and intervals are not given.")
    elif not identified:
        notes.append("The parameters are not separately determined by these data (the fit's "
                     "Jacobian is rank-deficient); standard errors and intervals are not given.")
    if dof <= 0:
        notes.append(f"{n} points for {k} parameters leave no degrees of freedom: the curve passes "
                     "through the data, and standard errors and intervals cannot be estimated.")
    if identified and dof > 0:
        cov = np.asarray(pcov, dtype=float)  # curve_fit's (JᵀJ)⁻¹ · RSS / (n − k)
        se = np.sqrt(np.clip(np.diag(cov), 0, None))
        crit = stats.t.ppf(0.5 + level / 2, dof)
        lo, hi = theta - crit * se, theta + crit * se
        for i, name in enumerate(names):
            if se[i] > abs(theta[i]):
                notes.append(f"Parameter {name} is poorly determined (its standard error exceeds "
                             "the estimate).")
            if theta[i] <= lower[i] * 1.0001 + 1e-12 and lower[i] > -np.inf:
                notes.append(f"Parameter {name} sits on its lower bound ({lower[i]:g}); its "
                             "standard error is not reliable.")
    else:
        cov = np.full((k, k), np.nan)
        se = lo = hi = np.full(k, np.nan)
    if model == "logistic" and identified and theta[2] > t.max():
        notes.append("The inflection point t0 lies beyond the data: growth has not yet been "
                     "seen to slow, and the saturation level is an extrapolation.")
    gof["identified"] = bool(identified)
    params = pd.DataFrame({"parameter": list(names), "estimate": theta, "se": se,
                           "lower": lo, "upper": hi})
    fitted_df = pd.DataFrame({"t": t, "observed": y, "fitted": fitted, "residual": y - fitted})
    last = float(t.max())
    n_steps = int(np.floor(horizon / step + 1e-9)) if horizon > 0 else 0
    future = last + step * np.arange(1, n_steps + 1)
    forecast = _predict(model, theta, cov, future, origin, gof, level)
    grid = np.linspace(float(t.min()), last + max(horizon, 0.0), 121)
    curve = _predict(model, theta, cov, grid, origin, gof, level)
    return DiffusionFit(model=model, params=params, fitted=fitted_df, forecast=forecast,
                        curve=curve, gof=gof, level=level, t_origin=origin, notes=notes,
                        _theta=np.asarray(theta, dtype=float), _cov=np.asarray(cov, dtype=float))


@dataclass
class MobilisationCurve:
    """An area's cumulative mobilisation and the diffusion curve fitted to it.

    Attributes
    ----------
    area_id : str
        The area.
    data : pandas.DataFrame
        Columns ``wave, active, new, cumulative`` (int): per wave of the study, the active and
        new actors (as in :func:`flows`) and the distinct actors active so far.
    model : str
        The model asked for.
    fit : DiffusionFit or None
        The fit, or None when it could not be made.
    message : str
        Why there is no fit ("" when there is one).
    """

    area_id: str
    data: pd.DataFrame
    model: str
    fit: DiffusionFit | None
    message: str = ""


def mobilisation_curve(study: Study, area_id: str, model: str = "logistic", *,
                       horizon: float = 2.0, level: float = 0.95) -> MobilisationCurve:
    """The cumulative count of the area's active actors per wave, with a diffusion curve.

    Time is the wave id. For the Bass model the launch is put one wave step before the first
    wave (``t_origin = first wave − step``), so the actors of the first wave are the first
    adopters. Where no curve can be fitted (a single wave, fewer waves than parameters, no
    growth, no convergence) the result carries the data, ``fit=None`` and the reason in
    ``message``: it never raises for such data, so a notebook runs on any study.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    model : {"logistic", "bass"}
        The curve (see :func:`diffusion_fit`).
    horizon : float
        Forecast horizon in waves.
    level : float
        Confidence level of the intervals.

    Returns
    -------
    MobilisationCurve
    """
    if model not in MODELS:
        raise ParameterError(f"Unknown diffusion model {model!r}: expected one of "
                             f"{', '.join(MODELS)}.")
    f = flows(study, area_id)
    data = f[["wave", "active", "new"]].copy()
    data["cumulative"] = data["new"].cumsum().astype("int64")
    waves = data["wave"].to_numpy(dtype=float)
    step = float(np.median(np.diff(waves))) if len(waves) > 1 else 1.0
    k = len(MODELS[model])
    if len(data) < k:
        n = len(data)
        msg = (f"The study has {n} wave{'s' if n != 1 else ''}; the {model} curve has {k} "
               f"parameters and needs at least {k} waves, so no curve is fitted.")
        return MobilisationCurve(area_id, data, model, None, msg)
    try:
        fit = diffusion_fit(waves, data["cumulative"], model=model, horizon=horizon * step,
                            step=step, level=level,
                            t_origin=float(waves[0] - step) if model == "bass" else 0.0)
    except InnolabError as exc:
        return MobilisationCurve(area_id, data, model, None, str(exc))
    return MobilisationCurve(area_id, data, model, fit, "")


# ---------------------------------------------------------------------------------------------
# Inclusion of target groups


def inclusion(study: Study, area_id: str, among: str = "individuals") -> pd.DataFrame:
    """The share of each target group among the area's active and new actors, per wave.

    The comparison is the area's own actor base in that wave: its actors who had joined by then
    (``joined_wave`` ≤ wave, or unknown). A share is a count divided by its denominator; where
    the denominator is 0 the share is NaN (there is nobody to take a share of), and the
    denominator columns show it.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    among : {"individuals", "all"}
        Denominators: individuals only (target groups describe people; as
        :func:`innolab.profile.target_groups`) or all actors.

    Returns
    -------
    pandas.DataFrame
        Columns ``wave, target_group, active, new, base`` (int counts of the group),
        ``active_total, new_total, base_total`` (int denominators), ``active_share, new_share,
        base_share`` (0–1). One row per wave and target group (vocabulary order), then
        ``target_group = "any"``: members of any target group.
    """
    if among not in ("individuals", "all"):
        raise ParameterError(f"among must be 'individuals' or 'all', got {among!r}.")
    waves, presence = _presence(study, area_id)
    arrays = _flow_arrays(presence)
    actors = study.actors[study.actors["area_id"] == area_id]
    if among == "individuals":
        actors = actors[actors["type"] == "individual"]
    keep = presence.index.isin(actors["actor_id"])
    tg = _actor_attribute(study, presence.index[keep], "target_group").to_numpy()
    base_tg = actors["target_group"].astype(object).where(actors["target_group"].notna(),
                                                          NO_TARGET_GROUP).to_numpy()
    joined = actors["joined_wave"].to_numpy(dtype=float) if "joined_wave" in actors else None
    groups = list(vocab.TARGET_GROUPS) + [ANY_TARGET_GROUP]
    rows = []
    for j, w in enumerate(waves):
        act = arrays["active"][keep, j]
        new = arrays["new"][keep, j]
        in_base = np.ones(len(actors), bool) if joined is None else ~(joined > w)
        for g in groups:
            is_g = tg != NO_TARGET_GROUP if g == ANY_TARGET_GROUP else tg == g
            b_g = base_tg != NO_TARGET_GROUP if g == ANY_TARGET_GROUP else base_tg == g
            rows.append((w, g, int((act & is_g).sum()), int((new & is_g).sum()),
                         int((in_base & b_g).sum()), int(act.sum()), int(new.sum()),
                         int(in_base.sum())))
    out = pd.DataFrame(rows, columns=["wave", "target_group", "active", "new", "base",
                                      "active_total", "new_total", "base_total"])
    for c in ("active", "new", "base"):
        den = out[f"{c}_total"].astype(float)
        out[f"{c}_share"] = out[c] / den.where(den > 0)
    out["wave"] = out["wave"].astype("int64")
    return out


# ---------------------------------------------------------------------------------------------
# Support and change


def dimension_means(study: Study, assessor: str = "self") -> pd.DataFrame:
    """A simple dimension score: the mean of an assessor's scores by area, wave and dimension.

    Scores are joined to ``study.criteria`` on ``criterion_id``; a criterion with direction −1 is
    reversed on its scale (``scale_min + scale_max − score``); unanswered scores are left out; the
    mean is over every respondent and criterion of the dimension, unweighted. (The default score
    source of :func:`support_vs_change`; ``innolab.criteria`` may offer a fuller one.)

    Parameters
    ----------
    study : Study
        The study.
    assessor : {"self", "external", "application"}
        Whose scores.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id, wave, dimension_id, score, n`` (n: scores averaged); only
        combinations with at least one score.
    """
    if assessor not in vocab.ASSESSORS:
        raise ParameterError(f"Unknown assessor {assessor!r}: expected one of "
                             f"{', '.join(vocab.ASSESSORS)}.")
    a = study.assessments
    a = a[(a["assessor"] == assessor) & a["score"].notna()]
    crit = study.criteria[["criterion_id", "dimension_id", "scale_min", "scale_max", "direction"]]
    a = a.merge(crit, on="criterion_id", how="inner")
    score = a["score"].where(a["direction"] >= 0, a["scale_min"] + a["scale_max"] - a["score"])
    a = a.assign(score=score.astype(float))
    out = (a.groupby(["area_id", "wave", "dimension_id"], as_index=False)
           .agg(score=("score", "mean"), n=("score", "size")))
    out["wave"] = out["wave"].astype("int64")
    return out.sort_values(["area_id", "wave", "dimension_id"], ignore_index=True)


@dataclass
class SupportChange:
    """Support hours beside the change that followed, and their bootstrap associations.

    Attributes
    ----------
    panel : pandas.DataFrame
        One row per area and change between consecutive waves: ``area_id, role``, ``wave`` (the
        wave whose support is shown), ``change_from, change_to`` (the waves of the change),
        ``hours`` (all support in the wave), ``hours_<type>`` for every support type,
        ``active_before, active_after, active_change``, and ``<dimension>_change`` for every
        dimension with scores (NaN where the area lacks a score in either wave).
    associations : pandas.DataFrame
        One row per predictor × outcome: ``predictor`` (``hours`` or ``hours_<type>``),
        ``outcome`` (``active_change`` or ``<dimension>_change``), ``fits_dimension`` (the support
        type is one BRIEF §3 names for that dimension), ``n`` (area-waves used), ``n_areas``,
        ``slope`` (change per hour of support, least squares), ``slope_lower, slope_upper``,
        ``r`` (Pearson), ``r_lower, r_upper`` (percentile bootstrap over areas), ``n_boot``
        (resamples with a defined value), ``note`` ("" or why a value is missing).
    level, n_boot, seed, lag : float, int, int, int
        The settings used.
    notes : list of str
        Data left out (support without a wave that could not be placed, …).
    caution : dict
        The plain statement, in ``en`` and ``fi``, that these are associations, not effects.
    """

    panel: pd.DataFrame
    associations: pd.DataFrame
    level: float
    n_boot: int
    seed: int
    lag: int
    notes: list = field(default_factory=list)
    caution: dict = field(default_factory=lambda: dict(ASSOCIATION_NOTE))


def _support_with_waves(study: Study, notes: list) -> pd.DataFrame:
    s = study.support.copy()
    if s.empty:
        return s.assign(wave=pd.Series([], dtype="int64"))
    missing = s["wave"].isna()
    if missing.any():
        dates = study.waves.dropna(subset=["date"]).sort_values("date")
        placed = 0
        if len(dates):
            idx = np.searchsorted(dates["date"].to_numpy(), s.loc[missing, "date"].to_numpy(),
                                  side="left")
            ok = idx < len(dates)
            w = np.where(ok, dates["wave"].to_numpy()[np.minimum(idx, len(dates) - 1)], -1)
            s.loc[missing, "wave"] = np.where(ok, w, np.nan)
            placed = int(ok.sum())
        lost = int(missing.sum()) - placed
        if placed:
            notes.append(f"{placed} support row(s) without a wave were placed in the first wave "
                         "whose date is on or after the support date.")
        if lost:
            notes.append(f"{lost} support row(s) without a wave could not be placed (no wave "
                         "dates, or dated after the last wave) and are left out.")
        s = s[s["wave"].notna()]
    s["wave"] = s["wave"].astype("int64")
    return s


def _weighted_slope_r(w: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Least-squares slopes and Pearson r of y on each column of x, for each row of weights w.

    w: (B, n) row weights (0 leaves a row out); x: (n, P); y: (n,) finite where w > 0.
    Returns slope, r: (B, P), NaN where fewer than 3 rows carry weight or x (or, for r, y) does
    not vary.
    """
    y = np.where(w.any(axis=0), y, 0.0)
    sw = w.sum(axis=1)[:, None]
    safe = np.where(sw > 0, sw, 1.0)
    mx, my = (w @ x) / safe, (w @ y)[:, None] / safe
    sxx = w @ (x * x) - sw * mx**2
    sxy = w @ (x * y[:, None]) - sw * mx * my
    syy = (w @ (y * y))[:, None] - sw * my**2
    x_var = sxx > 1e-12 * np.maximum(w @ (x * x), 1e-300)
    y_var = syy > 1e-12 * np.maximum((w @ (y * y))[:, None], 1e-300)
    enough = (w > 0).sum(axis=1)[:, None] >= 3
    with np.errstate(all="ignore"):
        slope = np.where(enough & x_var, sxy / sxx, np.nan)
        r = np.where(enough & x_var & y_var, sxy / np.sqrt(sxx * syy), np.nan)
    return slope, r


def support_vs_change(study: Study, *, scores: Callable[[Study], pd.DataFrame] | None = None,
                      lag: int = 0, n_boot: int = 2000, seed: int = 0,
                      level: float = 0.95) -> SupportChange:
    """Support hours per area and wave beside the change in active actors and scores that followed.

    Support recorded in wave w was given in the period that ends with wave w's observation, so
    with ``lag=0`` it is set beside the change from the previous wave w⁻ to w; ``lag=1`` sets it
    beside the change from w to the next wave. Every area appears in every such wave (zero hours
    where no support was given). Associations are least-squares slopes (change per hour) and
    Pearson correlations over area-waves, with percentile intervals from a **cluster bootstrap
    over areas** (areas resampled with replacement, all their waves kept), seeded.

    These are **associations, not effects**: support was not given at random (see
    ``SupportChange.caution``).

    Parameters
    ----------
    study : Study
        The study.
    scores : callable, optional
        ``scores(study)`` returns columns ``area_id, wave, dimension_id, score``; default
        :func:`dimension_means` of the self-assessments.
    lag : {0, 1}
        Which change goes with a wave's support (see above).
    n_boot : int
        Bootstrap resamples.
    seed : int
        Seed of the resampling: the same seed gives the same intervals.
    level : float
        Confidence level of the intervals.

    Returns
    -------
    SupportChange
    """
    if lag not in (0, 1):
        raise ParameterError(f"lag must be 0 or 1, got {lag!r}.")
    if n_boot < 1:
        raise ParameterError(f"n_boot must be at least 1, got {n_boot!r}.")
    if not 0 < level < 1:
        raise ParameterError(f"level must be between 0 and 1, got {level!r}.")
    notes: list[str] = []
    waves = study.wave_ids
    areas = study.areas[["area_id", "role"]]
    # the change from wave a to wave b, and the support wave it goes with
    pairs = [(waves[i - 1], waves[i], waves[i] if lag == 0 else waves[i - 1])
             for i in range(1, len(waves))]
    support_types = list(vocab.SUPPORT_TYPES)
    s = _support_with_waves(study, notes)
    hours = (s.pivot_table(index=["area_id", "wave"], columns="type", values="hours",
                           aggfunc="sum") if len(s) else pd.DataFrame())
    hours = hours.reindex(columns=support_types).fillna(0.0) if len(hours) else hours
    act = active_actors(study).groupby(["area_id", "wave"]).size()
    sc = (scores or dimension_means)(study)
    dims = sorted(sc["dimension_id"].unique()) if len(sc) else []
    sc = sc.set_index(["area_id", "wave", "dimension_id"])["score"] if len(sc) else sc
    rows = []
    for area_id, role in areas.itertuples(index=False):
        for before, after, sw in pairs:
            row = {"area_id": area_id, "role": role, "wave": sw, "change_from": before,
                   "change_to": after}
            for st in support_types:
                key = (area_id, sw)
                row[f"hours_{st}"] = float(hours.loc[key, st]) if key in hours.index else 0.0
            row["hours"] = sum(row[f"hours_{st}"] for st in support_types)
            a0, a1 = int(act.get((area_id, before), 0)), int(act.get((area_id, after), 0))
            row.update(active_before=a0, active_after=a1, active_change=a1 - a0)
            for d in dims:
                v0, v1 = sc.get((area_id, before, d), np.nan), sc.get((area_id, after, d), np.nan)
                row[f"{d}_change"] = float(v1 - v0)
            rows.append(row)
    cols = (["area_id", "role", "wave", "change_from", "change_to", "hours"]
            + [f"hours_{st}" for st in support_types]
            + ["active_before", "active_after", "active_change"] + [f"{d}_change" for d in dims])
    panel = pd.DataFrame(rows, columns=cols)
    for c in ("wave", "change_from", "change_to", "active_before", "active_after",
              "active_change"):
        panel[c] = panel[c].astype("int64")
    if not pairs:
        notes.append("The study has one wave: there is no change to set support beside.")
    assoc = _associations(panel, support_types, dims, n_boot, seed, level)
    return SupportChange(panel=panel, associations=assoc, level=level, n_boot=n_boot, seed=seed,
                         lag=lag, notes=notes)


def _associations(panel, support_types, dims, n_boot, seed, level) -> pd.DataFrame:
    predictors = ["hours"] + [f"hours_{st}" for st in support_types]
    outcomes = ["active_change"] + [f"{d}_change" for d in dims]
    cols = ["predictor", "outcome", "fits_dimension", "n", "n_areas", "slope", "slope_lower",
            "slope_upper", "r", "r_lower", "r_upper", "n_boot", "note"]
    area_codes = panel["area_id"].to_numpy()
    uniq, row_area = np.unique(area_codes, return_inverse=True)
    x = panel[predictors].to_numpy(dtype=float)
    # cluster bootstrap: draw areas with replacement; a row's weight is how often its area came
    rng = np.random.default_rng(seed)
    drawn = rng.integers(0, max(len(uniq), 1), size=(n_boot, len(uniq)))
    area_counts = np.zeros((n_boot, len(uniq)))
    np.add.at(area_counts, (np.repeat(np.arange(n_boot), len(uniq)), drawn.ravel()), 1.0)
    counts = area_counts[:, row_area] if len(panel) else np.zeros((n_boot, 0))
    alpha = (1 - level) / 2
    rows = []
    for out_col in outcomes:
        y = panel[out_col].to_numpy(dtype=float)
        ok = np.isfinite(y).astype(float)
        slope, r = (v[0] for v in _weighted_slope_r(ok[None, :], x, y))
        b_slope, b_r = _weighted_slope_r(counts * ok, x, y)
        n = int(ok.sum())
        n_areas = len(np.unique(area_codes[ok > 0]))
        for j, pred in enumerate(predictors):
            note = ""
            if n < 3:
                note = f"too few area-waves with data ({n}; at least 3 needed)"
            elif np.isnan(slope[j]):
                note = "no variation in support hours"
            elif np.isnan(r[j]):
                note = "no variation in the outcome: the correlation is undefined"
            elif n_areas < 2:
                note = "one area only: no bootstrap over areas"
            bs = b_slope[:, j][np.isfinite(b_slope[:, j])] if not note else np.array([])
            br = b_r[:, j][np.isfinite(b_r[:, j])] if not note else np.array([])
            if not note and len(bs) < n_boot / 2:
                note = f"only {len(bs)} of {n_boot} resamples had varying support hours"
                bs, br = np.array([]), np.array([])

            def q(v):
                return ((float(np.quantile(v, alpha)), float(np.quantile(v, 1 - alpha)))
                        if len(v) else (np.nan, np.nan))

            (s_lo, s_hi), (r_lo, r_hi) = q(bs), q(br)
            st = pred.removeprefix("hours_")
            fits = (pred != "hours" and out_col != "active_change"
                    and st in SUPPORT_FOR_DIMENSION.get(out_col.removesuffix("_change"), ()))
            rows.append({"predictor": pred, "outcome": out_col, "fits_dimension": bool(fits),
                         "n": n, "n_areas": int(n_areas), "slope": float(slope[j]),
                         "slope_lower": s_lo, "slope_upper": s_hi, "r": float(r[j]),
                         "r_lower": r_lo, "r_upper": r_hi, "n_boot": int(len(bs)),
                         "note": note})
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------------------------------------
# Areas side by side, and an area's headline


def area_summary(study: Study) -> pd.DataFrame:
    """Mobilisation in every area of the study, one row each (for comparing selected areas).

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id, role`` (NA when not given), ``selected`` (role is ``selected``),
        ``active_first, active_last`` (active actors in the study's first and last wave),
        ``active_change`` (last − first), ``mobilised`` (distinct actors active in any wave),
        ``new_after_first`` (of those, first active after the first wave),
        ``retained, at_risk`` (sum over waves of retained actors, and of actors active in the
        previous wave), ``retention`` (retained / at_risk; NaN when at_risk is 0: a single wave
        or no activity), ``target_group_share`` (share of the mobilised individuals who belong to a
        target group; NaN when no individual was mobilised), ``support_hours`` (all support).
    """
    support = study.support.groupby("area_id")["hours"].sum()
    rows = []
    for area_id, role in study.areas[["area_id", "role"]].itertuples(index=False):
        f = flows(study, area_id)
        waves, presence = _presence(study, area_id)
        retained = int(f["retained"].iloc[1:].sum())
        at_risk = int(f["active"].iloc[:-1].sum())
        mob = presence.index[presence.any(axis=1)]
        ind = study.actors.set_index("actor_id").reindex(mob)
        ind = ind[ind["type"] == "individual"]
        rows.append({
            "area_id": area_id, "role": role, "selected": role == "selected",
            "active_first": int(f["active"].iloc[0]) if len(f) else 0,
            "active_last": int(f["active"].iloc[-1]) if len(f) else 0,
            "mobilised": int(len(mob)),
            "new_after_first": int(f["new"].iloc[1:].sum()),
            "retained": retained, "at_risk": at_risk,
            "retention": retained / at_risk if at_risk else np.nan,
            "target_group_share": (float(ind["target_group"].notna().mean()) if len(ind)
                                   else np.nan),
            "support_hours": float(support.get(area_id, 0.0)),
        })
    out = pd.DataFrame(rows)
    out["selected"] = out["selected"].fillna(False).astype(bool)
    out.insert(5, "active_change", out["active_last"] - out["active_first"])
    return out


def compare_groups(summary: pd.DataFrame, measures=None) -> pd.DataFrame:
    """Selected areas beside the others: per measure, count, mean, median, min and max.

    Parameters
    ----------
    summary : pandas.DataFrame
        The table of :func:`area_summary`.
    measures : list of str, optional
        Columns to compare; default ``active_change, mobilised, new_after_first, retention,
        target_group_share, support_hours``.

    Returns
    -------
    pandas.DataFrame
        Columns ``measure, group`` (``selected`` / ``other``), ``areas`` (areas in the group),
        ``n`` (areas with a value), ``mean, median, min, max``. A group without any value has
        ``n = 0`` and NaN statistics.
    """
    measures = measures or ["active_change", "mobilised", "new_after_first", "retention",
                            "target_group_share", "support_hours"]
    unknown = [m for m in measures if m not in summary.columns]
    if unknown:
        raise ParameterError(f"Unknown measure(s) {', '.join(unknown)}; the summary has "
                             f"{', '.join(summary.columns)}.")
    rows = []
    for m in measures:
        for group, sel in (("selected", True), ("other", False)):
            v = summary.loc[summary["selected"] == sel, m].astype(float)
            d = v.dropna()
            rows.append({"measure": m, "group": group, "areas": int(len(v)), "n": int(len(d)),
                         "mean": d.mean() if len(d) else np.nan,
                         "median": d.median() if len(d) else np.nan,
                         "min": d.min() if len(d) else np.nan,
                         "max": d.max() if len(d) else np.nan})
    return pd.DataFrame(rows)


def headline(study: Study, area_id: str) -> dict:
    """The area's mobilisation in a few numbers (for the area profile's headline).

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.

    Returns
    -------
    dict
        ``waves`` (number of waves), ``first_wave, last_wave`` (ids), ``active_first,
        active_last, active_change``, ``mobilised`` (distinct actors ever active), ``new_last,
        retained_last, returned_last, lapsed_last`` (flows of the last wave), ``retention_last``
        (retained_last / active in the wave before; None when there is no earlier wave or it had
        no active actor), ``target_group_share_last`` (of the last wave's active individuals;
        None when there were none), ``support_hours`` (all support to the area). Every value is
        an int, a float or None — never NaN.
    """
    f = flows(study, area_id)
    last = f.iloc[-1]
    prev_active = int(f["active"].iloc[-2]) if len(f) > 1 else 0
    inc = inclusion(study, area_id)
    any_last = inc[(inc["wave"] == last["wave"]) & (inc["target_group"] == ANY_TARGET_GROUP)]
    share = any_last["active_share"].iloc[0] if len(any_last) else np.nan
    _, presence = _presence(study, area_id)
    return {
        "waves": int(len(f)),
        "first_wave": int(f["wave"].iloc[0]), "last_wave": int(last["wave"]),
        "active_first": int(f["active"].iloc[0]), "active_last": int(last["active"]),
        "active_change": int(last["active"] - f["active"].iloc[0]),
        "mobilised": int(presence.any(axis=1).sum()),
        "new_last": int(last["new"]), "retained_last": int(last["retained"]),
        "returned_last": int(last["returned"]), "lapsed_last": int(last["lapsed"]),
        "retention_last": (int(last["retained"]) / prev_active if prev_active else None),
        "target_group_share_last": None if pd.isna(share) else float(share),
        "support_hours": float(study.support.loc[study.support["area_id"] == area_id,
                                                 "hours"].sum()),
    }
