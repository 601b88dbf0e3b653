"""Requests other sites may not make: every route checks ``Host``, every state-changing route
checks ``Origin``.

- **Host.** While the explorer listens on this machine only (no token), a request must be
  addressed to a loopback name (``127.0.0.1``, ``localhost``, ``[::1]``): a page whose own name
  was pointed at this machine (DNS rebinding) carries that name and is refused, on every route.
  Served beyond this machine (``twinflames serve --host``), the journal's token guards it.
- **Origin.** ``POST``, ``PUT``, ``PATCH`` and ``DELETE`` from a browser carry the page's origin;
  one that is not this server's own (or ``null``, or ``Sec-Fetch-Site: cross-site``) is refused,
  so a site the person visits cannot lock, change or fill their journal. Requests without a
  browser (no ``Origin``) pass.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response

from .handlers import ErrorResponse, error_body
from .serve import is_loopback

CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _host_name(host: str) -> str:
    return (urlsplit(f"//{host}").hostname or "") if host else ""


def refusal(request: Request) -> tuple[str, str, str] | None:
    """Why ``request`` is refused: ``(header, its value, one line)``; None if it may proceed."""
    host = request.headers.get("host", "")
    if getattr(request.app.state, "journal_token", None) is None and not is_loopback(
            _host_name(host)):
        return "host", host, (f"host: {host[:100]!r}; allowed: 127.0.0.1, localhost or [::1] "
                              "(the explorer is served to this machine only)")
    if request.method not in CHANGING:
        return None
    origin = request.headers.get("origin")
    site = request.headers.get("sec-fetch-site")
    if origin is None and site == "cross-site":
        return "sec-fetch-site", site, ("sec-fetch-site: 'cross-site'; allowed: requests from "
                                        "the explorer's own page")
    parts = urlsplit(origin or "")
    if origin is not None and (parts.scheme != request.url.scheme
                               or parts.netloc.lower() != host.lower()):
        return "origin", origin, (f"origin: {origin[:100]!r}; allowed: the explorer's own "
                                  f"page ({request.url.scheme}://{host[:100]})")
    return None


def install(app: FastAPI) -> None:
    """Check ``Host`` and ``Origin`` (see the module) before any route of ``app`` runs."""

    @app.middleware("http")
    async def _guard(request: Request, call_next) -> Response:
        refused = refusal(request)
        if refused is not None:
            field, value, line = refused
            return ErrorResponse(status_code=403, content=error_body(line, field, value[:100]))
        return await call_next(request)
