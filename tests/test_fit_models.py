"""IC and CLO on hand-made dyads: known parameters, a peer tool (statsmodels), the lag rule,
degenerate dyads and bad data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.tsa.stattools import ccf

from fit_support import var1
from twinflames import fit
from twinflames.cli import main
from twinflames.errors import InputError
from twinflames.fit.clo import fit_panel as clo_panel
from twinflames.fit.clo import glla_weights
from twinflames.fit.result import in_chunks


def test_ic_recovers_known_inertia_and_coordination():
    df = var1([0.6, 0.3], [0.2, -0.25], length=4000, seed=1)
    row = fit.ic(df, lag=1).table.iloc[0]
    assert row["inert0"] == pytest.approx(0.6, abs=0.04)
    assert row["inert1"] == pytest.approx(0.3, abs=0.04)
    assert row["coord0"] == pytest.approx(0.2, abs=0.04)
    assert row["coord1"] == pytest.approx(-0.25, abs=0.04)
    # the estimates sit within a few standard errors of the truth
    assert abs(row["inert0"] - 0.6) < 4 * row["se_inert0"]


def test_ic_coefficients_and_errors_match_statsmodels_on_the_joint_model():
    df = var1([0.5, 0.4], [0.1, 0.2], length=300, seed=2)
    res = fit.ic(df, lag=1).table.iloc[0]
    e = fit.panel(df).detrended()[0]
    rows = []
    for k in (0, 1):
        y, own, other = e[k, 1:], e[k, :-1], e[1 - k, :-1]
        block = np.zeros((len(y), 6))
        block[:, 3 * k:3 * k + 3] = np.column_stack([np.ones_like(y), own, other])
        rows.append((y, block))
    y = np.concatenate([r[0] for r in rows])
    X = np.vstack([r[1] for r in rows])
    ols = sm.OLS(y, X, hasconst=False).fit()  # R: no implicit constant, uncentred R²
    names = ["int0", "inert0", "coord0", "int1", "inert1", "coord1"]
    np.testing.assert_allclose([res[n] for n in names], ols.params, atol=1e-12)
    np.testing.assert_allclose([res[f"se_{n}"] for n in names], ols.bse, rtol=1e-9)
    assert res["R2"] == pytest.approx(ols.rsquared_adj, abs=1e-12)
    assert res["n_obs_used"] == ols.nobs


def _lagged_pair(lead: int, length: int = 400, seed: int = 3) -> pd.DataFrame:
    """Partner 1 follows partner 0 by ``lead`` steps (lead < 0: partner 0 follows)."""
    rng = np.random.default_rng(seed)
    T = length
    base = np.convolve(rng.normal(size=T + 40), np.ones(5) / 5, mode="same")
    x0 = base[20:20 + T]
    x1 = base[20 - lead:20 - lead + T] + rng.normal(0, 0.05, T)
    return pd.concat([pd.DataFrame({"dyad": 1, "person": k, "distinguisher": k,
                                    "time": np.arange(T), "value": x})
                      for k, x in ((0, x0), (1, x1))], ignore_index=True)


@pytest.mark.parametrize("lead", [3, -3])
def test_abs_max_cc_picks_the_cross_correlation_peak_like_r(lead):
    df = _lagged_pair(lead)
    rties = fit.ic(df, compat="rties").table.iloc[0]
    corrected = fit.ic(df).table.iloc[0]
    # ccf(e0, e1) at lag k estimates cor(e0[t+k], e1[t]): partner 1 lagging 3 -> k = -3
    assert rties["ccf_lag"] == -lead
    e = fit.panel(df).detrended()[0]
    k = int(rties["ccf_lag"])
    peer = ccf(e[0], e[1], adjusted=False) if k >= 0 else ccf(e[1], e[0], adjusted=False)
    assert rties["ccf_cor"] == pytest.approx(peer[abs(k)], abs=1e-12)
    # rties slides by +k (a lead when k > 0); the corrected mode always looks back
    assert rties["shift"] == -lead
    assert corrected["shift"] == -abs(lead)
    if lead < 0:
        assert rties["shift"] > 0 and rties["inert0"] != pytest.approx(corrected["inert0"])
    else:
        assert rties["inert0"] == corrected["inert0"]


def test_glla_weights_give_exact_derivatives_of_a_quadratic():
    W = glla_weights(embed=5, tau=2, delta=0.5)
    c = (np.arange(1, 6) - 3) * 2 * 0.5
    level, slope, curve = (1.5 + 0.7 * c + 0.3 * c**2 / 2) @ W
    assert (level, slope, curve) == pytest.approx((1.5, 0.7, 0.3), abs=1e-12)


def test_clo_recovers_the_frequency_of_a_damped_oscillator():
    t = np.arange(3000) * 0.1
    frames = []
    for k, (omega, zeta) in enumerate([(0.5, 0.02), (0.3, 0.01)]):
        x = np.exp(-zeta * t) * np.cos(omega * t + k)
        frames.append(pd.DataFrame({"dyad": 7, "person": k, "distinguisher": k,
                                    "time": t, "value": x}))
    row = fit.clo(pd.concat(frames), taus=(1,), embeds=(5,), delta=0.1).table.iloc[0]
    # x'' = -(omega^2 + zeta^2) x - 2 zeta x' for a damped cosine (partners uncoupled)
    assert row["obs_0"] == pytest.approx(-(0.5**2 + 0.02**2), rel=0.02)
    assert row["obs_1"] == pytest.approx(-(0.3**2 + 0.01**2), rel=0.02)
    assert row["d1_0"] == pytest.approx(-0.04, abs=0.005)
    assert row["Period0"] == pytest.approx(2 * np.pi / 0.5, rel=0.02)


def test_fits_do_not_depend_on_which_dyads_are_fitted_together():
    df = var1([0.5, 0.4], [0.1, 0.2], length=120, seed=4, dyads=5)
    together = fit.ic(df, lag=1).table
    alone = pd.concat([fit.ic(df[df["dyad"] == d], lag=1).table for d in range(1, 6)])
    pd.testing.assert_frame_equal(together.reset_index(drop=True), alone.reset_index(drop=True))
    both = fit.clo(df).table
    clo_alone = pd.concat([fit.clo(df[df["dyad"] == d]).table for d in range(1, 6)])
    pd.testing.assert_frame_equal(both.reset_index(drop=True), clo_alone.reset_index(drop=True))


def _degenerate() -> pd.DataFrame:
    df = var1([0.5, 0.4], [0.1, 0.2], length=80, seed=5, dyads=4)
    same = df["dyad"] == 2
    df.loc[same & (df["distinguisher"] == 1), "value"] = df.loc[
        same & (df["distinguisher"] == 0), "value"].to_numpy()
    df.loc[(df["dyad"] == 3) & (df["distinguisher"] == 1), "value"] = np.nan
    return df[~((df["dyad"] == 4) & (df["time"] > 3))]


@pytest.mark.parametrize("model", ["ic", "clo"])
def test_degenerate_dyads_are_reported_not_fatal(model):
    res = getattr(fit, model)(_degenerate())
    t = res.table.set_index("dyad")
    assert t.loc[1, "reason"] == ""
    assert t.loc[2, "reason"] == "partners' series are identical"
    assert t.loc[3, "reason"] == "a partner has no values"
    assert t.loc[4, "reason"] == "too few rows"
    coef = "inert0" if model == "ic" else "obs_0"
    assert np.isfinite(t.loc[1, coef]) and t.loc[[2, 3, 4], coef].isna().all()
    assert res.summary().startswith(f"{model.upper()} fit (corrected mode): 1 of 4 dyads")
    assert "too few rows (1)" in res.summary()


def _write(df, tmp_path):
    path = tmp_path / "data.csv"
    df.to_csv(path, index=False)
    return path


def _run(capsys, *args):
    try:
        main(["fit", *map(str, args)])
        code = 0
    except SystemExit as stop:
        code = stop.code
    return code, capsys.readouterr()


def _text_value(d):
    d = d.astype({"value": object})
    d.loc[5, "value"] = "about 3"
    return d


def _second_distinguisher(d):
    d.loc[9, "distinguisher"] = 1
    return d


@pytest.mark.parametrize("change, words", [
    (_text_value, "column 'value', row 6: 'about 3'; allowed: a finite number or empty"),
    (_second_distinguisher, "column 'distinguisher', row 10: 1; allowed: one value per person"),
    (lambda d: d.drop(index=d.index[-1]), "partners observed at different times"),
])
def test_bad_data_one_line_exit_2_and_no_output(tmp_path, capsys, change, words):
    data = _write(change(var1([0.5, 0.4], [0.1, 0.2], length=40, seed=6, dyads=2)), tmp_path)
    out = tmp_path / "out.csv"
    code, cap = _run(capsys, "ic", data, "--out", out, "--plot", tmp_path / "pictures")
    assert code == 2
    assert words in cap.err and len(cap.err.strip().splitlines()) == 1
    assert not out.exists() and not (tmp_path / "pictures").exists()


def test_bad_options_are_refused_before_any_work(tmp_path, capsys):
    data = _write(var1([0.5, 0.4], [0.1, 0.2], length=40, seed=6), tmp_path)
    for args, words in ((("ic", data, "--lag", "0"), "--lag: '0'"),
                        (("ic", data, "--out", tmp_path / "x.txt"), "--out"),
                        (("clo", data, "--embeds", "2"), "--embeds: 2; allowed: 3 or more"),
                        (("ic", data, "--value", "dial"), "--value: column 'dial'")):
        code, cap = _run(capsys, *args)
        assert code == 2 and words in cap.err
    with pytest.raises(InputError, match="--compat"):
        fit.ic(var1([0.5, 0.4], [0.1, 0.2], length=40, seed=6), compat="R")


def test_cli_writes_table_json_and_pictures(tmp_path, capsys):
    out = tmp_path / "ic.parquet"
    code, cap = _run(capsys, "ic", "--example", "--lag", "1", "--out", out)
    assert code == 0
    table = pd.read_parquet(out)
    assert len(table) == 16 and "IC fit (corrected mode): 16 of 16" in cap.out
    data = _write(var1([0.5, 0.4], [0.1, 0.2], length=60, seed=6, dyads=2), tmp_path)
    code, cap = _run(capsys, "clo", data, "--plot", tmp_path / "pics")
    assert code == 0 and "wrote 2 pictures" in cap.out
    assert len(list((tmp_path / "pics").glob("clo_dyad_*.png"))) == 2
    code, cap = _run(capsys, "clo", "--example", "--json", "--compat", "rties")
    doc = json.loads(cap.out)
    assert doc["mode"] == "rties" and len(doc["dyads"]) == 16
    code, cap = _run(capsys, "ic")
    assert code == 2 and "DATA: missing" in cap.err


def test_example_groups_differ_in_coordination():
    from twinflames.fit.example import COLUMNS

    t = fit.ic(fit.example_dyads(), **COLUMNS, lag=1).table
    together, apart = t[t["dyad"] <= 8], t[t["dyad"] > 8]
    assert together["coord0"].mean() > 0.2 and apart["coord0"].mean() < -0.05


def test_chunked_fit_equals_one_block():
    df = var1([0.5, 0.4], [0.1, 0.2], length=60, seed=8, dyads=7)
    whole = fit.clo(df)
    chunked = in_chunks(clo_panel, fit.panel(df), size=3)
    pd.testing.assert_frame_equal(whole.table, chunked.table)
    pd.testing.assert_frame_equal(whole.grid, chunked.grid)


def test_text_identifiers_and_pictures_named_safely(tmp_path):
    df = var1([0.5, 0.4], [0.1, 0.2], length=50, seed=9, dyads=2)
    df["dyad"] = df["dyad"].map({1: "north/1", 2: "south 2"})
    df["distinguisher"] = df["distinguisher"].map({0: "M", 1: "W"})
    res = fit.ic(df, lag=1, keep_curves=True)
    assert list(res.table["dyad"]) == ["north/1", "south 2"]
    assert res.settings["partners"] == ["partner 0 (M)", "partner 1 (W)"]
    names = sorted(p.name for p in res.plot(tmp_path))
    assert names == ["ic_dyad_north-1.png", "ic_dyad_south-2.png"]
