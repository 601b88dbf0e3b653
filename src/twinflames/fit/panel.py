"""Long-format dyadic data (one row per person and time) checked and laid out as arrays.

Every model in :mod:`twinflames.fit` starts here: the columns are validated (bad data raise
:class:`~twinflames.errors.InputError` naming the column, the row and the value), the rows are
sorted by dyad, partner and time and laid out as a ``(dyads, 2, times)`` array padded with NaN,
and each person's series can be detrended by OLS on time.

Rows are numbered as in the input table, counting from 1 for the first data row (in a CSV file
that is the line after the header).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError


@dataclass(frozen=True)
class Panel:
    """Two partners' series per dyad, aligned on time.

    Attributes
    ----------
    dyads : numpy.ndarray
        The dyad identifiers, in sorted order, shape ``(D,)``.
    persons : numpy.ndarray
        Person identifiers, shape ``(D, 2)``; column ``k`` is partner ``k`` (``k = 1`` has the
        larger distinguisher value; missing when the dyad has one partner only).
    y : numpy.ndarray
        Values, shape ``(D, 2, T)``, NaN where missing or past the dyad's last time.
    time : numpy.ndarray
        Time of each slot, shape ``(D, T)``, NaN past the dyad's last time.
    n_time : numpy.ndarray
        Number of time points per dyad, shape ``(D,)``.
    distinguisher : tuple
        The two distinguisher values ``(partner 0, partner 1)``.
    """

    dyads: np.ndarray
    persons: np.ndarray
    y: np.ndarray
    time: np.ndarray
    n_time: np.ndarray
    distinguisher: tuple

    @property
    def slots(self) -> np.ndarray:
        """``True`` where a slot holds a time point of its dyad, shape ``(D, T)``."""
        return np.arange(self.y.shape[2])[None, :] < self.n_time[:, None]

    def take(self, rows: slice) -> Panel:
        """The dyads in ``rows`` (a slice), as a smaller panel."""
        n = self.n_time[rows]
        T = int(n.max()) if len(n) else 0
        return Panel(self.dyads[rows], self.persons[rows], self.y[rows, :, :T],
                     self.time[rows, :T], n, self.distinguisher)

    def data_checks(self) -> list[tuple[np.ndarray, str]]:
        """What makes a dyad's data unfit for any per-dyad model, in order of precedence, as
        ``(failed per dyad, reason)`` pairs for :func:`twinflames.fit.result.reasons`."""
        observed = np.isfinite(self.y) & self.slots[:, None, :]
        identical = (observed[:, 0] == observed[:, 1]).all(axis=1) & np.all(
            ~observed[:, 0] | (self.y[:, 0] == self.y[:, 1]), axis=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a partner with no values
            flat = (np.nanstd(np.where(observed, self.y, np.nan), axis=2) == 0).any(axis=1)
        return [(~observed.any(axis=2).all(axis=1), "a partner has no values"),
                (identical, "partners' series are identical"),
                (flat, "a partner's series is flat")]

    def detrended(self) -> np.ndarray:
        """Each person's series replaced by its OLS residuals on time (missing stay missing).

        Returns
        -------
        numpy.ndarray
            Shape ``(D, 2, T)``.
        """
        ok = ~np.isnan(self.y)
        t = np.where(ok, self.time[:, None, :], np.nan)
        with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a partner with no values
            tc = t - np.nanmean(t, axis=2, keepdims=True) if ok.any() else t
            yc = self.y - np.nanmean(self.y, axis=2, keepdims=True)
            slope = np.nansum(tc * yc, axis=2, keepdims=True) / np.nansum(tc * tc, axis=2,
                                                                          keepdims=True)
        slope = np.where(np.isfinite(slope), slope, 0.0)
        return yc - slope * tc


def shown(value) -> str:
    """``repr`` of a cell without numpy's type wrapper (``1``, not ``np.int64(1)``)."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _fail(column: str, position: int, value, allowed: str) -> InputError:
    return InputError(f"column {column!r}, row {int(position) + 1}: {shown(value)}; allowed: "
                      f"{allowed}")


def _numeric(df: pd.DataFrame, column: str, allow_missing: bool) -> np.ndarray:
    raw = df[column]
    values = pd.to_numeric(raw, errors="coerce")
    bad = values.isna() & raw.notna()
    if not allow_missing:
        bad |= raw.isna()
    bad |= np.isinf(values.to_numpy(dtype=float, na_value=np.nan))
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        allowed = "a finite number" + (" or empty (missing)" if allow_missing else "")
        raise _fail(column, i, raw.iloc[i], allowed)
    return values.to_numpy(dtype=float, na_value=np.nan)


def _identifier(df: pd.DataFrame, column: str) -> pd.Series:
    raw = df[column]
    if raw.isna().any():
        i = int(np.flatnonzero(raw.isna().to_numpy())[0])
        raise _fail(column, i, None, "a value on every row (no missing identifiers)")
    return raw


def check_columns(df: pd.DataFrame, **columns: str | None) -> None:
    """Raise :class:`InputError` if a named column is missing from ``df``.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    **columns : str or None
        Option name (``dyad``, ``value``, ...) to column name; ``None`` entries are skipped.
    """
    for option, column in columns.items():
        if column is not None and column not in df.columns:
            raise InputError(f"--{option.replace('_', '-')}: column {column!r} is not in the data; "
                             f"allowed: one of {', '.join(map(str, df.columns))}")


def panel(df: pd.DataFrame, dyad: str = "dyad", person: str = "person", time: str = "time",
          value: str = "value", distinguisher: str = "distinguisher") -> Panel:
    """Validate long-format dyadic data and lay it out as a :class:`Panel`.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per person and time point.
    dyad, person, time, value, distinguisher : str
        Column names. ``value`` may be missing (NaN) on some rows; ``time`` must be numeric and
        unique per person; ``distinguisher`` takes exactly two values overall, constant per
        person, one per partner of a dyad.

    Returns
    -------
    Panel

    Raises
    ------
    InputError
        Naming the column, the row (1 = first data row) and the value, for non-numeric values,
        a person with two distinguisher values, two persons with the same distinguisher value in
        a dyad, more than two persons in a dyad, a repeated time, or partners observed at
        different times.
    """
    check_columns(df, dyad=dyad, person=person, time=time, value=value,
                  distinguisher=distinguisher)
    if len(df) == 0:
        raise InputError("data: no rows; allowed: one row per person and time point")
    df = df.reset_index(drop=True)
    ids = _identifier(df, dyad)
    who = _identifier(df, person)
    dist = _identifier(df, distinguisher)
    t = _numeric(df, time, allow_missing=False)
    y = _numeric(df, value, allow_missing=True)

    levels = pd.unique(dist)
    if len(levels) > 2:
        i = int(np.flatnonzero((dist != levels[0]) & (dist != levels[1]))[0])
        raise _fail(distinguisher, i, dist.iloc[i],
                    f"two values in all (found {shown(levels[0])} and {shown(levels[1])} first)")
    levels = sorted(levels.tolist())
    # partner 1 is the larger distinguisher value (rties: female == 1)
    k = (dist == levels[-1]).to_numpy().astype(np.int64) if len(levels) == 2 else np.zeros(
        len(df), np.int64)

    dcode, dyads = pd.factorize(ids, sort=True)
    pcode, _ = pd.factorize(who)
    order = np.lexsort((t, pcode, dcode))  # dyad, person, time
    sd, sp, sk, st, y = dcode[order], pcode[order], k[order], t[order], y[order]
    same_run = (sd[1:] == sd[:-1]) & (sp[1:] == sp[:-1])
    starts = np.r_[0, np.flatnonzero(~same_run) + 1]

    def row(i: int) -> int:
        return int(order[i])

    varies = np.flatnonzero(same_run & (sk[1:] != sk[:-1]))
    if len(varies):
        i = row(varies[0] + 1)
        raise _fail(distinguisher, i, dist.iloc[i],
                    f"one value per person (person {shown(who.iloc[i])} also has "
                    f"{shown(dist.iloc[row(varies[0])])})")
    run_dyad = sd[starts]
    crowded = np.flatnonzero(np.bincount(run_dyad, minlength=len(dyads)) > 2)
    if len(crowded):
        i = row(starts[np.flatnonzero(run_dyad == crowded[0])[2]])
        raise _fail(person, i, who.iloc[i], f"two persons per dyad (dyad {shown(ids.iloc[i])} "
                    "has more)")
    run_k = sk[starts]
    clash = np.flatnonzero((run_dyad[1:] == run_dyad[:-1]) & (run_k[1:] == run_k[:-1]))
    if len(clash):
        i = row(starts[clash[0] + 1])
        raise _fail(distinguisher, i, dist.iloc[i],
                    f"a different value for each partner of a dyad (both persons of dyad "
                    f"{shown(ids.iloc[i])} have it)")
    dup = np.flatnonzero(same_run & (st[1:] == st[:-1]))
    if len(dup):
        i = row(dup[0] + 1)
        raise _fail(time, i, t[i], f"each time once per person (person {shown(who.iloc[i])} "
                    "repeats it)")

    sizes = np.diff(np.r_[starts, len(sd)])
    pos = np.arange(len(sd)) - np.repeat(starts, sizes)
    dcode, k, t = sd, sk, st
    D, T = len(dyads), int(sizes.max())
    Y = np.full((D, 2, T), np.nan)
    Y[dcode, k, pos] = y
    times = np.full((D, 2, T), np.nan)
    times[dcode, k, pos] = t
    present = np.zeros((D, 2), bool)
    present[dcode, k] = True
    n = np.zeros((D, 2), np.int64)
    n[run_dyad, run_k] = sizes
    both = present.all(axis=1)
    mismatch = both & ((n[:, 0] != n[:, 1]) | ~np.all(
        (times[:, 0] == times[:, 1]) | np.isnan(times[:, 0]) & np.isnan(times[:, 1]), axis=1))
    if mismatch.any():
        d = int(np.flatnonzero(mismatch)[0])
        rows = np.flatnonzero((ids == dyads[d]).to_numpy())
        raise InputError(f"column {time!r}, row {rows[0] + 1}: dyad {shown(dyads[d])} has "
                         f"partners observed at different times ({n[d, 0]} and {n[d, 1]} time "
                         "points); allowed: both partners at the same time points (a row with "
                         "an empty value where one is missing)")
    persons = np.full((D, 2), None, dtype=object)
    persons[dcode, k] = who.to_numpy()[order]
    n_time = n.max(axis=1)
    ktime = np.where(present[:, :1], times[:, 0], times[:, 1])
    dist_values = (levels[0], levels[-1]) if len(levels) == 2 else (levels[0], None)
    return Panel(dyads=np.asarray(dyads), persons=persons, y=Y, time=ktime, n_time=n_time,
                 distinguisher=dist_values)
