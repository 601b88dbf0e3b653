"""The one shape every analysis works on: a deterministic vector field or map with names.

A :class:`System` wraps a classic model, the flagship's deterministic skeleton
(:mod:`.skeleton`) or any Python function, so fixed points, portraits, scans, Lyapunov
exponents and basins are written once for all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ..errors import InputError
from ..integrate import integrate_flow, iterate_map

BLOW_UP = 1e9  # a trajectory beyond this norm has left every attractor (diverges)


@dataclass(frozen=True)
class System:
    """A deterministic dynamical system.

    ``rhs(x)`` is dx/dt for a ``"flow"`` and the next state for a ``"map"``. ``box`` (2 x n:
    low and high per variable) is where fixed points are sought and starts sampled; if
    ``confined`` the state can never leave it (the flagship's quantities live in [0, 1]).
    ``rebuild(changes)`` is the same system with some parameters changed; ``meanings`` says
    in words what each variable measures (used to label axes).
    """

    name: str
    names: tuple[str, ...]
    kind: Literal["flow", "map"]
    rhs: Callable[[np.ndarray], np.ndarray]
    box: np.ndarray
    start: np.ndarray
    params: Mapping[str, Any] = field(default_factory=dict)
    rebuild: Callable[[Mapping[str, Any]], System] | None = field(default=None, repr=False)
    confined: bool = False
    meanings: Mapping[str, str] = field(default_factory=dict)  # variable -> what it measures

    @property
    def dim(self) -> int:
        return len(self.names)

    def residual(self, x: np.ndarray) -> np.ndarray:
        """Zero exactly at fixed points: dx/dt for flows, F(x) - x for maps."""
        if self.confined:  # outside the box: evaluate at the nearest point and pull back
            inside = np.clip(x, self.box[0], self.box[1])
            return self._res(inside) - (x - inside)
        return self._res(x)

    def _res(self, x: np.ndarray) -> np.ndarray:
        out = np.asarray(self.rhs(x), dtype=float)
        return out - x if self.kind == "map" else out

    def with_changes(self, changes: Mapping[str, Any]) -> System:
        """The same system with parameters changed (InputError if it has none to change)."""
        if self.rebuild is None:
            raise InputError(f"{self.name}: has no parameters to change")
        return self.rebuild(changes)

    def index(self, name: str) -> int:
        """Position of variable ``name``."""
        if name not in self.names:
            raise InputError(f"variable {name!r}: unknown for {self.name}; allowed: "
                             f"{', '.join(self.names)}")
        return self.names.index(name)

    def trajectory(self, x0: np.ndarray, duration: float, points: int = 2001
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Times and states of the deterministic run from ``x0`` (a flow stops if it passes
        norm 1e9; a map runs ``int(duration)`` turns)."""
        x0 = np.asarray(x0, dtype=float)
        if self.kind == "map":
            return iterate_map(self.rhs, x0, int(duration), BLOW_UP)
        return integrate_flow(self.rhs, x0, duration, points,
                              "LSODA" if self.confined else "DOP853", 1e-9, 1e-11, BLOW_UP)


def from_function(func: Callable[..., np.ndarray], names: tuple[str, ...],
                  params: Mapping[str, Any], *, kind: Literal["flow", "map"] = "flow",
                  box: tuple[float, float] | np.ndarray = (-2.0, 2.0),
                  start: np.ndarray | None = None, name: str = "system") -> System:
    """A :class:`System` from ``func(x, **params)``; scans change ``params`` by name."""
    n = len(names)
    b = np.asarray(box, dtype=float)
    b = np.tile(b[:, None], (1, n)) if b.ndim == 1 else b
    frozen = dict(params)

    def rebuild(changes: Mapping[str, Any]) -> System:
        unknown = [k for k in changes if k not in frozen]
        if unknown:
            raise InputError(f"{unknown[0]}: unknown parameter of {name}; allowed: "
                             f"{', '.join(frozen)}")
        return from_function(func, names, {**frozen, **{k: float(v) for k, v in
                                                         changes.items()}},
                             kind=kind, box=b, start=start, name=name)

    return System(name=name, names=tuple(names), kind=kind,
                  rhs=lambda x: np.asarray(func(x, **frozen), dtype=float), box=b,
                  start=np.zeros(n) if start is None else np.asarray(start, dtype=float),
                  params=frozen, rebuild=rebuild)
