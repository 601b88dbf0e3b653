"""The engine: reproducibility, batching, threads, the pure-Python reference, conditioning,
valid ranges and convergence as the step shrinks."""

import ast
import os
import subprocess
import sys

import numba
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import twinflames as tf
from twinflames.engine.kernels import summarise_batch, trace
from twinflames.engine.pack import pack, pack_many
from twinflames.engine.rng import seed_keys
from twinflames.engine.step import step_batch
from twinflames.model import layout as L


def test_same_seed_same_run_bit_for_bit():
    r1 = tf.simulate("classic", seed=11, days=400)
    r2 = tf.simulate("classic", seed=11, days=400)
    assert np.array_equal(r1.record, r2.record)
    assert r1.to_json() == r2.to_json()
    r3 = tf.simulate("classic", seed=12, days=400)
    assert not np.array_equal(r1.record, r3.record)


def _summaries(sc, ids, seed=5):
    key, pkey = seed_keys(seed)
    states, params = pack_many(sc, ids, pkey)
    return summarise_batch(states, params, key, ids, sc.n_steps, sc.dt, True)


def test_dyad_is_the_same_alone_in_a_batch_and_in_any_chunking():
    sc = tf.load("classic").with_changes(days=300, dt_hours=24)
    ids = np.arange(40, dtype=np.int64)
    whole = _summaries(sc, ids)
    alone = _summaries(sc, np.array([17], dtype=np.int64))
    assert np.array_equal(whole[17], alone[0], equal_nan=True)
    a = tf.ensemble(sc, 40, seed=5, chunk=7, progress=False).summary
    b = tf.ensemble(sc, 40, seed=5, chunk=40, progress=False).summary
    assert a.equals(b)


def test_results_do_not_depend_on_the_thread_count():
    sc = tf.load("chaser-surrenders").with_changes(days=300, dt_hours=24)
    ids = np.arange(64, dtype=np.int64)
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = _summaries(sc, ids)
        numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
        many = _summaries(sc, ids)
    finally:
        numba.set_num_threads(before)
    assert np.array_equal(one, many, equal_nan=True)


REFERENCE = """
import sys, numpy as np, twinflames as tf
from twinflames.engine.kernels import start
from twinflames.engine.pack import pack
from twinflames.engine.rng import dyad_stream, seed_keys
from twinflames.engine.step import step_dyad
from twinflames.model import layout as L
sc = tf.load(sys.argv[1]).with_changes(dt_hours=float(sys.argv[2]))
key, _ = seed_keys(3)
x, p = pack(sc)
h_a, h_b = np.empty(L.N_TWIN_EVENTS), np.empty(L.N_TWIN_EVENTS)
start(x, p)
with np.errstate(over="ignore"):
    stream = dyad_stream(key, 0)
    for k in range(int(sys.argv[3])):
        step_dyad(x, p, stream, k, sc.dt, L.EV_NONE, L.EV_NONE, h_a, h_b)
print(repr(x.tolist()))
"""


REFERENCE_ADAPTIVE = """
import sys, numpy as np, twinflames as tf
from twinflames.engine.kernels import trace
from twinflames.engine.pack import pack
from twinflames.engine.rng import seed_keys
sc = tf.load(sys.argv[1])
key, _ = seed_keys(3)
x, p = pack(sc)
with np.errstate(over="ignore"):
    record, phase, roles, log, time_in = trace(x, p, key, 0, int(sys.argv[2]), sc.dt, 1)
print(repr([x.tolist(), log.tolist(), time_in.tolist()]))
"""


@pytest.mark.parametrize("name", tf.preset_names())
def test_event_driven_integrator_equals_its_pure_python_reference(name):
    """The integrator of simulations and ensembles, uncompiled and compiled, gives the same dyad,
    the same log of events with their times and the same days in each phase."""
    n = 120
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    proc = subprocess.run([sys.executable, "-c", REFERENCE_ADAPTIVE, name, str(n)],
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    ref_x, ref_log, ref_time_in = (np.array(v) for v in ast.literal_eval(proc.stdout.strip()))
    sc = tf.load(name)
    key, _ = seed_keys(3)
    x, p = pack(sc)
    _, _, _, log, time_in = trace(x, p, key, 0, n, sc.dt, 1)
    np.testing.assert_array_equal(x, ref_x)  # bit for bit
    np.testing.assert_array_equal(log.reshape(-1), ref_log.reshape(-1))
    np.testing.assert_array_equal(time_in, ref_time_in)


@pytest.mark.parametrize("name", tf.preset_names())
def test_compiled_engine_equals_pure_python_reference(name):
    """The same functions run uncompiled (NUMBA_DISABLE_JIT=1: plain Python on NumPy scalars)
    and compiled give the same dyad."""
    n, dt_hours = 300, 6.0
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    proc = subprocess.run([sys.executable, "-c", REFERENCE, name, str(dt_hours), str(n)],
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    ref = np.array(ast.literal_eval(proc.stdout.strip()))
    sc = tf.load(name).with_changes(dt_hours=dt_hours)
    key, _ = seed_keys(3)
    states, params = (v[None, :].copy() for v in pack(sc))
    from twinflames.engine.kernels import start
    start(states[0], params[0])
    forced = np.full((1, 2), L.EV_NONE, dtype=np.int64)
    ev, lp, fl = np.empty((1, 2), np.int64), np.empty(1), np.empty(1, np.int64)
    for k in range(n):
        step_batch(states, params, key, np.zeros(1, np.int64), k, sc.dt, forced, ev, lp, fl)
    np.testing.assert_array_equal(states[0], ref)  # bit for bit


def test_forced_event_is_applied_and_scored():
    sc = tf.load("classic")
    key, _ = seed_keys(0)
    x, p = pack(sc)
    states, params = np.tile(x, (3, 1)), np.tile(p, (3, 1))
    ids = np.arange(3, dtype=np.int64)
    forced = np.array([[L.EV_NONE, L.EV_REACH_OUT], [L.EV_NONE, L.EV_FORCE_NONE],
                       [L.EV_BLOCK, L.EV_NONE]], dtype=np.int64)
    ev, lp, fl = np.empty((3, 2), np.int64), np.empty(3), np.empty(3, np.int64)
    step_batch(states, params, key, ids, 0, sc.dt, forced, ev, lp, fl)
    assert ev[0, 1] == L.EV_REACH_OUT
    assert states[0, L.REACH_OUTS + L.TWIN_STATE_SIZE] == 1
    assert states[0, L.PENDING] == 1  # a now has a message waiting
    assert np.isfinite(lp[0]) and lp[0] < 0
    assert ev[1, 1] == L.EV_NONE and np.isfinite(lp[1])
    # an avoidant runner with no toxicity has no hazard to block: impossible, but applied
    assert ev[2, 0] == L.EV_BLOCK and lp[2] == -np.inf
    assert states[2, L.BLOCKING] == 1
    # a reach-out is likelier for the anxious chaser than for the runner
    forced_a = np.array([[L.EV_REACH_OUT, L.EV_NONE]] * 3, dtype=np.int64)
    forced_b = np.array([[L.EV_NONE, L.EV_REACH_OUT]] * 3, dtype=np.int64)
    s1, s2 = np.tile(x, (3, 1)), np.tile(x, (3, 1))
    lp_a, lp_b = np.empty(3), np.empty(3)
    step_batch(s1, params, key, ids, 0, sc.dt, forced_a, ev, lp_a, fl)
    step_batch(s2, params, key, ids, 0, sc.dt, forced_b, ev, lp_b, fl)
    assert np.all(lp_b > lp_a)


def test_copied_particles_share_their_future():
    """Resampling duplicates a dyad's state: copies with the same identity stay identical."""
    sc = tf.load("classic").with_changes(dt_hours=24)
    key, _ = seed_keys(1)
    x, p = pack(sc)
    states, params = np.tile(x, (2, 1)), np.tile(p, (2, 1))
    ids = np.array([7, 7], dtype=np.int64)
    forced = np.full((2, 2), L.EV_NONE, dtype=np.int64)
    ev, lp, fl = np.empty((2, 2), np.int64), np.empty(2), np.empty(2, np.int64)
    for k in range(50):
        step_batch(states, params, key, ids, k, sc.dt, forced, ev, lp, fl)
    assert np.array_equal(states[0], states[1])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wound=st.floats(0, 1), fear=st.floats(0, 1), closeness=st.floats(0, 1),
       chase=st.floats(0, 1), ignition=st.floats(0, 5), noise=st.floats(0, 0.5),
       dt_hours=st.sampled_from([0.25, 1.0, 24.0, 168.0]),
       policy=st.sampled_from(["anxious", "guided", "avoidant", "secure"]))
def test_state_stays_in_its_valid_range(wound, fear, closeness, chase, ignition, noise,
                                        dt_hours, policy):
    run = tf.simulate("wildfire", days=120, dt_hours=dt_hours, seed=1, changes={
        "a.wound": wound, "b.fear": fear, "closeness": closeness, "chase_pressure": chase,
        "ignition": ignition, "wound_noise": noise, "b.policy": policy})
    df = run.to_dataframe()
    numeric = df.select_dtypes("number").drop(columns="day")
    assert numeric.notna().all().all()
    assert (numeric.to_numpy() >= 0).all() and (numeric.to_numpy() <= 1).all()


def test_horizons_from_hours_to_fifty_years():
    short = tf.simulate("classic", days=0.25)
    assert short.days == pytest.approx(0.25)
    long = tf.ensemble("classic", 20, days=50 * 365.25, dt_hours=24, progress=False)
    assert long.days == pytest.approx(50 * 365.25, rel=1e-3)
    assert long.summary[[f"days_{p}" for p in L.PHASES]].sum(axis=1).round(3).eq(
        round(long.days, 3)).all()


def test_outcome_frequencies_converge_as_the_step_shrinks():
    """1 h and 15 min steps give outcome frequencies equal within sampling error."""
    runs = 600
    kw = dict(days=365, seed=21, progress=False)
    coarse = tf.ensemble("chaser-surrenders", runs, dt_hours=1, **kw).outcomes
    fine = tf.ensemble("chaser-surrenders", runs, dt_hours=0.25, **kw).outcomes
    for outcome in coarse:
        p1, p2 = coarse[outcome], fine[outcome]
        pooled = (p1 + p2) / 2
        se = np.sqrt(max(pooled * (1 - pooled), 1 / runs) * 2 / runs)
        assert abs(p1 - p2) < 4 * se, (outcome, p1, p2)


def test_simulate_with_draws_is_dyad_i_of_the_ensemble():
    sc = tf.load("classic").with_changes(days=200, dt_hours=24)
    ens = tf.ensemble(sc, 12, seed=9, progress=False).summary
    run = tf.simulate(sc, seed=9, dyad=7, draw=True)
    assert run.final["a"]["wound"] == pytest.approx(ens.loc[7, "wound_a"], abs=1e-4)
    assert run.metrics["reach_outs"]["b"] == ens.loc[7, "reach_outs_b"]
    nominal = tf.simulate(sc, seed=9, dyad=7)
    assert nominal.record[0, L.WOUND] == sc.a.wound != run.record[0, L.WOUND]


def test_a_value_set_by_hand_no_longer_varies():
    sc = tf.load("classic").with_changes({"a.wound": 0.95, "days": 30, "dt_hours": 24})
    assert "a.wound" not in sc.vary
    states, _ = pack_many(sc, np.arange(20, dtype=np.int64), seed_keys(0)[1])
    assert (states[:, L.WOUND] == 0.95).all()
    varied, _ = pack_many(tf.load("classic"), np.arange(20, dtype=np.int64), seed_keys(0)[1])
    assert len(set(varied[:, L.WOUND])) == 20
