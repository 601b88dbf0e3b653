"""Where someone stands at a glance, computed from their current entries.

Reaching out again never wipes the record: the longest stretch without reaching out is kept
beside the days since the last reach-out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .kinds import DATE_RANGE, Entry

RATINGS = ("wellbeing", "anxiety", "intensity")
SIGNS = ("dream", "song", "message")


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _stretches(start: dt.date, reach_outs: list[dt.date], today: dt.date) -> tuple[int, int]:
    """Days since the last reach-out (or since the first entry) and the longest such stretch."""
    marks = [start, *sorted(reach_outs)]
    gaps = [(b - a).days for a, b in zip(marks, marks[1:], strict=False)]
    current = max(0, (today - marks[-1]).days)
    return current, max([current, *gaps])


def compute_stats(entries: list[Entry], today: dt.date | None = None,
                  set_aside: int = 0) -> dict:
    """Summarise a journal's current entries.

    Parameters
    ----------
    entries : list of Entry
        The current entries (removed ones left out).
    today : datetime.date, optional
        Count days up to this date (default: today).
    set_aside : int
        How many entries the caller left out (dates outside the journal's range); reported as
        ``set_aside`` with a line in the summary.

    Returns
    -------
    dict
        ``days_since_reach_out`` (None if never), ``longest_without_reaching_out`` (days,
        counted from the first entry), ``reach_outs`` by ``me``/``them``, ``urges``
        resisted/acted, ``practice_days``, ``signs`` by detail, ``weeks`` (one row per week
        from the first entry to today: urges resisted/acted, reach-outs by each side, practice
        days, signs), ``ratings`` (daily means of wellbeing/anxiety/intensity), and
        ``summary`` (plain sentences).
    """
    today = today or dt.date.today()
    days = sorted({dt.date.fromisoformat(e.date) for e in entries})
    my_reach = [dt.date.fromisoformat(e.date) for e in entries
                if e.kind == "reach_out" and e.who == "me"]
    result: dict = {"today": today.isoformat(), "entries": len(entries), "days_logged": len(days),
                    "first_day": days[0].isoformat() if days else None, "set_aside": set_aside}
    if days:
        current, longest = _stretches(min(days[0], today), my_reach, today)
    else:
        current, longest = 0, 0
    result["days_since_reach_out"] = current if my_reach else None
    result["days_without_reaching_out"] = current
    result["longest_without_reaching_out"] = longest
    weeks: dict[dt.date, dict] = {}
    if days:
        week = _monday(min(days[0], today))
        while week <= _monday(max(days[-1], today)):
            weeks[week] = {"week": week.isoformat(), "urges_resisted": 0, "urges_acted": 0,
                           "reach_outs_me": 0, "reach_outs_them": 0, "practice_days": 0,
                           "signs": 0}
            week += dt.timedelta(days=7)
    practice = set()
    ratings: dict[str, dict[str, list[int]]] = {r: defaultdict(list) for r in RATINGS}
    signs = dict.fromkeys(SIGNS, 0)
    for e in entries:
        day = dt.date.fromisoformat(e.date)
        row = weeks[_monday(day)]
        if e.kind == "urge":
            row[f"urges_{e.detail}"] += e.value
        elif e.kind == "reach_out":
            row[f"reach_outs_{e.who}"] += 1
        elif e.kind == "practice" and day not in practice:
            practice.add(day)
            row["practice_days"] += 1
        elif e.kind == "sign":
            signs[e.detail] += 1
            row["signs"] += 1
        elif e.kind in RATINGS:
            ratings[e.kind][e.date].append(e.value)
    rows = list(weeks.values())
    result["reach_outs"] = {who: sum(r[f"reach_outs_{who}"] for r in rows)
                            for who in ("me", "them")}
    result["urges"] = {d: sum(r[f"urges_{d}"] for r in rows) for d in ("resisted", "acted")}
    result["practice_days"] = len(practice)
    result["signs"] = signs
    result["weeks"] = rows
    result["ratings"] = {k: [{"date": d, "mean": round(sum(v) / len(v), 3)}
                             for d, v in sorted(series.items())]
                         for k, series in ratings.items()}
    result.update(_urge_record(entries, days[0] if days else today, set(my_reach), today))
    result["summary"] = summary(result)
    return result


def _urge_record(entries: list[Entry], first: dt.date, reach_days: set[dt.date],
                 today: dt.date) -> dict:
    """Urges let pass in the past 7 and 30 days (today included), and every day since the first
    entry without a reach-out: totals that one reach-out never takes away."""
    def resisted(span: int) -> int:
        since = today - dt.timedelta(days=span - 1)
        return sum(e.value for e in entries if e.kind == "urge" and e.detail == "resisted"
                   and since <= dt.date.fromisoformat(e.date) <= today)
    span = max(0, (today - first).days + 1)
    return {"urges_resisted_week": resisted(7), "urges_resisted_month": resisted(30),
            "days_without_reaching_out_total": span - len(
                {d for d in reach_days if first <= d <= today}),
            "days_since_first_entry": span}


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")


def summary(stats: dict) -> list[str]:
    """Plain, kind sentences about the numbers (never a judgement)."""
    aside = stats.get("set_aside", 0)
    note = ([f"{aside} entr{'y has' if aside == 1 else 'ies have'} a date outside "
             f"{DATE_RANGE}, so {'it is' if aside == 1 else 'they are'} left out here; the list "
             "marks them, and correcting the date brings them back in."] if aside else [])
    if not stats["entries"]:
        return note + ["Nothing logged yet. One line is enough to start: twinflames journal "
                       "add wellbeing --value 3"]
    lines = note
    since, longest = stats["days_since_reach_out"], stats["longest_without_reaching_out"]
    if since is None:
        lines.append(f"No reach-outs logged: {_days(stats['days_without_reaching_out'])} since "
                     "your first entry.")
    elif since == 0:
        lines.append(f"You reached out today. Your longest stretch without reaching out, "
                     f"{_days(longest)}, still stands.")
    else:
        lines.append(f"{_days(since)} since you last reached out. Your longest stretch: "
                     f"{_days(longest)}.")
    urges = stats["urges"]
    if urges["resisted"] or urges["acted"]:
        lines.append(f"Urges to reach out: {urges['resisted']} let pass, {urges['acted']} acted "
                     "on. Each one you noticed counts.")
        lines.append(f"Urges let pass: {stats['urges_resisted_week']} in the past 7 days, "
                     f"{stats['urges_resisted_month']} in the past 30 days.")
    if since is not None:
        lines.append(f"Days without reaching out: {stats['days_without_reaching_out_total']} of "
                     f"the {stats['days_since_first_entry']} since your first entry.")
    if stats["practice_days"]:
        lines.append(f"You made time for a practice on {_days(stats['practice_days'])}.")
    if any(stats["signs"].values()):
        lines.append("Signs logged: " + ", ".join(f"{n} {k}" + ("s" if n != 1 else "")
                                                  for k, n in stats["signs"].items() if n) + ".")
    return lines
