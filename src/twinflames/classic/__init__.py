"""The classic published models of love dynamics under one interface.

``get(name)`` returns a :class:`ClassicModel`; :func:`simulate` and :func:`ensemble` run it.
docs/models.md gives each model's equations, parameters, presets and source.
"""

from __future__ import annotations

from ..errors import InputError
from . import felmlee, gottman, rinaldi, strogatz
from .base import ClassicModel, ClassicParams, Preset
from .results import ClassicEnsemble, ClassicResult
from .run import ensemble, simulate

REGISTRY: dict[str, ClassicModel] = {
    m.name: m for m in (strogatz.MODEL, rinaldi.MODEL, gottman.MODEL, felmlee.MODEL)}


def names() -> list[str]:
    """Names of the classic models."""
    return list(REGISTRY)


def is_model(name: object) -> bool:
    """True if ``name`` names a classic model."""
    return isinstance(name, str) and name in REGISTRY


def get(name: str) -> ClassicModel:
    """The classic model called ``name``; :class:`InputError` listing the names otherwise."""
    if name not in REGISTRY:
        raise InputError(f"model {name!r}: unknown; allowed: {', '.join(REGISTRY)}")
    return REGISTRY[name]


__all__ = ["REGISTRY", "ClassicEnsemble", "ClassicModel", "ClassicParams", "ClassicResult",
           "Preset", "ensemble", "get", "is_model", "names", "simulate"]
