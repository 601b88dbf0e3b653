"""The JSON API under ``/api``: scenarios, params, simulate, ensemble, compare."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from .. import api
from ..errors import InputError
from ..model import layout as L
from ..model.scenario import Scenario
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


def _scenario(body: RunSettings) -> tuple[Scenario, int]:
    """The request's scenario (preset, changes, horizon, seed, step) and its number of steps,
    checked against the limits."""
    sc = api.prepare_scenario(body.scenario, body.changes, days=body.days, seed=body.seed,
                              dt_hours=body.dt_hours)
    return sc, sc.check_steps()


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
    sc, _ = _scenario(body)
    with limits.simulation_lock:
        run = api.simulate(sc)
        return payloads.run_payload(run, body.points, body.changes)


@router.post("/ensemble", response_model=EnsembleResponse, summary="Run many dyads")
def ensemble(body: EnsembleRequest) -> dict[str, Any]:
    """``runs`` dyads of a preset: outcome counts with 95% intervals, days to union, rates."""
    sc, steps = _scenario(body)
    limits.check_work(body.runs, 1, steps)
    with limits.simulation_lock:
        ens = api.ensemble(sc, body.runs, progress=False)
    return payloads.ensemble_payload(ens, body.changes)


@router.post("/compare", response_model=CompareResponse,
             summary="The same dyads under two or more choices")
def compare(body: CompareRequest) -> dict[str, Any]:
    """Run the same dyads (same seeds and draws) under each choice; the first is the baseline.
    Each other choice gets its paired difference from the baseline with a 95% interval."""
    sc, steps = _scenario(body)
    limits.check_work(body.runs, len(body.arms), steps)
    labels = [arm.label or ", ".join(f"{k}={v}" for k, v in arm.changes.items())
              for arm in body.arms]
    if len(set(labels)) < len(labels):
        raise InputError(f"arms: labels {labels!r} repeat; allowed: a different label for "
                         "each choice")
    with limits.simulation_lock:
        cmp = api.compare(sc, [arm.changes for arm in body.arms], body.runs, progress=False)
    return payloads.comparison_payload(cmp, labels, [arm.changes for arm in body.arms])
