"""The "Where am I?" sentences: "most likely" only with a clear margin, otherwise what the journal
can't tell apart yet and which entry would; a block stated as a fact only when it is logged."""

import re
from types import SimpleNamespace

import numpy as np
import pytest

from twinflames.inference import infer
from twinflames.inference.guidance import BLOCKED_BY_THEM, guide
from twinflames.inference.words import (
    CLEAR_MARGIN,
    PHASE_TELLS,
    PHASE_WORDS,
    ROLE_TELL,
    phase_sentence,
    role_sentence,
    sentences,
)
from twinflames.model import layout as L

IDENTIFIER = re.compile(r"\b[a-z]+_[a-z_]+\b|me=|-0\b")  # snake_case, code words, "-0"


def _hand_made(phase, me=None, them=None, **days):
    probs = dict.fromkeys(L.PHASES, 0.0) | phase
    roles = {"me": me or {"runner": 0.1, "chaser": 0.8, "none": 0.1},
             "them": them or {"runner": 0.8, "chaser": 0.1, "none": 0.1}}
    return SimpleNamespace(phase=probs, roles=roles, as_of="2024-05-01",
                           days=SimpleNamespace(**({"blocked_by_them": False,
                                                    "blocked_by_me": False, "n": 1,
                                                    "reach_outs_me": np.zeros(1),
                                                    "logged": np.ones(1, bool)} | days)),
                           states={"me": {}, "them": {}}, pace=None,
                           diagnostics={"does_not_fit": []})


def test_most_likely_only_with_a_clear_margin():
    lead = 0.3 + CLEAR_MARGIN
    clear = phase_sentence(_hand_made({"chase": lead, "separation": 0.3}))
    assert clear == (f"As of 2024-05-01, your journal most likely shows the chase "
                     f"({100 * lead:.0f} in 100).")
    close = phase_sentence(_hand_made({"chase": 0.45, "separation": 0.40, "ended": 0.15}))
    assert "most likely" not in close
    assert "can't tell yet between the chase (45 in 100) and separation (40 in 100)" in close
    assert PHASE_TELLS["chase"] in close and PHASE_TELLS["separation"] in close
    # just under the margin is doubt, just over it is "most likely"
    assert "can't tell" in phase_sentence(_hand_made({"union": 0.59, "turbulence": 0.41}))
    assert "most likely" in phase_sentence(_hand_made({"union": 0.61, "turbulence": 0.39}))


def test_roles_follow_the_same_rule_and_say_what_would_tell():
    doubt = role_sentence(_hand_made({"chase": 1.0},
                                     me={"runner": 0.45, "chaser": 0.35, "none": 0.2}))
    assert doubt.startswith("It can't tell yet whether you are running (45 in 100) or chasing "
                            "(35 in 100); they are most likely running (80 in 100).")
    assert doubt.endswith(ROLE_TELL)
    assert "most likely chasing" in role_sentence(_hand_made({"chase": 1.0}))


def test_a_block_is_a_fact_only_when_logged():
    unlogged = sentences(_hand_made({"blocked": 0.9, "chase": 0.1}))
    assert not any("closed" in s for s in unlogged)
    assert f"{PHASE_WORDS['blocked']} (90 in 100)" in unlogged[0]
    logged = sentences(_hand_made({"blocked": 0.9, "chase": 0.1}, blocked_by_them=True))
    assert logged[0] == "Contact is closed: your journal logs that they blocked it."


def test_every_phase_pair_reads_in_plain_words():
    for a in L.PHASES:
        for b in L.PHASES:
            if a != b:
                text = phase_sentence(_hand_made({a: 0.5, b: 0.4}))
                assert not IDENTIFIER.search(text), text


@pytest.fixture(scope="module")
def days21():
    return [{"date": f"2024-03-{d + 1:02d}", "kind": "wellbeing", "value": 3} for d in range(21)]


def test_guidance_does_not_close_contact_from_a_chance(days21):
    result = infer(days21, particles=200, seed=3)
    # a posterior that gives a block 40 in 100 with nothing logged: the guide must doubt
    result.track.phase[-1] = np.array([0.35, 0.1, 0, 0, 0.4, 0, 0.15])
    g = guide(result, runs=20, horizon=10)
    assert not g.numbers["phase_clear"] and not g.numbers["blocked_by_them"]
    assert not any("closed" in line.lower() for line in g.lines), g.lines
    assert BLOCKED_BY_THEM not in g.lines
    assert "can't tell yet between a block (40 in 100) and the chase (35 in 100)" in g.text
    blocked = infer([*days21, {"date": "2024-03-10", "kind": "block", "who": "them"}],
                    particles=200, seed=3)
    g = guide(blocked, runs=20, horizon=10)
    assert g.lines[0] == "Contact is closed: your journal logs that they blocked it."
    assert BLOCKED_BY_THEM in g.lines


def test_where_json_carries_the_sentences(days21):
    result = infer(days21, particles=200, seed=3)
    data = result.to_dict()
    assert data["sentences"] == sentences(result)
    assert data["sentences"][0].startswith("As of 2024-03-21, your journal ")


def test_a_phase_held_back_says_what_would_show_it():
    held = _hand_made({"union": 0.95, "turbulence": 0.05})
    held.diagnostics["held_back"] = True
    sentence = phase_sentence(held)
    assert sentence == ("As of 2024-05-01, your journal most likely shows union (95 in 100). "
                        "It stays at that: your journal doesn't record this directly, and the "
                        "entries so far don't settle it.")
    assert not IDENTIFIER.search(sentence)
    # it names no entry to make: for the chase that would read as a nudge to reach out
    chase = _hand_made({"chase": 0.95, "separation": 0.05})
    chase.diagnostics["held_back"] = True
    assert PHASE_TELLS["chase"] not in phase_sentence(chase)
    free = _hand_made({"union": 0.95, "turbulence": 0.05})
    assert "stays at that" not in phase_sentence(free)


def _chase(days: int, pause: int) -> list[dict]:
    """A month of reaching out every other day, left unanswered, then ``pause`` days with
    ratings only."""
    start = np.datetime64("2024-03-01")
    entries = []
    for d in range(days + pause):
        date = str(start + d)
        entries.append({"date": date, "kind": "wellbeing", "value": 2})
        entries.append({"date": date, "kind": "anxiety", "value": 4})
        if d < days and d % 2 == 0:
            entries.append({"date": date, "kind": "reach_out", "who": "me"})
            entries.append({"date": date, "kind": "ignore", "who": "them"})
    return entries


def test_a_pause_in_reaching_out_is_said_in_plain_words():
    paused = infer(_chase(31, 3), particles=1000, seed=2)
    assert max(paused.roles["me"], key=paused.roles["me"].get) == "chaser"
    said = [s for s in sentences(paused) if s.startswith("You last reached out")]
    assert said == ["You last reached out 3 days ago. Chasing here means reaching out: if you "
                    "have stopped, a week without it reads as separation, time apart in which "
                    "each of you can heal."]
    assert not IDENTIFIER.search(said[0])
    # they blocked contact: the block is what the answer says, not a pause
    block = {"date": paused.as_of, "kind": "block", "who": "them"}
    blocked = infer(_chase(31, 3) + [block], particles=1000, seed=2)
    assert not any(s.startswith("You last reached out") for s in sentences(blocked))
    # reaching out on the last day: no pause to speak of
    today = infer(_chase(31, 0), particles=1000, seed=2)
    assert not any(s.startswith("You last reached out") for s in sentences(today))
