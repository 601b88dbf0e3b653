"""Early-warning indicators of critical slowing down, and whether they warn on the flagship.

Near a tipping point a system recovers ever more slowly from small knocks, so its
fluctuations grow (variance) and linger (lag-1 autocorrelation) (Scheffer et al. 2009,
Nature 461; Dakos et al. 2012, PLoS ONE 7(7)). The trend of each indicator is measured by
Kendall's tau against time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.ndimage import gaussian_filter1d
from scipy.stats import kendalltau

from ..errors import InputError


@dataclass(frozen=True)
class Indicators:
    """Rolling variance and lag-1 autocorrelation of a series and their Kendall tau trends."""

    t: np.ndarray = field(repr=False)
    series: np.ndarray = field(repr=False)
    trend: np.ndarray | None = field(repr=False)
    variance: np.ndarray = field(repr=False)
    ac1: np.ndarray = field(repr=False)
    tau_variance: float
    tau_ac1: float
    window: int

    def to_dataframe(self) -> pd.DataFrame:
        return pd.DataFrame({"t": self.t, "series": self.series, "variance": self.variance,
                             "ac1": self.ac1})

    def to_dict(self) -> dict:
        return {"window": self.window, "tau_variance": self.tau_variance,
                "tau_ac1": self.tau_ac1}


def indicators(series, window: int | None = None, bandwidth: float | None = None,
               t=None) -> Indicators:
    """Rolling variance and lag-1 autocorrelation of ``series`` over a trailing ``window``.

    Parameters
    ----------
    series : array-like
        Equally spaced observations.
    window : int, optional
        Points per rolling window (default: half the series, as in Dakos et al. 2012).
    bandwidth : float, optional
        If given, a Gaussian-kernel trend of this width (in points) is subtracted first, so a
        drifting mean is not mistaken for rising variance.
    t : array-like, optional
        Times of the observations (default 0, 1, 2, ...).

    Returns
    -------
    Indicators
        Values are NaN until the first full window; taus use the defined values only.
    """
    x = np.asarray(series, dtype=float)
    n = len(x)
    window = window or max(n // 2, 3)
    if n < 4 or not np.all(np.isfinite(x)):
        raise InputError(f"series: {n} values; allowed: at least 4 finite numbers")
    if not (isinstance(window, (int, np.integer)) and 3 <= window <= n):
        raise InputError(f"window = {window!r}: allowed: a whole number from 3 to {n}")
    trend = gaussian_filter1d(x, bandwidth, mode="nearest") if bandwidth else None
    resid = x - trend if trend is not None else x
    frame = pd.Series(resid)
    variance = frame.rolling(window).var().to_numpy()
    lagged = frame.shift(1)
    ac1 = frame.rolling(window).corr(lagged).to_numpy()
    times = np.arange(n, dtype=float) if t is None else np.asarray(t, dtype=float)
    return Indicators(t=times, series=x, trend=trend, variance=variance, ac1=ac1,
                      tau_variance=_tau(times, variance), tau_ac1=_tau(times, ac1),
                      window=int(window))


def _tau(t: np.ndarray, y: np.ndarray) -> float:
    ok = np.isfinite(y)
    if ok.sum() < 3 or np.ptp(y[ok]) == 0:
        return float("nan")
    return float(kendalltau(t[ok], y[ok]).statistic)
