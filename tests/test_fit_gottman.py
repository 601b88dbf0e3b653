"""Gottman–Murray difference equations: known parameters recovered, AIC picks the influence
shape that made the data, errors as statsmodels computes them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from twinflames import fit
from twinflames.cli import main


def _influence(u, shape):
    if shape == "bilinear":
        return np.where(u > 0, 0.1 * u, 0.4 * u)
    return np.where(u > 1.0, 0.8, np.where(u < -1.0, -1.2, 0.0))


def simulate(shape: str, turns: int = 1500, seed: int = 1, dyad: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = np.zeros((turns, 2))
    a, r = (0.3, -0.2), (0.5, 0.4)
    for t in range(turns - 1):
        x[t + 1, 0] = a[0] + r[0] * x[t, 0] + _influence(x[t, 1], shape) + rng.normal()
        x[t + 1, 1] = a[1] + r[1] * x[t, 1] + _influence(x[t + 1, 0], shape) + rng.normal()
    return pd.concat([pd.DataFrame({"dyad": dyad, "person": 2 * dyad + k, "distinguisher": k,
                                    "time": np.arange(turns), "value": x[:, k]})
                      for k in (0, 1)], ignore_index=True)


def test_bilinear_parameters_recovered_and_preferred_by_aic():
    t = fit.gottman(simulate("bilinear")).table.set_index("influence")
    row = t.loc["bilinear"]
    assert row["r0"] == pytest.approx(0.5, abs=0.05)
    assert row["a1"] == pytest.approx(-0.2, abs=0.1)
    assert row["m_pos0"] == pytest.approx(0.1, abs=0.1)
    assert row["m_neg0"] == pytest.approx(0.4, abs=0.1)
    assert row["m_neg1"] == pytest.approx(0.4, abs=0.1)
    assert row["set_point0"] == pytest.approx(row["a0"] / (1 - row["r0"]))
    assert t.loc["bilinear", "AIC"] < t.loc["none", "AIC"]
    assert bool(t.loc["bilinear", "best"]) and t["best"].sum() == 1


def test_ojive_data_prefer_the_ojive_with_thresholds_near_the_truth():
    t = fit.gottman(simulate("ojive", seed=2)).table.set_index("influence")
    assert bool(t.loc["ojive", "best"])
    assert t.loc["ojive", "AIC"] < t.loc["bilinear", "AIC"]
    assert t.loc["ojive", "h_neg0"] == pytest.approx(1.2, abs=0.35)
    assert t.loc["ojive", "t_pos0"] == pytest.approx(1.0, abs=0.5)


def test_standard_errors_match_statsmodels_for_one_equation():
    df = simulate("bilinear", turns=300, seed=3)
    row = fit.gottman(df).table.set_index("influence").loc["bilinear"]
    x0 = df[df["distinguisher"] == 0]["value"].to_numpy()
    x1 = df[df["distinguisher"] == 1]["value"].to_numpy()
    X = np.column_stack([np.ones(299), x0[:-1], np.maximum(x1[:-1], 0),
                         np.minimum(x1[:-1], 0)])
    ols = sm.OLS(x0[1:], X).fit()
    np.testing.assert_allclose([row["a0"], row["r0"], row["m_pos0"], row["m_neg0"]],
                               ols.params, atol=1e-10)
    np.testing.assert_allclose([row["se_a0"], row["se_r0"], row["se_m_pos0"],
                                row["se_m_neg0"]], ols.bse, rtol=1e-8)
    assert row["AIC0"] == pytest.approx(ols.aic + 2, abs=1e-6)  # + the error variance


def test_cli_gottman(tmp_path, capsys):
    path = tmp_path / "turns.csv"
    pd.concat([simulate("bilinear", 200, seed=s, dyad=s) for s in (1, 2)]).to_csv(path,
                                                                                  index=False)
    out = tmp_path / "g.csv"
    main(["fit", "gottman", str(path), "--out", str(out)])
    assert "GOTTMAN fit: 2 of 2 dyads fitted" in capsys.readouterr().out
    assert len(pd.read_csv(out)) == 6
