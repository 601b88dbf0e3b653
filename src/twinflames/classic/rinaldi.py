"""Rinaldi's oblivion-reaction-appeal model of a couple.

dx1/dt = -alpha1 x1 + (1 + S1(x1)) (R1(x2) + gamma1 A2) - E1
dx2/dt = -alpha2 x2 + (1 + S2(x2)) (R2(x1) + gamma2 A1) - E2

Each feeling x_i is forgotten at rate alpha_i (oblivion), grows with the reaction R_i to the
partner's love and with the partner's appeal A_j weighted by gamma_i, is amplified by one's own
love when the individual is synergic (S_i), and is worn down by environmental stress E_i.
Reaction functions (our functional forms, with the shapes Rinaldi defines):

- secure: R(x) = beta tanh(x), increasing and bounded: more love from the partner is always
  welcome;
- insecure: R(x) = beta tanh(x) (1 - (x/delta)^2) / (1 + (x/delta)^2), welcoming modest love
  but reacting against love beyond ``delta``.

Synergism: S(x) = s max(x, 0) / (1 + max(x, 0)), zero when not in love.

Rinaldi, S. and Gragnani, A. (1998). Love dynamics between secure individuals: a modeling
approach. Nonlinear Dynamics, Psychology, and Life Sciences 2(4).
Rinaldi, S., Della Rossa, F., Dercole, F., Gragnani, A. and Landi, P. (2016). Modeling Love
Dynamics. World Scientific (Series on Nonlinear Science, Series A, vol. 89).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field

from .base import ClassicModel, ClassicParams, Preset


class RinaldiParams(ClassicParams):
    """Oblivion, reaction, appeal, synergism and stress of two individuals (per time unit)."""

    alpha1: float = Field(1.0, gt=0, le=100, description="oblivion (forgetting) rate of 1")
    alpha2: float = Field(1.0, gt=0, le=100, description="oblivion (forgetting) rate of 2")
    beta1: float = Field(1.0, ge=0, le=100, description="strength of 1's reaction to 2's love")
    beta2: float = Field(1.0, ge=0, le=100, description="strength of 2's reaction to 1's love")
    reaction1: Literal["secure", "insecure"] = Field("secure", description="1's reaction style")
    reaction2: Literal["secure", "insecure"] = Field("secure", description="2's reaction style")
    delta1: float = Field(1.0, gt=0, le=100, description="love of 2 beyond which insecure 1 "
                          "reacts against it")
    delta2: float = Field(1.0, gt=0, le=100, description="love of 1 beyond which insecure 2 "
                          "reacts against it")
    A1: float = Field(1.0, ge=-100, le=100, description="appeal of 1 (as seen by 2)")
    A2: float = Field(1.0, ge=-100, le=100, description="appeal of 2 (as seen by 1)")
    gamma1: float = Field(1.0, ge=0, le=100, description="sensitivity of 1 to 2's appeal")
    gamma2: float = Field(1.0, ge=0, le=100, description="sensitivity of 2 to 1's appeal")
    s1: float = Field(0.0, ge=0, le=100, description="synergism of 1 (0 = unbiased)")
    s2: float = Field(0.0, ge=0, le=100, description="synergism of 2 (0 = unbiased)")
    E1: float = Field(0.0, ge=0, le=100, description="environmental stress on 1")
    E2: float = Field(0.0, ge=0, le=100, description="environmental stress on 2")


def reaction(x: float, beta: float, style: str, delta: float) -> float:
    """R(x): reaction to the partner's love ``x`` of a secure or insecure individual."""
    base = beta * np.tanh(x)
    if style == "secure":
        return base
    u = (x / delta) ** 2
    return base * (1.0 - u) / (1.0 + u)


def synergism(x: float, s: float) -> float:
    """S(x): how much one's own love amplifies the response to the partner."""
    pos = max(x, 0.0)
    return s * pos / (1.0 + pos)


def rhs(x: np.ndarray, p: RinaldiParams) -> np.ndarray:
    """dx1/dt and dx2/dt."""
    x1, x2 = x[0], x[1]
    r1 = reaction(x2, p.beta1, p.reaction1, p.delta1)
    r2 = reaction(x1, p.beta2, p.reaction2, p.delta2)
    return np.array([
        -p.alpha1 * x1 + (1.0 + synergism(x1, p.s1)) * (r1 + p.gamma1 * p.A2) - p.E1,
        -p.alpha2 * x2 + (1.0 + synergism(x2, p.s2)) * (r2 + p.gamma2 * p.A1) - p.E2])


PRESETS = {
    "secure-couple": Preset(
        "Two secure individuals with positive appeal: starting from indifference both "
        "feelings rise monotonically to a unique positive equilibrium, without overshoot or "
        "cycles (Rinaldi and Gragnani 1998).",
        {"alpha1": 1.0, "alpha2": 2.0, "beta1": 0.5, "beta2": 1.0, "A1": 1.0, "A2": 0.5},
        (0.0, 0.0), 10.0),
    "insecure-partner": Preset(
        "Partner 1 is insecure: a lot of love from 2 makes 1 react against it; the couple "
        "still settles, with 1's feelings held lower than a secure partner's would be.",
        {"alpha1": 1.0, "alpha2": 1.0, "beta1": 3.0, "beta2": 3.0, "reaction1": "insecure",
         "delta1": 0.5, "A1": 1.0, "A2": 1.0}, (0.0, 0.0), 15.0),
    "synergic-couple": Preset(
        "Two synergic individuals with a low appeal: two alternative stable states, a cool "
        "one and a passionate one; which one the couple reaches depends on where it starts.",
        {"alpha1": 1.0, "alpha2": 1.0, "beta1": 0.5, "beta2": 0.5, "A1": 0.1, "A2": 0.1,
         "gamma1": 0.2, "gamma2": 0.2, "s1": 4.0, "s2": 4.0}, (0.0, 0.0), 20.0),
    "stressed-couple": Preset(
        "The secure couple under environmental stress: the equilibrium is lower.",
        {"alpha1": 1.0, "alpha2": 2.0, "beta1": 0.5, "beta2": 1.0, "A1": 1.0, "A2": 0.5,
         "E1": 0.3, "E2": 0.3}, (0.0, 0.0), 10.0),
}

MODEL = ClassicModel(
    name="rinaldi", title="Rinaldi's oblivion, reaction and appeal", kind="flow",
    state=("x1", "x2"), params=RinaldiParams, rhs=rhs, presets=PRESETS,
    default_preset="secure-couple",
    citation="Rinaldi, S. and Gragnani, A. (1998). Love dynamics between secure individuals: a "
             "modeling approach. Nonlinear Dynamics, Psychology, and Life Sciences 2(4). "
             "Rinaldi, S., Della Rossa, F., Dercole, F., Gragnani, A. and Landi, P. (2016). "
             "Modeling Love Dynamics. World Scientific.",
    box=(-3.0, 6.0), units={"x1": "love of 1 for 2", "x2": "love of 2 for 1"})
