"""From a run's per-step codes to what people read: episodes, events, outcome and metrics."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from .model import layout as L

TWINS = ("a", "b")
_FLAG_EVENTS = (
    (L.FLAG_HEALED_A, "healed", "a"), (L.FLAG_HEALED_B, "healed", "b"),
    (L.FLAG_SWAP_A, "role_swap", "a"), (L.FLAG_SWAP_B, "role_swap", "b"),
    (L.FLAG_REUNION, "reunion", None), (L.FLAG_SEPARATION, "separation", None),
)


def _runs(codes: np.ndarray) -> list[tuple[int, int, int]]:
    """Run-length encoding: (start index, stop index, code)."""
    edges = np.flatnonzero(np.diff(codes)) + 1
    starts = np.concatenate([[0], edges])
    stops = np.concatenate([edges, [len(codes)]])
    return [(int(a), int(b), int(codes[a])) for a, b in zip(starts, stops, strict=True)]


def episodes(phase: np.ndarray, roles: np.ndarray, dt: float,
             min_days: float = 1.0) -> list[dict[str, Any]]:
    """The phase timeline: ``{start, end, phase, runner, chaser}`` per episode.

    Episodes shorter than ``min_days`` are folded into the one before (a passing flicker is not
    a phase); runner and chaser are the twins who held those roles for most of the episode.
    """
    merged: list[list[int]] = []
    for a, b, code in _runs(phase):
        if merged and ((b - a) * dt < min_days or merged[-1][2] == code):
            merged[-1][1] = b
        else:
            merged.append([a, b, code])
    out = []
    for a, b, code in merged:
        part = roles[a:b]
        who = {}
        for role in (L.ROLE_RUNNER, L.ROLE_CHASER):
            share = (part == role).mean(axis=0)
            best = int(np.argmax(share))
            who[L.ROLES[role]] = TWINS[best] if share[best] > 0.5 else None
        out.append({"start": round(a * dt, 4), "end": round((b - 1) * dt if b == len(phase)
                                                             else b * dt, 4),
                    "phase": L.PHASES[code], **who})
    return out


def events(ev: np.ndarray, flags: np.ndarray, roles: np.ndarray, dt: float) -> list[dict]:
    """Every event of a run as ``{day, kind, who, ...}``, in time order."""
    out: list[dict[str, Any]] = []
    for k, twin in zip(*np.nonzero(ev >= 0), strict=True):
        code = int(ev[k, twin])
        item = {"day": round(float(k * dt), 4), "kind": L.TWIN_EVENTS[code], "who": TWINS[twin]}
        if code in L.SIGN_KINDS:
            item["sign"] = L.SIGN_KINDS[code]
        out.append(item)
    for k in np.flatnonzero(flags):
        for bit, kind, who in _FLAG_EVENTS:
            if flags[k] & bit:
                item = {"day": round(float((k + 1) * dt), 4), "kind": kind, "who": who}
                if kind == "role_swap":
                    item["role"] = L.ROLES[int(roles[k + 1, TWINS.index(who)])]
                out.append(item)
    out.sort(key=lambda e: e["day"])
    return out


def outcome(final_phase: int) -> str:
    """The outcome at the horizon, named after the phase the dyad is in then."""
    return L.OUTCOMES[int(final_phase)]


def metrics(phase: np.ndarray, event_list: list[dict], dt: float) -> dict[str, Any]:
    """Headline numbers of one run."""
    counts = np.bincount(phase[:-1].astype(int), minlength=len(L.PHASES)) * dt
    first_union = np.flatnonzero(phase == L.PHASE_UNION)

    tally = Counter((e["kind"], e["who"]) for e in event_list)

    def count(kind: str, who: str | None = None) -> int:
        return tally[kind, who] if who else sum(n for (k, _), n in tally.items() if k == kind)

    return {
        "days_to_union": None if first_union.size == 0 else round(float(first_union[0] * dt), 4),
        "days_in_phase": {name: round(float(d), 4) for name, d in zip(L.PHASES, counts,
                                                                       strict=True)},
        "role_swaps": count("role_swap"),
        "reach_outs": {t: count("reach_out", t) for t in TWINS},
        "replies": {t: count("reply", t) for t in TWINS},
        "blocks": count("block"),
        "signs": count("sign"),
    }
