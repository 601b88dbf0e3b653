"""What a journal's days say about contact: a journal that never logs contact says nothing about
it, and messages on a day spent together are everyday contact, not reaching across a gap."""

import datetime as dt

import numpy as np

from twinflames.inference import infer
from twinflames.inference.observations import as_entries, lay_out
from twinflames.model import layout as L


def _date(d):
    return (dt.date(2024, 1, 1) + dt.timedelta(d)).isoformat()


def _together(n=60, messages=True):
    """Hand-written: together every day, calm, messages and replies both ways, good ratings."""
    out = []
    for d in range(n):
        out += [{"date": _date(d), "kind": "together"},
                {"date": _date(d), "kind": "wellbeing", "value": 4},
                {"date": _date(d), "kind": "anxiety", "value": 2}]
        if messages:
            out += [{"date": _date(d), "kind": "reach_out", "who": "me" if d % 2 else "them"},
                    {"date": _date(d), "kind": "reply", "who": "them" if d % 2 else "me"}]
    return out


def test_a_journal_of_ratings_only_leaves_contact_unknown():
    ratings = [{"date": _date(d), "kind": "wellbeing", "value": 2} for d in range(30)]
    days = lay_out(as_entries(ratings))
    assert not days.logs_contact.any() and np.all(days.forced_me == L.EV_NONE)
    with_contact = lay_out(as_entries([*ratings, {"date": _date(3), "kind": "withdraw"}]))
    assert with_contact.logs_contact.all()
    assert np.sum(with_contact.forced_me == L.EV_FORCE_NONE) == 29  # the other days: nothing
    # months of ratings alone: no phase claimed from the silence the journal never logged
    long = [{"date": _date(d), "kind": "wellbeing", "value": 3} for d in range(120)]
    assert max(infer(long, particles=400, seed=1).phase.values()) < 0.9


def test_messages_on_days_together_are_everyday_contact():
    days = lay_out(as_entries(_together(20)))
    assert days.everyday.all()
    assert np.all(days.forced_me == L.EV_NONE) and np.all(days.seen_them == L.EV_NONE)  # free
    plain = infer(_together(60, messages=False), particles=500, seed=2).phase
    chatty = infer(_together(60), particles=500, seed=2).phase
    # the messages of a couple together do not turn a calm union into something else
    assert chatty["union"] > 0.8 and abs(chatty["union"] - plain["union"]) < 0.15


def _chase_then_quiet(n=60):
    """Hand-written: a month of reaching out left unanswered and low ratings, then a quiet month
    of better ratings."""
    out = []
    for d in range(n):
        out += [{"date": _date(d), "kind": "wellbeing", "value": 2 if d < 30 else 4},
                {"date": _date(d), "kind": "anxiety", "value": 4 if d < 30 else 2}]
        if d < 30 and d % 2 == 0:
            out += [{"date": _date(d), "kind": "reach_out", "who": "me"},
                    {"date": _date(d), "kind": "ignore", "who": "them"}]
    return out


def test_moving_on_is_read_when_it_is_logged_and_only_then():
    quiet = _chase_then_quiet()
    ended = L.PHASES.index("ended")
    without = infer(quiet, particles=1000, seed=1).track.phase
    for who in ("me", "them"):
        noted = infer([*quiet, {"date": _date(35), "kind": "moved_on", "who": who}],
                      particles=1000, seed=1).track.phase
        assert np.array_equal(noted[:35], without[:35])  # the days before are as they were
        assert noted[-1, ended] > 0.9 and without[-1, ended] < 0.1
    # a note about one's life is not a contact entry: a ratings-only journal stays one
    ratings = [{"date": _date(d), "kind": "wellbeing", "value": 3} for d in range(20)]
    days = lay_out(as_entries([*ratings, {"date": _date(9), "kind": "moved_on", "who": "me"}]))
    assert not days.logs_contact.any() and days.forced_me[9] == L.EV_MOVED_ON
    # the other's moving on is not something a day shows: a day without it logged is not
    # scored against the particles in which it happened (only the seen events are)
    from twinflames.inference.observations import VISIBLE_EVENTS
    assert L.EV_MOVED_ON not in VISIBLE_EVENTS
