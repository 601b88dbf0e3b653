"""The prior: dyads from every preset scenario, either twin of it in the keeper's place, run
forward for a random time so the journal can start anywhere in the dynamic. The presets'
starting inner states are widened, because a person's wounds and fears are not a preset's."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.kernels import start
from ..engine.pack import pack_many
from ..engine.rng import seed_keys, uniforms_for
from ..engine.step import step_batch
from ..model import layout as L
from ..scenarios import presets
from .pace import spread_pace

BURN_IN = 365  # days of free running before the journal starts, at most
BURN_IN_STREAM = 0xB0A1  # the uniform stream that picks each particle's burn-in length
SPREAD = 0.2  # the presets' starting inner states are widened by +-SPREAD (uniform)
SPREAD_STATES = (L.WOUND, L.FEAR, L.SELF_LOVE, L.FOCUS, L.WELLBEING)
RATING_NOTCH = 0.2  # one step of the 1-5 rating scale on the 0..1 state scale
ODD_STYLE = 0.1  # prior chance that the keeper rates a notch higher (and a notch lower)
RATING_STYLE_STREAM = 0xB0A0


@dataclass
class Particles:
    """A batch of dyads with identities (random streams) and what they started from."""

    states: np.ndarray
    params: np.ndarray
    ids: np.ndarray
    preset: np.ndarray  # index into :func:`preset_labels`
    them_policy: np.ndarray  # the other's policy type: index into :func:`policy_labels`
    me_policy: np.ndarray  # the keeper's policy type, the same way
    rating_style: np.ndarray  # how much higher than their state the keeper rates (0..1 scale)

    def renew(self, index: np.ndarray, first_id: int) -> np.ndarray:
        """Replace row ``i`` by a copy of row ``index[i]`` wherever ``index[i] >= 0``, with new
        identities from ``first_id`` on (new random streams); returns the rows replaced."""
        rows = np.flatnonzero(index >= 0)
        source = index[rows]
        self.states[rows] = self.states[source]
        self.params[rows] = self.params[source]
        self.preset[rows] = self.preset[source]
        self.them_policy[rows] = self.them_policy[source]
        self.me_policy[rows] = self.me_policy[source]
        self.rating_style[rows] = self.rating_style[source]
        self.ids[rows] = first_id + np.arange(len(rows))
        return rows


def swap_twins(states: np.ndarray, params: np.ndarray) -> None:
    """Exchange the two twins of every row, in place (the keeper takes the other's place)."""
    s, q = L.TWIN_STATE_SIZE, L.TWIN_PARAM_SIZE
    states[:, :2 * s] = np.concatenate([states[:, s:2 * s], states[:, :s]], axis=1)
    params[:, :2 * q] = np.concatenate([params[:, q:2 * q], params[:, :q]], axis=1)


def policy_labels() -> list[str]:
    """Names of the other twin's policy types across the prior."""
    return sorted({t.policy.name for sc in presets() for t in (sc.a, sc.b)})


def draw_prior(n: int, seed: int, pace: bool = False) -> Particles:
    """``n`` prior dyads: particle *i* comes from preset ``i % P``; every other block of P
    particles has the preset's twins swapped; each then runs free for a random 0..BURN_IN days.
    The keeper is twin ``b`` of every particle. With ``pace``, the keeper's own pace (the
    parameters of :data:`~twinflames.inference.pace.PACE`) is spread around the presets' values
    (the filter's prior; the simulated truths keep the presets' values)."""
    scenarios = presets()
    labels = policy_labels()
    key, param_key = seed_keys(seed)
    ids = np.arange(n, dtype=np.int64)
    states = np.empty((n, L.STATE_SIZE))
    params = np.empty((n, L.PARAM_SIZE))
    preset = ids % len(scenarios)
    swapped = (ids // len(scenarios)) % 2 == 1
    them, me = np.empty(n, np.int64), np.empty(n, np.int64)
    for j, sc in enumerate(scenarios):
        rows = ids[preset == j]
        states[rows], params[rows] = pack_many(sc, rows, param_key)
        plain = (sc.a.policy.name, sc.b.policy.name)
        a, b = labels.index(plain[0]), labels.index(plain[1])
        them[rows] = np.where(swapped[rows], b, a)
        me[rows] = np.where(swapped[rows], a, b)
    sw = np.flatnonzero(swapped)
    s_sw, p_sw = states[sw], params[sw]
    swap_twins(s_sw, p_sw)
    states[sw], params[sw] = s_sw, p_sw
    for twin in range(2):
        for col in SPREAD_STATES:
            c = twin * L.TWIN_STATE_SIZE + col
            u = uniforms_for(param_key, ids, BURN_IN_STREAM + 1 + c)
            states[:, c] = np.clip(states[:, c] + SPREAD * (2.0 * u - 1.0), 0.0, 1.0)
    if pace:
        spread_pace(params, param_key, ids)
    for i in range(n):
        start(states[i], params[i])
    stop = np.floor(uniforms_for(param_key, ids, BURN_IN_STREAM) * (BURN_IN + 1)).astype(int)
    # longest burn-in first, so the dyads still running at step k are a prefix of the rows
    order = np.argsort(-stop, kind="stable")
    running, fixed, who, until = states[order], params[order], ids[order], stop[order]
    forced = np.full((n, 2), L.EV_NONE, np.int64)
    events, logp, flags = np.empty((n, 2), np.int64), np.empty(n), np.empty(n, np.int64)
    for k in range(int(stop.max(initial=0))):
        m = int(np.searchsorted(-until, -k, side="left"))  # how many have until > k
        step_batch(running[:m], fixed[:m], key, who[:m], k, 1.0, forced[:m], events[:m],
                   logp[:m], flags[:m])
    states[order] = running
    u = uniforms_for(param_key, ids, RATING_STYLE_STREAM)
    style = RATING_NOTCH * ((u > 1.0 - ODD_STYLE).astype(float) - (u < ODD_STYLE))
    return Particles(states, params, ids, preset, them, me, style)
