"""The runner–chaser model's parameters of one person from their journal, by the flagship fit's
ABC (:mod:`twinflames.fit.flagship`) on simulated journals (:mod:`twinflames.fit.journal_sim`).

The journal is read as the particle filter reads it (:func:`twinflames.inference.observations
.lay_out`), summarised like the simulated journals (:mod:`twinflames.fit.journal_days`), and
compared with a reference table of journals simulated over the same span with the same share
of days logged. Nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..inference.observations import as_date, as_entries, lay_out
from ..model import layout as L
from ..wording import counted
from .flagship import FlagshipResult, Reference, estimates, fit_settings, reference
from .journal_days import JournalDays, summaries
from .journal_sim import JournalDesign

MIN_LOGGED = 28  # days with entries the fit needs (four weeks)
MIN_SPAN = 30  # days from the first to the last entry
MAX_DAYS = 730  # a longer journal is fitted on its last two years
DEFAULT_REFERENCE = 20_000
# share of the reference table kept: with 18 summaries, 2% (400 of 20,000) left some intervals
# too narrow (coverage 0.835 in the recovery study), 5% brings every one into 0.865-0.935
DEFAULT_KEEP = 0.05
CLEAR = 0.6  # an interval narrower than this share of the prior range is worth putting in words

WORDS = {  # what it is, the factor to the shown number, the number's unit, what follows it
    "healing_rate": ("how fast your wounds heal", 100, "%", " a day"),
    "self_love_practice": ("how fast your self-love grows", 100, "%", " a day"),
    "reach_out_rate": ("how strongly you are pulled to reach out", 1, "",
                       " times a day when fear and focus on them are highest"),
    "rejection_fear": ("how hard an unanswered message hits you", 100, "",
                       " points of fear out of 100 each time"),
}
CAVEAT = ("These are estimates of a model from your journal, read as if your story were the "
          "'{preset}' story with you as the one who starts out {role}; not a judgement "
          "and not a prediction.")
STARTS = {"chaser": "chasing", "runner": "running"}


def journal_days(entries: Iterable, as_of: str | dt.date | None = None
                 ) -> tuple[JournalDays, dict]:
    """A journal laid out day by day for the fit, and what was used of it.

    Parameters
    ----------
    entries : iterable
        Journal records, :class:`~twinflames.journal.Entry` objects or mappings of their
        fields (as :func:`twinflames.inference.observations.as_entries` takes them).
    as_of : str or datetime.date, optional
        Count entries up to this day (default: today); later ones are days not lived yet.

    Returns
    -------
    days : JournalDays
        One journal.
    used : dict
        ``first_day``, ``last_day``, ``days`` (the span) and ``days_logged``.

    Raises
    ------
    InputError
        No entries up to ``as_of``, fewer than :data:`MIN_LOGGED` days with entries, or a span
        under :data:`MIN_SPAN` days.
    """
    entries = as_entries(entries)
    end = as_date(as_of, "--as-of") if as_of is not None else dt.date.today()
    lived = [e for e in entries if dt.date.fromisoformat(e.date) <= end]
    if not entries:
        raise InputError(f"journal: no entries; allowed: at least {MIN_LOGGED} days with "
                         "entries")
    if not lived:
        raise InputError(f"journal: no entries up to {end.isoformat()} ({len(entries)} dated "
                         f"after it: days not lived yet); allowed: at least {MIN_LOGGED} days "
                         "with entries up to today")
    last = max(dt.date.fromisoformat(e.date) for e in lived)
    first_kept = last - dt.timedelta(days=MAX_DAYS - 1)
    lived = [e for e in lived if dt.date.fromisoformat(e.date) >= first_kept]
    logged = len({e.date for e in lived})
    if logged < MIN_LOGGED:
        more = counted(MIN_LOGGED - logged, "more day", "more days")
        raise InputError(f"journal: {counted(logged, 'day')} with entries; allowed: at least "
                         f"{MIN_LOGGED} for this fit (log {more})")
    d = lay_out(lived)
    if d.n < MIN_SPAN:
        raise InputError(f"journal: {d.n} days from the first entry to the last; allowed: at "
                         f"least {MIN_SPAN}")
    # the simulated journals it is compared with (journal_sim) leave moving on out
    me = np.where((d.forced_me == L.EV_FORCE_NONE) | (d.forced_me == L.EV_MOVED_ON), L.EV_NONE,
                  d.forced_me)
    days = JournalDays(logged=d.logged[None], me=me[None], them=d.seen_them[None],
                       wellbeing=d.ratings[None, :, 0], anxiety=d.ratings[None, :, 1],
                       together=d.together[None].astype(bool),
                       conflict=d.conflict[None].astype(bool),
                       logs_contact=d.logs_contact[:1])
    used = {"first_day": d.date(0), "last_day": d.date(d.n - 1), "days": d.n,
            "days_logged": int(d.logged.sum())}
    return days, used


def design_for(used: dict, preset: str = "classic", me: str = "chaser") -> JournalDesign:
    """The simulated journals a journal is compared with: same span, same share logged
    (rounded to 0.01, so journals kept alike share a reference table), the keeper starting as
    ``me`` (``chaser`` or ``runner``)."""
    return JournalDesign(preset=preset, days=used["days"],
                         keep=max(0.05, round(used["days_logged"] / used["days"], 2)), me=me)


@dataclass(frozen=True)
class JournalFitResult(FlagshipResult):
    """The keeper's parameters from one journal.

    Attributes
    ----------
    table : pandas.DataFrame
        One row: ``first_day``, ``last_day``, ``days``, ``days_logged``, then per parameter
        ``NAME`` (posterior median), ``NAME_low``, ``NAME_high`` (a 90% interval), ``reason``
        (empty: fitted).
    settings : dict
    """

    def summary(self) -> str:
        """One line: what of the journal was used, method and reference size."""
        row = self.table.iloc[0]
        return (f"FLAGSHIP fit of a journal: {row['days_logged']} days with entries from "
                f"{row['first_day']} to {row['last_day']} ({row['days']} days; ABC with "
                f"regression adjustment on {self.settings['reference']:,} simulated journals "
                f"of the '{self.settings['preset']}' preset, you as its twin who starts as "
                f"the {self.settings['me']})")

    def words(self) -> list[str]:
        """Plain lines for the person: each parameter the journal pins down (its 90% interval
        narrower than 60% of the range the model allows), the others as not known yet, a
        caveat and where to turn."""
        from ..inference.guidance import NOT_THERAPY

        row = self.table.iloc[0]
        lines, unknown = [], []
        for name, (what, per, unit, then) in WORDS.items():
            lo, hi = self.settings["prior"][name]
            low, mid, high = (per * row[name + s] for s in ("_low", "", "_high"))
            if (high - low) / (per * (hi - lo)) < CLEAR:
                lines.append(f"{what[0].upper()}{what[1:]}: about {mid:.2g}{unit}{then} (9 in "
                             f"10 chance between {low:.2g}{unit} and {high:.2g}{unit}; the "
                             f"model allows {per * lo:g}{unit} to {per * hi:g}{unit}).")
            else:
                unknown.append(what)
        if unknown:
            listed = ", ".join(unknown[:-1]) + " or " * (len(unknown) > 1) + unknown[-1]
            lines.append(f"Your journal can't tell yet {listed}.")
        lines.append(CAVEAT.format(preset=self.settings["preset"],
                                   role=STARTS[self.settings["me"]]))
        lines.append(NOT_THERAPY)
        return lines

    def to_json(self) -> str:
        """The result as JSON."""
        row = json.loads(self.table.to_json(orient="records", double_precision=15))[0]
        return json.dumps({"model": "flagship", "source": "journal", "settings": self.settings,
                           "summary": self.summary(), "words": self.words(), "estimate": row},
                          indent=2)


def flagship_journal(entries: Iterable, preset: str = "classic", me: str = "chaser",
                     as_of: str | dt.date | None = None,
                     n_reference: int = DEFAULT_REFERENCE, keep: float = DEFAULT_KEEP,
                     seed: int = 0, client=None, ref: Reference | None = None
                     ) -> JournalFitResult:
    """Fit the keeper's runner–chaser parameters to their journal.

    The keeper is the preset's twin who starts as the chaser (or as the runner). Fitted:
    ``healing_rate`` (how fast wounds heal), ``self_love_practice`` (how fast self-love grows),
    ``reach_out_rate`` (reach-outs a day at full fear and focus) and ``rejection_fear`` (fear
    and wound an unanswered reach-out adds); every other parameter is the preset's.

    Parameters
    ----------
    entries : iterable
        The journal: records of :meth:`twinflames.journal.Journal.list`, entries read from an
        export, or mappings of entry fields.
    preset : str
        The preset scenario the journal's story is read as.
    me : {"chaser", "runner"}
        How the keeper started out: the preset's chasing twin (``b``, as the particle filter
        has it) or its running twin (``a``).
    as_of : str or datetime.date, optional
        Use entries up to this day (default: today).
    n_reference, keep, seed :
        Simulated journals in the reference table, share kept per fit, seed of the
        simulations.
    client : dask.distributed.Client, optional
        Simulate the reference table on this cluster (the same numbers as in-process).
    ref : Reference, optional
        A reference table to reuse; its design must be the journal's
        (:func:`design_for`).

    Returns
    -------
    JournalFitResult

    Raises
    ------
    InputError
        Too few days, no entries up to ``as_of``, an unknown preset, or a reference table made
        for another design.

    Examples
    --------
    >>> from twinflames import fit
    >>> from twinflames.inference import example_entries
    >>> res = fit.flagship_journal(example_entries(), n_reference=2000)  # doctest: +SKIP
    >>> res.table[["healing_rate", "healing_rate_low", "healing_rate_high"]]  # doctest: +SKIP
    """
    if not 0 < keep <= 0.5:
        raise InputError(f"--keep: {keep}; allowed: more than 0, at most 0.5")
    days, used = journal_days(entries, as_of)
    design = design_for(used, preset, me)
    if ref is None:
        ref = reference(n_reference, seed, design, client)
    elif ref.design != design:
        raise InputError(f"reference table: made for {ref.design}; allowed: one made for "
                         f"{design}")
    table = estimates(summaries(days), ref, keep)
    for i, (key, value) in enumerate(used.items()):
        table.insert(i, key, [value])
    table["reason"] = ""
    settings = {"preset": preset, "me": me, "days": used["days"], "days_logged_share": design.keep,
                **fit_settings(ref, keep)}
    return JournalFitResult(table, settings)
