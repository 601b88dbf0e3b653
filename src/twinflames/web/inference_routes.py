"""Where am I in the dynamic? The journal's inference under ``/api/journal``.

``POST /where``, ``/forecast`` and ``/guide`` answer with the JSON that ``twinflames journal
where | forecast | guide --json`` prints. They read the journal through the same session as
the other journal routes (token, lock and encryption alike), run the filter on demand, one
simulation at a time, and keep its last answer in the session for the same entries and
settings: a forecast or guidance right after ``where`` does not run the filter again, and any
change to the journal (here or from the command line) changes the entries and so runs it anew:
with the same settings as the kept answer, by the daily update (only the new days; a change to
an earlier day replays the whole journal), equal to a full run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends

from .. import inference
from ..errors import InputError
from ..inference.guidance import guide as guidance
from ..inference.observations import MIN_DAYS, TooFewDaysError
from . import limits
from .journal_access import JournalRequestError, require_token
from .journal_schemas import ForecastSettings, InferenceSettings
from .journal_session import JournalSession, Session

if TYPE_CHECKING:
    from ..inference import InferenceResult
    from ..journal.journal import Record

MAX_PARTICLE_DAYS = 20_000_000  # particles x days of one filter run (about half a minute)

router = APIRouter(prefix="/api/journal", dependencies=[Depends(require_token)],
                   tags=["journal"])


def _version(records: list[Record]) -> str:
    """A digest of the current entries: it changes with every add, edit, removal or import."""
    text = json.dumps([r.to_dict() for r in records], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _check_work(records: list[Record], settings: InferenceSettings) -> None:
    """Refuse a filter run of more than :data:`MAX_PARTICLE_DAYS` (a far ``as_of``)."""
    dates = sorted({r.entry.date for r in records})
    if not dates:
        return
    try:
        last = dt.date.fromisoformat(settings.as_of or dates[-1])
    except ValueError:
        return  # the filter names what is wrong with as_of
    days = (last - dt.date.fromisoformat(dates[0])).days + 1
    if days * settings.particles > MAX_PARTICLE_DAYS:
        raise InputError(f"particles = {settings.particles}: {settings.particles} particles x "
                         f"{days} days = {days * settings.particles:.3g}; allowed: at most "
                         f"{MAX_PARTICLE_DAYS:.3g} (fewer particles or an earlier as_of)")


def posterior(js: JournalSession, settings: InferenceSettings) -> InferenceResult:
    """The filter's answer for the journal's current entries (kept for the same entries and
    settings).

    Raises
    ------
    JournalRequestError
        400 with ``detail`` (``days_with_entries``, ``needed``, ``more``) when the journal has
        fewer than a week of days with entries; 404/423 as the other journal routes.
    InputError
        Other bad settings (``as_of``, too much work).
    """
    with js.open() as journal:
        records = journal.list()
    _check_work(records, settings)

    def run() -> InferenceResult:
        earlier = js.kept()
        with limits.simulation_lock:
            if earlier is not None and earlier[0][1:] == key[1:]:  # same settings: carry on
                return inference.update(earlier[1], records, as_of=settings.as_of)
            return inference.infer(records, particles=settings.particles, seed=settings.seed,
                                   as_of=settings.as_of)

    key = (_version(records), settings.particles, settings.seed, settings.as_of)
    try:
        return js.remember(key, run)
    except TooFewDaysError as exc:  # nothing to infer from yet: say how much more is needed
        raise JournalRequestError(400, str(exc), detail={
            "days_with_entries": exc.days, "needed": MIN_DAYS, "more": exc.more}) from None


@router.post("/where", summary="Where am I? Phase, roles and hidden states from the journal")
def where(body: InferenceSettings, js: Session) -> dict[str, Any]:
    """The JSON of ``twinflames journal where --json``: ``as_of``, ``phase`` (name ->
    probability), ``roles`` (me/them -> runner/chaser/none -> probability), ``states``
    (me/them -> state -> median, low, high, prior, moved, mostly_unknown), ``timeline`` and
    ``diagnostics``. Fewer than 7 days with entries: 400 saying how many more to log."""
    return posterior(js, body).to_dict()


@router.post("/forecast", summary="The same simulated futures under each choice, paired")
def forecast(body: ForecastSettings, js: Session) -> dict[str, Any]:
    """The JSON of ``twinflames journal forecast --json``: per choice, ``union``, ``apart``,
    ``blocked``, ``moved_on``, ``turbulence`` (of 100) and ``wellbeing`` (0-100), each with
    ``of_100``, ``low`` and ``high`` (90% interval), and for every choice after the first its
    paired ``difference`` from the first."""
    limits.check_work(body.runs, len(body.vs), body.days)
    result = posterior(js, body)
    with limits.simulation_lock:
        return result.forecast(vs=body.vs, days=body.days, runs=body.runs).to_dict()


@router.post("/guide", summary="What the article suggests for where you most likely are")
def guide(body: InferenceSettings, js: Session) -> dict[str, Any]:
    """The JSON of ``twinflames journal guide --json``: ``phase``, ``role``, ``section``,
    ``lines`` (the last one: not therapy, and where to turn when unsafe) and ``numbers``."""
    result = posterior(js, body)
    with limits.simulation_lock:
        return guidance(result).to_dict()
