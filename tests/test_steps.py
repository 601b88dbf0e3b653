"""Big steps agree with fine ones: a small version of ``benchmarks/bench_steps.py``.

The full table (every preset, 3,000 dyads, against a 15-minute reference) is the benchmark; here
the default step of one preset whose dyads end in several different ways is checked over half a
year, daily steps with and without the event-driven integrator are compared on the same seeds,
and the check itself is shown to notice a real change of the model on the same seeds.
"""

import sys
from pathlib import Path

import numpy as np

import twinflames as tf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import bench_steps as bs  # noqa: E402

RUNS = 400
DAYS = 180


def test_the_default_step_agrees_with_a_fifteen_minute_reference():
    default = tf.load("block-for-sanity").dt_hours
    (row,) = bs.agreement("block-for-sanity", RUNS, [default], max_days=DAYS, cache=False)
    assert row.agrees, row


def test_the_event_driven_integrator_makes_daily_steps_agree():
    """Same seeds, daily steps, with and without the event-driven integrator: in the first days
    of too-wounded-this-life the twins run from each other for a few hours, which fixed daily
    steps miss and the integrator resolves."""
    name, runs, days = "too-wounded-this-life", 1000, 20
    (fixed,) = bs.agreement(name, runs, [24], max_days=days, cache=False, fixed=True)
    (adaptive,) = bs.agreement(name, runs, [24], max_days=days, cache=False)
    assert not fixed.agrees and fixed.worst_days[0] == "days mutual_running", fixed
    assert adaptive.agrees, adaptive


def test_the_check_notices_a_real_difference():
    """Same seeds, same step, twins who move on sooner once healed: the check must say so."""
    sc = tf.load("block-for-sanity").with_changes(days=DAYS, dt_hours=24)
    base = bs.figures(tf.ensemble(sc, RUNS, seed=bs.SEED, progress=False).summary)
    eager = bs.figures(tf.ensemble(sc.with_changes(move_on_rate=0.03), RUNS, seed=bs.SEED,
                                   progress=False).summary)
    name, z, _, _ = bs.worst({k: (eager[k], base[k]) for k in base})
    assert abs(z) > bs.Z_MAX, (name, z)


def test_z_score_of_constant_samples():
    same = np.zeros(10)
    assert bs.z_score(same, same) == 0.0
    assert bs.z_score(same + 1.0, same) == np.inf


def test_drive_slopes_are_the_derivatives_of_the_drives():
    """The integrator's noise room reads how the drives move with the wounds: the closed-form
    slopes equal central differences of :func:`drive` on states of every preset (away from the
    healedness ramp's two corners, where the derivative jumps)."""
    from twinflames.engine.pack import pack_many
    from twinflames.engine.rng import seed_keys
    from twinflames.model import layout as L
    from twinflames.model.dynamics import HEAL_WIDTH, drive, drive_slopes

    h, b = 1e-6, L.TWIN_STATE_SIZE
    rng = np.random.default_rng(0)
    checked = 0
    for name in tf.preset_names():
        sc = tf.load(name)
        states, params = pack_many(sc, np.arange(20, dtype=np.int64), seed_keys(0)[1])
        for x, p in zip(states, params, strict=True):
            x[[L.WOUND, b + L.WOUND]] = rng.uniform(0.05, 0.95, 2)
            x[L.CLOSENESS], x[L.TOXICITY] = rng.uniform(0, 1, 2)
            corners = p[L.HEAL_THRESHOLD] + np.array([-2.0, 2.0]) * HEAL_WIDTH
            if np.min(np.abs(x[[L.WOUND, b + L.WOUND], None] - corners)) < 10 * h:
                continue
            for me, other in ((0, 1), (1, 0)):
                slopes = drive_slopes(x, p, me, other)
                for twin, slope in ((me, slopes[0]), (other, slopes[1])):
                    up, down = x.copy(), x.copy()
                    up[twin * b + L.WOUND] += h
                    down[twin * b + L.WOUND] -= h
                    numeric = (drive(up, p, me, other) - drive(down, p, me, other)) / (2 * h)
                    np.testing.assert_allclose(slope, numeric, rtol=1e-5, atol=1e-7)
                    checked += 1
    assert checked > 600


def test_quiet_stretches_take_day_long_sub_steps():
    """Same seeds, the uncompiled integrator, with and without the day-long cap on stretches
    where both wounds are clear of the healing ramp: classic's chase (wounds far above it) takes
    fewer sub-steps a day with it; a wound near the ramp keeps the half-day cap."""
    import bench_substep

    from twinflames.engine import adaptive as A
    from twinflames.engine.pack import pack
    from twinflames.model import layout as L

    quiet = bench_substep.substeps_per_day("classic", 40, 2)
    everywhere = bench_substep.substeps_per_day("classic", 40, 2, quiet=A.MAX_SUBSTEP)
    assert quiet < 0.8 * everywhere, (quiet, everywhere)

    x, p = pack(tf.load("classic"))
    theta, sd = p[L.HEAL_THRESHOLD], 0.01
    b = L.TWIN_STATE_SIZE
    x[L.WOUND], x[b + L.WOUND], x[L.HEALED], x[b + L.HEALED] = 0.8, 0.6, 0.0, 0.0
    assert A._longest.py_func(x, p, sd, sd) == A.QUIET_SUBSTEP
    x[b + L.WOUND] = theta + 2 * A.HEAL_WIDTH + 0.5 * A.NOISE_MARGIN * sd  # near the ramp's top
    assert A._longest.py_func(x, p, sd, sd) == A.MAX_SUBSTEP
    x[L.WOUND], x[b + L.WOUND], x[L.HEALED], x[b + L.HEALED] = 0.1, 0.1, 1.0, 1.0  # both healed
    assert A._longest.py_func(x, p, sd, sd) == A.QUIET_SUBSTEP


def _inner_states(count=8):
    """States of every preset with their smooth entries moved inside (0, 1), so no clipping acts."""
    from twinflames.engine.adaptive import SMOOTH
    from twinflames.engine.pack import pack_many
    from twinflames.engine.rng import seed_keys

    rng = np.random.default_rng(1)
    for name in tf.preset_names():
        states, params = pack_many(tf.load(name), np.arange(count, dtype=np.int64),
                                   seed_keys(0)[1])
        for x, p in zip(states, params, strict=True):
            x[SMOOTH] = rng.uniform(0.2, 0.8, len(SMOOTH))
            yield x, p


def test_rates_are_the_drift_advance_steps_along():
    """The integrator's drift (:func:`rates`) and the fixed step's Euler update
    (:func:`advance`) are one set of equations: without noise, one step of ``advance`` is the
    state plus the step times ``rates``, to the last bit."""
    from twinflames.engine.adaptive import SMOOTH
    from twinflames.model import layout as L
    from twinflames.model.dynamics import advance, rates

    for x, p in _inner_states():
        r = np.full(L.STATE_SIZE, np.nan)
        rates(x, p, r)
        y = x.copy()
        advance(y, p, 0.01, 0.0, 0.0)
        assert np.array_equal(y[SMOOTH], np.clip(x[SMOOTH] + 0.01 * r[SMOOTH], 0.0, 1.0))


def test_a_sub_step_cut_short_by_an_event_keeps_second_order():
    """When the clock rings before a planned sub-step's end, the drift over the shorter span is
    read off the planned one's two drift evaluations instead of two new ones. Against a fine
    Euler reference it is about as accurate as a fresh midpoint step over that span and far more
    accurate than an Euler step; halving both spans cuts its error by about eight (third-order
    local error, second-order method)."""
    from twinflames.engine import adaptive as A
    from twinflames.model import layout as L
    from twinflames.model.dynamics import advance, rates

    def errors(planned, span):
        cut = fresh = euler = 0.0
        for x, p in _inner_states(4):
            work = np.empty((A.WORK_ROWS, L.STATE_SIZE))
            y, mid, r0, r1 = work[2], work[4], work[5], work[6]
            ref = x.copy()
            for _ in range(2000):
                advance(ref, p, span / 2000, 0.0, 0.0)
            rates(x, p, r0)
            A._drift(y, x, p, planned, mid, r0, r1)
            A._cut_short(y, x, span, planned, r0, r1)
            cut += np.abs(y - ref)[A.SMOOTH].sum()
            A._drift(y, x, p, span, mid, r0, work[0])
            fresh += np.abs(y - ref)[A.SMOOTH].sum()
            e = x.copy()
            advance(e, p, span, 0.0, 0.0)
            euler += np.abs(e - ref)[A.SMOOTH].sum()
        return cut, fresh, euler

    cut, fresh, euler = errors(0.5, 0.3)
    assert cut < 3.0 * fresh + 1e-9 and cut < 0.1 * euler, (cut, fresh, euler)
    half, _, _ = errors(0.25, 0.15)
    assert cut / half > 5.0, (cut, half)
