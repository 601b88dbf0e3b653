"""The flagship fit by simulation: a small recovery at loose tolerances (the full study is in
benchmarks/bench_fit.py), the same numbers however the reference table is chunked, the data
checks and the command line."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from twinflames import fit
from twinflames.cli import main
from twinflames.errors import InputError
from twinflames.fit import flagship_sim as sim
from twinflames.fit.flagship import reference
from twinflames.fit.recovery import TEST_IDS, recovery

DESIGN = sim.Design(days=90)


@pytest.fixture(scope="module")
def small_recovery():
    return {adjust: recovery(DESIGN, n_test=60, n_reference=3000, adjust=adjust)
            for adjust in (True, False)}


def test_small_recovery_covers_and_beats_the_prior(small_recovery):
    table = small_recovery[True]["table"].set_index("parameter")
    assert table["coverage_90"].between(0.7, 1.0).all()
    # a prior median guess misses by a quarter of the range; the fit does better everywhere
    assert (table["median_abs_error"] < 0.22).all()
    assert (table["interval_width"] < 0.9).all()
    # no SBC chi-square beyond the 0.1% level on 10 bins (27.9): ranks are not far from uniform
    assert (table["sbc_chi2"] < 27.9).all()


def test_regression_adjustment_narrows_the_intervals(small_recovery):
    adjusted = small_recovery[True]["table"]["interval_width"]
    plain = small_recovery[False]["table"]["interval_width"]
    assert (adjusted < plain).all()


def test_reference_table_is_the_same_whatever_the_chunks():
    a = reference(600, seed=3, design=DESIGN, chunk=600)
    b = reference(600, seed=3, design=DESIGN, chunk=250)
    assert np.array_equal(a.theta, b.theta) and np.array_equal(a.stats, b.stats)


def _observed(n=3, seed=0):
    ids = TEST_IDS + np.arange(n)
    truth = sim.draw_prior(ids, seed)
    y = sim.simulate(truth, ids, seed, DESIGN)
    rows = [pd.DataFrame({"dyad": d, "person": 2 * d + k, "distinguisher": k,
                          "time": np.arange(DESIGN.days), "value": 1 + 4 * y[d, k]})
            for d in range(n) for k in (0, 1)]
    return pd.concat(rows, ignore_index=True), truth


def test_flagship_reports_medians_intervals_and_missing_days():
    data, truth = _observed()
    data.loc[(data["dyad"] == 2) & (data["time"] == 5), "value"] = np.nan
    ref = reference(3000, seed=0, design=DESIGN)
    res = fit.flagship(data, scale=(1, 5), ref=ref)
    t = res.table.set_index("dyad")
    for name in sim.names():
        assert (t.loc[[0, 1], f"{name}_low"] <= t.loc[[0, 1], name]).all()
        assert (t.loc[[0, 1], name] <= t.loc[[0, 1], f"{name}_high"]).all()
    assert t.loc[2, "reason"].startswith("missing days") and t.loc[[2]].iloc[:, 0].isna().all()
    assert "2 of 3 dyads fitted" in res.summary()
    again = fit.flagship(data, scale=(1, 5), ref=ref)
    pd.testing.assert_frame_equal(res.table, again.table)
    with pytest.raises(InputError, match="reference table"):
        fit.flagship(data[data["time"] < 60], scale=(1, 5), ref=ref)
    with pytest.raises(InputError, match="--preset"):
        fit.flagship(data, preset="nope")


def test_cli_flagship(tmp_path, capsys):
    data, _ = _observed(n=2)
    path = tmp_path / "wellbeing.csv"
    data.to_csv(path, index=False)
    out = tmp_path / "flagship.csv"
    main(["fit", "flagship", str(path), "--scale", "1,5", "--reference", "1000", "--out",
          str(out)])
    assert "FLAGSHIP fit: 2 of 2 dyads fitted" in capsys.readouterr().out
    assert set(sim.names()) <= set(pd.read_csv(out).columns)


def test_reference_table_on_a_dask_cluster_is_the_same():
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        remote = reference(600, seed=3, design=DESIGN, client=client, chunk=300)
    here = reference(600, seed=3, design=DESIGN)
    assert np.array_equal(here.theta, remote.theta) and np.array_equal(here.stats, remote.stats)
