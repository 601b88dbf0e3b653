"""The JSON API under ``/api``: scenarios, params, simulate, ensemble, compare."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from .. import api
from ..errors import InputError
from ..model import layout as L
from ..scenarios import load
from . import limits, payloads, sliders
from .schemas import (
    CompareRequest,
    CompareResponse,
    EnsembleRequest,
    EnsembleResponse,
    RunSettings,
    SimulateRequest,
    SimulateResponse,
)

router = APIRouter(prefix="/api")


def _horizon(body: RunSettings) -> tuple[float, float]:
    """The request's horizon and step (the preset's where not given), checked against limits."""
    sc = load(body.scenario)
    days = sc.days if body.days is None else body.days
    dt_hours = sc.dt_hours if body.dt_hours is None else body.dt_hours
    limits.check_steps(days, dt_hours)
    return days, dt_hours


@router.get("/scenarios", summary="The preset scenarios")
def scenarios() -> list[dict[str, Any]]:
    """Each preset: description, article section, horizon, seed, names, policies and the value
    of every slider parameter."""
    return payloads.scenario_list()


@router.get("/params", summary="Slider metadata, every parameter, policies and limits")
def params() -> dict[str, Any]:
    """What the page's controls need: the slider parameters (label, unit, range, meaning,
    article section), every parameter ``changes`` may name, the policies, outcomes, phases and
    the limits of one request."""
    return {"sliders": sliders.sliders(), "groups": sliders.GROUPS,
            "parameters": sliders.all_parameters(), "policies": sliders.policies(),
            "outcomes": list(L.OUTCOMES), "phases": list(L.PHASES),
            "limits": limits.as_dict()}


@router.post("/simulate", response_model=SimulateResponse, summary="Simulate one dyad")
def simulate(body: SimulateRequest) -> dict[str, Any]:
    """One dyad of a preset with changes: trajectory, phases, events, outcome and story."""
    days, dt_hours = _horizon(body)
    with limits.simulation_lock:
        run = api.simulate(body.scenario, days=days, seed=body.seed, dt_hours=dt_hours,
                           changes=body.changes)
        return payloads.run_payload(run, body.points, body.changes)


@router.post("/ensemble", response_model=EnsembleResponse, summary="Run many dyads")
def ensemble(body: EnsembleRequest) -> dict[str, Any]:
    """``runs`` dyads of a preset: outcome counts with 95% intervals, days to union, rates."""
    days, dt_hours = _horizon(body)
    limits.check_work(body.runs, 1, days, dt_hours)
    with limits.simulation_lock:
        ens = api.ensemble(body.scenario, body.runs, seed=body.seed, days=days,
                           dt_hours=dt_hours, changes=body.changes, progress=False)
    return payloads.ensemble_payload(ens, body.changes)


@router.post("/compare", response_model=CompareResponse,
             summary="The same dyads under two or more choices")
def compare(body: CompareRequest) -> dict[str, Any]:
    """Run the same dyads (same seeds and draws) under each choice; the first is the baseline.
    Each other choice gets its paired difference from the baseline with a 95% interval."""
    days, dt_hours = _horizon(body)
    limits.check_work(body.runs, len(body.arms), days, dt_hours)
    labels = [arm.label or ", ".join(f"{k}={v}" for k, v in arm.changes.items())
              for arm in body.arms]
    if len(set(labels)) < len(labels):
        raise InputError(f"arms: labels {labels!r} repeat; allowed: a different label for "
                         "each choice")
    with limits.simulation_lock:
        cmp = api.compare(body.scenario, [arm.changes for arm in body.arms], body.runs,
                          seed=body.seed, days=days, dt_hours=dt_hours, changes=body.changes,
                          progress=False)
    return payloads.comparison_payload(cmp, labels, [arm.changes for arm in body.arms])
