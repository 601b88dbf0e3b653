"""Request and response bodies of the explorer's JSON API (they are also its OpenAPI schema)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from ..errors import InputError
from ..model.scenario import resolve
from ..scenarios import preset_names
from . import limits

Value = float | Annotated[str, StringConstraints(max_length=200)]


class _Strict(BaseModel):
    # strict: true and false are not numbers (pydantic would read them as 1 and 0)
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)


def check_changes(changes: dict[str, Value]) -> dict[str, Value]:
    """Keep only known twin, dyad and model parameters, policies first (a policy replaces the
    twin's whole policy, so changes to its numbers must come after it)."""
    for key, value in changes.items():
        try:
            top = resolve(key)[0] not in ("a", "b", "dyad", "model")
        except InputError as exc:
            reason = str(exc).partition(": ")[2]
            raise InputError(f"changes.{key} = {value!r}: {reason}; allowed: a parameter listed "
                             "by /api/params") from None
        if top:
            raise InputError(f"changes.{key} = {value!r}: not a parameter of the model; allowed:"
                             " a twin, dyad or model parameter (days, seed and dt_hours are "
                             "fields of their own)")
    return dict(sorted(changes.items(), key=lambda kv: not kv[0].endswith(".policy")))


Changes = Annotated[dict[str, Value], AfterValidator(check_changes)]


class RunSettings(_Strict):
    """What every request shares: the preset, its changes, seed, horizon and step."""

    scenario: str = Field("classic", description="a preset name (see /api/scenarios)")
    changes: Changes = Field(
        default_factory=dict, max_length=limits.MAX_CHANGES,
        description="flat parameter changes, e.g. {\"b.policy\": \"guided\", \"a.wound\": 0.9}",
        examples=[{"b.policy": "guided", "chase_pressure": 0.4}])
    seed: int | None = Field(None, ge=0, lt=2**63, description="master seed (default: the "
                             "preset's)")
    days: float | None = Field(None, gt=0, le=limits.MAX_DAYS, description="horizon in days "
                               "(default: the preset's)")
    dt_hours: float | None = Field(None, ge=0.25, le=168, description="step in hours "
                                   "(default: the preset's)")

    @field_validator("scenario")
    @classmethod
    def _preset(cls, value: str) -> str:
        if value not in preset_names():
            raise ValueError(f"unknown preset; allowed: one of {', '.join(preset_names())}")
        return value


class SimulateRequest(RunSettings):
    """One dyad."""

    points: int = Field(2000, ge=10, le=limits.MAX_POINTS,
                        description="at most this many trajectory rows in the answer")


class EnsembleRequest(RunSettings):
    """Many dyads of one scenario; daily steps unless ``dt_hours`` says otherwise."""

    runs: int = Field(1000, ge=1, le=limits.MAX_RUNS, description="number of dyads")
    dt_hours: float | None = Field(24.0, ge=0.25, le=168, description="step in hours "
                                   "(default: daily steps, as for sweeps)")


class Arm(_Strict):
    """One choice of a comparison: changes on top of the shared ones."""

    label: str | None = Field(None, max_length=80, description="name shown for this choice")
    changes: Changes = Field(..., min_length=1, max_length=limits.MAX_CHANGES,
                                      examples=[{"b.policy": "guided"}])


class CompareRequest(EnsembleRequest):
    """The same dyads (same seeds, same draws) under two or more choices."""

    arms: list[Arm] = Field(..., min_length=2, max_length=limits.MAX_ARMS,
                            description="the first choice is the baseline",
                            examples=[[{"changes": {"b.policy": "anxious"}},
                                       {"changes": {"b.policy": "guided"}}]])


class Phase(BaseModel):
    start: float
    end: float
    phase: str
    runner: str | None
    chaser: str | None


class Event(BaseModel):
    day: float
    kind: str
    who: str | None
    sign: str | None = None
    role: str | None = None


class SimulateResponse(BaseModel):
    scenario: str
    seed: int
    days: float
    dt_hours: float
    names: dict[str, str]
    policies: dict[str, str]
    changes: dict[str, Value]
    outcome: str
    story: list[str]
    phases: list[Phase]
    events: list[Event]
    final: dict[str, Any]
    metrics: dict[str, Any]
    heal_threshold: float
    trajectory: dict[str, list[Any]] = Field(description="columns of equal length: day, "
                                             "closeness, wound_a, ..., phase, role_a, role_b")
    version: str


class Interval(BaseModel):
    estimate: float
    low: float
    high: float


class OutcomeCount(BaseModel):
    count: int
    probability: float
    low: float
    high: float


class Histogram(BaseModel):
    edges: list[float]
    counts: list[int]


class EnsembleSummary(BaseModel):
    label: str
    changes: dict[str, Value]
    runs: int
    outcomes: dict[str, OutcomeCount]
    days_to_union: dict[str, float | None]
    days_to_union_histogram: Histogram
    days_in_phase: dict[str, float]
    rates: dict[str, float]


class EnsembleResponse(EnsembleSummary):
    scenario: str
    seed: int
    days: float
    dt_hours: float
    version: str


class CompareResponse(BaseModel):
    scenario: str
    seed: int
    runs: int
    days: float
    dt_hours: float
    baseline: str
    arms: list[EnsembleSummary]
    differences: dict[str, dict[str, Interval]] = Field(
        description="per choice after the first: metric -> paired difference from the first, "
                    "with a 95% interval")
    version: str
