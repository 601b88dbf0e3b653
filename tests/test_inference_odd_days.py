"""A logged day the model cannot explain (a bad day, an odd rating) is weighed as a possible odd
day: its likelihood is a mixture with the journal's own base rates, so one day moves the odds
between two particles by a bounded factor and the answer by less."""

import datetime as dt

import numpy as np
import pytest

from twinflames.inference import infer
from twinflames.inference import likelihood as likelihood_module
from twinflames.inference.day import step_day
from twinflames.inference.observations import as_entries, lay_out

EVERY = 8  # an odd day every EVERY days


def _date(d):
    return (dt.date(2024, 1, 1) + dt.timedelta(d)).isoformat()


def _union_with_odd_days(n=60):
    """Hand-written: together every day, content, except an odd day every week or so (the
    worst ratings and a conflict, then content again the next day)."""
    out = []
    for d in range(n):
        odd = d % EVERY == EVERY - 1
        out += [{"date": _date(d), "kind": "together"},
                {"date": _date(d), "kind": "wellbeing", "value": 1 if odd else 4},
                {"date": _date(d), "kind": "anxiety", "value": 5 if odd else 2}]
        if odd:
            out.append({"date": _date(d), "kind": "conflict"})
    return out, [d for d in range(n) if d % EVERY == EVERY - 1]


def test_the_reference_is_the_journals_own_base_rate_so_far():
    entries, odd = _union_with_odd_days()
    days = lay_out(as_entries(entries))
    # day 0: nothing seen before, every entry at the uniform chance of its kind: the keeper's
    # "nothing happened" (1 of 11), together and no conflict (1 of 2 each), two ratings (1 of 5)
    assert days.reference[0] == pytest.approx(np.log(1 / 11 * 0.5 * 0.5 / 25))
    # day 1: each of its entries seen once in one day before, (1 + 1) / (1 + categories)
    assert days.reference[1] == pytest.approx(np.log(2 / 12 * 2 / 3 * 2 / 3 * 2 / 6 * 2 / 6))
    # an odd day stays rare by the journal's habits, a content day grows more expected
    assert all(days.reference[d] < days.reference[d - 1] for d in odd)
    assert days.reference[odd[-1] - 1] > days.reference[1]
    # only the days before count, so a new day leaves the earlier days' reference as it was
    early = lay_out(as_entries([e for e in entries if e["date"] <= _date(40)]))
    assert np.array_equal(early.reference, days.reference[:early.n])


@pytest.fixture(scope="module")
def before_odd_day():
    entries, odd = _union_with_odd_days()
    day = odd[2]
    return infer(entries, particles=300, seed=0, as_of=_date(day - 1)), lay_out(
        as_entries(entries)), day


def test_one_odd_day_moves_two_particles_odds_by_a_bounded_factor(before_odd_day, monkeypatch):
    result, days, day = before_odd_day
    pool, terms = result.pool, {}
    for odd in (0.0, likelihood_module.ODD_DAY):
        monkeypatch.setattr(likelihood_module, "ODD_DAY", odd)
        terms[odd] = step_day(days, day, result.key, pool.states.copy(), pool.params.copy(),
                              pool.ids, pool.rating_style)[0]
    plain, robust = terms[0.0], terms[likelihood_module.ODD_DAY]
    odd = likelihood_module.ODD_DAY
    bound = np.log1p((1 - odd) / odd * np.exp(plain.max() - days.reference[day]))
    assert np.ptp(robust) <= bound + 1e-9 < np.ptp(plain)  # the mixture is what bounds it
    assert np.all(robust >= np.log(odd) + days.reference[day] - 1e-9)  # none below the floor
    assert np.argmax(robust) == np.argmax(plain)  # the same particles fit best


def test_odd_days_move_the_answer_less_with_the_mixture(monkeypatch):
    entries, odd = _union_with_odd_days()
    moved, sure = {}, {}
    for share in (0.0, likelihood_module.ODD_DAY):
        monkeypatch.setattr(likelihood_module, "ODD_DAY", share)
        phase = infer(entries, particles=600, seed=0).track.phase
        moved[share] = np.mean([0.5 * np.abs(phase[d] - phase[d - 1]).sum() for d in odd])
        sure[share] = phase[-1].argmax()
    assert moved[likelihood_module.ODD_DAY] < 0.5 * moved[0.0]
    assert sure[0.0] == sure[likelihood_module.ODD_DAY]  # the same answer, less swayed
