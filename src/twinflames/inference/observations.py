"""From journal entries to what the filter sees each day.

The keeper (``me``) is twin ``b`` (index 1) of every particle and the other (``them``) is twin
``a``; the prior puts either twin of a preset in either slot, so the keeper can be runner or
chaser. Each journal day becomes one engine step of one day:

- the keeper's contact entry of the day is forced (one per day: the most decisive one); a logged
  day with none forces "nothing happened"; an unlogged day leaves the keeper free;
- the other's visible contact entry is forced and scored; a logged day without one scores
  "nothing visible happened" (with a chance the keeper missed it);
- ratings, ``together``, ``conflict``, signs and urges are likelihood terms (see
  :mod:`~twinflames.inference.likelihood`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..journal.kinds import FIELDS, make_entry
from ..model import layout as L
from ..wording import counted

DEFAULT_PARTICLES = 2000  # particles of the filter unless asked otherwise

ME, THEM = 1, 0
MIN_DAYS = 7  # days with entries needed before anything is inferred

# journal contact kinds the engine knows, most decisive first (one forced event per twin per day)
CONTACT_EVENTS = {
    "moved_on": L.EV_MOVED_ON, "block": L.EV_BLOCK, "unblock": L.EV_UNBLOCK,
    "communicate": L.EV_COMMUNICATE,
    "withdraw": L.EV_WITHDRAW, "reach_out": L.EV_REACH_OUT, "reply": L.EV_REPLY,
    "ignore": L.EV_IGNORE,
}
EVERYDAY_EVENTS = (L.EV_REACH_OUT, L.EV_REPLY)  # on a day together: everyday contact
# entries that say what contact was (moving on is about one's life, not about a day's contact)
CONTACT_KINDS = (*(k for k in CONTACT_EVENTS if k != "moved_on"), "together", "conflict")
SIGN_EVENTS = {kind: code for code, kind in L.SIGN_KINDS.items()}  # a sign is the keeper's own
# what the keeper can see the other do on the day (the other's moving on may be learnt of later,
# so a day without it logged says nothing about it)
VISIBLE_EVENTS = tuple(c for c in CONTACT_EVENTS.values() if c != L.EV_MOVED_ON)
RATINGS = ("wellbeing", "anxiety", "intensity")
NO_RATING = 0


class TooFewDaysError(InputError):
    """Fewer than :data:`MIN_DAYS` days with entries: nothing to infer from yet."""

    def __init__(self, days: int):
        self.days, self.more = days, MIN_DAYS - days
        more = counted(self.more, "more day", "more days")
        super().__init__(f"journal: {counted(days, 'day')} with entries; allowed: at least "
                         f"{MIN_DAYS} to infer a phase (log {more})")


@dataclass(frozen=True)
class Days:
    """A journal laid out day by day (arrays of length ``n``; day 0 is the first entry's date).

    ``forced_me`` / ``seen_them``: event code, ``EV_NONE`` (free) or ``EV_FORCE_NONE``;
    ``ratings``: (n, 3) of 1–5 or 0 when not given (the day's mean, rounded); ``together``,
    ``conflict``: 1 logged, 0 not; ``signs``, ``urges``: counts; ``blocked_by_them`` /
    ``blocked_by_me``: a block logged by that side and not undone by a later unblock;
    ``block_in_force``: per day, whether a block logged on or before it by either side was
    still in force that day (no later unblock by the same side on or before it).
    ``support_week``: support sessions a week logged so far; ``practice_rate``: share of logged
    days so far with a practice (both use only that day and the days before it, so new entries
    on later days leave them as they were: the daily update relies on it); ``logs_contact``:
    whether the journal has any contact entry at all (the same every day; when the first one
    comes, the daily update replays). A journal without one (ratings and inner life only) says
    nothing about contact: its days leave the keeper free instead of meaning "nothing
    happened". ``everyday``:
    days with ``together`` logged, whose messages and replies are the everyday contact of being
    together rather than the model's reaching across a gap: not forced, and not read as the
    other's silence either. ``reference``: log-probability of the day's scored entries by the
    journal's own base rates so far (each entry's add-one frequency over the days before,
    whatever the state: the reference of the observation model's robust mixture, see
    :func:`~twinflames.inference.likelihood.robust_term`); 0 on a day not logged.
    """

    start: dt.date
    logged: np.ndarray
    forced_me: np.ndarray
    seen_them: np.ndarray
    ratings: np.ndarray
    together: np.ndarray
    conflict: np.ndarray
    signs: np.ndarray
    urges: np.ndarray
    reach_outs_me: np.ndarray
    support_week: np.ndarray
    practice_rate: np.ndarray
    logs_contact: np.ndarray
    everyday: np.ndarray
    reference: np.ndarray
    block_in_force: np.ndarray
    blocked_by_them: bool
    blocked_by_me: bool

    @property
    def n(self) -> int:
        return len(self.logged)

    def date(self, day: int) -> str:
        return (self.start + dt.timedelta(days=int(day))).isoformat()


def as_entries(items: Iterable) -> list:
    """Validated entries from journal records, :class:`~twinflames.journal.Entry` objects,
    objects with the entry fields, or mappings (``date, kind, who, value, detail, ...``).
    Records the journal sets aside (:attr:`~twinflames.journal.Record.problem`, e.g. a date
    outside the journal's range) are left out, as the stats leave them out.

    Raises
    ------
    InputError
        Naming the entry (by position) and the field that is wrong.
    """
    out = []
    for i, item in enumerate(items):
        if getattr(item, "problem", None):  # a record the journal sets aside (a far date)
            continue
        item = getattr(item, "entry", item)  # a journal Record holds its Entry
        raw = (dict(item) if isinstance(item, Mapping)
               else {f: getattr(item, f, None) for f in FIELDS})
        unknown = set(raw) - set(FIELDS) - {"id"}
        if unknown:
            raise InputError(f"entry {i + 1}: field {sorted(unknown)[0]!r}; allowed: "
                             f"{', '.join(FIELDS)}")
        raw.pop("id", None)
        try:
            out.append(make_entry(**raw))
        except InputError as exc:
            raise InputError(f"entry {i + 1}: {exc}") from None
        except TypeError:
            raise InputError(f"entry {i + 1}: kind and date are required") from None
    return out


def lay_out(entries: list, as_of: str | dt.date | None = None) -> Days:
    """Lay validated entries out by day, from the first entry's date to ``as_of`` (default: the
    last entry's date).

    Raises
    ------
    TooFewDaysError
        Fewer than :data:`MIN_DAYS` days with entries.
    InputError
        ``as_of`` before the first entry.
    """
    dates = sorted({e.date for e in entries})
    if len(dates) < MIN_DAYS:
        raise TooFewDaysError(len(dates))
    start = dt.date.fromisoformat(dates[0])
    end = dt.date.fromisoformat(dates[-1]) if as_of is None else as_date(as_of)
    if end < start:
        raise InputError(f"as_of: {end.isoformat()}; allowed: on or after the first entry "
                         f"({start.isoformat()})")
    n = (end - start).days + 1
    rank = {code: i for i, code in enumerate(CONTACT_EVENTS.values())}
    logged = np.zeros(n, bool)
    forced_me = np.full(n, L.EV_NONE, np.int64)
    seen_them = np.full(n, L.EV_NONE, np.int64)
    sums, counts = np.zeros((n, 3)), np.zeros((n, 3))
    together, conflict = np.zeros(n, np.int64), np.zeros(n, np.int64)
    signs, urges, reach_me = (np.zeros(n, np.int64) for _ in range(3))
    sign_me = np.full(n, L.EV_NONE, np.int64)
    support, practice, contact = (np.zeros(n, np.int64) for _ in range(3))
    last = {(who, kind): "" for who in ("me", "them") for kind in ("block", "unblock")}
    blocking = {"me": np.zeros(n, np.int64), "them": np.zeros(n, np.int64)}  # +1 / -1 a day
    for e in entries:
        d = (dt.date.fromisoformat(e.date) - start).days
        if d >= n:
            continue
        logged[d] = True
        code = CONTACT_EVENTS.get(e.kind)
        contact[d] += e.kind in CONTACT_KINDS
        if code is not None:
            target = forced_me if e.who == "me" else seen_them
            if target[d] < 0 or rank[code] < rank[int(target[d])]:
                target[d] = code
            if e.who == "me" and e.kind == "reach_out":
                reach_me[d] += 1
            if e.kind in ("block", "unblock"):
                key = (e.who, e.kind)
                last[key] = max(last[key], f"{e.date} {e.time or ''}")
                blocking[e.who][d] = 1 if e.kind == "block" else -1
        elif e.kind in RATINGS:
            j = RATINGS.index(e.kind)
            sums[d, j] += e.value
            counts[d, j] += 1
        elif e.kind == "together":
            together[d] = 1
        elif e.kind == "conflict":
            conflict[d] = 1
        elif e.kind == "sign":
            signs[d] += 1
            sign_me[d] = SIGN_EVENTS[e.detail]
        elif e.kind == "urge":
            urges[d] += e.value
        elif e.kind == "support":
            support[d] += 1
        elif e.kind == "practice":
            practice[d] = 1
    # at most one event of the keeper's a day: a contact event, else a sign, else nothing
    no_contact = forced_me == L.EV_NONE
    forced_me[no_contact] = sign_me[no_contact]
    logs_contact = np.full(n, contact.any())
    forced_me[logged & logs_contact & (forced_me == L.EV_NONE)] = L.EV_FORCE_NONE
    everyday = together.astype(bool)
    for codes in (forced_me, seen_them):
        codes[everyday & np.isin(codes, EVERYDAY_EVENTS)] = L.EV_NONE
    ratings = np.where(counts > 0, np.rint(sums / np.maximum(counts, 1)), NO_RATING)
    ratings = ratings.astype(np.int64)
    return Days(start=start, logged=logged, forced_me=forced_me, seen_them=seen_them,
                ratings=ratings, together=together, conflict=conflict,
                signs=signs, urges=urges, reach_outs_me=reach_me,
                support_week=np.minimum(14.0, 7.0 * np.cumsum(support) / np.arange(1, n + 1)),
                practice_rate=np.cumsum(practice) / np.maximum(1, np.cumsum(logged)),
                block_in_force=_in_force(blocking["me"]) | _in_force(blocking["them"]),
                blocked_by_them=last["them", "block"] > last["them", "unblock"],
                blocked_by_me=last["me", "block"] > last["me", "unblock"],
                logs_contact=logs_contact, everyday=everyday,
                reference=_reference(logged, forced_me, seen_them, ratings, together, conflict,
                                     logs_contact, everyday))


def _in_force(changes: np.ndarray) -> np.ndarray:
    """Per day, whether the last block (+1) or unblock (-1) logged on or before it was a
    block."""
    last = np.maximum.accumulate(np.where(changes != 0, np.arange(len(changes)), -1))
    return (last >= 0) & (changes[np.maximum(last, 0)] > 0)


def _reference(logged, forced_me, seen_them, ratings, together, conflict, logs_contact,
               everyday) -> np.ndarray:
    """Per day, the log-probability of the entries the observation model scores that day, by
    the journal's own base rates so far (the same entries as :func:`.day.step_day` scores;
    the urge term, capped by design, is left out)."""
    talk = logged & logs_contact
    other = np.where(seen_them >= 0, seen_them, L.EV_NONE)  # a seen event, or their silence
    # the values of a day's habits: moving on, noted once in a journal, is not one of them
    parts = [(forced_me, logged & (forced_me != L.EV_NONE),
              len(VISIBLE_EVENTS) + len(SIGN_EVENTS) + 1),
             (other, logged & ((seen_them >= 0) | (logs_contact & ~everyday)),
              len(VISIBLE_EVENTS) + 1),
             (together, talk, 2), (conflict, talk, 2)]
    parts += [(ratings[:, j], ratings[:, j] != NO_RATING, 5) for j in range(len(RATINGS))]
    out = np.zeros(len(logged))
    for values, scored, categories in parts:
        out[scored] += np.log(_base_rate(values, scored, categories)[scored])
    return out


def _base_rate(values: np.ndarray, scored: np.ndarray, categories: int) -> np.ndarray:
    """Per day, the chance of that day's value by the scored days before it (Laplace's rule of
    succession): (times seen before + 1) / (days scored before + ``categories``)."""
    seen = np.zeros(len(values))
    for value in np.unique(values[scored]):
        same = scored & (values == value)
        seen[same] = np.cumsum(same)[same] - 1
    return (seen + 1.0) / (np.cumsum(scored) - scored + categories)


def as_date(value: str | dt.date, field: str = "as_of") -> dt.date:
    """``value`` as a date; a string that is not YYYY-MM-DD raises :class:`InputError`
    naming ``field``."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{field}: {value!r}; allowed: a date as YYYY-MM-DD") from None
