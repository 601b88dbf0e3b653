"""Latent profiles of dyads from their fitted parameters: Gaussian mixtures (scikit-learn),
the number of profiles and the covariance shape chosen by BIC, as rties does with mclust; and
a regression relating the profiles to a dyad-level variable (statsmodels)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from .clo import COEFS as CLO_COEFS

#: rties' profile variables: the dynamic parameters, not the intercepts
IC_PARAMS = ("inert0", "coord0", "inert1", "coord1")
COVARIANCES = ("spherical", "diag", "tied", "full")


@dataclass(frozen=True)
class ProfileResult:
    """Profiles of dyads.

    Attributes
    ----------
    table : pandas.DataFrame
        ``dyad, profile`` (1..K, missing when the dyad had no parameters) and ``prob_1 ..
        prob_K`` (membership probabilities).
    columns : tuple of str
        The parameters the mixture was fitted on.
    k : int
        Number of profiles.
    covariance : str
        Covariance shape (scikit-learn's ``covariance_type``).
    bic : pandas.DataFrame
        BIC of every (K, covariance) tried (lower is better; ``chosen`` marks the pick).
    means : pandas.DataFrame
        Each profile's mean parameters and its size.
    regression : pandas.DataFrame or None
        With ``predict``: the regression table of the dyad-level variable on the profiles.
    test : dict or None
        With ``predict``: ``{"variable", "F", "p", "r2", "n"}`` (does the variable differ by
        profile?).
    """

    table: pd.DataFrame
    columns: tuple[str, ...]
    k: int
    covariance: str
    bic: pd.DataFrame
    means: pd.DataFrame
    regression: pd.DataFrame | None = None
    test: dict | None = None

    def summary(self) -> str:
        """One line: profiles found, sizes, and the regression's test when present."""
        sizes = ", ".join(f"{int(n)}" for n in self.means["dyads"])
        line = (f"{self.k} profile{'s' if self.k > 1 else ''} by BIC ({self.covariance} "
                f"covariance) from {', '.join(self.columns)}: dyads per profile {sizes}")
        skipped = int(self.table["profile"].isna().sum())
        if skipped:
            line += f"; not profiled (no parameters): {skipped}"
        if self.test:
            line += (f"; {self.test['variable']} by profile: F = {self.test['F']:.3g}, "
                     f"p = {self.test['p']:.3g}")
        return line

    def to_json(self) -> str:
        """The result as JSON."""
        def records(frame):
            return None if frame is None else json.loads(frame.to_json(orient="records"))

        return json.dumps({"k": self.k, "covariance": self.covariance,
                           "columns": list(self.columns), "summary": self.summary(),
                           "dyads": records(self.table), "means": records(self.means),
                           "bic": records(self.bic), "regression": records(self.regression),
                           "test": self.test}, indent=2)

    def plot(self, path: str | Path, params: pd.DataFrame) -> Path:
        """Scatter the first two profile variables, coloured by profile."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from ..files import write_atomically

        data = params.merge(self.table, on="dyad")
        x, y = self.columns[0], self.columns[min(1, len(self.columns) - 1)]
        fig, ax = plt.subplots(figsize=(5.5, 4.5))
        for profile, rows in data.dropna(subset=["profile"]).groupby("profile"):
            ax.scatter(rows[x], rows[y], s=22, label=f"profile {int(profile)}")
        ax.set_xlabel(x)
        ax.set_ylabel(y)
        ax.set_title(f"{self.k} latent profiles of dyads")
        ax.legend(frameon=False, fontsize=8)
        fig.tight_layout()
        write_atomically(path, lambda tmp: fig.savefig(tmp, format=Path(path).suffix[1:],
                                                       dpi=100), "--plot")
        plt.close(fig)
        return Path(path)


def default_columns(params: pd.DataFrame) -> tuple[str, ...]:
    """rties' profile variables for an IC or CLO table, else every numeric column but ids."""
    for names in (CLO_COEFS, IC_PARAMS):
        if all(c in params.columns for c in names):
            return tuple(names)
    skip = {"dyad", "person", "n_obs_used", "n_time", "n_complete_time", "shift", "tau",
            "embed", "ccf_lag"}
    return tuple(c for c in params.select_dtypes("number").columns
                 if c not in skip and not c.startswith(("se_", "R2", "Period")))


def _fit_mixtures(points: np.ndarray, ks: Sequence[int], seed: int):
    from sklearn.mixture import GaussianMixture
    X = points

    rows, best = [], None
    for k in ks:
        for cov in COVARIANCES:
            try:
                gm = GaussianMixture(k, covariance_type=cov, n_init=5, random_state=seed,
                                     reg_covar=1e-6 * max(float(np.var(X)), 1e-12)).fit(X)
            except ValueError:
                continue
            # as mclust's NA BIC for a singular fit: a mixture needs fewer free parameters
            # than dyads, and every profile needs two dyads to have a spread
            sizes = np.bincount(gm.predict(X), minlength=k)
            if gm._n_parameters() >= len(X) or sizes.min() < 2:
                continue
            bic = float(gm.bic(X))
            rows.append({"k": k, "covariance": cov, "bic": bic})
            if best is None or bic < best[0]:
                best = (bic, gm)
    return best, pd.DataFrame(rows)


def profiles(params: pd.DataFrame, columns: Sequence[str] | None = None, k: int | None = None,
             k_max: int = 6, predict: str | None = None, data: pd.DataFrame | None = None,
             data_dyad: str = "dyad", seed: int = 0) -> ProfileResult:
    """Group dyads into latent profiles by a Gaussian mixture on their parameters.

    Parameters
    ----------
    params : pandas.DataFrame
        One row per dyad with a ``dyad`` column (e.g. ``fit.ic(...).table``).
    columns : sequence of str, optional
        The parameters to use (default: rties' choice for IC/CLO tables).
    k : int, optional
        Number of profiles; by default chosen by BIC from 1 to ``k_max``.
    predict : str, optional
        A dyad-level variable (in ``params``, else in ``data``) to regress on the profiles.
    data : pandas.DataFrame, optional
        Where ``predict`` is looked up if not in ``params``: long data with ``data_dyad``;
        the variable is averaged within each dyad (a dyad-level score is the same on all its
        rows).
    seed : int
        Seed of the mixture's initialisations (the same seed gives the same profiles).

    Returns
    -------
    ProfileResult
    """
    if "dyad" not in params.columns:
        raise InputError("PARAMS: no 'dyad' column; allowed: a per-dyad table such as the "
                         "output of `twinflames fit ic|clo --out`")
    columns = tuple(columns) if columns else default_columns(params)
    missing = [c for c in columns if c not in params.columns]
    if missing or not columns:
        raise InputError(f"--columns: {','.join(missing) or '(none)'}; allowed: numeric "
                         f"columns of PARAMS ({', '.join(map(str, params.columns))})")
    values = params[list(columns)].apply(pd.to_numeric, errors="coerce")
    usable = values.notna().all(axis=1).to_numpy()
    X = values.to_numpy(float)[usable]
    n = len(X)
    if k is not None and (k < 1 or k > max(n - 1, 1)):
        raise InputError(f"--k: {k}; allowed: 1 to {max(n - 1, 1)} (the dyads with parameters "
                         "less one)")
    if n < 2:
        raise InputError(f"PARAMS: {n} dyads with all of {', '.join(columns)}; allowed: at "
                         "least 2")
    ks = [k] if k else list(range(1, min(k_max, n - 1) + 1))
    (bic_best, gm), bic = _fit_mixtures(X, ks, seed)
    bic["chosen"] = (bic["bic"] == bic_best) & (bic["k"] == gm.n_components) & (
        bic["covariance"] == gm.covariance_type)
    prob = gm.predict_proba(X)
    # profiles numbered by the mean of the first parameter, so labels do not depend on seeds
    rank = np.argsort(np.argsort(gm.means_[:, 0]))
    prob = prob[:, np.argsort(rank)]
    label = prob.argmax(axis=1) + 1
    K = gm.n_components
    table = pd.DataFrame({"dyad": params["dyad"].to_numpy()})
    table["profile"] = pd.array([pd.NA] * len(table), dtype="Int64")
    table.loc[usable, "profile"] = label
    for j in range(K):
        table[f"prob_{j + 1}"] = np.nan
        table.loc[usable, f"prob_{j + 1}"] = prob[:, j]
    means = pd.DataFrame(X, columns=columns).assign(profile=label).groupby("profile").mean()
    means["dyads"] = pd.Series(label).value_counts().sort_index()
    means = means.reset_index()
    regression = test = None
    if predict:
        regression, test = _regress(table, params, predict, data, data_dyad)
    return ProfileResult(table, columns, K, gm.covariance_type, bic, means, regression, test)


def _regress(table, params, predict, data, data_dyad):
    import statsmodels.formula.api as smf

    if predict in params.columns:
        outcome = params[["dyad", predict]]
    elif data is not None and predict in data.columns and data_dyad in data.columns:
        outcome = (data[[data_dyad, predict]].rename(columns={data_dyad: "dyad"})
                   .groupby("dyad", as_index=False)[predict].mean())
    else:
        raise InputError(f"--predict: column {predict!r} is in neither PARAMS nor --data; "
                         "allowed: a dyad-level numeric column of either")
    y = pd.to_numeric(outcome[predict], errors="coerce")
    frame = table[["dyad", "profile"]].merge(outcome.assign(y=y)[["dyad", "y"]], on="dyad")
    frame = frame.dropna()
    if frame["profile"].nunique() < 2 or len(frame) <= frame["profile"].nunique():
        raise InputError(f"--predict: {predict!r} has too few dyads with values across "
                         "profiles; allowed: values for dyads in at least two profiles")
    frame["profile"] = frame["profile"].astype(int).astype(str)
    model = smf.ols("y ~ C(profile)", data=frame).fit()
    ci = model.conf_int()
    names = ["profile 1 (baseline mean)"] + [
        f"profile {t.split('T.')[1].rstrip(']')} minus profile 1" for t in model.params.index[1:]]
    reg = pd.DataFrame({"term": names, "estimate": model.params.to_numpy(),
                        "se": model.bse.to_numpy(), "t": model.tvalues.to_numpy(),
                        "p": model.pvalues.to_numpy(), "ci_low": ci[0].to_numpy(),
                        "ci_high": ci[1].to_numpy()})
    test = {"variable": predict, "F": float(model.fvalue), "p": float(model.f_pvalue),
            "r2": float(model.rsquared), "n": int(model.nobs)}
    return reg, test
