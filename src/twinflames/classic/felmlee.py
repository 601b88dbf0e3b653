"""Felmlee and Greenberg's model of two partners pulled toward their ideals and each other.

dx/dt = a1 (x_star - x) + b1 (y - x)
dy/dt = a2 (y_star - y) + b2 (x - y)

x and y are the partners' behaviour on one scale (for example how much time together they
seek); x_star and y_star their ideals. ``a1``, ``a2`` measure self-regulation (the pull back
toward one's own ideal), ``b1``, ``b2`` cooperation (the pull toward the partner's behaviour);
negative ``b`` is non-cooperation (moving away from the partner).

Felmlee, D. H. and Greenberg, D. F. (1999). A dynamic systems model of dyadic interaction.
Journal of Mathematical Sociology 23(3).
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from .base import ClassicModel, ClassicParams, Preset


class FelmleeParams(ClassicParams):
    """Ideals, self-regulation and cooperation of two partners (rates per time unit)."""

    a1: float = Field(1.0, ge=-100, le=100, description="self-regulation of partner 1")
    a2: float = Field(1.0, ge=-100, le=100, description="self-regulation of partner 2")
    b1: float = Field(0.5, ge=-100, le=100, description="cooperation of 1 (< 0: non-cooperation)")
    b2: float = Field(0.5, ge=-100, le=100, description="cooperation of 2 (< 0: non-cooperation)")
    x_star: float = Field(1.0, ge=-100, le=100, description="partner 1's ideal")
    y_star: float = Field(-1.0, ge=-100, le=100, description="partner 2's ideal")


def rhs(x: np.ndarray, p: FelmleeParams) -> np.ndarray:
    """dx/dt and dy/dt."""
    return np.array([p.a1 * (p.x_star - x[0]) + p.b1 * (x[1] - x[0]),
                     p.a2 * (p.y_star - x[1]) + p.b2 * (x[0] - x[1])])


def equilibrium(p: FelmleeParams) -> tuple[float, float]:
    """The unique equilibrium, solved in closed form (needs a1 a2 + a1 b2 + a2 b1 != 0)."""
    det = p.a1 * p.a2 + p.a1 * p.b2 + p.a2 * p.b1
    x = (p.a1 * p.x_star * (p.a2 + p.b2) + p.b1 * p.a2 * p.y_star) / det
    y = (p.a2 * p.y_star * (p.a1 + p.b1) + p.b2 * p.a1 * p.x_star) / det
    return x, y


PRESETS = {
    "cooperative": Preset(
        "Both self-regulating and cooperative: they settle on a compromise between their "
        "ideals, closer to the ideal of the one who cooperates less.",
        {"a1": 1.0, "a2": 1.0, "b1": 0.5, "b2": 1.5, "x_star": 1.0, "y_star": -1.0},
        (2.0, -2.0), 10.0),
    "non-cooperative": Preset(
        "Mild non-cooperation (b < 0) with strong self-regulation: still stable, but each ends "
        "further from the other than their own ideal would put them.",
        {"a1": 1.0, "a2": 1.0, "b1": -0.3, "b2": -0.3, "x_star": 1.0, "y_star": -1.0},
        (0.0, 0.0), 10.0),
    "polarising": Preset(
        "Non-cooperation stronger than self-regulation (a1 a2 + a1 b2 + a2 b1 < 0): the "
        "equilibrium is a saddle and the partners drift ever further apart.",
        {"a1": 0.5, "a2": 0.5, "b1": -0.5, "b2": -0.5, "x_star": 1.0, "y_star": -1.0},
        (0.2, 0.0), 6.0),
}

MODEL = ClassicModel(
    name="felmlee", title="Felmlee and Greenberg's ideals and cooperation", kind="flow",
    state=("x", "y"), params=FelmleeParams, rhs=rhs, presets=PRESETS,
    default_preset="cooperative",
    citation="Felmlee, D. H. and Greenberg, D. F. (1999). A dynamic systems model of dyadic "
             "interaction. Journal of Mathematical Sociology 23(3).",
    box=(-3.0, 3.0), units={"x": "partner 1's behaviour", "y": "partner 2's behaviour"})
