"""Validation of the flagship fit (not used when fitting a person's data): parameter recovery
on synthetic dyads or journals with known parameters, interval coverage, and simulation-based
calibration (SBC; Talts et al. 2018) ranks with a chi-square uniformity test."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as st

from . import flagship_sim as sim
from .flagship import DEFAULT_KEEP, posterior, reference, weighted_quantiles
from .journal_sim import JournalDesign

#: identities of held-out test dyads: far from any reference table's 0 .. N - 1
TEST_IDS = 10**9


def recovery(design=None, n_test: int = 200, n_reference: int = 20_000, seed: int = 0,
             draws: int = 99, bins: int = 10, adjust: bool = True, keep: float = DEFAULT_KEEP,
             client=None) -> dict:
    """Fit ``n_test`` prior dyads with known parameters and score the fit.

    Parameters
    ----------
    design : flagship_sim.Design or journal_sim.JournalDesign, optional
        What is simulated and observed (default: both twins' well-being, 180 days, 'classic').
    n_test, n_reference :
        Test dyads (identities from :data:`TEST_IDS`) and reference dyads.
    seed, draws, bins :
        Seed; posterior draws per test dyad for the SBC ranks; bins of the rank histogram.
    adjust : bool
        With the regression adjustment (else plain rejection).
    keep : float
        Share of the reference table kept per test dyad.
    client : dask.distributed.Client, optional
        Simulate the reference table on this cluster.

    Returns
    -------
    dict
        ``table`` (per parameter: coverage of the 90% intervals, median absolute error and bias
        as shares of the prior range, interval width, SBC chi-square and p-value), ``ranks``
        (SBC ranks, ``(n_test, P)``), and the settings.
    """
    design = design or sim.Design()
    ref = reference(n_reference, seed, design, client)
    ids = TEST_IDS + np.arange(n_test, dtype=np.int64)
    truth = design.draw_prior(ids, seed)
    samples, weights = posterior(design.observe(truth, ids, seed), ref, keep, adjust)
    q = weighted_quantiles(samples, weights)
    rng = np.random.default_rng(seed)
    ranks = np.empty((n_test, truth.shape[1]), np.int64)
    for m in range(n_test):
        pick = rng.choice(samples.shape[1], size=draws, p=weights[m])
        ranks[m] = (samples[m, pick] < truth[m]).sum(axis=0)
    width = np.diff(design.bounds(), axis=1)[:, 0]
    rows = []
    for j, name in enumerate(design.names()):
        counts = np.bincount(ranks[:, j] * bins // (draws + 1), minlength=bins)
        chi2, p = st.chisquare(counts)
        err = (q[:, 1, j] - truth[:, j]) / width[j]
        rows.append({"parameter": name,
                     "coverage_90": float(np.mean((q[:, 0, j] <= truth[:, j])
                                                  & (truth[:, j] <= q[:, 2, j]))),
                     "median_abs_error": float(np.median(np.abs(err))),
                     "bias": float(np.mean(err)),
                     "interval_width": float(np.mean(q[:, 2, j] - q[:, 0, j]) / width[j]),
                     "sbc_chi2": float(chi2), "sbc_p": float(p)})
    return {"table": pd.DataFrame(rows), "ranks": ranks, "design": design, "n_test": n_test,
            "n_reference": n_reference, "bins": bins}


def report(designs, keep: float = DEFAULT_KEEP, **kw) -> str:
    """Markdown tables of :func:`recovery` for several designs (the benchmark's output)."""
    parts = []
    for design in designs:
        r = recovery(design, keep=keep, **kw)
        journal = isinstance(design, JournalDesign)
        what = "journals" if journal else "dyads"
        logged = (f", {design.keep:.0%} of days logged, the keeper starting as the "
                  f"{design.me}" if journal else "")
        parts.append(f"### Flagship recovery, preset '{design.preset}': {r['n_test']} test "
                     f"{what}, {r['n_reference']:,} reference {what} (nearest {keep:.0%} "
                     f"kept), {design.days} days{logged}; errors as shares of the prior "
                     f"range; SBC over {r['bins']} bins\n")
        parts.append(markdown(r["table"]))
        parts.append("")
    return "\n".join(parts)


def markdown(table: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table (floats to three decimals)."""
    def cell(v):
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(table.columns) + " |",
             "|" + "|".join("---:" if pd.api.types.is_numeric_dtype(table[c]) else "---"
                            for c in table) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.itertuples(
        index=False)]
    return "\n".join(lines)
