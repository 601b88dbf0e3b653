"""The journal's JSON API under ``/api/journal`` (and ``/journal``, the page's entry link).

Everything stays on this machine: entries are read from and written to the journal file only;
imports arrive as the request body and exports leave as a download to the same browser.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from ..errors import InputError
from ..files import file_name
from ..journal import KINDS
from ..journal.importers import FORMATS
from ..journal.journal import EXPORTS
from . import inference_routes, urge_routes
from .handlers import error_body
from .journal_access import COOKIE, JournalRequestError, from_this_machine, pair, require_token
from .journal_schemas import (
    Create,
    EntryChanges,
    EntryFields,
    Erase,
    NewPassphrase,
    Recover,
    Unlock,
)
from .journal_session import JournalSession, Session
from .serve import qr_svg

MAX_IMPORT_BYTES = 50_000_000
EXPORT_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv", "md": "text/markdown"}

router = APIRouter(prefix="/api/journal", dependencies=[Depends(require_token)],
                   tags=["journal"])
Names = Annotated[tuple[str, ...], Query()]


def _kinds() -> list[dict[str, Any]]:
    return [{"name": k.name, "group": k.group, "meaning": k.meaning, "value": k.value,
             "details": list(k.details), "detail_required": k.detail_required,
             "note_required": k.note_required} for k in KINDS.values()]


@router.get("/status", summary="Where the journal is, whether it is locked, and the kinds")
def status(js: Session) -> dict[str, Any]:
    """The journal's path, ``exists``, ``encrypted``, ``unlocked``, and every kind's rules."""
    return {**js.status(), "kinds": _kinds()}


@router.post("/unlock", summary="Unlock an encrypted journal for this server's session")
def unlock(body: Unlock, js: Session) -> dict[str, Any]:
    """Check the passphrase; the server keeps the unlocked key (not the passphrase) in memory
    until ``/lock`` or until it stops. A wrong passphrase gets 400 and changes nothing."""
    js.unlock(body.passphrase)
    return js.status()


@router.post("/create", status_code=201, summary="Create the journal (plain or sealed)")
def create(body: Create, js: Session) -> dict[str, Any]:
    """Create the journal at the served path, as ``twinflames journal init [--encrypt]``. A
    sealed one answers its ``recovery_key`` this once (it is kept nowhere) and stays unlocked."""
    recovery = js.create(body.passphrase)
    return {**js.status(), "recovery_key": recovery}


@router.post("/passphrase", summary="Change the passphrase of a sealed journal")
def passphrase(body: NewPassphrase, js: Session) -> dict[str, Any]:
    """The current passphrase, then the new one; the recovery key still works."""
    js.change_passphrase(body.passphrase, body.new_passphrase)
    return {**js.status(), "message": "passphrase changed; your recovery key still works"}


@router.post("/recover", summary="Open a sealed journal with its recovery key")
def recover(body: Recover, js: Session) -> dict[str, Any]:
    """Unlock with the recovery key and set a new passphrase (the key stays valid)."""
    js.recover(body.recovery_key, body.new_passphrase)
    return {**js.status(), "message": "new passphrase set; your recovery key still works"}


@router.post("/erase", summary="Delete the journal and all its backups (cannot be undone)")
def erase(body: Erase, js: Session) -> dict[str, Any]:
    """``confirm: true`` and, for a sealed journal, its passphrase; a wrong one deletes
    nothing."""
    if not body.confirm:
        raise InputError("confirm: not confirmed; allowed: true (this deletes the journal and "
                         "its backups for good)")
    gone = js.erase(body.passphrase)
    return {**js.status(), "erased_files": gone}


@router.post("/lock", summary="Forget the unlocked key")
def lock(js: Session) -> dict[str, Any]:
    """Lock the journal again (the passphrase is needed to open it)."""
    js.lock()
    return js.status()


@router.get("/entries", summary="Current entries, oldest first")
def entries(js: Session, since: str | None = None, until: str | None = None,
            kind: str | None = None) -> dict[str, Any]:
    """Entries by date and time, optionally between ``since`` and ``until`` (YYYY-MM-DD)."""
    with js.open() as jr:
        return {"entries": [r.to_dict() for r in jr.list(since, until, kind)]}


@router.get("/history", summary="Every version of every entry (or of one)")
def history(js: Session, id: str | None = None) -> dict[str, Any]:
    """Each version with ``version``, ``op`` (add/edit/remove) and when it was written."""
    with js.open() as jr:
        return {"history": [r.to_dict(history=True) for r in jr.history(id)]}


@router.post("/entries", status_code=201, summary="Add an entry")
def add(body: EntryFields, js: Session) -> dict[str, Any]:
    """Add one entry (date defaults to today, who to ``me``)."""
    with js.open() as jr:
        return jr.add(**body.model_dump()).to_dict()


@router.patch("/entries/{entry_id}", summary="Change an entry (the old version is kept)")
def edit(entry_id: str, body: EntryChanges,
         js: Session) -> dict[str, Any]:
    """Change the given fields; ``""`` clears one. The history keeps the version before."""
    with js.open() as jr:
        return jr.edit(entry_id, **body.model_dump()).to_dict()


@router.delete("/entries/{entry_id}", summary="Remove an entry (kept in the history)")
def remove(entry_id: str, js: Session) -> dict[str, Any]:
    """Take an entry off the list; ``/history`` still shows it."""
    with js.open() as jr:
        return jr.remove(entry_id).to_dict(history=True)


@router.get("/stats", summary="The numbers `twinflames journal stats --json` prints")
def stats(js: Session, today: str | None = None) -> dict[str, Any]:
    """Days since reaching out, longest stretch, urges, reach-outs, practice, ratings, signs."""
    with js.open() as jr:
        return jr.stats(today)


@router.post("/import", summary="Import a file sent as the request body (all or nothing)",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/octet-stream": {"schema": {"type": "string",
                                                         "format": "binary"}}}}})
async def import_file(request: Request, js: Session, format: str = "auto",
                      mood: Names = (), activity: Names = ()) -> dict[str, Any]:
    """The file's bytes as ``application/octet-stream``; ``format`` auto, jsonl, csv, daylio or
    bearable; ``mood=NAME=N`` and ``activity=NAME=KIND[@who][:DETAIL]`` map Daylio/Bearable
    names. Answers what was added, already present, mapped and skipped."""
    if format not in FORMATS:
        raise InputError(f"format: {format!r}; allowed: {', '.join(FORMATS)}")
    if request.headers.get("content-type", "").split(";")[0] != "application/octet-stream":
        raise JournalRequestError(415, f"content-type: {request.headers.get('content-type')!r}; "
                                 "allowed: application/octet-stream (the file's bytes)")
    data = await request.body()
    if not data:
        raise InputError("file: empty; allowed: a journal, Daylio or Bearable export")
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError(f"file: {len(data)} bytes; allowed: at most {MAX_IMPORT_BYTES}")
    name = file_name(request.headers.get("x-file-name"), "x-file-name")
    with tempfile.TemporaryDirectory(prefix="twinflames-import-") as folder:
        path = Path(folder) / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        with js.open() as jr:
            summary = jr.import_file(path, format, moods=mood, activities=activity)
    return {"format": summary.format, "added": summary.added,
            "already_present": summary.already_present, "mapped": summary.mapped,
            "skipped": summary.skipped, "lines": summary.lines()}


@router.get("/export", summary="Download the current entries (jsonl, csv or md)")
def export(js: Session, format: str = "jsonl") -> Response:
    """The same file `twinflames journal export` writes, as a download (never stored here)."""
    if format not in EXPORTS:
        raise InputError(f"format: {format!r}; allowed: {', '.join(EXPORTS)}")
    with js.open() as jr:
        text = EXPORTS[format](jr.list())
    return Response(text, media_type=f"{EXPORT_TYPES[format]}; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="journal.{format}"',
        "Cache-Control": "no-store"})


async def _denied(request: Request, exc: JournalRequestError) -> JSONResponse:
    return JSONResponse(status_code=exc.status, content=error_body(str(exc), detail=exc.detail))


@router.get("/phone", summary="How to open the journal on a phone (for this computer only)")
def phone(request: Request) -> dict[str, Any]:
    """With ``twinflames serve --phone``: the address with the current one-time pairing token,
    as text and as a QR code (SVG data URI), and the certificate's fingerprint. Answered only
    to this machine; ``enabled`` is false otherwise."""
    info = request.app.state.phone
    if info is None or not from_this_machine(request):
        return {"enabled": False}
    link = f"{info['url']}journal?token={request.app.state.journal_token}"
    return {"enabled": True, "link": link, "qr": qr_svg(link),
            "fingerprint": info["fingerprint"]}


def install(app: FastAPI, journal: JournalSession, token: str | None,
            phone: dict[str, str] | None = None) -> None:
    """Serve ``journal`` on ``app``: the API, its error answers and the ``/journal`` link.

    ``phone`` (``url``, ``fingerprint``) turns on ``--phone``: ``token`` pairs one browser
    once."""
    app.state.journal = journal
    app.state.journal_token = token
    app.state.journal_token_once = phone is not None
    app.state.journal_sessions = set()
    app.state.phone = phone
    app.add_exception_handler(JournalRequestError, _denied)
    app.include_router(router)
    app.include_router(inference_routes.router)
    app.include_router(urge_routes.router)

    @app.get("/journal", include_in_schema=False)
    def journal_link(request: Request) -> Response:
        """Check the token once, keep it in a cookie, and open the Journal tab."""
        require_token(request)
        response = RedirectResponse("/?view=journal", status_code=303)
        if request.app.state.journal_token is not None and not from_this_machine(request):
            response.set_cookie(COOKIE, pair(request), httponly=True, samesite="strict",
                                secure=request.url.scheme == "https")
        return response

