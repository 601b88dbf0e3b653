"""Latent profiles: recovered groups on hand-made parameters, K by BIC, the regression table
against group means, and the command line."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from twinflames import fit
from twinflames.cli import main
from twinflames.errors import InputError
from twinflames.fit.example import COLUMNS


def _groups(seed=1, n=30):
    rng = np.random.default_rng(seed)
    truth = np.repeat([1, 2, 3], n)
    centres = np.array([[0.2, 0.3], [0.8, -0.2], [0.5, 0.6]])
    X = centres[truth - 1] + rng.normal(0, 0.04, (3 * n, 2))
    outcome = np.array([1.0, 3.0, 2.0])[truth - 1] + rng.normal(0, 0.3, 3 * n)
    return pd.DataFrame({"dyad": np.arange(3 * n), "a": X[:, 0], "b": X[:, 1],
                         "y": outcome}), truth


def test_bic_finds_the_three_groups_and_their_members():
    params, truth = _groups()
    res = fit.profiles(params, columns=["a", "b"])
    assert res.k == 3
    assert adjusted_rand_score(truth, res.table["profile"]) == 1.0
    probs = res.table[[f"prob_{j}" for j in (1, 2, 3)]].to_numpy()
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    # labels ordered by the first parameter's mean
    assert list(res.means["a"]) == sorted(res.means["a"])
    forced = fit.profiles(params, columns=["a", "b"], k=2)
    assert forced.k == 2 and forced.bic["k"].eq(2).all()


def test_same_seed_same_profiles():
    params, _ = _groups(seed=2)
    a = fit.profiles(params, columns=["a", "b"], seed=5).table
    b = fit.profiles(params, columns=["a", "b"], seed=5).table
    pd.testing.assert_frame_equal(a, b)


def test_regression_estimates_are_the_differences_of_group_means():
    params, _ = _groups(seed=3)
    res = fit.profiles(params, columns=["a", "b"], predict="y")
    merged = params.merge(res.table, on="dyad")
    means = merged.groupby("profile")["y"].mean()
    est = res.regression["estimate"].to_numpy()
    np.testing.assert_allclose(est, [means[1], means[2] - means[1], means[3] - means[1]])
    assert res.test["p"] < 1e-6 and res.test["n"] == len(params)


def test_example_profiles_match_its_two_made_up_groups():
    data = fit.example_dyads()
    ic = fit.ic(data, **COLUMNS, lag=1).table
    res = fit.profiles(ic, predict="closeness", data=data, data_dyad="couple")
    truth = (ic["dyad"] > 8).astype(int)
    assert res.k == 2 and adjusted_rand_score(truth, res.table["profile"]) == 1.0
    assert res.test["p"] < 0.001


def test_dyads_without_parameters_are_left_out_and_said():
    params, _ = _groups(seed=4)
    params.loc[0, "a"] = np.nan
    res = fit.profiles(params, columns=["a", "b"])
    assert pd.isna(res.table.loc[0, "profile"])
    assert "not profiled (no parameters): 1" in res.summary()


def test_bad_requests_name_what_is_wrong():
    params, _ = _groups()
    with pytest.raises(InputError, match="--columns: zeta"):
        fit.profiles(params, columns=["zeta"])
    with pytest.raises(InputError, match="--k: 0"):
        fit.profiles(params, columns=["a"], k=0)
    with pytest.raises(InputError, match="--predict: column 'nope'"):
        fit.profiles(params, columns=["a"], predict="nope")


def test_cli_profiles(tmp_path, capsys):
    params, _ = _groups()
    path = tmp_path / "params.csv"
    params.to_csv(path, index=False)
    out = tmp_path / "profiles.csv"
    main(["fit", "profiles", str(path), "--columns", "a,b", "--predict", "y", "--out", str(out),
          "--plot", str(tmp_path / "p.png")])
    text = capsys.readouterr().out
    assert "3 profiles by BIC" in text and "profile 2 minus profile 1" in text
    assert len(pd.read_csv(out)) == len(params) and (tmp_path / "p.png").stat().st_size > 0
