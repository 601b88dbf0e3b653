"""Journals day by day, as the flagship fit compares them, and their summaries.

Real journals (:func:`twinflames.fit.flagship_journal.journal_days`) and simulated ones
(:func:`twinflames.fit.journal_sim.write`) are both laid out as :class:`JournalDays` and reduced
by the same :func:`summaries`, so the two are compared like with like. Every summary is a rate
per logged day or a mean over rated days, so a journal kept on some days only is summarised
as well as one kept every day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import layout as L

OTHER_CONTACT = (L.EV_REPLY, L.EV_IGNORE, L.EV_WITHDRAW, L.EV_COMMUNICATE, L.EV_BLOCK,
                 L.EV_UNBLOCK)  # the keeper's contact entries other than reaching out
SIGNS = tuple(L.SIGN_KINDS)

#: the summaries' names, in column order
NAMES = (
    [f"reach_out_share_{j}" for j in (1, 2, 3)]
    + [f"wellbeing_mean_{j}" for j in (1, 2, 3)]
    + [f"anxiety_mean_{j}" for j in (1, 2, 3)]
    + ["wellbeing_sd", "anxiety_sd", "reply_share", "ignore_share", "other_contact_share",
       "together_share", "conflict_share", "since_last_reach_out", "sign_share"]
)
#: summaries that need contact entries: missing for a journal without any
CONTACT = [NAMES.index(n) for n in NAMES
           if n.startswith(("reach_out", "reply", "ignore", "other_contact", "together",
                            "conflict", "since_last"))]


@dataclass(frozen=True)
class JournalDays:
    """``N`` journals of ``T`` days each (arrays ``(N, T)``; day 0 is the first day).

    Attributes
    ----------
    logged : numpy.ndarray
        A day with entries.
    me, them : numpy.ndarray
        The keeper's contact event or sign of the day, the other's contact the keeper saw
        (engine event codes; ``EV_NONE`` when none).
    wellbeing, anxiety : numpy.ndarray
        The day's rating 1–5, 0 when not rated.
    together, conflict : numpy.ndarray
        A ``together`` / ``conflict`` entry that day.
    logs_contact : numpy.ndarray
        ``(N,)``: the journal has contact entries at all (without any, its days say nothing
        about contact, as for the particle filter).
    """

    logged: np.ndarray
    me: np.ndarray
    them: np.ndarray
    wellbeing: np.ndarray
    anxiety: np.ndarray
    together: np.ndarray
    conflict: np.ndarray
    logs_contact: np.ndarray


def _mean(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    n = where.sum(axis=1)
    with np.errstate(invalid="ignore"):
        return np.where(n > 0, (values * where).sum(axis=1) / np.maximum(n, 1), np.nan)


def _sd(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    mean = _mean(values, where)
    return np.sqrt(_mean((values - mean[:, None]) ** 2, where))


def summaries(d: JournalDays) -> np.ndarray:
    """Summaries of journals, shape ``(N, len(NAMES))``.

    Per third of the journal's span: the share of logged days the keeper reached out, the mean
    well-being and anxiety rating (a third without logged or rated days takes the whole
    journal's value). Over the whole span: the spread of both ratings; the shares of logged
    days with a reply or an unanswered reach-out seen from the other, another contact entry of
    the keeper's, a ``together`` or ``conflict`` entry, a sign; the days since the last
    reach-out as a share of the span (1 without any). A rating never given leaves its
    summaries missing (NaN), and so does a journal without contact entries for the contact
    summaries: the fit then leaves them out.
    """
    T = d.logged.shape[1]
    thirds = [np.arange(T) * 3 // T == j for j in range(3)]
    logged = d.logged
    reach = d.me == L.EV_REACH_OUT
    cols = []
    for values, where in ((reach, logged), (d.wellbeing, d.wellbeing > 0),
                          (d.anxiety, d.anxiety > 0)):
        whole = _mean(values, where)
        for third in thirds:
            part = _mean(values, where & third)
            cols.append(np.where(np.isfinite(part), part, whole))
    cols += [_sd(d.wellbeing, d.wellbeing > 0), _sd(d.anxiety, d.anxiety > 0)]
    cols += [_mean(d.them == L.EV_REPLY, logged), _mean(d.them == L.EV_IGNORE, logged),
             _mean(np.isin(d.me, OTHER_CONTACT), logged), _mean(d.together, logged),
             _mean(d.conflict, logged)]
    last = np.where(reach.any(axis=1), T - 1 - np.argmax(reach[:, ::-1], axis=1), -1)
    cols.append(np.where(last >= 0, (T - 1 - last) / T, 1.0))
    cols.append(_mean(np.isin(d.me, SIGNS), logged))
    out = np.column_stack(cols).astype(float)
    out[np.ix_(~np.asarray(d.logs_contact, bool), CONTACT)] = np.nan
    return out
