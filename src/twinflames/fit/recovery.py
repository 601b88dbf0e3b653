"""Validation of the flagship fit (not used when fitting a person's data): parameter recovery
on synthetic dyads with known parameters, interval coverage, and simulation-based calibration
(SBC; Talts et al. 2018) ranks with a chi-square uniformity test."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as st

from . import flagship_sim as sim
from .flagship import posterior, reference, weighted_quantiles

#: identities of held-out test dyads: far from any reference table's 0 .. N - 1
TEST_IDS = 10**9


def recovery(n_test: int = 200, n_reference: int = 20_000, preset: str = "classic",
             days: int = 180, seed: int = 0, draws: int = 99, bins: int = 10,
             adjust: bool = True, client=None) -> dict:
    """Fit ``n_test`` prior dyads with known parameters and score the fit.

    Returns
    -------
    dict
        ``table`` (per parameter: coverage of the 90% intervals, median absolute error and bias
        as shares of the prior range, interval width, SBC chi-square and p-value), ``ranks``
        (SBC ranks, ``(n_test, P)``), and the settings.
    """
    design = sim.Design(preset=preset, days=days)
    ref = reference(n_reference, seed, design, client)
    ids = TEST_IDS + np.arange(n_test, dtype=np.int64)
    truth = sim.draw_prior(ids, seed)
    stats = sim.summaries(sim.simulate(truth, ids, seed, design))
    samples, weights = posterior(stats, ref, adjust=adjust)
    q = weighted_quantiles(samples, weights)
    rng = np.random.default_rng(seed)
    ranks = np.empty((n_test, truth.shape[1]), np.int64)
    for m in range(n_test):
        pick = rng.choice(samples.shape[1], size=draws, p=weights[m])
        ranks[m] = (samples[m, pick] < truth[m]).sum(axis=0)
    width = np.diff(sim.bounds(), axis=1)[:, 0]
    rows = []
    for j, name in enumerate(sim.names()):
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
    return {"table": pd.DataFrame(rows), "ranks": ranks, "preset": preset, "days": days,
            "n_test": n_test, "n_reference": n_reference, "bins": bins}


def report(presets_: tuple[str, ...] = ("classic", "both-heal", "wildfire"), **kw) -> str:
    """Markdown tables of :func:`recovery` for several presets (the benchmark's output)."""
    parts = []
    for preset in presets_:
        r = recovery(preset=preset, **kw)
        parts.append(f"### Flagship recovery, preset '{preset}': {r['n_test']} test dyads, "
                     f"{r['n_reference']:,} reference dyads, {r['days']} days; errors as "
                     f"shares of the prior range; SBC over {r['bins']} bins\n")
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
