"""Particle weights in groups: one filter per group, mixed by the evidence each group gathered.

The groups are the other twin's policy types: each keeps its own normalised weights and is
resampled on its own, so a type the journal speaks against keeps its particles (and can recover
when later days speak for it) while its share of the answer shrinks with its evidence.
"""

from __future__ import annotations

import numpy as np

RESAMPLE_BELOW = 0.5  # resample a group when its effective sample size falls below this share


def logsumexp(values: np.ndarray) -> float:
    """log(sum(exp(values))) without overflow (scipy's is slow for the filter's many small
    calls)."""
    top = float(np.max(values))
    if not np.isfinite(top):
        return top
    return top + float(np.log(np.sum(np.exp(values - top))))


def systematic(weights: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """Systematic resampling: ``count`` indices, one uniform draw for all of them."""
    positions = (rng.random() + np.arange(count)) / count
    cumulative = np.cumsum(weights)
    cumulative[-1] = 1.0
    return np.searchsorted(cumulative, positions)


class GroupedWeights:
    """Normalised weights within each group and the log-evidence of each group.

    Parameters
    ----------
    group : ndarray of int
        Group of each particle (fixed: resampling stays inside a group).
    prior : ndarray of float, optional
        Prior probability of each group (default: its share of the particles).
    """

    def __init__(self, group: np.ndarray, prior: np.ndarray | None = None):
        self.group = np.asarray(group)
        labels = int(self.group.max()) + 1
        self.members = [np.flatnonzero(self.group == g) for g in range(labels)]
        sizes = np.array([len(m) for m in self.members], float)
        share = sizes / sizes.sum() if prior is None else np.asarray(prior, float)
        with np.errstate(divide="ignore"):
            self.log_prior = np.where(sizes > 0, np.log(share), -np.inf)
        self.log_evidence = np.zeros(labels)
        self.within = np.empty(len(self.group))
        for m in self.members:
            self.within[m] = 1.0 / max(len(m), 1)
        self.resamples = 0
        self.before = self.within.copy()
        self.last_ess = float(len(self.group))  # effective sample size before the last resampling

    @property
    def mixture(self) -> np.ndarray:
        """Posterior probability of each group."""
        log_post = self.log_prior + self.log_evidence
        return np.exp(log_post - logsumexp(log_post))

    @property
    def combined(self) -> np.ndarray:
        """Each particle's weight in the mixture (sums to 1)."""
        return self.within * self.mixture[self.group]

    @property
    def log_likelihood(self) -> float:
        """Estimate of log p(observations so far), mixed over groups."""
        return float(logsumexp(self.log_prior + self.log_evidence))

    def ess(self) -> float:
        """Effective sample size of the combined weights."""
        return 1.0 / float(np.sum(self.combined ** 2))

    def update(self, term: np.ndarray, rng: np.random.Generator) -> np.ndarray | None:
        """Multiply by the likelihood ``exp(term)``; resample the groups that need it.

        Returns
        -------
        ndarray of int or None
            Row ``i`` of the new particles is a copy of row ``index[i]`` (a row of the same
            group; ``index[i] == -1`` where the group was not resampled and row ``i`` stays),
            or None when no group was resampled.
        """
        for g, rows in enumerate(self.members):
            if len(rows):
                with np.errstate(divide="ignore"):  # a weight that underflowed to 0 stays 0
                    logw = np.log(self.within[rows]) + term[rows]
                total = logsumexp(logw)
                self.log_evidence[g] += total
                if np.isfinite(total):
                    self.within[rows] = np.exp(logw - total)
        self.last_ess = self.ess()
        self.before = self.within.copy()  # the weights the last resampling drew from
        index = None
        for rows in self.members:
            w = self.within[rows]
            if len(rows) and 1.0 / float(np.sum(w ** 2)) < RESAMPLE_BELOW * len(rows):
                if index is None:
                    index = np.full(len(self.group), -1)
                index[rows] = rows[systematic(w, len(rows), rng)]
                self.within[rows] = 1.0 / len(rows)
                self.resamples += 1
        return index
