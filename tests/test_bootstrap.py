"""The percentile bootstrap interval of a mean (innolab.stats.bootstrap)."""

from __future__ import annotations

import numpy as np
import pytest

from innolab.errors import ParameterError
from innolab.stats.bootstrap import mean_interval


def test_mean_interval_equals_a_hand_made_resample():
    x = np.array([1.0, 2.0, 2.0, 4.0, 5.0])
    # independent computation: index draws from the same generator, means by hand, and
    # numpy's percentile (not quantile) of them
    idx = np.random.default_rng(7).integers(0, len(x), size=(400, len(x)))
    means = np.array([sum(x[i] for i in row) / len(x) for row in idx])
    lo, hi = np.percentile(means, [5, 95])
    m, got_lo, got_hi = mean_interval(x, n_boot=400, level=0.90, rng=7)
    assert m == pytest.approx(2.8)
    assert got_lo == pytest.approx(lo, abs=1e-12)
    assert got_hi == pytest.approx(hi, abs=1e-12)


def test_shared_generator_is_advanced_and_constant_values_draw_nothing():
    rng = np.random.default_rng(3)
    assert mean_interval([4.0, 4.0], rng=rng) == (4.0, 4.0, 4.0)
    x = [1.0, 2.0, 3.0, 5.0, 8.0, 13.0]
    first = mean_interval(x, n_boot=50, rng=rng)
    assert first == mean_interval(x, n_boot=50, rng=np.random.default_rng(3))
    assert first != mean_interval(x, n_boot=50, rng=rng)


def test_missing_values_small_groups_and_bad_parameters():
    assert all(np.isnan(v) for v in mean_interval([]))
    assert all(np.isnan(v) for v in mean_interval([np.nan]))
    m, lo, hi = mean_interval([np.nan, 2.0], min_n=2)
    assert m == 2.0 and np.isnan(lo) and np.isnan(hi)
    assert mean_interval([2.0]) == (2.0, 2.0, 2.0)
    with pytest.raises(ParameterError, match="level"):
        mean_interval([1.0, 2.0], level=1.0)
    with pytest.raises(ParameterError, match="n_boot"):
        mean_interval([1.0, 2.0], n_boot=0)
