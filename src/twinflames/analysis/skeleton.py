"""The runner-chaser model's deterministic skeleton: noise and discrete events switched off.

The continuous quantities (each twin's wound, fear, self-love, focus, well-being and pressure;
the dyad's closeness, intensity and toxicity) follow the drift of
:func:`twinflames.model.dynamics.advance`, read here without changing it: one step of length
``H`` with zero noise gives ``x + H f(x)`` (clipped to [0, 1]), so ``f = (step - x) / H``. With
no events nobody blocks, moves on, reaches out or replies, so contact stays open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..api import prepare_scenario
from ..engine.pack import pack
from ..errors import InputError
from ..model import layout as L
from ..model.dynamics import advance
from ..model.scenario import Scenario
from .system import System

H = 1e-5  # days: small enough that clipping only acts on the boundary of [0, 1]
TWIN_VARIABLES = ("wound", "fear", "self_love", "focus", "wellbeing", "pressure")
DYAD_VARIABLES = ("closeness", "intensity", "toxicity")
NAMES = tuple(f"{v}_{t}" for t in "ab" for v in TWIN_VARIABLES) + DYAD_VARIABLES
POSITIONS = np.array([t * L.TWIN_STATE_SIZE + L.TWIN_STATE_NAMES.index(v)
                      for t in range(2) for v in TWIN_VARIABLES]
                     + [L.DYAD + L.DYAD_STATE_NAMES.index(v) for v in DYAD_VARIABLES])


def drift(full: np.ndarray, p: np.ndarray, x: np.ndarray) -> np.ndarray:
    """dx/dt of the skeleton's variables at ``x`` (other state entries taken from ``full``)."""
    state = full.copy()
    state[POSITIONS] = x
    advance(state, p, H, 0.0, 0.0)
    return (state[POSITIONS] - x) / H


def skeleton(scenario: str | Scenario, changes: Mapping[str, Any] | None = None,
             init: Mapping[str, float] | Sequence[float] | None = None) -> System:
    """The deterministic skeleton of a runner-chaser scenario as a :class:`System`.

    ``changes`` are flat parameter changes as for :func:`twinflames.simulate`; ``init`` sets
    the start (names as in :data:`NAMES`, e.g. ``{"wound_a": 0.9}``), by default the scenario's.
    """
    sc = prepare_scenario(scenario, changes)
    full, p = pack(sc)
    x0 = full[POSITIONS].copy()
    if init is not None:
        x0 = _start(x0, init)
    base = dict(changes or {})

    def rebuild(more: Mapping[str, Any]) -> System:
        return skeleton(scenario, {**base, **more}, init)

    n = len(NAMES)
    who = {"a": sc.a.name or "twin a", "b": sc.b.name or "twin b"}
    meanings = {f"{v}_{t}": f"{who[t]}'s {v.replace('_', ' ')}" for t in "ab"
                for v in TWIN_VARIABLES} | {v: v for v in DYAD_VARIABLES}
    return System(name=sc.name, names=NAMES, kind="flow", rhs=lambda x: drift(full, p, x),
                  box=np.array([np.zeros(n), np.ones(n)]), start=x0,
                  params={**base, "scenario": sc.name}, rebuild=rebuild, confined=True,
                  meanings=meanings)


def _start(x0: np.ndarray, init: Mapping[str, float] | Sequence[float]) -> np.ndarray:
    x = x0.copy()
    if isinstance(init, Mapping):
        for name, value in init.items():
            if name not in NAMES:
                raise InputError(f"--init {name}: unknown variable; allowed: {', '.join(NAMES)}")
            x[NAMES.index(name)] = value
    else:
        values = list(init)
        if len(values) != len(NAMES):
            raise InputError(f"--init: {len(values)} values; allowed: {len(NAMES)} numbers for "
                             f"{', '.join(NAMES)}")
        x[:] = values
    if not np.all((x >= 0) & (x <= 1)):
        raise InputError(f"--init: {x.round(4).tolist()}; allowed: numbers from 0 to 1")
    return x
