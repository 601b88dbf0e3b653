"""The urge flow as data: acknowledge, your own history, this moment forecast, a pause, close.

The command line (``twinflames journal urge``) and the Journal page both show this; it holds
no terminal or web code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import InputError
from ..journal import urge_care as care
from ..journal.urge_history import block_state, urge_history
from .guidance import CHANCES, NOT_THERAPY
from .observations import MIN_DAYS, as_entries
from .urge import GUIDANCE, REACH_OUT, WAIT, choices, urge_forecast

CHOICE_WORDS = {REACH_OUT: "Reach out today",
                WAIT: "Wait a week, then decide again",
                GUIDANCE: "Follow the article's guidance from today"}
BLOCKED_WORDS = {WAIT: "Give it a week, then look at this again",
                 GUIDANCE: "Follow the article's guidance from today"}
OUTCOME_WORDS = {"union": "together and calm", "apart": "still apart", "blocked": "a block",
                 "moved_on": "one of you has moved on"}


def urge_flow(records, posterior=None, today: dt.date | None = None,
              runs: int | None = None) -> dict[str, Any]:
    """Everything the flow shows, as data.

    Parameters
    ----------
    records : list
        The journal's current entries (records or entries, in the journal's order).
    posterior : InferenceResult or InputError, optional
        Today's posterior, or the error the filter raised (too few days with entries: the
        flow says so); None leaves the forecast out.
    today : datetime.date, optional
        The practice offered depends on the day (default: today).
    runs : int, optional
        Futures per choice (default :data:`twinflames.inference.urge.DEFAULT_RUNS`).

    Returns
    -------
    dict
        ``acknowledge``, ``history``, ``blocked`` (bool), ``blocked_by`` (me/them -> bool),
        ``blocked_words`` (the line saying so, or None),
        ``choices`` (the choices offered, each ``{"name", "words"}``), ``forecast`` (see
        :meth:`~twinflames.inference.urge.UrgeForecast.to_dict`, or None), ``forecast_lines``
        (its sentences), ``forecast_parts`` (the same in parts, see :func:`forecast_parts`),
        ``forecast_rows`` (the figures of its table, see :func:`forecast_rows`),
        ``practice``, ``practice_line`` (it in one sentence), ``unsent``, ``close`` (the two
        ways to log it), ``not_therapy`` and ``lines`` (every sentence in order).
    """
    entries = as_entries(records)
    today = today or dt.date.today()
    by = block_state(entries)
    blocked = by["me"] or by["them"]
    offered = choices(blocked)
    words = BLOCKED_WORDS if blocked else CHOICE_WORDS
    history = urge_history(entries)
    forecast = parts = None
    if isinstance(posterior, InputError):
        fc_lines = [f"This moment, forecast: not yet. The forecast needs at least {MIN_DAYS} "
                    f"days with entries ({posterior})."]
    elif posterior is None:
        fc_lines = []
    else:
        kw = {} if runs is None else {"runs": runs}
        forecast = urge_forecast(posterior, blocked, **kw).to_dict()
        parts = forecast_parts(forecast, words)
        fc_lines = [f"This moment, forecast: {parts['intro']}", *parts["choices"],
                    *parts["differences"], parts["chances"]]
    practice = care.practice_for(blocked, today)
    flow = {"acknowledge": care.ACKNOWLEDGE, "history": history, "blocked": blocked,
            "blocked_by": by, "blocked_words": care.BLOCKED if blocked else None,
            "choices": [{"name": c, "words": words[c]} for c in offered],
            "forecast": forecast, "forecast_lines": fc_lines, "forecast_parts": parts,
            "forecast_rows": forecast_rows(forecast["days"]) if forecast else None,
            "practice": practice.to_dict(),
            "unsent": care.UNSENT_INVITE,
            "close": [{"name": o, "words": "I let it pass" if o == "resisted"
                       else "I acted on it"} for o in care.OUTCOMES],
            "not_therapy": NOT_THERAPY}
    flow["practice_line"] = (f"A practice, if you like ({practice.title}, after the article's "
                             f"\"{practice.section}\"): {practice.steps}")
    flow["lines"] = ([care.ACKNOWLEDGE] + ([care.BLOCKED] if blocked else [])
                     + history["lines"] + fc_lines
                     + [flow["practice_line"], care.UNSENT_INVITE, NOT_THERAPY])
    return flow


def _figure(f: dict, unit: str = "in 100") -> str:
    return f"{round(f['of_100'])} {unit} ({round(f['low'])} to {round(f['high'])})"


def _signed(value: float) -> str:
    n = round(value)
    return f"{n:+d}" if n else "0"  # never "-0"


def _change(f: dict) -> str:
    return f"{_signed(f['of_100'])} ({_signed(f['low'])} to {_signed(f['high'])})"


def forecast_parts(forecast: dict, words: dict[str, str]) -> dict[str, Any]:
    """Plain sentences for the forecast: ``intro``, ``choices`` (each choice's chances),
    ``differences`` (paired, from the baseline) and ``chances`` (what the numbers are not)."""
    days = forecast["days"]
    parts: dict[str, Any] = {
        "intro": f"{forecast['runs']} simulated futures from where your journal says you are "
                 "today, the same futures under each choice. In brackets: where 90 in 100 of "
                 "them land.",
        "choices": [], "differences": [], "chances": CHANCES}
    for name, c in forecast["choices"].items():
        chances = ", ".join(f"{OUTCOME_WORDS[k]} {_figure(c[k])}" for k in OUTCOME_WORDS)
        parts["choices"].append(
            f"{words[name]}: after {days[-1]} days, {chances}; your well-being "
            f"{_figure(c[f'wellbeing_{days[0]}'], 'of 100')} at {days[0]} days and "
            f"{_figure(c[f'wellbeing_{days[-1]}'], 'of 100')} at {days[-1]} days.")
    base = forecast["baseline"]
    for name, c in forecast["choices"].items():
        if name == base:
            continue
        d = c["difference"]
        parts["differences"].append(
            f"{words[name]}, compared with \"{words[base].lower()}\" on the same futures: the "
            f"pressure they feel in the first week {_change(d['pressure_on_them'])} points of "
            f"100; your well-being at {days[-1]} days {_change(d[f'wellbeing_{days[-1]}'])}; a "
            f"block {_change(d['blocked'])} in 100; together and calm {_change(d['union'])} in "
            "100.")
    return parts


def forecast_rows(days: list[int]) -> list[dict[str, str]]:
    """The rows of the forecast's table: each figure's key, its words and its unit."""
    rows = [{"name": k, "words": f"{w.capitalize()} after {days[-1]} days", "unit": "in 100"}
            for k, w in OUTCOME_WORDS.items()]
    rows += [{"name": f"wellbeing_{h}", "words": f"Your well-being at {h} days",
              "unit": "of 100"} for h in days]
    rows.append({"name": "pressure_on_them", "words": "The pressure they feel in the first week",
                 "unit": "of 100"})
    return rows
