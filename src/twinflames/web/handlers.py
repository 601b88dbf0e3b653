"""Bad input becomes a 4xx JSON answer naming the field, the value and what is allowed."""

from __future__ import annotations

import math
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..errors import InputError
from ..model.validation import describe
from .schemas import CompareRequest, EnsembleRequest, SimulateRequest

_BODIES: dict[str, type[BaseModel]] = {
    "/api/simulate": SimulateRequest, "/api/ensemble": EnsembleRequest,
    "/api/compare": CompareRequest}
_LINE = re.compile(r"^(?P<field>[\w.\[\]-]+)(?: = (?P<value>.*?))?: ")


def error_body(line: str, field: str | None = None, value: Any = None,
               detail: Any = None) -> dict[str, Any]:
    """``{"error": line, "field", "value", "allowed"}``; field and value are read from the line
    (``field = value: ...; allowed: ...``) when not given."""
    m = _LINE.match(line)
    if field is None and m:
        field, value = m.group("field"), m.group("value")
    _, sep, allowed = line.partition("; allowed: ")
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)  # JSON has no NaN or infinity
    body = {"error": line, "field": field, "value": value, "allowed": allowed if sep else None}
    if detail is not None:
        body["detail"] = detail
    return jsonable_encoder(body)


class _Errors:
    """The body's validation errors with the leading ``body`` dropped from each location."""

    def __init__(self, errors: list[dict[str, Any]]):
        self._errors = [{**e, "loc": tuple(e["loc"][1:] if e["loc"][:1] == ("body",)
                                           else e["loc"]) or ("body",)} for e in errors]

    def errors(self) -> list[dict[str, Any]]:
        return self._errors


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    raw = list(exc.errors())
    for e in raw:  # our own checks inside the schema already wrote the full line
        if isinstance(e.get("ctx", {}).get("error"), InputError):
            return JSONResponse(status_code=400, content=error_body(str(e["ctx"]["error"])))
    errors = _Errors(raw)
    first = errors.errors()[0]
    if first["type"] == "json_invalid":
        return JSONResponse(status_code=422, content=error_body(
            f"body: not valid JSON ({first['msg']}); allowed: a JSON object", "body", None))
    model = _BODIES.get(request.url.path)
    line = describe(errors, model) if model else f"{first['loc']}: {first['msg']}"
    field = ".".join(str(p) for p in first["loc"])
    value = first.get("input")
    return JSONResponse(status_code=422, content=error_body(
        line, field, value if not isinstance(value, dict) else "a table",
        [{k: e.get(k) for k in ("loc", "msg", "type")} for e in errors.errors()]))


async def _input(request: Request, exc: InputError) -> JSONResponse:
    return JSONResponse(status_code=400, content=error_body(str(exc)))


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(status_code=500, content={
        "error": f"internal error: {type(exc).__name__} (please report it)"})


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(InputError, _input)
    app.add_exception_handler(Exception, _internal)
