"""Diffusion curves: the logistic and Bass models, their least-squares fit with delta-method
intervals (:func:`diffusion_fit`), and an area's cumulative mobilisation with a fitted curve
(:func:`mobilisation_curve`).

Growth curves use the wave ids as time. A fit that needs a caution, and a curve that cannot be
fitted, carry :class:`~innolab.analysis.mobilisation.notes.Note` codes, never sentences. The
formulas, fitting and interval choices and their references are in ``docs/methods.md``, section
*Mobilisation*.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, stats

from innolab.analysis.mobilisation.flows import flows
from innolab.analysis.mobilisation.notes import Note
from innolab.data.study import Study
from innolab.errors import InnolabError, ParameterError

__all__ = ["MODELS", "SATURATION_CAP", "logistic", "bass", "DiffusionFit", "diffusion_fit",
           "MobilisationCurve", "mobilisation_curve"]


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
    notes : list of Note
        Cautions as note codes with values (no degrees of freedom left, a saturation level the
        data do not pin down, an estimate on a bound …; the codes ``mobilisation.fit.*`` of
        :data:`~innolab.analysis.mobilisation.notes.NOTE_CODES`). Empty when there is nothing
        to say.
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
    notes: list[Note] = []
    # identification: the saturation level at its cap, or a (near) rank-deficient Jacobian
    jac = _gradient(fn, t, theta)
    sv = np.linalg.svd(jac / np.maximum(np.abs(jac).max(axis=0), 1e-300), compute_uv=False)
    identified = theta[0] < 0.999 * upper[0] and sv[-1] > 1e-8 * sv[0]
    if theta[0] >= 0.999 * upper[0]:
        notes.append(Note("mobilisation.fit.no_slowing",
                          {"param": names[0], "cap": SATURATION_CAP}))
    elif not identified:
        notes.append(Note("mobilisation.fit.not_identified"))
    if dof <= 0:
        notes.append(Note("mobilisation.fit.no_dof", {"n": n, "params": k}))
    if identified and dof > 0:
        cov = np.asarray(pcov, dtype=float)  # curve_fit's (JᵀJ)⁻¹ · RSS / (n − k)
        se = np.sqrt(np.clip(np.diag(cov), 0, None))
        crit = stats.t.ppf(0.5 + level / 2, dof)
        lo, hi = theta - crit * se, theta + crit * se
        for i, name in enumerate(names):
            if se[i] > abs(theta[i]):
                notes.append(Note("mobilisation.fit.poorly_determined", {"param": name}))
            if theta[i] <= lower[i] * 1.0001 + 1e-12 and lower[i] > -np.inf:
                notes.append(Note("mobilisation.fit.on_lower_bound",
                                  {"param": name, "bound": float(lower[i])}))
    else:
        cov = np.full((k, k), np.nan)
        se = lo = hi = np.full(k, np.nan)
    if model == "logistic" and identified and theta[2] > t.max():
        notes.append(Note("mobilisation.fit.inflection_beyond"))
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
    note : Note or None
        Why there is no fit (None when there is one): ``mobilisation.curve.too_few_waves``,
        ``mobilisation.curve.flat`` or ``mobilisation.curve.no_convergence``.
    """

    area_id: str
    data: pd.DataFrame
    model: str
    fit: DiffusionFit | None
    note: Note | None = None


def mobilisation_curve(study: Study, area_id: str, model: str = "logistic", *,
                       horizon: float = 2.0, level: float = 0.95) -> MobilisationCurve:
    """The cumulative count of the area's active actors per wave, with a diffusion curve.

    Time is the wave id. For the Bass model the launch is put one wave step before the first
    wave (``t_origin = first wave − step``), so the actors of the first wave are the first
    adopters. Where no curve can be fitted (a single wave, fewer waves than parameters, no
    growth, no convergence) the result carries the data, ``fit=None`` and the reason in
    ``note``: it never raises for such data, so a notebook runs on any study.

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
        note = Note("mobilisation.curve.too_few_waves",
                    {"count": len(data), "model": model, "params": k})
        return MobilisationCurve(area_id, data, model, None, note)
    cumulative = data["cumulative"].to_numpy(dtype=float)
    if np.ptp(cumulative) == 0:
        # diffusion_fit refuses flat counts; say so with a code rather than its message
        note = Note("mobilisation.curve.flat", {"value": float(cumulative[0]), "model": model})
        return MobilisationCurve(area_id, data, model, None, note)
    try:
        fit = diffusion_fit(waves, cumulative, model=model, horizon=horizon * step,
                            step=step, level=level,
                            t_origin=float(waves[0] - step) if model == "bass" else 0.0)
    except InnolabError:
        # the counts are valid (checked above), so the one failure left is no convergence
        note = Note("mobilisation.curve.no_convergence", {"model": model})
        return MobilisationCurve(area_id, data, model, None, note)
    return MobilisationCurve(area_id, data, model, fit, None)

