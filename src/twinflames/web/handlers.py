"""Bad input becomes a 4xx JSON answer naming the field, the value and what is allowed.

Every error answer has the body ``{error, field, value, allowed}`` (:class:`ErrorBody`), the
OpenAPI description lists it for 400, 403 and 422 on every operation, and it is written as
ASCII JSON so that no text the request sent (a lone surrogate, say) can break the answer.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from ..errors import InputError
from ..model.validation import describe_error, short

_LINE = re.compile(r"^(?P<field>[\w.\[\]-]+)(?: = (?P<value>.*?))?: (?:'(?P<quoted>[^']*)')?")
MAX_VALUE = 200  # characters of a value echoed back


class ErrorBody(BaseModel):
    """What every refused request gets back."""

    error: str
    field: str | None
    value: Any = None
    allowed: str | None
    detail: Any = None


class ErrorResponse(JSONResponse):
    """JSON written as ASCII: text that is not valid Unicode is escaped, never a crash."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False,
                          separators=(",", ":")).encode("ascii")


def error_body(line: str, field: str | None = None, value: Any = None,
               detail: Any = None) -> dict[str, Any]:
    """``{"error": line, "field", "value", "allowed"}``; field and value are read from the line
    (``field = value: ...; allowed: ...``) when not given."""
    m = _LINE.match(line)
    if field is None and m:  # "field = value: ..." or "field: 'value' ..."
        field, value = m.group("field"), m.group("value") or m.group("quoted")
    _, sep, allowed = line.partition("; allowed: ")
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)  # JSON has no NaN or infinity
    elif isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str) and len(value) > MAX_VALUE:
        value = f"{value[:MAX_VALUE]}… ({len(value)} characters)"
    elif not isinstance(value, str | int | float | bool | None):
        value = short(value, MAX_VALUE)
    body = {"error": line, "field": field, "value": value, "allowed": allowed if sep else None}
    if detail is not None:
        body["detail"] = detail
    return jsonable_encoder(body)


def _body_model(request: Request) -> type[BaseModel] | None:
    """The pydantic model of the matched route's JSON body, if it has one."""
    body = getattr(request.scope.get("route"), "body_field", None)
    model = getattr(getattr(body, "field_info", None), "annotation", None)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


_UNION_TAG = re.compile(r"^(float|int|str|bool|constrained-str|function-\w+\[.*\])$")


def _place(loc: tuple) -> tuple:
    """An error's location without FastAPI's leading ``body`` and pydantic's union tags."""
    loc = loc[1:] if loc[:1] == ("body",) else loc
    return tuple(p for p in loc if not (isinstance(p, str) and _UNION_TAG.match(p))) or ("body",)


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    raw = list(exc.errors())
    for e in raw:  # our own checks inside the schema already wrote the full line
        if isinstance(e.get("ctx", {}).get("error"), InputError):
            return ErrorResponse(status_code=400, content=error_body(str(e["ctx"]["error"])))
    # locations without the leading "body" FastAPI adds
    errors = [{**e, "loc": _place(e["loc"])} for e in raw]
    first = errors[0]
    if first["type"] == "json_invalid":
        return ErrorResponse(status_code=422, content=error_body(
            f"body: not valid JSON ({first['msg']}); allowed: a JSON object", "body", None))
    model = _body_model(request)
    field = ".".join(str(p) for p in first["loc"])
    line = describe_error(first, model) if model else f"{field}: {first['msg'].lower()}"
    value = first.get("input")
    return ErrorResponse(status_code=422, content=error_body(
        line, field, value if not isinstance(value, dict) else "a table",
        [{k: e.get(k) for k in ("loc", "msg", "type")} for e in errors]))


async def _input(request: Request, exc: InputError) -> JSONResponse:
    return ErrorResponse(status_code=400, content=error_body(str(exc)))


_HTTP = {404: ("path", "a path listed in /openapi.json"),
         405: ("method", "a method listed in /openapi.json for this path"),
         400: ("body", "a JSON object (or, for imports, the file's bytes)")}


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    """Starlette's own refusals (no such route, wrong method, unreadable body) in our body."""
    field, allowed = _HTTP.get(exc.status_code, ("request", None))
    value = {"path": request.url.path, "method": request.method}.get(field)
    line = f"{field}: {exc.detail}".rstrip(".") + (f"; allowed: {allowed}" if allowed else "")
    return ErrorResponse(status_code=exc.status_code, content=error_body(line, field, value),
                         headers=getattr(exc, "headers", None))


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    return ErrorResponse(status_code=500, content={
        "error": f"internal error: {type(exc).__name__} (please report it)"})


_REFUSALS = {"400": "Bad input: the field, the value and what is allowed",
             "403": "Refused: a request from another site or to another host name",
             "422": "A body or parameter of the wrong shape: the field and what is allowed"}


def _with_error_answers(app: FastAPI):
    """``app.openapi`` with :class:`ErrorBody` as the 400, 403 and 422 answer of every
    operation."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["ErrorBody"] = ErrorBody.model_json_schema(ref_template="#/components/schemas/"
                                                                        "{model}")
        for schemas_name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(schemas_name, None)
        ref = {"$ref": "#/components/schemas/ErrorBody"}
        for operations in schema.get("paths", {}).values():
            for op in operations.values():
                answers = op.setdefault("responses", {})
                for status, what in _REFUSALS.items():
                    answers[status] = {"description": what,
                                       "content": {"application/json": {"schema": ref}}}
        app.openapi_schema = schema
        return schema

    return openapi


def install(app: FastAPI) -> None:
    """Register the handlers on ``app`` and describe their answers in its OpenAPI document."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(InputError, _input)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _internal)
    app.openapi = _with_error_answers(app)
