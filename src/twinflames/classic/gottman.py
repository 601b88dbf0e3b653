"""The Gottman-Murray turn-by-turn model of a couple's conversation.

W[t+1] = a + r1 W[t] + I_HW(H[t])
H[t+1] = b + r2 H[t] + I_WH(W[t+1])

W and H are the wife's and husband's scores on a turn of speech (positive minus negative
affect); the wife speaks first, the husband answers her latest turn. ``r1`` and ``r2`` are
emotional inertia, ``a`` and ``b`` set each partner's *uninfluenced set point*
W0 = a / (1 - r1), H0 = b / (1 - r2), where each would settle alone. I_HW is the husband's
influence on the wife, I_WH the wife's on the husband, either

- bilinear: slope ``m_pos`` for positive scores and ``m_neg`` for negative ones, or
- ogive (threshold): ``h_pos`` once the partner's score exceeds ``t_pos``, ``-h_neg`` once it
  falls below ``t_neg``, nothing in between.

Gottman, J. M., Murray, J. D., Swanson, C. C., Tyson, R. and Swanson, K. R. (2002). The
Mathematics of Marriage: Dynamic Nonlinear Models. MIT Press.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field

from .base import ClassicModel, ClassicParams, Preset


def _slope(meaning: str) -> object:
    return Field(0.0, ge=-10, le=10, description=meaning)


def _height(meaning: str) -> object:
    return Field(0.0, ge=0, le=100, description=meaning)


class GottmanParams(ClassicParams):
    """Set points, inertia and influence functions of a wife (W) and a husband (H)."""

    a: float = Field(0.0, ge=-100, le=100, description="wife's uninfluenced constant")
    r1: float = Field(0.5, ge=-0.999, le=0.999, description="wife's emotional inertia")
    b: float = Field(0.0, ge=-100, le=100, description="husband's uninfluenced constant")
    r2: float = Field(0.5, ge=-0.999, le=0.999, description="husband's emotional inertia")
    influence: Literal["bilinear", "ogive"] = Field("bilinear", description="shape of both "
                                                     "influence functions")
    m_hw_pos: float = _slope("bilinear: husband's influence on wife, slope for H > 0")
    m_hw_neg: float = _slope("bilinear: husband's influence on wife, slope for H < 0")
    m_wh_pos: float = _slope("bilinear: wife's influence on husband, slope for W > 0")
    m_wh_neg: float = _slope("bilinear: wife's influence on husband, slope for W < 0")
    h_hw_pos: float = _height("ogive: push on the wife once H > t_hw_pos")
    h_hw_neg: float = _height("ogive: pull on the wife once H < t_hw_neg")
    t_hw_pos: float = Field(1.0, ge=0, le=100, description="ogive: husband's positive threshold")
    t_hw_neg: float = Field(-1.0, ge=-100, le=0, description="ogive: husband's negative "
                            "threshold")
    h_wh_pos: float = _height("ogive: push on the husband once W > t_wh_pos")
    h_wh_neg: float = _height("ogive: pull on the husband once W < t_wh_neg")
    t_wh_pos: float = Field(1.0, ge=0, le=100, description="ogive: wife's positive threshold")
    t_wh_neg: float = Field(-1.0, ge=-100, le=0, description="ogive: wife's negative threshold")


def influence(x: float, p: GottmanParams, who: str) -> float:
    """I_HW (``who="hw"``: husband on wife) or I_WH (``"wh"``) at the partner's score ``x``."""
    if p.influence == "bilinear":
        slope = getattr(p, f"m_{who}_pos") if x > 0 else getattr(p, f"m_{who}_neg")
        return slope * x
    if x > getattr(p, f"t_{who}_pos"):
        return getattr(p, f"h_{who}_pos")
    if x < getattr(p, f"t_{who}_neg"):
        return -getattr(p, f"h_{who}_neg")
    return 0.0


def rhs(x: np.ndarray, p: GottmanParams) -> np.ndarray:
    """The next turn's (W, H)."""
    w_next = p.a + p.r1 * x[0] + influence(x[1], p, "hw")
    h_next = p.b + p.r2 * x[1] + influence(w_next, p, "wh")
    return np.array([w_next, h_next])


def uninfluenced_set_points(p: GottmanParams) -> tuple[float, float]:
    """(a / (1 - r1), b / (1 - r2)): where each partner would settle uninfluenced."""
    return p.a / (1.0 - p.r1), p.b / (1.0 - p.r2)


PRESETS = {
    "uninfluenced": Preset(
        "No influence either way: each partner settles at their own set point, the wife at "
        "a/(1-r1) = 2, the husband at b/(1-r2) = -1.",
        {"a": 1.0, "r1": 0.5, "b": -0.5, "r2": 0.5}, (0.0, 0.0), 30),
    "validating": Preset(
        "Bilinear influence of the same strength for good and bad moments: the couple settles "
        "at one influenced steady state between their set points.",
        {"a": 1.0, "r1": 0.5, "b": -0.5, "r2": 0.5, "m_hw_pos": 0.3, "m_hw_neg": 0.3,
         "m_wh_pos": 0.3, "m_wh_neg": 0.3}, (0.0, 0.0), 30),
    "negativity-weighs-more": Preset(
        "Negative moments carry more influence than positive ones (steeper negative slopes): "
        "the couple settles lower than with even-handed influence.",
        {"a": 1.0, "r1": 0.5, "b": -0.5, "r2": 0.5, "m_hw_pos": 0.1, "m_hw_neg": 0.6,
         "m_wh_pos": 0.1, "m_wh_neg": 0.6}, (0.0, 0.0), 30),
    "ogive-three-states": Preset(
        "Threshold (ogive) influence: strong moods past a threshold move the partner a fixed "
        "amount. Three stable steady states (negative, near neutral, positive); where the "
        "conversation starts decides which one it reaches.",
        {"a": 0.1, "r1": 0.5, "b": 0.1, "r2": 0.5, "influence": "ogive", "h_hw_pos": 1.0,
         "h_hw_neg": 1.0, "t_hw_pos": 0.5, "t_hw_neg": -0.5, "h_wh_pos": 1.0,
         "h_wh_neg": 1.0, "t_wh_pos": 0.5, "t_wh_neg": -0.5}, (1.0, 1.0), 30),
}

MODEL = ClassicModel(
    name="gottman", title="Gottman-Murray marital interaction map", kind="map",
    state=("W", "H"), params=GottmanParams, rhs=rhs, presets=PRESETS,
    default_preset="validating",
    citation="Gottman, J. M., Murray, J. D., Swanson, C. C., Tyson, R. and Swanson, K. R. "
             "(2002). The Mathematics of Marriage: Dynamic Nonlinear Models. MIT Press.",
    box=(-5.0, 5.0), time_unit="turns",
    units={"W": "wife's score per turn", "H": "husband's score per turn"})
