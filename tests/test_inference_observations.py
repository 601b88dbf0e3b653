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
