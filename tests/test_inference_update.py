"""The daily update: carrying the filter on over new days equals replaying the whole journal."""

import numpy as np
import pytest

from twinflames.inference import filter as filter_module
from twinflames.inference import infer
from twinflames.inference.filter import update
from twinflames.inference.validation.synthetic import synthetic_journal


def _same(a, b):
    assert np.array_equal(a.track.phase, b.track.phase)
    assert np.array_equal(a.track.states, b.track.states)
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.pool.states, b.pool.states)
    assert np.array_equal(a.pool.params, b.pool.params)  # the pace learnt
    assert np.array_equal(a.prior_states, b.prior_states)
    assert np.array_equal(a.prior_params, b.prior_params)
    assert a.to_dict() == b.to_dict()


# the resample-move keeps lines of the past; 1,000 particles make two islands
@pytest.mark.parametrize(("move", "particles"), [(False, 300), (True, 300), (False, 1000)])
def test_a_daily_update_equals_the_full_replay(move, particles, monkeypatch):
    monkeypatch.setattr(filter_module, "RESAMPLE_MOVE", move)
    entries = synthetic_journal(11, days=80, keep=0.7).entries
    entries += [{"date": "2024-02-10", "kind": "practice"},
                {"date": "2024-03-05", "kind": "support"}]
    cut = "2024-02-20"
    early = infer([e for e in entries if e["date"] <= cut], particles=particles, seed=3)
    before = early.to_dict()
    later = update(early, entries)
    _same(later, infer(entries, particles=particles, seed=3))
    assert later.diagnostics["islands"] == filter_module.island_count(particles)
    assert ("moves" in later.diagnostics) == move and (not move or later.diagnostics["moves"][1])
    assert early.to_dict() == before  # the earlier answer is left as it was
    # day by day too
    step = early
    for last in ("2024-03-01", "2024-03-10", max(e["date"] for e in entries)):
        step = update(step, [e for e in entries if e["date"] <= last])
    _same(step, later)


def test_a_changed_past_is_replayed():
    entries = synthetic_journal(12, days=40, keep=0.8).entries
    first = infer(entries, particles=200, seed=1)
    changed = [*entries, {"date": "2024-01-05", "kind": "withdraw", "who": "them"}]
    _same(update(first, changed), infer(changed, particles=200, seed=1))
    # the first contact entry of a ratings-only journal changes how every day reads
    ratings = [e for e in entries if e["kind"] in ("wellbeing", "anxiety")]
    later = [*ratings, {"date": max(e["date"] for e in ratings), "kind": "reply", "who": "them"}]
    _same(update(infer(ratings, particles=200, seed=1), later),
          infer(later, particles=200, seed=1))
