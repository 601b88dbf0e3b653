"""What every classic model is: validated parameters, a right-hand side, presets, a citation.

A *flow* model is an ODE ``dx/dt = rhs(x, p)``; a *map* model is a turn-by-turn rule
``x[t+1] = rhs(x[t], p)``. Every model also takes ``noise``, the standard deviation of an
additive Gaussian disturbance (per square-root time unit for flows, per turn for maps).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from pydantic import Field

from ..errors import InputError
from ..model.validation import build
from ..validated import Frozen


class ClassicParams(Frozen):
    """Base of every classic model's parameters (frozen, validated, unknown names refused)."""

    noise: float = Field(0.0, ge=0, le=10, description="standard deviation of additive noise "
                         "(per sqrt time unit for flows, per turn for maps); 0 = deterministic")


@dataclass(frozen=True)
class Preset:
    """A named parameter set with the start and horizon that show its behaviour."""

    description: str
    values: Mapping[str, Any]
    init: Sequence[float]
    duration: float | None = None


@dataclass(frozen=True)
class ClassicModel:
    """One published model under the common interface."""

    name: str
    title: str
    kind: Literal["flow", "map"]
    state: tuple[str, ...]
    params: type[ClassicParams]
    rhs: Callable[[np.ndarray, Any], np.ndarray]
    presets: Mapping[str, Preset]
    default_preset: str
    citation: str
    box: tuple[float, float] = (-2.0, 2.0)  # where analyses look for equilibria and starts
    time_unit: str = "time units"
    units: Mapping[str, str] = field(default_factory=dict)

    def preset(self, name: str | None) -> Preset:
        """The preset called ``name`` (the default preset if None)."""
        key = self.default_preset if name is None else name
        if key not in self.presets:
            raise InputError(f"preset {key!r} of {self.name}: unknown; allowed: "
                             f"{', '.join(self.presets)}")
        return self.presets[key]

    def make_params(self, preset: str | None = None,
                    changes: Mapping[str, Any] | None = None) -> ClassicParams:
        """Validated parameters: the preset's values with ``changes`` on top."""
        values = {**self.preset(preset).values, **dict(changes or {})}
        return build(self.params, values, prefix="")

    def make_init(self, init: Mapping[str, float] | Sequence[float] | None,
                  preset: str | None = None) -> np.ndarray:
        """The starting state as a vector, from a mapping of names or a sequence of numbers."""
        if init is None:
            return np.asarray(self.preset(preset).init, dtype=float)
        allowed = f"{len(self.state)} numbers for {', '.join(self.state)}"
        if isinstance(init, Mapping):
            unknown = [k for k in init if k not in self.state]
            if unknown:
                raise InputError(f"--init {unknown[0]}: unknown variable of {self.name}; "
                                 f"allowed: {', '.join(self.state)}")
            base = self.make_init(None, preset)
            values = [init.get(n, base[i]) for i, n in enumerate(self.state)]
        else:
            values = list(init)
            if len(values) != len(self.state):
                raise InputError(f"--init: {len(values)} values; allowed: {allowed}")
        try:
            x = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            raise InputError(f"--init {values!r}: allowed: {allowed}") from None
        if not np.all(np.isfinite(x)):
            raise InputError(f"--init {values!r}: allowed: finite numbers")
        return x
