"""The urge flow's history figures, the new stats figures and the private ``unsent`` kind, on
journals whose histories were counted by hand."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from twinflames.errors import InputError
from twinflames.journal import init_journal, make_entry
from twinflames.journal.stats import compute_stats
from twinflames.journal.urge_history import LAST, MINIMUM, block_state, urge_history


def entry(kind, date, time=None, who=None, value=None, detail=None, note=None):
    return make_entry(kind, date, time, who, value, detail, note)


# hand-counted: 6 reach-outs; replies 1, ignored 2, withdrawn 1, nothing logged 2
KNOWN = [
    entry("reach_out", "2024-03-01", "10:00"), entry("reply", "2024-03-01", "12:00", "them"),
    entry("wellbeing", "2024-03-02", value=2), entry("anxiety", "2024-03-02", value=4),
    entry("reach_out", "2024-03-05"), entry("ignore", "2024-03-06", who="them"),
    entry("wellbeing", "2024-03-06", value=3),
    entry("reach_out", "2024-03-10"), entry("wellbeing", "2024-03-11", value=1),
    entry("withdraw", "2024-03-14", who="them"),  # past the 3-day window of 03-10: not an answer
    entry("wellbeing", "2024-03-15", value=5),  # follows neither a reach-out nor a resisted urge
    entry("urge", "2024-03-16", value=2, detail="resisted"),
    entry("wellbeing", "2024-03-17", value=4), entry("wellbeing", "2024-03-18", value=5),
    entry("wellbeing", "2024-03-19", value=3),
    # two reach-outs on one day: the ignore after the second answers the second only
    entry("reach_out", "2024-03-20", "09:00"), entry("reach_out", "2024-03-20", "18:00"),
    entry("ignore", "2024-03-20", "20:00", "them"),
    # a reply earlier that day answers nothing; the next day's withdrawal answers it
    entry("reply", "2024-03-25", "08:00", "them"), entry("reach_out", "2024-03-25", "09:00"),
    entry("withdraw", "2024-03-26", who="them"),
]


def test_what_followed_the_reach_outs_is_counted_by_hand():
    h = urge_history(KNOWN)
    assert h["reach_outs_counted"] == 6 and not h["too_few"]
    assert {k: h[k]["count"] for k in ("replies", "ignored", "withdrawn", "nothing_logged")} \
        == {"replies": 1, "ignored": 2, "withdrawn": 1, "nothing_logged": 2}
    assert all(h[k]["of"] == 6 for k in ("replies", "ignored", "withdrawn", "nothing_logged"))
    assert "Of your last 6 reach-outs" in h["lines"][0]


def test_ratings_after_reach_outs_and_after_resisted_urges():
    h = urge_history(KNOWN)
    after_reach = h["ratings_after_reach_outs"]
    # days 2, 6 and 11 follow reach-outs (ratings 2, 3, 1); day 15 follows none
    assert after_reach["wellbeing"] == {"mean": 2.0, "ratings": 3, "days_before": 5,
                                        "too_few": False}
    # one anxiety rating is too few to say anything
    assert after_reach["anxiety"] == {"mean": None, "ratings": 1, "days_before": 5,
                                      "too_few": True}
    after_resisted = h["ratings_after_resisted_urges"]
    assert after_resisted["wellbeing"] == {"mean": 4.0, "ratings": 3, "days_before": 1,
                                           "too_few": False}
    assert "too few entries to say" in h["lines"][1] and "well-being 2.0 of 5" in h["lines"][1]
    assert "well-being 4.0 of 5 (from 3 ratings)" in h["lines"][2]


def test_too_few_reach_outs_give_no_figure():
    h = urge_history(KNOWN[:4])  # one reach-out
    assert h["too_few"] and h["reach_outs_counted"] == 1 < MINIMUM
    assert all(h[k]["count"] is None for k in ("replies", "ignored", "withdrawn"))
    assert "too few entries to say" in h["lines"][0] and "1 reach-out logged" in h["lines"][0]
    assert urge_history([])["reach_outs_counted"] == 0


def test_only_the_last_reach_outs_are_counted():
    start = dt.date(2024, 1, 1)
    entries = [entry("reach_out", (start + dt.timedelta(days=5 * i)).isoformat())
               for i in range(LAST + 5)]
    entries.insert(1, entry("reply", "2024-01-02", who="them"))  # answers the first: not counted
    h = urge_history(entries)
    assert h["reach_outs_counted"] == LAST
    assert h["replies"]["count"] == 0 and h["nothing_logged"]["count"] == LAST


def test_block_state_follows_the_last_block_or_unblock_of_each_side():
    assert block_state(KNOWN) == {"me": False, "them": False}
    assert block_state([entry("block", "2024-03-01", who="them")])["them"]
    assert not block_state([entry("block", "2024-03-01", who="them"),
                            entry("unblock", "2024-03-04", who="them")])["them"]
    assert block_state([entry("block", "2024-03-01"), entry("unblock", "2024-03-02", who="them")]) \
        == {"me": True, "them": False}


def test_stats_urges_this_week_and_month_and_the_days_total():
    entries = [entry("wellbeing", "2024-03-01", value=3),
               entry("urge", "2024-03-02", value=2, detail="resisted"),
               entry("urge", "2024-03-03", value=5, detail="acted"),
               entry("reach_out", "2024-03-05"), entry("reach_out", "2024-03-05", "22:00"),
               entry("urge", "2024-03-25", value=1, detail="resisted"),
               entry("urge", "2024-03-31", value=3, detail="resisted")]
    s = compute_stats(entries, dt.date(2024, 3, 31))
    assert s["urges_resisted_week"] == 1 + 3  # 03-25 .. 03-31
    assert s["urges_resisted_month"] == 2 + 1 + 3  # 03-02 .. 03-31
    assert s["days_since_first_entry"] == 31
    assert s["days_without_reaching_out_total"] == 30  # one day with reach-outs
    # one more reach-out today: the run restarts, the totals and the longest stretch stay
    after = compute_stats(entries + [entry("reach_out", "2024-03-31")], dt.date(2024, 3, 31))
    assert after["days_without_reaching_out"] == 0
    assert after["longest_without_reaching_out"] == s["longest_without_reaching_out"] == 26
    assert after["urges_resisted_month"] == s["urges_resisted_month"]
    assert after["days_without_reaching_out_total"] == 29
    assert any("29 of the 31" in line for line in after["summary"])


def test_an_unsent_letter_is_private(tmp_path):
    jr, _ = init_journal(tmp_path / "j.sqlite", passphrase="a quiet morning")
    jr.add("wellbeing", date="2024-03-01", value=3)
    letter = jr.add("unsent", date="2024-03-01", note="I still think of you every day")
    assert [r.entry.kind for r in jr.list()] == ["wellbeing"]
    assert [r.id for r in jr.list(kind="unsent")] == [letter.id]  # shown when asked for
    assert jr.stats("2024-03-01")["entries"] == 1
    out = jr.export(tmp_path / "out.jsonl")
    assert "every day" not in out.read_text() and "unsent" not in out.read_text()
    assert [r.entry.kind for r in jr.history()] == ["wellbeing", "unsent"]  # the audit trail
    assert jr.get(letter.id).entry.note == "I still think of you every day"
    path = jr.path
    jr.close()
    raw = b"".join(row[0] for row in sqlite3.connect(path).execute("SELECT payload FROM rows"))
    assert b"every day" not in raw  # sealed like every other entry


def test_an_unsent_letter_needs_its_text():
    with pytest.raises(InputError, match="note: missing for unsent"):
        make_entry("unsent", "2024-03-01")
    with pytest.raises(InputError, match="who: 'them' for unsent"):
        make_entry("unsent", "2024-03-01", who="them", note="text")
