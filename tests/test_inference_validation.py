"""The inference's validation machinery, and a small version of the benchmark
(benchmarks/bench_inference.py) with the same targets at looser tolerances."""

import numpy as np
import pytest

import twinflames as tf
from twinflames.inference.observations import as_entries, lay_out
from twinflames.inference.validation import scoring
from twinflames.inference.validation.baselines import HiddenMarkov, RuleTable, day_features
from twinflames.inference.validation.scorecard import check_targets
from twinflames.inference.validation.synthetic import STYLES, synthetic_truth, write_journal
from twinflames.inference.validation.toy import particle_filter, toy_journal
from twinflames.inference.validation.validate import Settings, validate
from twinflames.inference.weights import GroupedWeights, systematic
from twinflames.model import layout as L


def test_scores_tell_good_answers_from_bad_ones():
    truth = np.array([0, 0, 1, 1, 1, 2])
    perfect = np.eye(3)[truth]
    assert scoring.brier(perfect, truth) == 0 and scoring.accuracy(perfect, truth) == 1
    assert scoring.brier(np.full((6, 3), 1 / 3), truth) == pytest.approx(2 / 3)
    # calibrated: says 0.7 and is right 7 times in 10; over-confident: says 0.99 for the same
    rng = np.random.default_rng(1)
    right = rng.random(20_000) < 0.7
    label = np.where(right, 0, 1)
    calibrated = np.tile([0.7, 0.3], (20_000, 1))
    over = np.tile([0.99, 0.01], (20_000, 1))
    assert scoring.calibration_error(calibrated, label) < 0.01
    assert scoring.calibration_error(over, label) > 0.25
    # the answer switches one day late to 1 and never to 2 (counted as the whole stretch)
    late = np.eye(3)[[0, 0, 0, 1, 1, 0]]
    assert scoring.detection_delays(late, truth).tolist() == [1, 1]
    assert scoring.detection_delays(perfect, truth).tolist() == [0, 0]
    assert scoring.covered(np.array([0, 2]), np.array([1, 3]), np.array([0.5, 1])).tolist() == [
        True, False]


def test_grouped_weights_keep_a_disfavoured_group_alive_and_mix_by_evidence():
    rng = np.random.default_rng(0)
    group = np.repeat([0, 1], 500)
    w = GroupedWeights(group)
    # group 1 is 3x less likely per observation; particles inside a group differ
    term = np.where(group == 0, np.log(0.3), np.log(0.1)) + rng.normal(0, 0.3, 1000)
    for _ in range(5):
        index = w.update(term, rng)
        if index is not None:  # copies always come from their own group
            moved = index >= 0
            assert np.array_equal(group[index[moved]], group[moved])
    mix = w.mixture
    assert mix[1] < 0.01 < mix[0]
    assert np.all(w.within[group == 1] > 0)  # still there, ready for evidence that favours it
    assert w.combined.sum() == pytest.approx(1.0)
    # without noise inside groups the evidence is exact: log(0.5 * 0.3^5 + 0.5 * 0.1^5)
    exact = GroupedWeights(group)
    for _ in range(5):
        exact.update(np.where(group == 0, np.log(0.3), np.log(0.1)), rng)
    assert exact.log_likelihood == pytest.approx(np.log(0.5 * 0.3**5 + 0.5 * 0.1**5))


def test_systematic_resampling_follows_the_weights():
    rng = np.random.default_rng(3)
    counts = np.bincount(systematic(np.array([0.1, 0.6, 0.3]), 1000, rng), minlength=3)
    assert np.all(np.abs(counts - [100, 600, 300]) <= 1)


def _hmm():
    """A two-phase toy: phase 0 shows feature value 1, phase 1 value 2, mostly."""
    hmm = HiddenMarkov(2)
    hmm.first = np.array([0.5, 0.5])
    hmm.moves = np.array([[0.95, 0.05], [0.1, 0.9]])
    hmm.emits = [np.array([[1.0, 0.8, 0.2], [1.0, 0.3, 0.7]])]
    return hmm


def test_forward_algorithm_matches_a_hand_computation():
    hmm = _hmm()
    like = hmm.likelihood(np.array([[1], [0], [2]]))
    out = hmm.forward(like)
    b0 = np.array([0.5 * 0.8, 0.5 * 0.3])
    b0 /= b0.sum()
    b1 = b0 @ hmm.moves  # nothing logged: the prediction alone
    b2 = (b1 @ hmm.moves) * [0.2, 0.7]
    assert np.allclose(out, [b0, b1, b2 / b2.sum()])


def test_the_particle_filter_matches_the_exact_answer_on_the_toy_model():
    hmm, rng = _hmm(), np.random.default_rng(5)
    for _ in range(3):
        phase, features = toy_journal(hmm, 200, 0.8, rng)
        like = hmm.likelihood(features)
        exact = hmm.forward(like)
        approx = particle_filter(hmm, like, 5000, rng)
        assert abs(scoring.brier(approx, phase) - scoring.brier(exact, phase)) < 0.005
        assert np.abs(approx - exact).mean() < 0.02


def test_baselines_learn_from_journals_with_a_known_truth():
    truths = [synthetic_truth(s, 120, which=s) for s in range(12)]
    journals = [lay_out(as_entries(write_journal(t, 1.0))) for t in truths]
    phases = [t.phase for t in truths]
    rules = RuleTable().fit(journals, phases)
    hmm = HiddenMarkov(len(L.PHASES)).fit(journals, phases)
    assert np.allclose(hmm.moves.sum(axis=1), 1) and np.allclose(rules.table.sum(axis=-1), 1)
    assert day_features(journals[0]).shape == (120, 6)
    # on their own training journals both beat a flat guess
    flat = np.full((120, len(L.PHASES)), 1 / len(L.PHASES))
    for model in (rules, hmm):
        b = np.mean([scoring.brier(model.predict(j), p)
                     for j, p in zip(journals, phases, strict=True)])
        assert b < scoring.brier(flat, phases[0])


def test_stress_styles_change_the_journal_the_way_they_say():
    # a dyad whose days are better and worse (a co-dependent keeper's well-being stays at 0)
    truth = synthetic_truth(4, 365, which=tf.preset_names().index("reach-out-at-the-end"))
    plain = write_journal(truth, 0.5)
    days = {e["date"] for e in plain}
    latent_wb = truth.record[:, (L.TWIN_STATE_SIZE * 1) + L.WELLBEING]

    def logged(entries):
        start = np.datetime64("2024-01-01")
        d = {int((np.datetime64(e["date"]) - start).astype(int)) for e in entries}
        return np.array(sorted(d))

    bad = logged(write_journal(truth, 0.5, "bad_days"))
    unlogged = np.setdiff1d(np.arange(365), bad)
    assert latent_wb[bad].mean() < latent_wb[unlogged].mean()  # more entries on bad days
    fading = logged(write_journal(truth, 0.5, "fading"))
    assert (fading < 182).sum() > 2 * (fading >= 182).sum()
    slips = {e["date"] for e in write_journal(truth, 0.5, "date_slips")}
    assert slips != days and min(slips) == min(days) and max(slips) == max(days)
    ratings = [e["value"] for e in plain if e["kind"] == "wellbeing"]
    shifted = [e["value"] for e in write_journal(truth, 0.5, "rating_shift")
               if e["kind"] == "wellbeing"]
    assert np.mean(shifted) > np.mean(ratings)
    assert len(STYLES) == 5


@pytest.fixture(scope="module")
def small_report():
    settings = Settings(journals=24, train=40, stress_journals=6, particles=1000,
                        forecast_runs=500, toy_journals=4, toy_particles=10_000)
    return validate(settings)


def test_small_benchmark_meets_the_targets_at_looser_tolerances(small_report):
    for row in small_report.rows():
        print({k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()})
    print(small_report.toy)
    missed = check_targets(small_report, slack=0.1)
    assert not missed, missed
    # where the model wrote the journal, its likelihood is decisive on nearly every sure day:
    # the honest-doubt rule holds back few of them (0.04-0.08 of days at 2,000 particles)
    for row in small_report.rows():
        assert 0.0 <= row["held_back"] <= 0.2, row


def test_the_rating_style_is_learnt_from_the_ratings():
    from twinflames.inference import infer

    truth = synthetic_truth(8, 150, which=8)
    share = {}
    for style in ("plain", "rating_shift"):
        result = infer(write_journal(truth, 0.8, style), particles=1000, seed=2)
        share[style] = {s: float(result.weights[np.isclose(result.pool.rating_style, s)].sum())
                        for s in (-0.2, 0.0, 0.2)}
    # the prior gives a notch up 0.1; the journal decides
    assert share["plain"][0.0] > 0.8, share
    assert share["rating_shift"][0.2] > 0.8, share


def test_the_keeper_notes_their_own_moving_on_and_never_sees_the_other_s():
    from twinflames.inference.observations import ME, THEM
    from twinflames.inference.validation.validate import PRIOR_DYADS

    found = {}
    for seed in range(80):
        truth = synthetic_truth(seed, 365, which=seed % PRIOR_DYADS)
        for twin in (ME, THEM):
            days = np.flatnonzero(truth.events[:, twin] == L.EV_MOVED_ON)
            if len(days) and twin not in found:
                found[twin] = (truth, int(days[0]))
        if len(found) == 2:
            break
    assert len(found) == 2  # both kinds of ending occur among the validation's truths
    for twin, (truth, day) in found.items():
        date = (np.datetime64("2024-01-01") + day).astype(str)
        for keep in (1.0, 0.2):
            moved = [e for e in write_journal(truth, keep) if e["kind"] == "moved_on"]
            expected = [{"date": date, "kind": "moved_on", "who": "me"}] if twin == ME else []
            assert moved == expected
