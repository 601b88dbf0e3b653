"""A scenario: two twins, the dyad's start, the model's rates, the run's horizon, and the
distributions that make every dyad of an ensemble a little different (M18)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from difflib import get_close_matches
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from ..errors import InputError
from ..validated import Frozen
from .params import Dyad, Model, Policy, Twin, field_info, owner_of
from .policies import policy as parse_policy
from .validation import build

MAX_DAYS = 50 * 365.25
MIN_DAYS = 1.0 / 1440.0  # one minute
# Steps of one run that the command line and the web both allow (5 years in hourly steps are
# 43,830; 50 years in daily steps 18,263): above it a run takes minutes and its arrays grow past
# the memory of a laptop.
MAX_STEPS = 200_000


class Distribution(Frozen):
    """A distribution a parameter is drawn from, per dyad, in ensembles.

    ``uniform``: a = low, b = high; ``normal``: a = mean, b = sd; ``beta``: a = alpha, b = beta;
    ``lognormal``: a = median, b = sigma of the log. Draws are clipped to the parameter's range.
    """

    kind: Literal["uniform", "normal", "beta", "lognormal"]
    a: float
    b: float

    @model_validator(mode="after")
    def _check(self) -> Distribution:
        if self.kind == "uniform" and self.b < self.a:
            raise ValueError("uniform needs low <= high")
        if self.kind != "uniform" and self.b <= 0:
            raise ValueError(f"{self.kind} needs a positive second number")
        if self.kind == "beta" and self.a <= 0:
            raise ValueError("beta needs positive alpha and beta")
        return self


class Scenario(Frozen):
    """Everything one run needs. Edit with :meth:`with_changes`; load with
    :func:`twinflames.scenarios.load`."""

    name: str = Field("custom", max_length=80)
    description: str = ""
    section: str = Field("", description="the article section this scenario illustrates")
    shows: str = Field("", description="what the scenario should show")
    days: float = Field(3 * 365.0, gt=0, le=MAX_DAYS, description="horizon in days")
    dt_hours: float = Field(24.0, gt=0, le=24 * 7,
                            description="step in hours (events and role changes inside a step "
                                        "keep their own times; see docs/performance.md)")
    seed: int = Field(0, ge=0, lt=2**63, description="master seed")
    a: Twin = Field(default_factory=Twin)
    b: Twin = Field(default_factory=Twin)
    dyad: Dyad = Field(default_factory=Dyad)
    model: Model = Field(default_factory=Model)
    vary: dict[str, Distribution] = Field(default_factory=dict)

    @field_validator("vary", mode="before")
    @classmethod
    def _table_to_distribution(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out = {}
        for key, spec in value.items():
            if isinstance(spec, dict) and len(spec) == 1 and "kind" not in spec:
                (kind, ab), = spec.items()
                if not (isinstance(ab, (list, tuple)) and len(ab) == 2):
                    raise ValueError(f"vary.{key}: write {{{kind} = [x, y]}}")
                spec = {"kind": kind, "a": ab[0], "b": ab[1]}
            out[key] = spec
        return out

    @field_validator("a", "b", mode="before")
    @classmethod
    def _policy_by_name(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("policy"), str):
            value = {**value, "policy": parse_policy(value["policy"])}
        return value

    @model_validator(mode="after")
    def _check_vary(self) -> Scenario:
        for key in self.vary:
            try:
                path = resolve(key)
            except InputError as exc:
                raise InputError(f"vary.{exc}") from None
            if path[-1] in ("name", "policy") or path[0] not in ("a", "b", "dyad", "model"):
                raise ValueError(f"vary.{key}: only numeric twin, dyad or model parameters vary")
            if path[-1] in ("close_threshold", "apart_threshold"):
                raise ValueError(f"vary.{key}: the phase thresholds are fixed for a scenario")
        if self.model.apart_threshold >= self.model.close_threshold:
            raise ValueError("model.apart_threshold must be below model.close_threshold")
        if self.days < MIN_DAYS:
            raise InputError(f"days = {self.days:g}: allowed: at least one minute "
                             f"({MIN_DAYS:.6f} days)")
        return self

    @property
    def n_steps(self) -> int:
        """Steps of one run: as many as it takes to cover the horizon with steps no longer than
        ``dt_hours``."""
        steps = self.days * 24.0 / self.dt_hours
        return max(1, round(steps) if abs(steps - round(steps)) < 1e-9 else math.ceil(steps))

    @property
    def dt(self) -> float:
        """Step in days: ``dt_hours`` when it divides the horizon, else the horizon split into
        :attr:`n_steps` equal steps (a run of 36 hours in daily steps takes two of 18 hours)."""
        steps = self.days * 24.0 / self.dt_hours
        if abs(steps - round(steps)) < 1e-9:
            return self.dt_hours / 24.0
        return self.days / self.n_steps

    def check_steps(self) -> int:
        """:attr:`n_steps`, or :class:`InputError` above :data:`MAX_STEPS` (the limit every
        command and request with a horizon and a step shares)."""
        steps = self.days * 24.0 / self.dt_hours
        if self.n_steps > MAX_STEPS:
            raise InputError(f"dt_hours = {self.dt_hours:g}: {self.days:g} days in steps of "
                             f"{self.dt_hours:g} h are {steps:.6g} steps; allowed: at most "
                             f"{MAX_STEPS} steps (a longer step or a shorter horizon)")
        return self.n_steps

    def with_changes(self, changes: dict[str, Any] | None = None, **kw: Any) -> Scenario:
        """A copy with changes given by flat names: ``{"a.wound": 0.9, "chase_pressure": 0.5,
        "b.policy": "guided", "b.boundary": 0.4, "days": 730}``."""
        data = self.model_dump()
        for key, value in {**(changes or {}), **kw}.items():
            path = resolve(key)
            # a value set by hand is fixed: it no longer varies between dyads
            data["vary"] = {k: v for k, v in data["vary"].items() if resolve(k) != path}
            if path[-1] == "policy":
                value = parse_policy(value).model_dump()
            node = data
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
        return build(Scenario, data)


_TWIN = set(Twin.model_fields) - {"policy"}
_POLICY = set(Policy.model_fields) - {"name"}
_TOP = {"name", "description", "section", "shows", "days", "dt_hours", "seed"}


def names() -> list[str]:
    """Every flat name :meth:`Scenario.with_changes` accepts."""
    out = sorted(_TOP)
    for t in "ab":
        out += [f"{t}.{n}" for n in sorted(_TWIN)] + [f"{t}.policy"]
        out += [f"{t}.{n}" for n in sorted(_POLICY)]
    out += [f"dyad.{n}" for n in Dyad.model_fields] + [f"model.{n}" for n in Model.model_fields]
    return out


def resolve(key: str) -> tuple[str, ...]:
    """Map a flat name to its path in the scenario; raise :class:`InputError` if unknown."""
    parts = key.strip().split(".")
    head, rest = parts[0], parts[1:]
    if not rest:
        if head in _TOP:
            return (head,)
        if head in Dyad.model_fields:
            return ("dyad", head)
        if head in Model.model_fields:
            return ("model", head)
    elif head in ("a", "b") and len(rest) == 1:
        if rest[0] in _TWIN or rest[0] == "policy":
            return (head, rest[0])
        if rest[0] in _POLICY:
            return (head, "policy", rest[0])
    elif head in ("a", "b") and len(rest) == 2 and rest[0] == "policy" and rest[1] in _POLICY:
        return (head, "policy", rest[1])
    elif head == "dyad" and len(rest) == 1 and rest[0] in Dyad.model_fields:
        return ("dyad", rest[0])
    elif head == "model" and len(rest) == 1 and rest[0] in Model.model_fields:
        return ("model", rest[0])
    hint = get_close_matches(key, names(), n=1) or get_close_matches(
        key, [n.split(".")[-1] for n in names()], n=1)
    raise InputError(f"{key}: unknown parameter" + (f" (did you mean {hint[0]!r}?)" if hint
                                                     else "; see docs/model.md for the list"))


def field_of(path: tuple[str, ...]) -> tuple[type[BaseModel], str]:
    """The model class and field name at the end of a resolved path."""
    return owner_of(Scenario, path), path[-1]  # type: ignore[return-value]


def check_in_range(name: str, values: Iterable[float], option: str) -> None:
    """Refuse, naming ``option``, a parameter that is not a number (a name or a policy) or a
    value outside the parameter's valid range (top-level settings such as ``days`` pass)."""
    path = resolve(name)
    if path[-1] in ("name", "policy"):
        raise InputError(f"{option} {name}: allowed: a numeric parameter (see twinflames params)")
    if path[0] not in ("a", "b", "dyad", "model"):
        return
    info = field_info(*field_of(path))
    lo, hi = info["min"], info["max"]
    for v in values:
        if lo is not None and not lo <= v <= hi:
            raise InputError(f"{option} {name}: {v:g} is outside the valid range; allowed: a "
                             f"number from {lo:g} to {hi:g}")
