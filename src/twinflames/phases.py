"""From a run's per-step codes to what people read: episodes, events, outcome and metrics."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from .engine.adaptive import FLAG_KIND, WHO_DYAD
from .model import layout as L

TWINS = ("a", "b")
# the state-derived events in the order of engine.adaptive.FLAG_BITS
_FLAG_NAMES = ("healed", "healed", "role_swap", "role_swap", "reunion", "separation")


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


def events(log: np.ndarray) -> list[dict]:
    """Every event of a run as ``{day, kind, who, ...}``, in time order, from the log of
    :func:`~twinflames.engine.kernels.trace` (rows of day, who, kind, detail)."""
    out: list[dict[str, Any]] = []
    for day, who, kind, detail in log:
        code = int(kind)
        if code >= FLAG_KIND:
            name = _FLAG_NAMES[code - FLAG_KIND]
            item = {"day": round(float(day), 4), "kind": name,
                    "who": TWINS[int(who)] if who < WHO_DYAD else None}
            if name == "role_swap":
                item["role"] = L.ROLES[int(detail)]
        else:
            item = {"day": round(float(day), 4), "kind": L.TWIN_EVENTS[code],
                    "who": TWINS[int(who)]}
            if code in L.SIGN_KINDS:
                item["sign"] = L.SIGN_KINDS[code]
        out.append(item)
    out.sort(key=lambda e: e["day"])
    return out


def outcome(final_phase: int) -> str:
    """The outcome at the horizon, named after the phase the dyad is in then."""
    return L.OUTCOMES[int(final_phase)]


def metrics(start_phase: int, event_list: list[dict], days_in_phase: np.ndarray
            ) -> dict[str, Any]:
    """Headline numbers of one run: ``days_in_phase`` are the integrator's exact days in each
    phase (the step-end phase codes only sample them), the first union is the start or the
    first reunion."""
    reunions = [e["day"] for e in event_list if e["kind"] == "reunion"]
    to_union = 0.0 if start_phase == L.PHASE_UNION else (reunions[0] if reunions else None)

    tally = Counter((e["kind"], e["who"]) for e in event_list)

    def count(kind: str, who: str | None = None) -> int:
        return tally[kind, who] if who else sum(n for (k, _), n in tally.items() if k == kind)

    return {
        "days_to_union": to_union,
        "days_in_phase": {name: round(float(d), 4) for name, d in zip(L.PHASES, days_in_phase,
                                                                       strict=True)},
        "role_swaps": count("role_swap"),
        "reach_outs": {t: count("reach_out", t) for t in TWINS},
        "replies": {t: count("reply", t) for t in TWINS},
        "blocks": count("block"),
        "signs": count("sign"),
    }
