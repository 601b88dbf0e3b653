"""Strogatz's linear Romeo-and-Juliet model.

dR/dt = a R + b J,   dJ/dt = c R + d J

R is Romeo's love (negative: hate) for Juliet, J hers for him. ``a`` and ``d`` say how each
responds to their own feelings, ``b`` and ``c`` how each responds to the other's.
Strogatz, S. H. (1988). Love affairs and differential equations. Mathematics Magazine 61(1);
Strogatz, S. H. (1994, 2nd ed. 2015). Nonlinear Dynamics and Chaos, section 5.3 and its
exercises.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from .base import ClassicModel, ClassicParams, Preset


class StrogatzParams(ClassicParams):
    """Coefficients of the linear love model (per time unit)."""

    a: float = Field(0.0, ge=-100, le=100, description="Romeo's response to his own love")
    b: float = Field(1.0, ge=-100, le=100, description="Romeo's response to Juliet's love")
    c: float = Field(-1.0, ge=-100, le=100, description="Juliet's response to Romeo's love")
    d: float = Field(0.0, ge=-100, le=100, description="Juliet's response to her own love")


def rhs(x: np.ndarray, p: StrogatzParams) -> np.ndarray:
    """dR/dt and dJ/dt."""
    r, j = x[0], x[1]
    return np.array([p.a * r + p.b * j, p.c * r + p.d * j])


PRESETS = {
    "fickle-lover": Preset(
        "Romeo loves Juliet more the more she loves him; Juliet, fickle, cools the more he "
        "loves her: a never-ending cycle of love and hate (a centre, period 2 pi).",
        {"a": 0.0, "b": 1.0, "c": -1.0, "d": 0.0}, (1.0, 0.0), 20.0),
    "cautious-lovers": Preset(
        "Two identical cautious lovers (a = d < 0 < b = c) whose caution outweighs their "
        "response to the other (|a| > b): the affair fizzles out to mutual indifference.",
        {"a": -2.0, "b": 1.0, "c": 1.0, "d": -2.0}, (1.0, 0.5), 10.0),
    "love-fest-or-war": Preset(
        "The same cautious pair, but responding to each other more than to their caution "
        "(b > |a|): a saddle; depending on the start they end in a love fest or in war.",
        {"a": -1.0, "b": 2.0, "c": 2.0, "d": -1.0}, (1.0, 0.5), 3.0),
    "eager-beavers": Preset(
        "Both fuelled by their own feelings and by the other's (a, b, c, d > 0): feelings "
        "grow without bound, toward a love fest or war.",
        {"a": 0.5, "b": 1.0, "c": 1.0, "d": 0.5}, (1.0, 0.5), 3.0),
    "hermits": Preset(
        "Two hermits who retreat from their own feelings and from the other's (a, b, c, d < 0): "
        "whatever the start, both end indifferent.",
        {"a": -1.0, "b": -0.5, "c": -0.5, "d": -1.0}, (1.0, 0.5), 10.0),
    "narcissistic-nerd": Preset(
        "Romeo, a narcissistic nerd (a > 0 > b), wants more of his own feelings and retreats "
        "from Juliet's; Juliet is a cautious lover (d < 0 < c): a damped spiral to indifference.",
        {"a": 0.5, "b": -1.0, "c": 1.0, "d": -1.0}, (1.0, 0.0), 20.0),
}

MODEL = ClassicModel(
    name="strogatz", title="Strogatz's linear love affair", kind="flow", state=("R", "J"),
    params=StrogatzParams, rhs=rhs, presets=PRESETS, default_preset="fickle-lover",
    citation="Strogatz, S. H. (1988). Love affairs and differential equations. Mathematics "
             "Magazine 61(1). Strogatz, S. H. (1994; 2nd ed. 2015). Nonlinear Dynamics and "
             "Chaos, section 5.3.",
    box=(-2.0, 2.0), units={"R": "Romeo's love (+) or hate (-) for Juliet",
                                  "J": "Juliet's love (+) or hate (-) for Romeo"})
