"""Who may use the journal's page and API: anyone on loopback, else only holders of the token.

On loopback the request must also be addressed to a loopback name (``127.0.0.1``,
``localhost``, ``[::1]``): a web page whose own name was pointed at this machine (DNS
rebinding) carries its own name in ``Host`` and is refused.

When the explorer listens beyond this machine, ``twinflames serve`` prints a link with a random
token. The token is accepted in the address (``?token=``) or in the ``X-Twinflames-Token``
header; opening the link gives the browser a session cookie of its own (HttpOnly,
SameSite=Strict) so the address no longer needs it. With ``--phone`` the token pairs one
browser only: the link's first use replaces it with a fresh one (a photo of an old QR code
opens nothing). Requests from this machine itself, to a loopback name, need no token.
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
    """The token the request carries: the header, then ``?token=``."""
    return request.headers.get(HEADER) or request.query_params.get("token")


def from_this_machine(request: Request) -> bool:
    """True if the request comes from this machine and is addressed to a loopback name."""
    client = request.client.host if request.client else ""
    return is_loopback(client) and is_loopback(request.url.hostname or "")


def pair(request: Request) -> str:
    """A new session for the browser that opened the link: its cookie value. A one-time token
    (``--phone``) is replaced by a fresh one."""
    state = request.app.state
    session = secrets.token_urlsafe(24)
    state.journal_sessions.add(session)
    if state.journal_token_once:
        state.journal_token = secrets.token_urlsafe(24)
    return session


def allowed(token: str | None, given: str | None) -> bool:
    """True if no token is needed, or ``given`` is the token (compared in constant time)."""
    if token is None:
        return True
    return given is not None and secrets.compare_digest(given.encode(), token.encode())


def require_token(request: Request) -> None:
    """FastAPI dependency: refuse (401) a journal request without the right token, and (403)
    one addressed to another name while no token is set (loopback only)."""
    state = request.app.state
    token = state.journal_token
    if token is None and not is_loopback(request.url.hostname or ""):
        raise JournalRequestError(403, f"host: {request.url.hostname!r}; allowed: 127.0.0.1, "
                                       "localhost or [::1] (the journal is served to this "
                                       "machine only)")
    if (token is None or from_this_machine(request) or allowed(token, presented(request))
            or request.cookies.get(COOKIE) in state.journal_sessions):
        return
    raise JournalRequestError(401, "token: missing or wrong; allowed: open the journal with "
                                   "the link (or QR code) `twinflames serve` showed")
