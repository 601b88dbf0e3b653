"""The plain-arithmetic logarithm, exponential, cosine and sine against NumPy's."""

import numpy as np
import pytest

from twinflames.model.elementary import log_unit, turn

RNG = np.random.default_rng(11)
UNITS = np.concatenate([RNG.uniform(0, 1, 20000), 2.0 ** -RNG.uniform(0, 54, 20000),
                        [2.0 ** -54, 2.0 ** -53, 0.5, 0.25, 1 - 2.0 ** -53, 1.0, np.sqrt(0.5)]])
TURNS = np.concatenate([RNG.uniform(0, 1, 20000), np.arange(9) / 8.0])


def test_log_unit_is_the_logarithm():
    got = np.array([log_unit(u) for u in UNITS])
    want = np.log(UNITS)
    assert np.max(np.abs(got - want) / np.maximum(np.abs(want), 1e-300)) < 1e-15
    assert log_unit(1.0) == 0.0


def test_turn_is_cosine_and_sine_of_a_turn():
    got = np.array([turn(t) for t in TURNS])
    np.testing.assert_allclose(got[:, 0], np.cos(2 * np.pi * TURNS), rtol=0, atol=1e-15)
    np.testing.assert_allclose(got[:, 1], np.sin(2 * np.pi * TURNS), rtol=0, atol=1e-15)


@pytest.mark.parametrize("fn, values", [(log_unit, UNITS), (turn, TURNS)])
def test_compiled_and_uncompiled_give_the_same_bits(fn, values):
    """The reference engine runs them uncompiled."""
    sample = values[::40]
    compiled = np.array([fn(v) for v in sample])
    plain = np.array([fn.py_func(np.float64(v)) for v in sample])
    np.testing.assert_array_equal(compiled, plain)
