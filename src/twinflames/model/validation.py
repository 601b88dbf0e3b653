"""Turn pydantic's validation errors into one plain line naming field, value and what is allowed."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import InputError

M = TypeVar("M", bound=BaseModel)


def _allowed(model: type[BaseModel], loc: tuple) -> tuple[str, type[BaseModel] | None]:
    """Walk ``loc`` through nested models; return what is allowed for the last field."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or not isinstance(part, str) or part not in current.model_fields:
            return "", current
        field = current.model_fields[part]
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            current = ann
            continue
        bounds = {}
        for m in field.metadata:
            for op in ("ge", "gt", "le", "lt"):
                if getattr(m, op, None) is not None:
                    bounds[op] = getattr(m, op)
        words = {"ge": "at least", "gt": "above", "le": "at most", "lt": "below"}
        if "ge" in bounds and "le" in bounds:
            return f"a number from {bounds['ge']:g} to {bounds['le']:g}", None
        if bounds:
            return "a number " + " and ".join(f"{words[k]} {v:g}" for k, v in bounds.items()), None
        return "", None
    return "", current


def build(model: type[M], values: dict[str, Any], prefix: str = "") -> M:
    """Validate ``values`` into ``model``; raise :class:`InputError` with a one-line message."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise InputError(describe(exc, model, prefix)) from None


def describe(exc: ValidationError, model: type[BaseModel], prefix: str = "") -> str:
    """One line for the first error of ``exc``."""
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    field = prefix + ".".join(str(p) for p in loc)
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        parent: type[BaseModel] | None = model
        for part in loc[:-1]:
            ann = parent.model_fields[part].annotation if parent and part in parent.model_fields \
                else None
            parent = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None
        known = list(parent.model_fields) if parent else []
        hint = get_close_matches(str(loc[-1]), known, n=1)
        return (f"{field}: unknown parameter; allowed: {', '.join(known)}"
                + (f" (did you mean {prefix}{'.'.join(map(str, loc[:-1] + (hint[0],)))}?)"
                   if hint else ""))
    allowed, _ = _allowed(model, loc)
    if err["type"] == "finite_number":
        allowed = allowed or "a finite number"
        return f"{field} = {value!r}: not a finite number; allowed: {allowed}"
    shown = repr(value) if not isinstance(value, dict) else "a table"
    return f"{field} = {shown}: {err['msg'].lower()}" + (f"; allowed: {allowed}" if allowed else "")
