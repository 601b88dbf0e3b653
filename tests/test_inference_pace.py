"""The keeper's own pace learnt by the filter: the Liu-West move keeps a group's weighted mean
and spread, the learnt urge to reach out follows the journal's (with the moves, not without),
and a small recovery run covers the true values."""

import numpy as np
import pytest

from twinflames.engine.kernels import run_fixed
from twinflames.engine.rng import seed_keys
from twinflames.inference import infer
from twinflames.inference.observations import ME, THEM
from twinflames.inference.pace import PACE, liu_west_move, pace_values, without_moves
from twinflames.inference.prior import draw_prior
from twinflames.inference.validation.pace_recovery import RecoverySettings, recover
from twinflames.inference.validation.synthetic import Truth, write_journal
from twinflames.inference.words import pace_sentences
from twinflames.model import layout as L


def test_the_move_keeps_the_weighted_mean_and_spread_of_each_group():
    rng = np.random.default_rng(0)
    n = 4000
    params = np.zeros((n, L.PARAM_SIZE))
    for p in PACE:
        params[:, p.column] = np.exp(rng.normal(np.log(0.01), 0.4, n))
    group = np.repeat([0, 1], n // 2)
    before = rng.random(n)
    for g in (0, 1):
        before[group == g] /= before[group == g].sum()
    values = pace_values(params)
    index = np.concatenate([rng.choice(n // 2, n // 2, p=before[:n // 2]),
                            n // 2 + rng.choice(n // 2, n // 2, p=before[n // 2:])])
    params[:] = params[index]
    copies = params.copy()
    liu_west_move(params, index, group, values, before, rng)
    for g in (0, 1):
        rows = group == g
        z_before = np.log(values[rows, 0])
        mean = np.dot(before[rows], z_before)
        sd = np.sqrt(np.dot(before[rows], (z_before - mean) ** 2))
        z = np.log(params[rows, PACE[0].column])
        assert z.mean() == pytest.approx(mean, abs=0.03)
        assert z.std() == pytest.approx(sd, rel=0.05)
    # every copy now has a value of its own (resampled copies were identical)
    col = PACE[0].column
    assert len(np.unique(copies[:, col])) < 0.8 * n <= len(np.unique(params[:, col]))


def _journal(which: int, name: str, factor: float, days: int = 150) -> tuple[list, float]:
    """A journal from prior dyad ``which`` (simulated) with the keeper's ``name`` multiplied by
    ``factor``, and that true value."""
    column = next(p.column for p in PACE if p.name == name)
    pool = draw_prior(20, 99)
    x, p = pool.states[which].copy(), pool.params[which].copy()
    p[column] *= factor
    key, _ = seed_keys(99)
    record, phase, roles, events, _ = run_fixed(x, p, key, 7, days, 1.0, 1)
    truth = Truth(record=record[1:], params=p, events=events.astype(int),
                  phase=phase[1:].astype(int), roles=roles[1:, [ME, THEM]].astype(int), key=key,
                  preset=int(pool.preset[which]), keeper_runs_first=False, seed=99)
    return write_journal(truth, 0.8), float(p[column])


@pytest.mark.parametrize("factor", [0.3, 3.0])
def test_the_moves_keep_a_range_that_holds_the_urge_where_selection_collapses(factor):
    # a keeper who chases (the classic story) with 0.3 or 3 times the preset's urge; 800
    # particles make one island
    entries, truth = _journal(3, "reach_out_rate", factor)
    moved = infer(entries, particles=800, seed=2).pace["reach_out_rate"]
    with without_moves():  # the same seeds, the pace selected but never moved
        fixed = infer(entries, particles=800, seed=2).pace["reach_out_rate"]
    off_moved = abs(np.log(moved["median"] / truth))
    # a 90% range misses one journal in ten: 10% leeway at its edges for this one journal
    assert off_moved < np.log(2.0) and moved["low"] / 1.1 <= truth <= 1.1 * moved["high"]
    # (the moved median is not always nearer than the collapsed value: with factor 3 the
    # single value left by selection alone happened to lie nearer, 2.6 against 2.2)
    # without the moves the copies descend from one value: a range too narrow to hold the truth
    assert not fixed["low"] <= truth <= fixed["high"]
    assert np.log(fixed["high"] / fixed["low"]) < 0.5 * np.log(moved["high"] / moved["low"])


def test_a_small_recovery_run_covers_the_truth_loosely():
    report = recover(RecoverySettings(journals=6, days=90, particles=400, workers=1))
    for name, figure in report["coverage"].items():
        assert figure["journals"] >= 1
        assert figure["coverage"] >= 0.5, (name, figure)  # target 0.85-0.95 at full size


def test_the_pace_is_said_in_plain_words_with_ranges():
    result = infer(_journal(3, "reach_out_rate", 3.0)[0], particles=300, seed=1)
    lines = pace_sentences(result)
    assert lines[0].startswith("You seem to heal at about ")
    assert "90 in 100 of what your journal allows" in lines[0]
    assert "people in the model's range" in lines[0]
    assert any("rate your days" in line for line in lines)
    assert result.to_dict()["pace"]["sentences"] == lines
    assert all(line in result.to_dict()["sentences"] for line in lines)
