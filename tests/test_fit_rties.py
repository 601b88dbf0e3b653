"""IC and CLO against rties' own per-dyad numbers on its example data (read from the shared
folder; GPL-3 data never enter the repository)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fit_support import RTIES, rties_dir
from twinflames import fit
from twinflames.fit.clo import COEFS as CLO_COEFS

TOL = 1e-8


@pytest.fixture(scope="module")
def short():
    return pd.read_csv(rties_dir() / "rties_ExampleDataShort.csv")


def _aligned(result, ref: pd.DataFrame) -> pd.DataFrame:
    return result.table.set_index("dyad").loc[ref["dyad"]]


def _close(ours, theirs, tol=TOL):
    ours, theirs = np.asarray(ours, float), np.asarray(theirs, float)
    assert np.array_equal(np.isnan(ours), np.isnan(theirs))
    assert np.nanmax(np.abs(ours - theirs)) < tol


def test_detrending_matches_rties_prepared_data(short):
    prep = pd.read_csv(rties_dir() / "intermediate_short_ic_prep_lag2.csv.gz")
    p = fit.panel(short, **RTIES)
    e = p.detrended()
    rows = prep.assign(k=prep["dist1"]).sort_values(["dyad", "k", "time"])
    ours = np.concatenate([e[i, k, : p.n_time[i]] for i in range(len(p.dyads)) for k in (0, 1)])
    _close(ours, rows["obs_deTrend"])


def test_ic_lag2_matches_rties_unrounded(short):
    ref = pd.read_csv(rties_dir() / "ic_short_lag2_unrounded.csv")
    rounded = pd.read_csv(rties_dir() / "ic_short_lag2.csv")
    res = fit.ic(short, **RTIES, lag=2, compat="rties")
    got = _aligned(res, ref)
    for name in ("int0", "int1", "inert0", "coord0", "inert1", "coord1", "R2"):
        _close(got[name], ref[name])
    for name in ("R2inert", "R2coord"):
        _close(got[name], rounded.set_index("dyad").loc[ref["dyad"], name])
    assert (got["shift"].to_numpy() == ref["shift"].to_numpy()).all()
    assert (got["n_obs_used"].to_numpy() == ref["n_obs_used"].to_numpy()).all()
    assert res.mode == "rties"
    # couple 19's partners are identical: reported, with the aliased coordination missing
    assert got.loc[19, "reason"] == "partners' series are identical"
    assert "partners' series are identical (1)" in res.summary()


def test_clo_matches_rties_unrounded_and_its_grid(short):
    ref = pd.read_csv(rties_dir() / "clo_short_tau23_embed34_unrounded.csv")
    rounded = pd.read_csv(rties_dir() / "clo_short_tau23_embed34.csv").set_index("dyad")
    res = fit.clo(short, **RTIES, taus=(2, 3), embeds=(3, 4), compat="rties")
    got = _aligned(res, ref)
    for name in CLO_COEFS + ("R2",):
        _close(got[name], ref[name])
    _close(got["R2uncouple"], rounded.loc[ref["dyad"], "R2uncouple"])
    _close(got["Period0"], ref["period0"], 1e-8 * 100)
    assert (got["tau"].to_numpy() == ref["tau"].to_numpy()).all()
    assert (got["embed"].to_numpy() == ref["embed"].to_numpy()).all()
    assert (got["n_obs_used"].to_numpy() == ref["n_obs_used"].to_numpy()).all()
    grid = pd.read_csv(rties_dir() / "clo_short_tau23_embed34_grid.csv").merge(
        res.grid, on=["dyad", "tau", "embed"])
    assert len(grid) == 4 * len(ref)
    _close(grid["R2"], grid["R2_coupled"])
    _close(grid["R2uncouple"], grid["R2_uncoupled"])


def test_clo_derivatives_match_rties_intermediate(short):
    inter = pd.read_csv(rties_dir() / "intermediate_short_clo_derivs_tau23_embed34.csv.gz")
    res = fit.clo(short, **RTIES, compat="rties", keep_curves=True)
    compared = 0
    for dyad, rows in inter.groupby("dyad"):
        ours = res.curves[res.curves["dyad"] == dyad].sort_values(["partner", "time"])
        if ours.empty:  # a degenerate dyad has no curves
            continue
        # partner 0 is rties' dist0 == 1 (female == 0)
        rows = rows.sort_values(["dist0", "time"], ascending=[False, True])
        _close(ours["observed"], rows["d2"])
        compared += 1
    assert compared >= 19


def test_corrected_mode_equals_rties_mode_for_a_fixed_lag(short):
    a = fit.ic(short, **RTIES, lag=2, compat="rties").table
    b = fit.ic(short, **RTIES, lag=2).table
    ok = b["reason"] == ""
    pd.testing.assert_frame_equal(a[ok], b[ok])
