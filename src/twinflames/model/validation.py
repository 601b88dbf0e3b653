"""Turn pydantic's validation errors into one plain line naming field, value and what is allowed."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import InputError
from .params import bounds, owner_of

M = TypeVar("M", bound=BaseModel)


_WORDS = {"ge": "at least", "gt": "above", "le": "at most", "lt": "below"}


def _allowed(model: type[BaseModel], loc: tuple) -> str:
    """What is allowed for the field at ``loc`` (empty if it has no numeric range)."""
    owner = owner_of(model, loc)
    name = loc[-1] if loc else None
    if owner is None or not isinstance(name, str) or name not in owner.model_fields:
        return ""
    b = bounds(owner, name)
    if "ge" in b and "le" in b:
        return f"a number from {b['ge']:g} to {b['le']:g}"
    return "a number " + " and ".join(f"{_WORDS[k]} {v:g}" for k, v in b.items()) if b else ""


def build(model: type[M], values: dict[str, Any], prefix: str = "") -> M:
    """Validate ``values`` into ``model``; raise :class:`InputError` with a one-line message."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise InputError(describe(exc, model, prefix)) from None


def describe(exc: ValidationError, model: type[BaseModel], prefix: str = "") -> str:
    """One line for the first error of ``exc``."""
    return describe_error(exc.errors()[0], model, prefix)


def describe_error(err: dict[str, Any], model: type[BaseModel], prefix: str = "") -> str:
    """One line for one pydantic error (a dict of ``ValidationError.errors()``) of ``model``."""
    loc = tuple(err["loc"])
    if isinstance(err.get("ctx", {}).get("error"), InputError):
        return str(err["ctx"]["error"])  # our own check already wrote the whole line
    field = prefix + ".".join(str(p) for p in loc)
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        parent = owner_of(model, loc)
        known = list(parent.model_fields) if parent else []
        hint = get_close_matches(str(loc[-1]), known, n=1)
        return (f"{field}: unknown parameter; allowed: {', '.join(known)}"
                + (f" (did you mean {prefix}{'.'.join(map(str, loc[:-1] + (hint[0],)))}?)"
                   if hint else ""))
    allowed = _allowed(model, loc)
    if err["type"] == "missing":
        return f"{field}: missing" + (f"; allowed: {allowed}" if allowed else "")
    if err["type"] == "finite_number":
        allowed = allowed or "a finite number"
        return f"{field} = {short(value)}: not a finite number; allowed: {allowed}"
    shown = short(value) if not isinstance(value, dict) else "a table"
    msg = (str(err.get("ctx", {}).get("error", err["msg"])) if err["type"] == "value_error"
           else err["msg"].lower())
    if "; allowed: " in msg:
        return f"{field} = {shown}: {msg}"
    return f"{field} = {shown}: {msg}" + (f"; allowed: {allowed}" if allowed else "")


def short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to about ``limit`` characters (a 30 MB value is not echoed)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"
