"""Dyads stepped side by side (engine/lanes.py) are bit for bit dyads stepped one at a time."""

import numpy as np
import pytest

import twinflames as tf
from twinflames.engine.kernels import (
    N_PHASES,
    S_BLOCKS,
    S_OUTCOME,
    S_REACH_A,
    S_REACH_B,
    SUMMARY,
    run_fixed,
    start,
    summarise_batch,
)
from twinflames.engine.lanes import LANES
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import dyad_stream, seed_keys
from twinflames.engine.step import step_batch, step_dyad
from twinflames.model import layout as L

PRESETS = ["classic", "block-for-sanity", "toxic-union-role-swap", "both-heal"]


def _batch(name, n, seed=5):
    sc = tf.load(name).with_changes(dt_hours=24)
    key, param_key = seed_keys(seed)
    dyads = np.arange(100, 100 + n, dtype=np.int64)
    states, params = pack_many(sc, dyads, param_key)
    for i in range(n):
        start(states[i], params[i])
    return key, dyads, states, params


@pytest.mark.parametrize("name", PRESETS)
def test_a_block_steps_each_dyad_as_step_dyad_does(name):
    """Forced, forbidden and free events, a batch that is not a whole number of blocks: the
    states, events, log-probabilities and flags equal one dyad at a time, bit for bit."""
    n, days = 2 * LANES + 5, 80
    key, dyads, states, params = _batch(name, n)
    alone = states.copy()
    rng = np.random.default_rng(0)
    codes = np.array([L.EV_NONE, L.EV_FORCE_NONE, L.EV_REACH_OUT, L.EV_IGNORE, L.EV_REPLY])
    h_a, h_b = np.empty(L.N_TWIN_EVENTS), np.empty(L.N_TWIN_EVENTS)
    ev, lp, fl = np.empty((n, 2), np.int64), np.empty(n), np.empty(n, np.int64)
    some_event = 0
    for k in range(days):
        forced = rng.choice(codes, size=(n, 2), p=[0.7, 0.15, 0.05, 0.05, 0.05])
        step_batch(states, params, key, dyads, k, 1.0, forced, ev, lp, fl)
        for i in range(n):
            one = step_dyad(alone[i], params[i], np.uint64(dyad_stream(key, dyads[i])), k, 1.0,
                            forced[i, 0], forced[i, 1], h_a, h_b)
            assert (ev[i, 0], ev[i, 1], fl[i]) == (one[0], one[1], one[3])
            assert lp[i] == one[2] or (np.isnan(lp[i]) and np.isnan(one[2]))
        some_event += int(np.sum((ev >= 0) & (forced == L.EV_NONE)))
    np.testing.assert_array_equal(states, alone)
    assert some_event > 0  # free draws did happen, not only forced ones


@pytest.mark.parametrize("name", PRESETS)
def test_fixed_summaries_match_the_one_dyad_record(name):
    """The block summaries equal what the one-dyad fixed-step record (run_fixed) shows: days in
    each phase, reach-outs, blocks and the outcome; and they do not depend on how the batch is
    cut into calls."""
    n, days = LANES + 3, 200
    key, dyads, states, params = _batch(name, n)
    fresh, _ = pack_many(tf.load(name).with_changes(dt_hours=24), dyads, seed_keys(5)[1])
    table = summarise_batch(fresh.copy(), params, key, dyads, days, 1.0, False)
    pieces = np.concatenate([summarise_batch(fresh[a:b].copy(), params[a:b], key, dyads[a:b],
                                             days, 1.0, False)
                             for a, b in ((0, 1), (1, 6), (6, n))])
    np.testing.assert_array_equal(table, pieces)
    for i in range(n):
        x = fresh[i].copy()
        _, phase, _, events, _ = run_fixed(x, params[i], key, dyads[i], days, 1.0, days)
        in_phase = np.bincount(phase[:-1].astype(int), minlength=N_PHASES)
        np.testing.assert_array_equal(table[i, :N_PHASES], in_phase)
        assert table[i, S_OUTCOME] == phase[-1]
        assert table[i, S_REACH_A] == np.sum(events[:, 0] == L.EV_REACH_OUT)
        assert table[i, S_REACH_B] == np.sum(events[:, 1] == L.EV_REACH_OUT)
        assert table[i, S_BLOCKS] == np.sum(events == L.EV_BLOCK)
    assert table.shape == (n, len(SUMMARY))
