"""The forecast of the moment of the urge, the blocked case and the care rules of the flow's
words."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from twinflames.errors import InputError
from twinflames.inference import infer
from twinflames.inference.guidance import NOT_THERAPY
from twinflames.inference.observations import TooFewDaysError
from twinflames.inference.urge import GUIDANCE, REACH_OUT, WAIT, urge_forecast
from twinflames.inference.urge_flow import urge_flow
from twinflames.journal import make_entry
from twinflames.journal import urge_care as care

START = dt.date(2024, 3, 1)


def _day(i: int) -> str:
    return (START + dt.timedelta(days=i)).isoformat()


def chasing(days: int = 12, blocked: bool = False) -> list:
    """A keeper who reaches out every other day and is mostly ignored."""
    out = []
    for i in range(days):
        if i % 2 == 0:
            out.append(make_entry("reach_out", _day(i)))
            out.append(make_entry("ignore" if i % 4 == 0 else "reply", _day(i), who="them"))
        else:
            out.append(make_entry("urge", _day(i), value=2, detail="resisted"))
        out.append(make_entry("anxiety", _day(i), value=4))
        out.append(make_entry("wellbeing", _day(i), value=2))
    if blocked:
        out.append(make_entry("block", _day(days - 1), who="them"))
    return out


@pytest.fixture(scope="module")
def posterior():
    return infer(chasing(), particles=300, seed=3)


@pytest.fixture(scope="module")
def forecast(posterior):
    return urge_forecast(posterior, blocked=False, runs=400)


def test_reaching_out_today_puts_more_pressure_on_them_than_waiting(forecast):
    """The model's direction: a reach-out presses on the other (M4), on the same futures."""
    reach, wait = forecast.pressure[REACH_OUT], forecast.pressure[WAIT]
    assert np.mean(reach - wait) > 0.02
    assert np.mean(reach >= wait - 1e-12) > 0.95  # the same futures: almost never less
    d = forecast.to_dict()["choices"][REACH_OUT]["difference"]["pressure_on_them"]
    assert d["of_100"] > 2 and d["low"] >= 0


def test_the_arms_share_their_futures_and_are_reproducible(posterior, forecast):
    again = urge_forecast(posterior, blocked=False, runs=400)
    for h, fr in forecast.at.items():
        for choice in fr.choices:
            assert np.array_equal(fr.outcome[choice], again.at[h].outcome[choice])
            assert np.array_equal(fr.wellbeing[choice], again.at[h].wellbeing[choice])
    # waiting and reaching out differ only through today's reach-out and the quiet week:
    # the guided policy changes the keeper's own course much more
    fr = forecast.at[90]
    gap_reach = np.abs(fr.wellbeing[REACH_OUT] - fr.wellbeing[WAIT]).mean()
    gap_guided = np.abs(fr.wellbeing[GUIDANCE] - fr.wellbeing[WAIT]).mean()
    assert gap_guided > gap_reach


def test_forecast_json_has_every_figure_with_ranges_and_paired_differences(forecast):
    d = forecast.to_dict()
    assert d["baseline"] == WAIT and d["days"] == [30, 90] and d["runs"] == 400
    assert list(d["choices"]) == [WAIT, REACH_OUT, GUIDANCE]
    keys = {"union", "apart", "blocked", "moved_on", "wellbeing_30", "wellbeing_90",
            "pressure_on_them"}
    for name, c in d["choices"].items():
        assert keys <= set(c)
        assert ("difference" in c) == (name != WAIT)
        for k in keys:
            assert c[k]["low"] <= c[k]["of_100"] <= c[k]["high"]
    # a paired difference is the difference of the two arms' means
    fr = forecast.at[90]
    manual = 100 * (fr.wellbeing[GUIDANCE] - fr.wellbeing[WAIT]).mean()
    assert d["choices"][GUIDANCE]["difference"]["wellbeing_90"]["of_100"] == round(manual, 1)


def test_wait_means_no_reach_out_for_a_week_and_reach_out_means_one_today(forecast):
    week = forecast.reach_outs
    assert week[WAIT].max() == 0
    assert week[REACH_OUT].min() >= 1
    assert week[GUIDANCE].max() == 0  # the article's path does not reach out
    # left to themselves after the quiet week, the same keepers reach out again sometimes
    assert forecast.at[90].choices == [WAIT, REACH_OUT, GUIDANCE]


def test_a_block_takes_the_reach_out_choice_away():
    entries = chasing(blocked=True)
    result = infer(entries, particles=300, seed=3)
    fc = urge_forecast(result, blocked=True, runs=200).to_dict()
    assert list(fc["choices"]) == [WAIT, GUIDANCE]
    flow = urge_flow(entries, posterior=result, runs=200)
    assert flow["blocked"] and flow["blocked_by"] == {"me": False, "them": True}
    assert [c["name"] for c in flow["choices"]] == [WAIT, GUIDANCE]
    assert care.BLOCKED in flow["lines"]
    text = " ".join(flow["lines"] + [c["words"] for c in flow["choices"]]).lower()
    assert "reach out today" not in text and "decide again" not in text
    assert flow["practice"]["name"] == "meditation"
    assert REACH_OUT not in flow["forecast"]["choices"]


def test_too_few_days_says_so_and_still_shows_the_history():
    entries = chasing(days=3)
    with pytest.raises(TooFewDaysError) as caught:
        infer(entries, particles=300)
    flow = urge_flow(entries, posterior=caught.value)
    assert flow["forecast"] is None
    assert any("not yet" in line and "at least 7" in line for line in flow["lines"])
    assert flow["history"]["reach_outs_counted"] == 2


def test_runs_out_of_range_is_one_clear_line(posterior):
    with pytest.raises(InputError, match=r"runs = 5: allowed: a whole number from 100"):
        urge_forecast(posterior, blocked=False, runs=5)


SHAMING = re.compile(r"fail|relapse|weak|should have|mistake|gave in|give in|slip|broke|"
                     r"pathetic|shame|guilt|again\?", re.IGNORECASE)
PROMISE = re.compile(r"will (come back|return|reunite)|guarantee|destined|for sure|surely|"
                     r"certain(ly)?|promise", re.IGNORECASE)


def _all_words(posterior) -> list[str]:
    flows = [urge_flow(chasing(), posterior=posterior, runs=200),
             urge_flow(chasing(blocked=True), posterior=posterior, runs=200),
             urge_flow(chasing(days=3), posterior=TooFewDaysError(3))]
    words = [line for f in flows for line in f["lines"]]
    words += [c["words"] for f in flows for c in f["choices"] + f["close"]]
    words += list(care.CLOSED.values()) + [care.UNSENT_SAVED, care.UNSENT_INVITE]
    words += [p.steps + " " + p.title for p in care.PRACTICES]
    return words


def test_the_words_are_kind_and_promise_nothing(posterior):
    words = _all_words(posterior)
    for line in words:
        assert not SHAMING.search(line), line
        assert not PROMISE.search(line), line
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", line), line  # no snake_case names
        assert not re.search(r"(?<![\w.])-0(?![\d.])", line), line
        assert "me=" not in line and "dyad" not in line.lower(), line
    assert NOT_THERAPY in words
    assert "emergency" in NOT_THERAPY and "crisis line" in NOT_THERAPY
    assert "reset" in care.CLOSED["acted"] and "Nothing is reset" in care.CLOSED["acted"]
    # chances on one denominator
    assert all("%" not in line for line in words)
    assert any("in 100" in line for line in words)


def test_the_inference_never_sees_an_unsent_letter(tmp_path):
    from twinflames.journal import init_journal

    entries = chasing(days=8)
    jr, _ = init_journal(tmp_path / "j.sqlite")
    jr.add_many([(e, None) for e in entries])
    # a letter on a day with nothing else would make that day a logged day of no contact
    jr.add("unsent", date=_day(10), note="all I wanted to say")
    with_letter = infer(jr, particles=200, seed=5).to_dict()
    jr.close()
    assert with_letter == infer(entries, particles=200, seed=5).to_dict()
    assert with_letter["as_of"] == _day(7)
