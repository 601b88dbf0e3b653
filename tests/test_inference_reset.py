"""The transition's reset (``filter.RESET_RATE``): the group mixture's fixed share in closed form,
and, on the same seed with and without it, how sure the filter is of a wrong phase on journals
its model did not write."""

import numpy as np
import pytest

from twinflames.inference import filter as filter_module
from twinflames.inference import infer
from twinflames.inference.validation import scoring
from twinflames.inference.validation.grammar import write_story
from twinflames.inference.weights import GroupedWeights


def test_fixed_share_mixes_each_group_with_its_prior_and_keeps_the_evidence():
    rng = np.random.default_rng(0)
    group = np.repeat([0, 1, 2], [200, 100, 100])
    w = GroupedWeights(group)
    for _ in range(6):
        w.update(np.where(group == 0, np.log(0.4), np.log(0.05)), rng)
    before, evidence = w.mixture, w.log_likelihood
    prior = np.array([0.5, 0.25, 0.25])
    fresh = w.share(0.01)
    mixed = 0.99 * before + 0.01 * prior
    assert w.mixture == pytest.approx(mixed)
    assert w.log_likelihood == pytest.approx(evidence)
    assert fresh == pytest.approx(0.01 * prior / mixed)
    assert fresh[1] > 0.5 > fresh[0]  # a disfavoured group is mostly redrawn from its prior
    assert np.all(w.share(0.0) == 0.0)


def test_reset_makes_the_filter_less_sure_of_a_wrong_phase(monkeypatch):
    journals = [write_story(story, habit, 0) for story, habit in CASES]
    rate = filter_module.RESET_RATE

    def sure_and_wrong(rate: float) -> float:
        monkeypatch.setattr(filter_module, "RESET_RATE", rate)
        out = []
        for j in journals:
            probs = infer(j.entries, particles=500, seed=0).track.phase
            n = min(len(probs), len(j.phase))
            out.append(scoring.confident_wrong(probs[14:n], j.phase[14:n]))
        return float(np.mean(out))

    without, with_reset = sure_and_wrong(0.0), sure_and_wrong(rate)
    assert with_reset < without / 2


CASES = (("turbulence", "bursty"), ("healing_apart", "bursty"))  # 0.87 and 0.06 without
