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
from ..model.validation import describe_error

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


def _body_model(request: Request) -> type[BaseModel] | None:
    """The pydantic model of the matched route's JSON body, if it has one."""
    body = getattr(request.scope.get("route"), "body_field", None)
    model = getattr(getattr(body, "field_info", None), "annotation", None)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    raw = list(exc.errors())
    for e in raw:  # our own checks inside the schema already wrote the full line
        if isinstance(e.get("ctx", {}).get("error"), InputError):
            return JSONResponse(status_code=400, content=error_body(str(e["ctx"]["error"])))
    # locations without the leading "body" FastAPI adds
    errors = [{**e, "loc": tuple(e["loc"][1:] if e["loc"][:1] == ("body",) else e["loc"])
               or ("body",)} for e in raw]
    first = errors[0]
    if first["type"] == "json_invalid":
        return JSONResponse(status_code=422, content=error_body(
            f"body: not valid JSON ({first['msg']}); allowed: a JSON object", "body", None))
    model = _body_model(request)
    field = ".".join(str(p) for p in first["loc"])
    line = describe_error(first, model) if model else f"{field}: {first['msg'].lower()}"
    value = first.get("input")
    return JSONResponse(status_code=422, content=error_body(
        line, field, value if not isinstance(value, dict) else "a table",
        [{k: e.get(k) for k in ("loc", "msg", "type")} for e in errors]))


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
