"""The journal as a Python object: add, list, edit, remove, stats, export and import.

Every change appends a row; nothing is overwritten. An encrypted journal seals each row's
payload (date, kind, fields, note, when it was written) before it reaches the file.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..files import write_atomically
from . import crypto
from .canonical import check_id, to_csv, to_jsonl, to_markdown
from .importers import read_import
from .kinds import DATE_RANGE, FIELDS, KINDS, Entry, date_in_range, make_entry, parse_date
from .mapping import Mapping, parse_mapping
from .paths import backup_dir, companions, journal_path
from .stats import compute_stats
from .store import Store

EXPORTS = {"jsonl": to_jsonl, "csv": to_csv, "md": to_markdown}
KEPT = "kept:"  # metadata keys of what is kept beside the entries


@dataclass(frozen=True)
class Record:
    """One version of one entry.

    Attributes
    ----------
    id : str
        The entry's stable id (the same for all its versions).
    entry : Entry
        Its content in this version.
    version : int
        1 for the original, 2 after the first edit, ...
    op : str
        ``add``, ``edit`` or ``remove`` (a removal keeps the last content).
    recorded : str
        When this version was written (UTC, ISO 8601).
    """

    id: str
    entry: Entry
    version: int
    op: str
    recorded: str

    @property
    def problem(self) -> str | None:
        """Why this entry is left out of stats and inference (a date outside
        :data:`~twinflames.journal.kinds.DATE_RANGE`, written before that range was checked),
        else None."""
        if date_in_range(self.entry.date):
            return None
        return (f"date {self.entry.date} is outside {DATE_RANGE}: left out of stats; edit its "
                "date to count it")

    def to_dict(self, history: bool = False) -> dict:
        """``id`` and the entry's fields (plus version, op and recorded if ``history``, and
        ``problem`` for an entry left out of stats)."""
        extra = {"version": self.version, "op": self.op, "recorded": self.recorded}
        flag = {"problem": self.problem} if self.problem else {}
        return {"id": self.id, **self.entry.to_dict(), **(extra if history else {}), **flag}


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: counts by kind, skipped reasons, duplicates, the backup made."""

    format: str
    added: int
    already_present: int
    mapped: dict[str, int]
    skipped: dict[str, int]
    backup: str | None

    def lines(self) -> list[str]:
        """The summary as plain lines."""
        out = [f"read {self.format}: {self.added} added, {self.already_present} already in "
               "the journal"]
        if self.mapped:
            out.append("mapped: " + ", ".join(f"{k} {n}" for k, n in self.mapped.items()))
        for reason, n in self.skipped.items():
            out.append(f"skipped {n} x {reason}")
        return out


class Journal:
    """An open, unlocked journal. Get one from :func:`open_journal` or :func:`init_journal`."""

    def __init__(self, store: Store, sealer: crypto.Sealer | None):
        self._store = store
        self._sealer = sealer

    # -- reading -----------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        """The journal file."""
        return self._store.path

    @property
    def encrypted(self) -> bool:
        """True if entries are sealed with a passphrase."""
        return self._sealer is not None

    @property
    def key(self) -> crypto.Sealer | None:
        """The unlocked key (opaque; ``None`` if not encrypted): pass it back to
        :func:`open_journal` to reopen this journal without the passphrase."""
        return self._sealer

    def _payload(self, seq: int, entry_id: str, blob: bytes) -> dict:
        if self._sealer is None:
            return json.loads(blob)
        return self._sealer.open(blob, f"{seq}:{entry_id}")

    def _versions(self) -> list[Record]:
        counts: Counter = Counter()
        records = []
        for seq, entry_id, blob in self._store.rows():
            data = self._payload(seq, entry_id, blob)
            counts[entry_id] += 1
            records.append(Record(entry_id, Entry(**data["entry"]), counts[entry_id], data["op"],
                                  data["at"]))
        return records

    def _current(self) -> dict[str, Record]:
        latest: dict[str, Record] = {}
        for r in self._versions():
            latest[r.id] = r
        return {i: r for i, r in latest.items() if r.op != "remove"}

    def list(self, since: str | None = None, until: str | None = None,
             kind: str | None = None) -> list[Record]:
        """Current entries by date and time (then the order written), optionally filtered.

        Parameters
        ----------
        since, until : str, optional
            ``YYYY-MM-DD`` bounds, both included.
        kind : str, optional
            Only this kind. Private kinds (``unsent`` letters) are listed only when asked for
            here by name, so stats, exports and the inference never see them.
        """
        current = sorted(self._current().values(),
                         key=lambda r: (r.entry.date, r.entry.time or ""))
        return _filtered(current, since, until, kind)

    def history(self, entry_id: str | None = None, since: str | None = None,
                until: str | None = None, kind: str | None = None) -> list[Record]:
        """Every version ever written, in the order written (filters as in :meth:`list`;
        the audit trail keeps private kinds too)."""
        versions = [r for r in self._versions() if entry_id is None or r.id == entry_id]
        return _filtered(versions, since, until, kind, private=True)

    def get(self, entry_id: str) -> Record:
        """The current version of one entry (a removed one is refused)."""
        record = self._current().get(entry_id)
        if record is None:
            known = entry_id in self._store.entry_ids()
            raise InputError(f"id: {entry_id!r}; allowed: the id of a current entry "
                             + ("(this one was removed; see list --history)" if known
                                else "(see twinflames journal list)"))
        return record

    def stats(self, today: str | dt.date | None = None) -> dict:
        """Where things stand (see :func:`twinflames.journal.stats.compute_stats`); entries
        with a date outside the journal's range are left out and counted in ``set_aside``."""
        if today is not None:
            today = dt.date.fromisoformat(parse_date(str(today), "today"))
        current = self.list()
        counted = usable(current)
        return compute_stats([r.entry for r in counted], today,
                             set_aside=len(current) - len(counted))

    # -- writing -----------------------------------------------------------------------------
    def _append(self, entry_id: str, op: str, entry: Entry, version: int = 1) -> Record:
        data = {"op": op, "entry": entry.to_dict(),
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}

        def payload(seq: int) -> bytes:
            if self._sealer is None:
                return json.dumps(data, ensure_ascii=False).encode()
            return self._sealer.seal(data, f"{seq}:{entry_id}")
        self._store.append(entry_id, payload)
        return Record(entry_id, entry, version, op, data["at"])

    def _new_id(self, taken) -> str:
        while (entry_id := secrets.token_hex(4)) in taken:
            pass
        return entry_id

    def add(self, kind: str, date: str | None = None, time: str | None = None,
            who: str | None = None, value=None, detail: str | None = None,
            note: str | None = None) -> Record:
        """Validate and add one entry (date defaults to today, who to ``me``).

        Raises
        ------
        InputError
            Bad field (the journal is unchanged) or the journal is busy.
        """
        entry = make_entry(kind, date or dt.date.today().isoformat(), time, who, value, detail,
                           note)
        with self._store.write():
            return self._append(self._new_id(self._store.entry_ids()), "add", entry)

    def edit(self, entry_id: str, **changes) -> Record:
        """Change fields of an entry; the old version stays in the history.

        ``changes`` are field names from ``date, time, kind, who, value, detail, note``; a value
        of ``""`` clears a field, ``None`` leaves it as it is.
        """
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise InputError(f"edit: field {sorted(unknown)[0]!r}; allowed: {', '.join(FIELDS)}")
        with self._store.write():
            old = self.get(entry_id)
            fields = old.entry.to_dict()
            fields.update({k: v for k, v in changes.items() if v is not None})
            entry = make_entry(**fields)
            if entry == old.entry:
                return old
            return self._append(entry_id, "edit", entry, old.version + 1)

    def remove(self, entry_id: str) -> Record:
        """Remove an entry from the current list; it stays in the history."""
        with self._store.write():
            old = self.get(entry_id)
            return self._append(entry_id, "remove", old.entry, old.version + 1)

    def add_many(self, items: list[tuple[Entry, str | None]]) -> tuple[int, int, str | None]:
        """Add entries in one transaction, skipping those already in the journal.

        An entry is already there when the journal holds as many entries (counting every
        version, removed ones too) with the same content as the import has so far, or when its
        id is taken. Returns ``(added, already_present, backup path)``; a backup is made first,
        and removed again if the import fails (so failures never push good backups out).

        Raises
        ------
        InputError
            Two different entries carry the same id (nothing is added).
        """
        by_id: dict[str, Entry] = {}
        for entry, entry_id in items:
            if entry_id is not None and by_id.setdefault(entry_id, entry) != entry:
                raise InputError(f"id: {entry_id!r} is given to two different entries; "
                                 "allowed: each id for one entry only (nothing was imported)")
        backup = None
        try:
            with self._store.write():
                versions = self._versions()
                taken = {r.id for r in versions}
                # entries with the same content, each counted once however many versions
                seen = Counter(key for key, _ in {(r.entry.key, r.id) for r in versions})
                fresh = []
                for entry, entry_id in items:
                    if entry_id is not None and entry_id in taken:
                        continue
                    if seen[entry.key] > 0:
                        seen[entry.key] -= 1
                        continue
                    entry_id = check_id(entry_id) if entry_id else self._new_id(taken)
                    taken.add(entry_id)
                    fresh.append((entry, entry_id))
                if fresh:
                    backup = self._store.backup(prune=False)
                for entry, entry_id in fresh:
                    self._append(entry_id, "add", entry)
        except BaseException:
            if backup is not None:
                backup.unlink(missing_ok=True)
            raise
        if backup is not None:
            self._store.prune_backups()
        return len(fresh), len(items) - len(fresh), None if backup is None else str(backup)

    def import_file(self, path: str | Path, format: str = "auto",
                    moods: tuple[str, ...] | list[str] = (),
                    activities: tuple[str, ...] | list[str] = (),
                    mapping: Mapping | None = None) -> ImportSummary:
        """Import a file whole (all or nothing); importing the same file again adds nothing.

        Parameters
        ----------
        path : str or Path
            A canonical CSV/JSONL, a Daylio or a Bearable CSV export.
        format : {"auto", "jsonl", "csv", "daylio", "bearable"}
        moods : list of str
            Extra Daylio mood names, ``NAME=N`` (N 1-5).
        activities : list of str
            Activity/factor names to kinds, ``NAME=KIND[@me|@them][:DETAIL]``.
        """
        parsed = read_import(path, format, mapping or parse_mapping(moods, activities))
        added, present, backup = self.add_many(parsed.items)
        return ImportSummary(parsed.format, added, present, dict(parsed.mapped),
                             dict(parsed.skipped), backup)

    def export(self, path: str | Path, format: str | None = None) -> Path:
        """Write the current entries to ``path`` as ``jsonl``, ``csv`` or ``md``.

        The format defaults to the file's extension (JSONL otherwise). The file is private to
        you (mode 600 from the start) and, even for an encrypted journal, not encrypted.
        """
        path = Path(path)
        fmt = format or {".csv": "csv", ".md": "md"}.get(path.suffix.lower(), "jsonl")
        if fmt not in EXPORTS:
            raise InputError(f"--format: {fmt!r}; allowed: {', '.join(EXPORTS)}")
        text = EXPORTS[fmt](self.list())
        return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"),
                                "export", mode=0o600)

    # -- kept alongside ------------------------------------------------------------------------
    def keep(self, name: str, data: bytes) -> None:
        """Keep ``data`` under ``name`` beside the entries (sealed when the journal is
        encrypted). Not an entry: never listed, exported or counted."""
        with self._store.write():
            if self._sealer is not None:
                data = self._sealer.seal_bytes(data, KEPT + name)
            self._store.set_meta(KEPT + name, _b64(data))

    def kept(self, name: str) -> bytes | None:
        """What :meth:`keep` kept under ``name``, or None (nothing kept, or it does not open)."""
        text = self._store.meta(KEPT + name)
        if not text:
            return None
        try:
            data = base64.b64decode(text, validate=True)
        except ValueError:
            return None
        return data if self._sealer is None else self._sealer.open_bytes(data, KEPT + name)

    # -- keys --------------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key under a new passphrase (entries are not rewritten)."""
        if self._sealer is None:
            raise InputError("passphrase: this journal is not encrypted; allowed: only an "
                             "encrypted journal has a passphrase (chosen at init --encrypt)")
        _set_passphrase(self._store, self._sealer.data_key, new_passphrase)

    def integrity(self) -> str:
        """SQLite's integrity check (``"ok"`` when the file is sound)."""
        return self._store.integrity()

    def close(self) -> None:
        """Close the journal file."""
        self._store.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def usable(records: list[Record]) -> list[Record]:
    """The records stats (and inference) count: those no :attr:`Record.problem` sets aside."""
    return [r for r in records if r.problem is None]


def _filtered(records: list[Record], since: str | None, until: str | None,
              kind: str | None, private: bool = False) -> list[Record]:
    since = parse_date(since, "since") if since else None
    until = parse_date(until, "until") if until else None
    if kind is not None and kind not in KINDS:
        raise InputError(f"kind: {kind!r}; allowed: {', '.join(KINDS)}")
    # without ``private``, a private kind (an unsent letter) is listed only when asked for
    return [r for r in records
            if (since is None or r.entry.date >= since)
            and (until is None or r.entry.date <= until)
            and (r.entry.kind == kind if kind is not None
                 else private or not KINDS[r.entry.kind].private)]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _passphrase_meta(data_key: bytes, passphrase: str) -> dict[str, str]:
    kdf = crypto.new_kdf()
    wrapped = crypto.wrap(crypto.passphrase_key(passphrase, kdf), data_key, b"passphrase")
    return {"kdf": json.dumps(kdf), "key_by_passphrase": _b64(wrapped)}


def _set_passphrase(store: Store, data_key: bytes, passphrase: str) -> None:
    meta = _passphrase_meta(data_key, passphrase)
    with store.write():
        for key, value in meta.items():
            store.set_meta(key, value)


def _unlock(store: Store, secret: str, recovery: bool = False) -> crypto.Sealer:
    if recovery:
        key = crypto.recovery_key(secret, store.meta("recovery_salt"))
        blob, label, what = store.meta("key_by_recovery"), b"recovery", "recovery key"
    else:
        key = crypto.passphrase_key(secret, json.loads(store.meta("kdf")))
        blob, label, what = store.meta("key_by_passphrase"), b"passphrase", "passphrase"
    data_key = crypto.unwrap(key, base64.b64decode(blob), label, what)
    return crypto.Sealer(data_key, store.meta("journal_id"))


def is_encrypted(path: str | Path | None = None) -> bool:
    """True if the journal at ``path`` (default location if None) needs a passphrase."""
    store = Store.open(journal_path(path))
    try:
        return store.meta("encrypted") == "1"
    finally:
        store.close()


def open_journal(path: str | Path | None = None, passphrase: str | None = None, *,
                 key: crypto.Sealer | None = None) -> Journal:
    """Open a journal (``--journal`` path, ``$TWINFLAMES_JOURNAL`` or the data folder).

    Parameters
    ----------
    path : str or Path, optional
        The journal file.
    passphrase : str, optional
        Needed if the journal is encrypted; a wrong one raises :class:`InputError` and changes
        nothing.
    key : optional
        Instead of the passphrase, the :attr:`Journal.key` of an earlier opening; it is used
        only if it belongs to the journal now at ``path`` (else the passphrase is needed).
    """
    store = Store.open(journal_path(path))
    try:
        if store.meta("encrypted") != "1":
            return Journal(store, None)
        if key is not None and key.journal_id == store.meta("journal_id"):
            return Journal(store, key)
        if not passphrase:
            raise InputError("passphrase: missing; this journal is encrypted (type it at the "
                             "prompt or set TWINFLAMES_PASSPHRASE)")
        return Journal(store, _unlock(store, passphrase))
    except BaseException:
        store.close()
        raise


def init_journal(path: str | Path | None = None, passphrase: str | None = None
                 ) -> tuple[Journal, str | None]:
    """Create a journal; with a ``passphrase`` it is encrypted.

    Returns
    -------
    (Journal, str or None)
        The open journal and, if encrypted, the recovery key (shown once; not stored).
    """
    path = journal_path(path)
    meta = {"journal_id": secrets.token_hex(16), "encrypted": "0"}
    recovery = data_key = None
    if passphrase is not None:
        data_key, recovery, salt = os.urandom(32), crypto.new_recovery_key(), crypto.new_salt()
        wrapped = crypto.wrap(crypto.recovery_key(recovery, salt), data_key, b"recovery")
        meta.update(encrypted="1", recovery_salt=salt, key_by_recovery=_b64(wrapped),
                    **_passphrase_meta(data_key, passphrase))
    store = Store.create(path, meta)
    sealer = None if data_key is None else crypto.Sealer(data_key, meta["journal_id"])
    return Journal(store, sealer), recovery


def recover(path: str | Path | None, recovery: str, new_passphrase: str) -> Journal:
    """Unlock with the recovery key and set a new passphrase (the recovery key stays valid)."""
    store = Store.open(journal_path(path))
    try:
        if store.meta("encrypted") != "1":
            raise InputError("recover: this journal is not encrypted; nothing to recover")
        sealer = _unlock(store, recovery, recovery=True)
        _set_passphrase(store, sealer.data_key, new_passphrase)
        return Journal(store, sealer)
    except BaseException:
        store.close()
        raise


def erase(path: str | Path | None = None, passphrase: str | None = None, *,
          key: crypto.Sealer | None = None) -> list[Path]:
    """Delete the journal, its SQLite companion files and its backups; returns what went.

    An encrypted journal is deleted only with its ``passphrase`` (or the ``key`` of an earlier
    opening): a wrong or missing one raises :class:`InputError` and deletes nothing.
    """
    path = journal_path(path)
    open_journal(path, passphrase, key=key).close()  # a journal, and you may open it
    gone = [p for p in [path, *companions(path)] if p.exists()]
    for p in gone:
        p.unlink()
    folder = backup_dir(path)
    if folder.is_dir():
        for p in folder.iterdir():
            p.unlink()
            gone.append(p)
        folder.rmdir()
    return gone
