"""The explorer's application: the JSON API, the page and Plotly's bundle, all served locally."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import plotly
from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import guard, handlers, journal_routes, routes
from .journal_session import JournalSession
from .warming import Warming, needs

STATIC = Path(__file__).parent / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# Plotly draws with inline styles and exports PNGs through data: and blob: images; the page
# may talk to this server only (connect-src), so nothing it holds can be sent elsewhere
CSP = ("default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; "
       "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.warming.start()
    try:
        yield
    finally:
        app.state.warming.stop()


def create_app(warm: bool = True, journal: str | Path | None = None,
               token: str | None = None, phone: dict[str, str] | None = None) -> FastAPI:
    """Build the explorer.

    Parameters
    ----------
    warm : bool
        Get every compiled kernel the page uses ready in the background at start-up (see
        :mod:`twinflames.web.warming`); requests that need one wait for it.
    journal : str or Path, optional
        The journal the Journal page shows (default: ``$TWINFLAMES_JOURNAL`` or the data
        folder, as the ``journal`` commands).
    token : str, optional
        If given, the journal's page and API answer only requests carrying it (see
        :mod:`twinflames.web.journal_access`); ``twinflames serve`` sets one off loopback.
    phone : dict, optional
        ``url`` and certificate ``fingerprint`` of ``twinflames serve --phone``: the token
        then pairs one browser once, and the page shows the QR code.

    Returns
    -------
    FastAPI
        The page at ``/``, its files under ``/static``, Plotly at ``/vendor/plotly.min.js``,
        the API under ``/api`` (the journal's under ``/api/journal``) and its description
        at ``/openapi.json`` (no ``/docs``: that
        page would load its scripts from a CDN).
    """
    app = FastAPI(title="twinflames explorer", version=__version__,
                  description="A local explorer of a model of the twin-flame runner-chaser "
                              "dynamic. A model of an article's ideas, not a prediction.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  lifespan=_lifespan if warm else None)
    app.state.warming = Warming()
    if not warm:
        app.state.warming.skip()
    handlers.install(app)
    guard.install(app)
    app.include_router(routes.router)
    journal_routes.install(app, JournalSession(journal), token, phone)

    @app.middleware("http")
    async def _headers(request: Request, call_next) -> Response:
        group = needs(request.url.path)
        # wait for the warming rather than compile a second time (asleep, so that a server
        # stopping meanwhile can cancel the wait)
        while group is not None and not app.state.warming.is_ready(group):
            await asyncio.sleep(0.1)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.get("/api/warming", tags=["explorer"],
             summary="Whether the compiled model is ready yet (it warms at start-up)")
    def warming() -> dict:
        """``ready`` per group (``explore``: runs and comparisons; ``journal``: "Where am
        I?"), ``all_ready``, ``seconds`` since the start and the seconds each group took."""
        return app.state.warming.status()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, media_type="text/javascript",
                            headers={"Cache-Control": "max-age=86400"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
