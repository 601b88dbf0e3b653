"""What your own journal says followed your past reach-outs and your resisted urges.

Only counts of what was logged: nothing is estimated or filled in. A figure resting on fewer
than :data:`MINIMUM` entries is not given; it says so instead.

- *What followed a reach-out*: the first answer the other gave (logged with ``--who them``)
  from the reach-out until the next one of yours or the end of :data:`WINDOW_DAYS`, whichever
  comes first: ``reply``, ``reach_out`` or ``together`` count as a reply, ``ignore`` as
  ignored, ``withdraw`` or ``block`` as withdrawal; nothing logged is counted as such.
- *Ratings on the following days*: the mean of every well-being and anxiety rating on the
  :data:`FOLLOWING_DAYS` days after a day you reached out, beside the same after a day you let
  an urge pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..wording import counted
from .kinds import Entry

MINIMUM = 3  # entries a figure must rest on before it is shown
LAST = 20  # the most recent reach-outs counted
WINDOW_DAYS = 3  # how long after a reach-out an answer is taken to be an answer to it
FOLLOWING_DAYS = 3  # days after a reach-out (or a resisted urge) whose ratings are compared
ANSWERS = {"reply": "replies", "reach_out": "replies", "together": "replies",
           "ignore": "ignored", "withdraw": "withdrawn", "block": "withdrawn"}
OUTCOMES = ("replies", "ignored", "withdrawn", "nothing_logged")
RATED = ("wellbeing", "anxiety")


@dataclass(frozen=True)
class _Moment:
    day: dt.date
    time: str
    order: int


def _moment(entry: Entry, order: int) -> _Moment:
    return _Moment(dt.date.fromisoformat(entry.date), entry.time or "", order)


def _after(a: _Moment, b: _Moment) -> bool:
    """True if ``b`` comes after ``a``: a later day, or the same day at a later time (the same
    day without a time on either counts as after: the journal cannot tell)."""
    if b.day != a.day:
        return b.day > a.day
    if a.time and b.time:
        return (b.time, b.order) > (a.time, a.order)
    return b.order != a.order


def block_state(entries: list[Entry]) -> dict[str, bool]:
    """``me``/``them`` -> True while that side's last block has no later unblock."""
    state = {"me": False, "them": False}
    for e in entries:  # in the journal's order: by date and time, then as written
        if e.kind in ("block", "unblock"):
            state[e.who] = e.kind == "block"
    return state


def _answers(entries: list[Entry]) -> dict[str, int]:
    """Of the last :data:`LAST` reach-outs, how many were followed by each answer."""
    moments = [(_moment(e, i), e) for i, e in enumerate(entries)]
    mine = [m for m, e in moments if e.kind == "reach_out" and e.who == "me"]
    counts = dict.fromkeys(OUTCOMES, 0)
    for k, start in enumerate(mine[-LAST:], start=max(0, len(mine) - LAST)):
        end = start.day + dt.timedelta(days=WINDOW_DAYS)
        following = mine[k + 1] if k + 1 < len(mine) else None
        answer = "nothing_logged"
        for m, e in moments:
            if (e.who == "them" and e.kind in ANSWERS and _after(start, m) and m.day < end
                    and (following is None or not _after(following, m))):
                answer = ANSWERS[e.kind]
                break
        counts[answer] += 1
    return counts


def _ratings_after(days: set[dt.date], entries: list[Entry]) -> dict[str, dict]:
    """Mean well-being and anxiety on the days following ``days``, with what they rest on."""
    following = {d + dt.timedelta(days=k) for d in days for k in range(1, FOLLOWING_DAYS + 1)}
    out = {}
    for name in RATED:
        values = [e.value for e in entries
                  if e.kind == name and dt.date.fromisoformat(e.date) in following]
        enough = len(values) >= MINIMUM
        out[name] = {"mean": round(sum(values) / len(values), 2) if enough else None,
                     "ratings": len(values), "days_before": len(days), "too_few": not enough}
    return out


def urge_history(entries: list[Entry]) -> dict:
    """The history figures of the urge flow, from the journal's current entries.

    Parameters
    ----------
    entries : list of Entry
        Current entries in the journal's order (by date and time, then as written).

    Returns
    -------
    dict
        ``reach_outs_counted`` (the last up to :data:`LAST` of yours), ``replies``,
        ``ignored``, ``withdrawn``, ``nothing_logged`` (each ``{"count", "of"}``, or
        ``too_few`` when fewer than :data:`MINIMUM` reach-outs were counted),
        ``ratings_after_reach_outs`` and ``ratings_after_resisted_urges`` (``wellbeing`` and
        ``anxiety``: ``mean`` of the 1–5 ratings or None, ``ratings`` it rests on,
        ``days_before`` they followed, ``too_few``), ``minimum``, ``window_days``,
        ``following_days`` and ``lines`` (plain sentences).
    """
    counts = _answers(entries)
    counted = sum(counts.values())
    too_few = counted < MINIMUM
    reach_days = {dt.date.fromisoformat(e.date) for e in entries
                  if e.kind == "reach_out" and e.who == "me"}
    resisted_days = {dt.date.fromisoformat(e.date) for e in entries
                     if e.kind == "urge" and e.detail == "resisted"}
    history: dict = {"reach_outs_counted": counted, "too_few": too_few, "minimum": MINIMUM,
                     "window_days": WINDOW_DAYS, "following_days": FOLLOWING_DAYS}
    for name in OUTCOMES:
        history[name] = {"count": None if too_few else counts[name], "of": counted}
    history["ratings_after_reach_outs"] = _ratings_after(reach_days, entries)
    history["ratings_after_resisted_urges"] = _ratings_after(resisted_days, entries)
    history["lines"] = history_lines(history)
    return history


def _rating_text(r: dict, label: str) -> str:
    if r["too_few"]:
        return (f"{label}: too few entries to say ({counted(r['ratings'], 'rating')}; at "
                f"least {MINIMUM} needed)")
    return f"{label} {r['mean']:.1f} of 5 (from {r['ratings']} ratings)"


def history_lines(h: dict) -> list[str]:
    """Plain sentences for the history figures (never a figure the journal does not hold)."""
    n = h["reach_outs_counted"]
    if h["too_few"]:
        lines = [f"What followed your reach-outs: too few entries to say "
                 f"({counted(n, 'reach-out')} logged; at least {MINIMUM} needed)."]
    else:
        lines = [f"Of your last {n} reach-outs, within {h['window_days']} days: "
                 f"{h['replies']['count']} got a reply, {h['ignored']['count']} were left "
                 f"unanswered, {h['withdrawn']['count']} were met with them pulling away, and "
                 f"for {h['nothing_logged']['count']} nothing from them was logged."]
    for key, what in (("ratings_after_reach_outs", "reached out"),
                      ("ratings_after_resisted_urges", "let an urge pass")):
        r = h[key]
        lines.append(f"In the {h['following_days']} days after you {what}: "
                     f"{_rating_text(r['wellbeing'], 'well-being')}; "
                     f"{_rating_text(r['anxiety'], 'anxiety')}.")
    return lines
