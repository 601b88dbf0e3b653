"""The moment of the urge under ``/api/journal/urge``: the flow the Journal page's "I want to
reach out" button opens, with the same data as ``twinflames journal urge --json``.

``GET /urge`` answers at once (acknowledgement, your own history, the choices, the practice);
``POST /urge/forecast`` adds this moment's forecast from today's posterior (kept in the session
as the other inference routes keep it); ``POST /urge/close`` logs the urge as resisted or
acted; ``POST /urge/unsent`` keeps a private unsent letter.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from ..inference.observations import TooFewDaysError
from ..inference.urge_flow import urge_flow
from ..journal import urge_care as care
from ..journal.kinds import MAX_TEXT
from . import limits
from .inference_routes import posterior
from .journal_access import JournalRequestError, require_token
from .journal_schemas import InferenceSettings
from .journal_session import Session

router = APIRouter(prefix="/api/journal/urge", dependencies=[Depends(require_token)],
                   tags=["journal"])


class Close(BaseModel):
    """How the urge went."""

    model_config = ConfigDict(extra="forbid")
    outcome: Literal["resisted", "acted"] = Field(..., description="resisted or acted")


class Letter(BaseModel):
    """What you would have sent, kept as a private unsent letter."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=MAX_TEXT, description="the letter")


@router.get("", summary="The urge flow without the forecast (answers at once)")
def flow(js: Session) -> dict[str, Any]:
    """``acknowledge``, ``history``, ``blocked``, ``blocked_by``, ``choices``, ``practice``,
    ``unsent``, ``close``, ``not_therapy`` and ``lines``; ``forecast`` is null."""
    with js.open() as jr:
        records = jr.list()
    return urge_flow(records)


@router.post("/forecast", summary="The urge flow with this moment's paired forecast")
def forecast(body: InferenceSettings, js: Session) -> dict[str, Any]:
    """The flow with ``forecast`` (choice -> outcome -> of_100, low, high, and the paired
    ``difference`` from waiting) and ``forecast_lines``. Fewer than 7 days with entries: the
    flow says how many more are needed and ``forecast`` is null."""
    with js.open() as jr:
        records = jr.list()
    try:
        result: Any = posterior(js, body)
    except JournalRequestError as exc:
        if exc.status != 400 or not exc.detail:
            raise
        result = TooFewDaysError(exc.detail["days_with_entries"])
    with limits.simulation_lock:
        return urge_flow(records, posterior=result)


@router.post("/close", status_code=201, summary="Log the urge as resisted or acted")
def close(body: Close, js: Session) -> dict[str, Any]:
    """Adds one ``urge`` entry (value 1, detail = ``outcome``); ``words`` acknowledges it."""
    with js.open() as jr:
        record = jr.add("urge", value=1, detail=body.outcome)
    return {"entry": record.to_dict(), "words": care.CLOSED[body.outcome]}


@router.post("/unsent", status_code=201, summary="Keep a private unsent letter")
def unsent(body: Letter, js: Session) -> dict[str, Any]:
    """Adds one ``unsent`` entry: left out of lists, stats, exports and the inference unless
    asked for by kind (``/api/journal/entries?kind=unsent``)."""
    with js.open() as jr:
        record = jr.add("unsent", note=body.text)
    return {"id": record.id, "words": care.UNSENT_SAVED}
