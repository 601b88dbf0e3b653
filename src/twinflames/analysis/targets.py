"""Turn a name (a classic model or a runner-chaser scenario) into a :class:`System`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .. import classic
from ..errors import InputError
from ..model.scenario import Scenario
from ..scenarios import preset_names
from .skeleton import skeleton
from .system import System


def classic_system(name: str, preset: str | None = None,
                   changes: Mapping[str, Any] | None = None,
                   init: Mapping[str, float] | Sequence[float] | None = None) -> System:
    """The deterministic part of a classic model (its ``noise`` is ignored)."""
    model = classic.get(name)
    params = model.make_params(preset, changes)
    x0 = model.make_init(init, preset)
    lo, hi = model.box
    base = dict(changes or {})

    def rebuild(more: Mapping[str, Any]) -> System:
        return classic_system(name, preset, {**base, **more}, init)

    return System(name=name, names=model.state, kind=model.kind,
                  rhs=lambda x: model.rhs(x, params),
                  box=np.array([[lo] * len(model.state), [hi] * len(model.state)]),
                  start=x0, params=params.model_dump(), rebuild=rebuild,
                  meanings=dict(model.units))


def system_of(target: str | Scenario, changes: Mapping[str, Any] | None = None,
              init: Mapping[str, float] | Sequence[float] | None = None,
              preset: str | None = None) -> System:
    """A classic model by name (``strogatz`` ...) or a runner-chaser scenario (a preset name,
    a TOML path or a :class:`Scenario`), as a deterministic :class:`System`."""
    if classic.is_model(target):
        return classic_system(target, preset, changes, init)
    if isinstance(target, str) and not target.endswith(".toml") and target not in preset_names():
        raise InputError(f"{target!r}: unknown model or scenario; allowed: a classic model "
                         f"({', '.join(classic.names())}), a scenario "
                         f"({', '.join(preset_names())}) or a .toml file")
    return skeleton(target, changes, init)
