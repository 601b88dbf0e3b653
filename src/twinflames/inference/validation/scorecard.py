"""Tallies of the validation's scores per journal set, the report's rows, and the issue's
targets (see :mod:`twinflames.inference.validation.validate`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..result import STATES
from . import scoring


@dataclass
class Tally:
    """Sums over the days of one journal set for one answer (filter or a baseline)."""

    brier: float = 0.0
    hits: float = 0.0
    days: int = 0
    bins: np.ndarray = field(default_factory=lambda: np.zeros((3, scoring.BINS)))
    delays: list = field(default_factory=list)
    role_brier: float = 0.0
    moving_hits: float = 0.0  # hits and days of journals whose true phase changes
    moving_days: int = 0
    confident_wrong: float = 0.0

    def add(self, probs: np.ndarray, truth: np.ndarray, delays: np.ndarray,
            role_brier: float) -> None:
        n = len(truth)
        if np.any(truth[1:] != truth[:-1]):
            self.moving_hits += scoring.accuracy(probs, truth) * n
            self.moving_days += n
        self.brier += scoring.brier(probs, truth) * n
        self.hits += scoring.accuracy(probs, truth) * n
        self.confident_wrong += scoring.confident_wrong(probs, truth) * n
        self.days += n
        self.bins += scoring.calibration_bins(probs, truth)
        self.delays.extend(delays.tolist())
        self.role_brier += role_brier * n

    def merge(self, other: Tally) -> None:
        self.brier += other.brier
        self.hits += other.hits
        self.days += other.days
        self.bins += other.bins
        self.delays.extend(other.delays)
        self.role_brier += other.role_brier
        self.moving_hits += other.moving_hits
        self.moving_days += other.moving_days
        self.confident_wrong += other.confident_wrong

    def scores(self) -> dict[str, float]:
        d = max(self.days, 1)
        return {"brier": self.brier / d, "accuracy": self.hits / d,
                "ece": scoring.binned_calibration_error(self.bins),
                "delay": float(np.mean(self.delays)) if self.delays else float("nan"),
                "role_brier": self.role_brier / d,
                "accuracy_moving": self.moving_hits / max(self.moving_days, 1),
                "moving_share": self.moving_days / d,
                "confident_wrong": self.confident_wrong / d}


@dataclass
class SetScores:
    """Everything scored on one journal set."""

    answers: dict[str, Tally] = field(default_factory=lambda: {
        "filter": Tally(), "rules": Tally(), "hmm": Tally()})
    covered: np.ndarray = field(default_factory=lambda: np.zeros((2, len(STATES))))
    width: np.ndarray = field(default_factory=lambda: np.zeros((2, len(STATES))))
    days: int = 0
    journals: int = 0
    forecast_covered: list = field(default_factory=list)  # per journal: (well-being, union)
    seconds: float = 0.0
    held_back: int = 0  # days the honest-doubt rule held the filter's top phase at 0.95

    def merge(self, other: SetScores) -> None:
        for name, tally in other.answers.items():
            self.answers[name].merge(tally)
        self.covered += other.covered
        self.width += other.width
        self.days += other.days
        self.journals += other.journals
        self.forecast_covered.extend(other.forecast_covered)
        self.seconds += other.seconds
        self.held_back += other.held_back


@dataclass
class Report:
    """Scores per journal set, the toy model's comparison and the settings."""

    settings: Any  # the validate.Settings it was run with
    sets: dict[tuple[str, float], SetScores]
    toy: dict[str, float]

    def rows(self) -> list[dict]:
        """One row per journal set with every score."""
        out = []
        for (style, rate), s in self.sets.items():
            f, r, h = (s.answers[k].scores() for k in ("filter", "rules", "hmm"))
            cov = s.covered / max(s.days, 1)
            fc = np.array(s.forecast_covered, float) if s.forecast_covered else None
            out.append({"set": style, "rate": rate, "journals": s.journals,
                        "brier": f["brier"], "brier_rules": r["brier"], "brier_hmm": h["brier"],
                        "accuracy": f["accuracy"], "accuracy_hmm": h["accuracy"],
                        "accuracy_moving": f["accuracy_moving"],
                        "accuracy_moving_hmm": h["accuracy_moving"],
                        "moving_share": f["moving_share"],
                        "ece": f["ece"], "ece_hmm": h["ece"],
                        "confident_wrong": f["confident_wrong"],
                        "held_back": s.held_back / max(s.days, 1),
                        "cover_me": float(cov[0].mean()), "cover_them": float(cov[1].mean()),
                        "cover_me_min": float(cov[0].min()), "cover_them_min": float(cov[1].min()),
                        "width_them": float((s.width[1] / max(s.days, 1)).mean()),
                        "role_brier": f["role_brier"], "role_brier_hmm": h["role_brier"],
                        "delay": f["delay"], "delay_hmm": h["delay"],
                        "forecast_cover_wellbeing": None if fc is None else float(fc[:, 0].mean()),
                        "forecast_cover_union": None if fc is None else float(fc[:, 1].mean()),
                        "seconds_per_journal": s.seconds / max(s.journals, 1)})
        return out



def check_targets(report: Report, timings: dict | None = None, slack: float = 0.0) -> list[str]:
    """The issue's targets that ``report`` misses, one line each (empty: all met).

    ``slack`` loosens every bound by that much (shares and Brier scores), and the detection
    delay's by 20 x ``slack`` days, for small runs whose scores are noisy.
    """
    missed = []

    def need(ok: bool, text: str) -> None:
        if not ok:
            missed.append(text)

    for r in report.rows():
        name = f"{r['set']} {r['rate']:.0%}"
        if r["set"] == "plain":
            need(r["brier"] <= 0.6 * r["brier_rules"] + slack,
                 f"{name}: Brier {r['brier']:.3f} > 0.6 x rule table {r['brier_rules']:.3f}")
            need(r["brier"] <= r["brier_hmm"] + 0.01 + slack,
                 f"{name}: Brier {r['brier']:.3f} > HMM {r['brier_hmm']:.3f} + 0.01")
            need(r["ece"] <= 0.03 + slack, f"{name}: ECE {r['ece']:.3f} > 0.03")
            need(0.85 - slack <= r["cover_me"] <= 0.95 + slack,
                 f"{name}: keeper's 90% intervals cover {r['cover_me']:.3f}, not 0.85-0.95")
            need(r["cover_them"] >= 0.85 - slack,
                 f"{name}: other's 90% intervals cover {r['cover_them']:.3f} < 0.85")
            need(r["role_brier"] < r["role_brier_hmm"],
                 f"{name}: role Brier {r['role_brier']:.3f} not below HMM's "
                 f"{r['role_brier_hmm']:.3f}")
            need(not r["delay"] > r["delay_hmm"] + 20.0 * slack,  # nan (no change) passes
                 f"{name}: detection delay {r['delay']:.1f} > HMM's {r['delay_hmm']:.1f} days")
        else:
            need(r["ece"] <= 0.06 + slack, f"{name}: ECE {r['ece']:.3f} > 0.06")
        aim = {1.0: 0.75, 0.2: 0.6}.get(r["rate"]) if r["set"] == "plain" else None
        if aim is not None:
            need(r["accuracy"] >= aim - slack, f"{name}: top-1 {r['accuracy']:.3f} < {aim}")
        cover = r["forecast_cover_wellbeing"]
        if cover is not None:
            need(0.85 - slack <= cover <= 0.95 + slack,
                 f"{name}: forecast difference covered in {cover:.3f} of journals, not "
                 "0.85-0.95")
    gap = abs(report.toy["brier_filter"] - report.toy["brier_exact"])
    need(gap <= 0.005 + slack, f"toy model: Brier gap {gap:.4f} > 0.005")
    if timings:
        need(timings["replay_365_s"] <= 30, f"replay {timings['replay_365_s']:.1f} s > 30 s")
        need(timings["day_ms"] <= 50, f"daily update {timings['day_ms']:.0f} ms > 50 ms")
        need(timings["forecast_1000_s"] <= 5, f"forecast {timings['forecast_1000_s']:.1f} s > 5 s")
    return missed
