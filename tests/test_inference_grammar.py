"""The independent validation set: journals from a story grammar (not the simulator), its
logging habits, and the scores the filter gets on it."""

import numpy as np
import pytest

from twinflames.inference.observations import as_entries, lay_out
from twinflames.inference.validation import scoring
from twinflames.inference.validation.grammar import HABITS, STORIES, write_story
from twinflames.inference.validation.independent import (
    GrammarTally,
    check_grammar_targets,
    score_one,
    top_logged_directly,
)
from twinflames.journal.kinds import KINDS
from twinflames.model import layout as L


def _days(entries):
    return {e["date"] for e in entries}


def test_each_story_is_labelled_by_its_stretches_and_written_the_same_for_a_seed():
    for story, stretches in STORIES.items():
        j = write_story(story, "daily", 3)
        assert j.entries == write_story(story, "daily", 3).entries
        assert j.entries != write_story(story, "daily", 4).entries
        labels = [L.PHASES[p] for p in dict.fromkeys(j.phase.tolist())]
        assert labels == list(dict.fromkeys(s.phase for s in stretches))
        assert len(_days(j.entries)) == len(j.phase)  # daily: every day has an entry
        assert all(e["kind"] in KINDS for e in j.entries)
    healing = write_story("healing_apart", "daily", 0)
    chase = healing.phase == L.PHASES.index("chase")
    reach = {e["date"] for e in healing.entries if e["kind"] == "reach_out"}
    assert len(reach) > 0.3 * chase.sum() and all(  # reaching out only while chasing
        (np.datetime64(d) - np.datetime64("2024-01-01")).astype(int) < chase.sum() for d in reach)


def test_logging_habits_do_what_they_say():
    n = len(write_story("union", "daily", 1).phase)
    sparse = len(_days(write_story("union", "sparse", 1).entries))
    assert 0.2 * n < sparse < 0.5 * n
    only = write_story("being_pursued", "ratings_only", 1).entries
    assert {KINDS[e["kind"]].group for e in only} == {"rating"}
    bad = write_story("healing_apart", "bad_days", 2)
    wb = {e["date"]: e["value"] for e in write_story("healing_apart", "daily", 2).entries
          if e["kind"] == "wellbeing"}
    logged = _days(bad.entries)
    assert len(logged) < len(wb)
    low = [d for d, v in wb.items() if v <= 2]
    high = [d for d, v in wb.items() if v >= 4]
    assert np.mean([d in logged for d in low]) > np.mean([d in logged for d in high]) + 0.2
    bursty = sorted(_days(write_story("chasing", "bursty", 5).entries))
    gaps = np.diff([np.datetime64(d) for d in bursty]).astype(int)
    assert gaps.max() >= 5  # silent runs, not scattered days
    for habit in HABITS:
        blocked = write_story("blocked_after_toxic", habit, 0).entries
        assert any(e["kind"] == "block" for e in blocked)  # a block is logged whatever the habit


def test_confident_wrong_and_what_the_journal_logs_directly():
    probs = np.array([[0.95, 0.05], [0.6, 0.4], [0.92, 0.08], [0.1, 0.9]])
    assert scoring.confident_wrong(probs, np.array([1, 1, 0, 0])) == pytest.approx(0.5)
    entries = [{"date": f"2024-01-0{d}", "kind": "wellbeing", "value": 3} for d in range(1, 8)]
    entries += [{"date": "2024-01-03", "kind": "block", "who": "them"},
                {"date": "2024-01-02", "kind": "together"}]
    days = lay_out(as_entries(entries), "2024-01-05")
    b, u, c = (np.eye(7)[L.PHASES.index(p)] for p in ("blocked", "union", "chase"))
    direct = top_logged_directly(np.stack([b, u, b, b, c]), days)
    assert direct.tolist() == [False, True, True, True, False]
    # above 0.95 for a phase not logged directly: only day 4 (the others are logged or not
    # that sure), and it is wrong (its story says separation); then nothing logged, all right
    sure = np.stack([b, u, 0.5 * (b + c), b, c])
    tally = GrammarTally()
    tally.add(sure, np.array([4, 5, 4, 4, 1]), np.array([True, True, False, True, False]))
    assert (tally.oversure, tally.oversure_wrong) == (1, 1)
    tally.add(sure, np.array([4, 5, 4, 4, 0]), np.zeros(5, bool))
    assert (tally.oversure, tally.oversure_wrong) == (5, 1)


def test_the_filter_is_scored_on_grammar_journals():
    story, habit, tally = score_one(("chasing", "daily", 0, 300))
    scores = tally.scores()
    assert (story, habit, scores["journals"]) == ("chasing", "daily", 1)
    assert scores["accuracy"] > 0.8  # the plainest story: reaching out left unanswered
    assert 0 <= scores["ece"] <= 1 and 0 <= scores["confident_wrong"] <= 1
    assert check_grammar_targets({"by_habit": {"daily": {"accuracy": 0.5, "ece": 0.2,
                                                         "confident_wrong": 0.3}}}) == [
        "grammar daily: top-1 0.500 < 0.90", "grammar daily: confident-wrong 0.300 > 0.01",
        "grammar daily: ECE 0.200 > 0.05"]
    empty = GrammarTally()
    empty.merge(tally)
    assert empty.scores() == scores
