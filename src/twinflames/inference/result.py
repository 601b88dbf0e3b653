"""What the filter found: the latest day's phase, roles and hidden states, and the timeline."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..model import layout as L
from . import doubt
from .observations import ME, THEM, Days
from .prior import Particles

WHO = ("me", "them")
TWIN_OF = {"me": ME, "them": THEM}
STATES = {"wound": L.WOUND, "fear_of_abandonment": L.FEAR, "self_love": L.SELF_LOVE,
          "wellbeing": L.WELLBEING}
LEVELS = (0.5, 0.05, 0.95)  # median, low and high end of the 90% interval
MOSTLY_UNKNOWN = 0.25  # below this much movement from the prior a state is "mostly unknown"


def weighted_quantiles(values: np.ndarray, weights: np.ndarray,
                       levels=LEVELS) -> np.ndarray:
    """Quantiles of a weighted sample (inverse of the weighted empirical CDF)."""
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    cumulative /= cumulative[-1]
    index = np.minimum(np.searchsorted(cumulative, levels), len(values) - 1)
    return values[order][index]


def _state_columns(states: np.ndarray) -> dict[tuple[str, str], np.ndarray]:
    return {(who, name): states[:, TWIN_OF[who] * L.TWIN_STATE_SIZE + col]
            for who in WHO for name, col in STATES.items()}


def _rounded(value, digits: int = 4):
    """``value`` with every float rounded to ``digits`` significant digits (nested)."""
    if isinstance(value, dict):
        return {k: _rounded(v, digits) for k, v in value.items()}
    if isinstance(value, float):
        return float(f"{value:.{digits}g}")
    return value


class Track:
    """Per-day summaries of the weighted particles.

    ``phase`` holds the phase chances as stated (after the honest-doubt rule of
    :mod:`~twinflames.inference.doubt`), ``posterior`` the filter's own, ``prior`` those of the
    prior particles run without the journal, ``bayes_factor`` the top phase's and
    ``held_back`` whether the rule held it at :data:`~twinflames.inference.doubt.SURE`.
    """

    _DAILY = ("phase", "posterior", "prior", "bayes_factor", "held_back", "roles", "states")

    def __init__(self, n_days: int):
        self.phase = np.zeros((n_days, len(L.PHASES)))
        self.posterior = np.zeros((n_days, len(L.PHASES)))
        self.prior = np.zeros((n_days, len(L.PHASES)))
        self.bayes_factor = np.zeros(n_days)
        self.held_back = np.zeros(n_days, bool)
        self.roles = np.zeros((n_days, 2, len(L.ROLES)))
        self.states = np.zeros((n_days, 2, len(STATES), len(LEVELS)))

    def extended(self, n_days: int) -> Track:
        """A copy with room for ``n_days`` days, the days recorded so far kept."""
        out = Track(n_days)
        k = len(self.phase)
        for name in self._DAILY:
            getattr(out, name)[:k] = getattr(self, name)
        return out

    def record(self, d: int, states: np.ndarray, weights: np.ndarray, prior: np.ndarray,
               direct: np.ndarray) -> None:
        """Record day ``d`` from the weighted particles, the prior particles' ``states`` and
        which phases the journal logs directly that day."""
        self.posterior[d] = np.bincount(states[:, L.PHASE].astype(int), weights,
                                        minlength=len(L.PHASES))
        self.prior[d] = np.bincount(prior[:, L.PHASE].astype(int),
                                    minlength=len(L.PHASES)) / len(prior)
        self.phase[d], self.bayes_factor[d], self.held_back[d] = doubt.stated(
            self.posterior[d], self.prior[d], direct, len(states), len(prior))
        for i, who in enumerate(WHO):
            base = TWIN_OF[who] * L.TWIN_STATE_SIZE
            self.roles[d, i] = np.bincount(states[:, base + L.ROLE].astype(int), weights,
                                           minlength=len(L.ROLES))
            for j, col in enumerate(STATES.values()):
                self.states[d, i, j] = weighted_quantiles(states[:, base + col], weights)


@dataclass
class InferenceResult:
    """The filter's answer for one journal (see :func:`twinflames.inference.infer`)."""

    days: Days
    track: Track
    pool: Particles
    weights: np.ndarray
    prior_states: np.ndarray
    prior_params: np.ndarray  # the prior comparison's parameters
    seed: int
    key: Any
    next_step: int
    diagnostics: dict = field(default_factory=dict)
    checkpoint: Any = field(default=None, repr=False)  # what the daily update continues from

    @property
    def as_of(self) -> str:
        return self.days.date(self.days.n - 1)

    @property
    def phase(self) -> dict[str, float]:
        """Probability of each phase on the latest day."""
        return {name: float(p) for name, p in zip(L.PHASES, self.track.phase[-1], strict=True)}

    @property
    def roles(self) -> dict[str, dict[str, float]]:
        """``me``/``them`` -> ``runner``/``chaser``/``none`` -> probability (latest day)."""
        return {who: {L.ROLES[r]: float(self.track.roles[-1, i, r]) for r in (1, 2, 0)}
                for i, who in enumerate(WHO)}

    def most_likely(self) -> tuple[str, str]:
        """The most likely phase and the keeper's most likely role."""
        phase = max(self.phase, key=self.phase.get)
        role = max(self.roles["me"], key=self.roles["me"].get)
        return phase, role

    @property
    def states(self) -> dict[str, dict[str, dict[str, float]]]:
        """Hidden states as median and 90% interval, with the prior's and how far the journal
        moved the estimate (0 = not at all, 1 = completely)."""
        post = _state_columns(self.pool.states)
        prior = _state_columns(self.prior_states)
        flat = np.full(len(self.prior_states), 1.0 / len(self.prior_states))
        out: dict[str, dict[str, dict[str, float]]] = {w: {} for w in WHO}
        for (who, name), values in post.items():
            med, low, high = weighted_quantiles(values, self.weights)
            p_med, p_low, p_high = weighted_quantiles(prior[who, name], flat)
            width = max(p_high - p_low, 1e-6)
            moved = float(np.clip(max(abs(med - p_med) / width, 1.0 - (high - low) / width),
                                  0.0, 1.0))
            out[who][name] = {"median": round(float(med), 3), "low": round(float(low), 3),
                              "high": round(float(high), 3),
                              "prior": {"median": round(float(p_med), 3),
                                        "low": round(float(p_low), 3),
                                        "high": round(float(p_high), 3)},
                              "moved": round(moved, 3),
                              "mostly_unknown": moved < MOSTLY_UNKNOWN}
        return out

    @property
    def pace(self) -> dict[str, dict | None]:
        """The keeper's own pace learnt from the journal (healing rate, reach-out rate, how
        much an unanswered reach-out hurts, rating style): see
        :func:`twinflames.inference.pace.summary`."""
        from .pace import summary
        from .prior import RATING_NOTCH

        return summary(self.pool.params, self.weights, self.prior_params,
                       self.pool.rating_style, RATING_NOTCH)

    def timeline(self) -> list[dict[str, Any]]:
        """Phase probabilities for every day of the journal."""
        return [{"date": self.days.date(d),
                 "phase": {n: round(float(p), 4) for n, p in zip(L.PHASES, row, strict=True)}}
                for d, row in enumerate(self.track.phase)]

    def policy_types(self, who: str) -> dict[str, float]:
        """Posterior probability of each policy type of ``me`` or ``them``."""
        from .prior import policy_labels

        labels = policy_labels()
        kind = self.pool.me_policy if who == "me" else self.pool.them_policy
        probs = np.bincount(kind, self.weights, minlength=len(labels))
        return {name: round(float(p), 4) for name, p in zip(labels, probs, strict=True)}

    def to_dict(self) -> dict[str, Any]:
        """The JSON fields: as_of, sentences (the answer in plain words, see
        :mod:`~twinflames.inference.words`), phase, roles, states, pace (:attr:`pace`, and its
        sentences under ``pace.sentences``), timeline, diagnostics."""
        from .words import pace_sentences, sentences

        pace = _rounded(self.pace)
        return {"as_of": self.as_of, "sentences": sentences(self),
                "phase": {k: round(v, 4) for k, v in self.phase.items()},
                "roles": {w: {k: round(v, 4) for k, v in r.items()}
                          for w, r in self.roles.items()},
                "states": self.states,
                "pace": {**pace, "sentences": pace_sentences(self)},
                "timeline": self.timeline(),
                "diagnostics": {**self.diagnostics, "them_policy": self.policy_types("them"),
                                "me_policy": self.policy_types("me")}}

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent)

    def to_dataframe(self) -> pd.DataFrame:
        """One row per day: date, logged, phase probabilities, role probabilities and the
        hidden states' medians and 90% intervals."""
        t = self.track
        data: dict[str, Any] = {"date": [self.days.date(d) for d in range(self.days.n)],
                                "logged": self.days.logged.copy()}
        for j, name in enumerate(L.PHASES):
            data[f"p_{name}"] = t.phase[:, j]
        for i, who in enumerate(WHO):
            for r, role in enumerate(L.ROLES):
                data[f"{who}_{role}"] = t.roles[:, i, r]
            for j, name in enumerate(STATES):
                for q, level in enumerate(("median", "low", "high")):
                    data[f"{who}_{name}_{level}"] = t.states[:, i, j, q]
        return pd.DataFrame(data)

    def forecast(self, vs=("me=current", "me=guided"), days: int = 90, runs: int = 1000,
                 seed: int | None = None):
        """Run the same simulated futures from today's posterior under each choice.

        See :func:`twinflames.inference.forecast.forecast`.
        """
        from .forecast import forecast

        return forecast(self, vs=vs, days=days, runs=runs, seed=seed)
