"""Scores of probabilistic answers against a known truth (validation on synthetic journals)."""

from __future__ import annotations

import numpy as np

BINS = 10  # bins of the expected calibration error
CONFIDENT = 0.9  # a top answer at least this sure and wrong is "confident-wrong"


def brier(probs: np.ndarray, truth: np.ndarray) -> float:
    """Multi-class Brier score: mean over days of sum_k (p_k - [truth = k])^2 (0 is perfect,
    2 is the worst)."""
    onehot = np.eye(probs.shape[1])[truth]
    return float(np.mean(np.sum((probs - onehot) ** 2, axis=1)))


def accuracy(probs: np.ndarray, truth: np.ndarray) -> float:
    """Share of days whose most likely class is the true one."""
    return float(np.mean(probs.argmax(axis=1) == truth))


def confident_wrong(probs: np.ndarray, truth: np.ndarray, level: float = CONFIDENT) -> float:
    """Share of days whose top answer has probability >= ``level`` and is wrong."""
    return float(np.mean((probs.max(axis=1) >= level) & (probs.argmax(axis=1) != truth)))


def calibration_bins(probs: np.ndarray, truth: np.ndarray, bins: int = BINS) -> np.ndarray:
    """Per equal-width bin of the top answer's confidence: (days, sum of confidence, hits),
    shape (3, bins). Bins of several answers add up."""
    confidence = probs.max(axis=1)
    hit = probs.argmax(axis=1) == truth
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    return np.stack([np.bincount(which, minlength=bins), np.bincount(which, confidence, bins),
                     np.bincount(which, hit, bins)])


def binned_calibration_error(tally: np.ndarray) -> float:
    """Expected calibration error from :func:`calibration_bins`: the day-weighted mean gap
    between confidence and accuracy."""
    days, confidence, hits = tally
    return float(np.abs(confidence - hits).sum() / max(days.sum(), 1))


def calibration_error(probs: np.ndarray, truth: np.ndarray, bins: int = BINS) -> float:
    """Expected calibration error of the top answer (Guo et al. 2017) in ``bins`` equal-width
    confidence bins."""
    return binned_calibration_error(calibration_bins(probs, truth, bins))


def covered(low: np.ndarray, high: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Whether each true value lies inside its interval."""
    return (low <= truth) & (truth <= high)


def detection_delays(probs: np.ndarray, truth: np.ndarray, first: int = 0) -> np.ndarray:
    """Days from each change of the true class (on or after day ``first``) until the answer's
    most likely class is the new one; a change never detected before the next change counts
    as the whole stretch (so slow answers cannot hide behind short stretches)."""
    top = probs.argmax(axis=1)
    changes = [d for d in range(max(first, 1), len(truth)) if truth[d] != truth[d - 1]]
    ends = [*changes[1:], len(truth)][:len(changes)]
    delays = []
    for start, end in zip(changes, ends, strict=True):
        hits = np.flatnonzero(top[start:end] == truth[start])
        delays.append(hits[0] if len(hits) else end - start)
    return np.asarray(delays, float)
