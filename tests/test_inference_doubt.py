"""Honest doubt: an unlogged phase is stated above 0.95 only on decisive evidence."""

import numpy as np
import pytest

from twinflames.inference import doubt
from twinflames.inference.filter import infer
from twinflames.inference.observations import as_entries, lay_out
from twinflames.inference.validation.grammar import write_story
from twinflames.model import layout as L

CHASE, UNION, BLOCKED = (L.PHASES.index(p) for p in ("chase", "union", "blocked"))


def _chances(top: int, p: float) -> np.ndarray:
    out = np.full(len(L.PHASES), (1.0 - p) / (len(L.PHASES) - 1))
    out[top] = p
    return out


def test_the_rule_holds_back_only_an_unlogged_phase_without_decisive_evidence():
    none = np.zeros(len(L.PHASES), bool)
    posterior, prior = _chances(UNION, 0.99), _chances(UNION, 0.6)
    # posterior odds 99 over prior odds 1.5: a Bayes factor of 66, short of decisive
    out, factor, held = doubt.stated(posterior, prior, none, 2000, 1000)
    assert factor == pytest.approx(66.0)
    assert held and out[UNION] == doubt.SURE and out.sum() == pytest.approx(1.0)
    # the rest keeps the filter's shares among the other phases
    np.testing.assert_allclose(np.delete(out, UNION), np.full(len(L.PHASES) - 1, 0.05 / 6))
    # together logged that day: union is logged directly, stated as the filter has it
    direct = none.copy()
    direct[UNION] = True
    assert doubt.stated(posterior, prior, direct, 2000, 1000)[0] is posterior
    # a rare phase in the prior: the same chance is decisive evidence
    out, factor, held = doubt.stated(posterior, _chances(UNION, 0.1), none, 2000, 1000)
    assert factor >= doubt.DECISIVE and not held and out is posterior
    # below 0.95 nothing is held back, whatever the evidence
    assert not doubt.stated(_chances(CHASE, 0.94), _chances(CHASE, 0.9), none, 2000, 1000)[2]


def test_certainty_from_a_sample_is_kept_half_a_particle_from_one():
    # all 2,000 particles in one phase: odds of 3,999, not infinite
    assert doubt.bayes_factor(1.0, 0.5, 2000, 1000) == pytest.approx(3999.0)
    # a phase no prior particle reached
    assert doubt.bayes_factor(0.5, 0.0, 2000, 1000) == pytest.approx(1999.0)
    # the filter gives the others nothing: their share of the rest follows the prior
    out, _, held = doubt.stated(np.eye(len(L.PHASES))[CHASE], _chances(CHASE, 0.999),
                                np.zeros(len(L.PHASES), bool), 2000, 1000)
    assert held and out[CHASE] == doubt.SURE and out.sum() == pytest.approx(1.0)


def test_what_the_journal_logs_directly_day_by_day():
    entries = [{"date": f"2024-01-{d:02d}", "kind": "wellbeing", "value": 3}
               for d in range(1, 11)]
    entries += [{"date": "2024-01-03", "kind": "block", "who": "them"},
                {"date": "2024-01-06", "kind": "unblock", "who": "them"},
                {"date": "2024-01-08", "kind": "block", "who": "me"},
                {"date": "2024-01-02", "kind": "together"}]
    days = lay_out(as_entries(entries))
    assert np.flatnonzero(days.block_in_force).tolist() == [2, 3, 4, 7, 8, 9]
    direct = doubt.logged_directly(days.block_in_force, days.together)
    assert np.flatnonzero(direct[:, BLOCKED]).tolist() == [2, 3, 4, 7, 8, 9]
    assert np.flatnonzero(direct[:, UNION]).tolist() == [1]
    assert not direct[:, CHASE].any()


def test_with_and_without_the_rule_on_the_same_journal(monkeypatch):
    # a union logged on a third of days: on days without `together` the filter is often
    # surer than the journal's evidence allows
    entries = write_story("union", "sparse", 1).entries
    held = infer(entries, particles=1000, seed=1)
    decisive = doubt.DECISIVE
    monkeypatch.setattr(doubt, "DECISIVE", 0.0)  # every factor decisive: the rule is off
    free = infer(entries, particles=1000, seed=1)
    # the rule only states the answer: the filter itself ran the same
    np.testing.assert_array_equal(held.track.posterior, free.track.posterior)
    assert not free.track.held_back.any()
    np.testing.assert_array_equal(free.track.phase, free.track.posterior)
    days = np.flatnonzero(held.track.held_back)
    assert len(days) >= 5
    changed = np.flatnonzero((held.track.phase != free.track.phase).any(axis=1))
    np.testing.assert_array_equal(changed, days)
    direct = doubt.logged_directly(held.days.block_in_force, held.days.together)
    for d in days:
        top = int(np.argmax(free.track.phase[d]))
        assert free.track.phase[d, top] > doubt.SURE
        assert held.track.phase[d, top] == doubt.SURE
        assert held.track.bayes_factor[d] < decisive and not direct[d, top]
    # every other day above 0.95 for an unlogged phase has decisive evidence
    top = held.track.phase.argmax(axis=1)
    sure = (held.track.phase.max(axis=1) > doubt.SURE) & ~direct[np.arange(len(top)), top]
    assert (held.track.bayes_factor[sure] >= decisive).all()
