"""Logarithm, cosine and sine in plain arithmetic (what the wounds' noise is made of).

The C library's ``log``, ``sin`` and ``cos`` are calls the compiler cannot spread
across dyads side by side (engine/lanes.py), and their last bits differ between processors and
library versions. These are written with additions, multiplications, one division, ``floor``
and ``sqrt`` only, and their choices are selects (``a if cond else b`` on two numbers already
computed, which the compiler turns into a blend, not a branch), so:

- a loop over dyads that calls them vectorises;
- compiled and uncompiled (the reference engine), on any processor, they give the same bits.

The same choices written as arithmetic (a factor 1 + (2^k - 1) cond, which would also run on
arrays) made the block step 7 to 20% slower, so the NumPy engine uses NumPy's own functions.

Each reduces its argument exactly (powers of two, whole quarter turns) and sums a Taylor series
on the small remainder; relative error below 1e-15 (``tests/test_elementary.py`` measures them
against NumPy's). An exponential written the same way was measured slower than the C library's
``expm1`` in the block step, so the event draws keep that (docs/performance.md).
"""

import math

import numpy as np

from .._jit import kernel

_LOG_TERMS = np.array([1.0 / (2 * n + 1) for n in range(12)])  # 2 atanh(s) = 2 s sum s^2n/(2n+1)
_SIN_TERMS = np.array([(-1.0) ** n / math.factorial(2 * n + 1) for n in range(9)])
_COS_TERMS = np.array([(-1.0) ** n / math.factorial(2 * n) for n in range(10)])
_LN2 = math.log(2.0)
_SQRT_HALF = math.sqrt(0.5)
_TWO_8, _TWO_16, _TWO_32 = 2.0 ** 8, 2.0 ** 16, 2.0 ** 32


@kernel
def _series(z, terms):
    """terms[0] + terms[1] z + terms[2] z^2 + ... (Horner)."""
    total = 0.0 * z
    for n in range(terms.shape[0] - 1, -1, -1):
        total = total * z + terms[n]
    return total


@kernel
def _octaves(y, e, k, scale):
    """``y`` scaled up by ``scale`` = 2^k and ``e`` raised by k where ``y`` is below 2^-k: the
    factor 1 + (scale - 1) small is exactly ``scale`` or 1."""
    small = y * scale < 1.0
    return (y * scale if small else y), (e + k if small else e)


@kernel
def log_unit(u):
    """The natural logarithm of ``u`` in [2^-63, 1]: ``u`` is scaled by powers of two into
    [sqrt(1/2), sqrt(2)) and the series of 2 atanh((y - 1) / (y + 1)) summed."""
    y, e = _octaves(u, 0.0, 32.0, _TWO_32)
    y, e = _octaves(y, e, 16.0, _TWO_16)
    y, e = _octaves(y, e, 8.0, _TWO_8)
    y, e = _octaves(y, e, 4.0, 16.0)
    y, e = _octaves(y, e, 2.0, 4.0)
    y, e = _octaves(y, e, 1.0, 2.0)
    low = y < _SQRT_HALF
    y, e = (2.0 * y if low else y), (e + 1.0 if low else e)
    f = y - 1.0
    s = np.divide(f, 2.0 + f)  # a ufunc: no zero-division check, which would stop vectorising
    return 2.0 * s * _series(s * s, _LOG_TERMS) - e * _LN2


@kernel
def turn(t):
    """Cosine and sine of the angle 2 pi ``t``, ``t`` in [0, 1]: the nearest quarter turn is
    taken off exactly, the rest (at most an eighth of a turn) goes through the series, and the
    quarter turn swaps and negates the pair."""
    quarter = np.floor(4.0 * t + 0.5)
    a = 2.0 * np.pi * (t - 0.25 * quarter)
    a2 = a * a
    c, s = _series(a2, _COS_TERMS), a * _series(a2, _SIN_TERMS)
    # +1, -1 or 0: which of c and s each result is, and its sign (a whole turn is no turn)
    q = quarter - 4.0 if quarter == 4.0 else quarter
    cos = c if q == 0.0 else (-s if q == 1.0 else (-c if q == 2.0 else s))
    sin = s if q == 0.0 else (c if q == 1.0 else (-s if q == 2.0 else -c))
    return cos, sin
