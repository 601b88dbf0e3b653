"""Who may use the journal's page and API: anyone on loopback, else only holders of the token.

On loopback the request must also be addressed to a loopback name (``127.0.0.1``,
``localhost``, ``[::1]``): a web page whose own name was pointed at this machine (DNS
rebinding) carries its own name in ``Host`` and is refused.

When the explorer listens beyond this machine, ``twinflames serve`` prints a link with a random
token. The token is accepted once in the address (``?token=``) or in the
``X-Twinflames-Token`` header; the server then sets a cookie (HttpOnly, SameSite=Strict) so the
address no longer needs it.
"""

from __future__ import annotations

import secrets

from fastapi import Request

from .serve import is_loopback

HEADER = "X-Twinflames-Token"
COOKIE = "twinflames_token"


class JournalRequestError(Exception):
    """A journal request refused before it reached the journal (HTTP ``status``), with
    optional numbers for the page (``detail``, e.g. how many more days to log)."""

    def __init__(self, status: int, line: str, detail: dict | None = None):
        super().__init__(line)
        self.status = status
        self.detail = detail


def new_token(host: str) -> str | None:
    """A fresh token if ``host`` lets other machines connect, None on loopback."""
    return None if is_loopback(host) else secrets.token_urlsafe(24)


def presented(request: Request) -> str | None:
    """The token the request carries: header, then ``?token=``, then the cookie."""
    return (request.headers.get(HEADER) or request.query_params.get("token")
            or request.cookies.get(COOKIE))


def allowed(token: str | None, given: str | None) -> bool:
    """True if no token is needed, or ``given`` is the token (compared in constant time)."""
    if token is None:
        return True
    return given is not None and secrets.compare_digest(given.encode(), token.encode())


def require_token(request: Request) -> None:
    """FastAPI dependency: refuse (401) a journal request without the right token, and (403)
    one addressed to another name while no token is set (loopback only)."""
    token = request.app.state.journal_token
    if token is None and not is_loopback(request.url.hostname or ""):
        raise JournalRequestError(403, f"host: {request.url.hostname!r}; allowed: 127.0.0.1, "
                                       "localhost or [::1] (the journal is served to this "
                                       "machine only)")
    if not allowed(token, presented(request)):
        raise JournalRequestError(401, "token: missing or wrong; allowed: open the journal "
                                       "with the link `twinflames serve` printed at start-up")
