"""Counter-based random numbers: one master seed, an independent stream per dyad.

A draw is a pure function of ``(key, dyad, step, slot)``, so dyad *i* sees the same numbers
whether it runs alone, inside a batch of a million, on any thread or on a cluster worker. The
mixing function is SplitMix64's finaliser (Steele, Lea & Flood 2014) applied twice, once for the
dyad and once for the draw's position in it.
"""

from __future__ import annotations

import numpy as np

from .._jit import kernel, whole_run
from ..model.elementary import log_unit, turn

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_SLOTS = np.uint64(8)
_UNIT = 1.0 / 9007199254740992.0  # 2**-53

# slots of one step (at most 8)
SLOT_NOISE_1, SLOT_NOISE_2, SLOT_EVENT_A, SLOT_EVENT_B = 0, 1, 2, 3


@kernel
def _mix(z):
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@kernel
def dyad_stream(key, dyad):
    """The key of dyad ``dyad``'s own stream (computed once per dyad, not once per draw)."""
    return _mix(key + (np.uint64(dyad) + np.uint64(1)) * _GOLDEN)


@kernel
def uniform(stream, step, slot):
    """A uniform number in the open interval (0, 1) for this dyad stream, step and slot."""
    z = _mix(stream + np.uint64(step) * _SLOTS + np.uint64(slot))
    return (np.float64(z >> _S11) + 0.5) * _UNIT


@kernel
def normal_pair(stream, step):
    """Two independent standard normal numbers (Box–Muller) for this dyad stream and step,
    with the logarithm, cosine and sine of :mod:`~twinflames.model.elementary` (the same bits
    on every processor; a loop over dyads vectorises)."""
    u1 = uniform(stream, step, SLOT_NOISE_1)
    u2 = uniform(stream, step, SLOT_NOISE_2)
    r = np.sqrt(-2.0 * log_unit(u1))
    cos, sin = turn(u2)
    return r * cos, r * sin


def seed_keys(seed: int) -> tuple[np.uint64, np.uint64]:
    """Derive the dynamics key and the parameter-draw key from a master seed."""
    state = np.random.SeedSequence(int(seed)).generate_state(2, np.uint64)
    return np.uint64(state[0]), np.uint64(state[1])


def uniforms_for(key: np.uint64, dyads: np.ndarray, stream: int) -> np.ndarray:
    """Vectorised uniforms for many dyads from one named ``stream`` (parameter draws)."""
    with np.errstate(over="ignore"):
        return _uniform_batch(key, np.asarray(dyads, dtype=np.int64), stream)


@whole_run
def _uniform_batch(key, dyads, stream):
    out = np.empty(dyads.shape[0])
    for i in range(dyads.shape[0]):
        out[i] = uniform(dyad_stream(key, dyads[i]), stream, 0)
    return out
