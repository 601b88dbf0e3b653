"""The journal file: one SQLite database holding an append-only log of entry versions.

- ``journal_mode=WAL`` and ``synchronous=FULL`` (set only once the file is known to be a
  journal): a committed write survives a killed process and a power loss;
  ``secure_delete=ON``; temporary data stays in memory.
- Every write is one ``BEGIN IMMEDIATE`` transaction; a second writer waits up to a few seconds,
  then gets a plain "journal is busy".
- The schema version lives in ``PRAGMA user_version``; migrations run in order, each after a
  backup (``Connection.backup``) into ``<journal>.backups/`` (the newest few are kept).
- Rows are never updated or deleted: an edit or a removal appends a new row for the same entry.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from .paths import backup_dir, companions

APP = "twinflames-journal"
KEEP_BACKUPS = 5
BUSY_SECONDS = 5.0


def _create_v1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("CREATE TABLE rows (seq INTEGER PRIMARY KEY, entry_id TEXT NOT NULL, "
                 "payload BLOB NOT NULL)")
    conn.execute("CREATE INDEX rows_entry ON rows (entry_id)")


# MIGRATIONS[n] takes a journal from schema version n to n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_create_v1]


def schema_version() -> int:
    """The schema version this twinflames writes."""
    return len(MIGRATIONS)


def _busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _exists(path: Path) -> InputError:
    return InputError(f"journal: {str(path)!r} already exists; allowed: a new path (or "
                      "`twinflames journal erase --yes` first)")


def _not_a_journal(path: Path, why: str = "") -> InputError:
    return InputError(f"journal: {str(path)!r} is not a twinflames journal{why}; allowed: a file "
                      "made by `twinflames journal init`")


def _backup_numbers(folder: Path) -> list[int]:
    return sorted(int(m[1]) for p in folder.iterdir()
                  if (m := re.fullmatch(r"backup-(\d+)\.sqlite", p.name)))


class Store:
    """An open journal file (use :meth:`create` or :meth:`open`)."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self._conn = conn

    @classmethod
    def create(cls, path: Path, meta: dict[str, str]) -> Store:
        """Create a new journal at ``path`` (refused if something is there already).

        The file is built under a temporary name and linked into place, so an interrupted
        ``init`` never leaves a half-made journal.
        """
        if path.exists():
            raise _exists(path)
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            store = cls(tmp, cls._connect(tmp))
            store._tune()
            store._migrate(0)
            with store.write():
                for key, value in {"app": APP, **meta}.items():
                    store.set_meta(key, value)
            store.close()
            os.link(tmp, path)
        except FileExistsError:
            raise _exists(path) from None
        except OSError as exc:
            raise InputError(f"journal: cannot create {str(path)!r} ({exc.strerror})") from None
        finally:
            for leftover in [tmp, *companions(tmp)]:
                leftover.unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open an existing journal, migrating an older schema (after a backup)."""
        if not path.is_file():
            raise InputError(f"journal: no journal at {str(path)!r}; create one with "
                             "`twinflames journal init` (or give --journal PATH)")
        conn = cls._connect(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app = conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            if isinstance(exc, sqlite3.OperationalError) and _busy(exc):
                raise InputError("journal: busy (another twinflames is changing it); try again "
                                 "in a moment") from None
            raise _not_a_journal(path) from None
        if app is None or app[0] != APP:
            conn.close()
            raise _not_a_journal(path)
        if version > schema_version():
            conn.close()
            raise InputError(f"journal: schema version {version}; allowed: up to "
                             f"{schema_version()} (this journal was written by a newer "
                             "twinflames: please upgrade)")
        store = cls(path, conn)
        store._tune()
        if version < schema_version():
            store.backup()
            store._migrate(version)
        return store

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=BUSY_SECONDS,
                               isolation_level=None)

    def _tune(self) -> None:
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "secure_delete=ON",
                       "temp_store=MEMORY"):
            self._conn.execute(f"PRAGMA {pragma}")

    def _migrate(self, version: int) -> None:
        with self.write():
            for step in MIGRATIONS[version:]:
                step(self._conn)
            self._conn.execute(f"PRAGMA user_version = {schema_version()}")

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction: all of it is committed, or none of it."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise InputError("journal: busy (another twinflames is writing to it); nothing "
                                 "was changed, try again in a moment") from None
            raise
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def meta(self, key: str) -> str | None:
        """A value from the journal's metadata (None if absent)."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        """Set a metadata value (inside :meth:`write`)."""
        self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def rows(self) -> list[tuple[int, str, bytes]]:
        """Every row ``(seq, entry_id, payload)`` in the order written."""
        return self._conn.execute("SELECT seq, entry_id, payload FROM rows ORDER BY seq").fetchall()

    def entry_ids(self) -> set[str]:
        """The ids of every entry ever written."""
        return {row[0] for row in self._conn.execute("SELECT DISTINCT entry_id FROM rows")}

    def append(self, entry_id: str, payload: Callable[[int], bytes]) -> int:
        """Append one row (inside :meth:`write`); ``payload(seq)`` builds its content."""
        seq = self._conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM rows").fetchone()[0]
        self._conn.execute("INSERT INTO rows (seq, entry_id, payload) VALUES (?, ?, ?)",
                           (seq, entry_id, payload(seq)))
        return seq

    def backup(self, prune: bool = True) -> Path:
        """Copy the journal as last committed into the backup folder; keep the newest few
        (with ``prune=False`` the caller calls :meth:`prune_backups` once its change holds).

        The copy is made under a temporary name and renamed into place, so a killed process
        never leaves a partial backup that would count as one.
        """
        folder = backup_dir(self.path)
        folder.mkdir(mode=0o700, exist_ok=True)
        for leftover in folder.glob(".backup-*.tmp"):
            leftover.unlink(missing_ok=True)
        taken = _backup_numbers(folder)
        target = folder / f"backup-{(taken[-1] if taken else 0) + 1:06d}.sqlite"
        tmp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        # A second connection reads the last committed state: usable while this one holds
        # the write lock (a connection cannot back itself up inside its own transaction).
        source = self._connect(self.path)
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            dest.close()
            os.replace(tmp, target)
        finally:
            dest.close()
            source.close()
            tmp.unlink(missing_ok=True)  # an empty or partial backup must not push out a good one
        if prune:
            self.prune_backups()
        return target

    def prune_backups(self) -> None:
        """Delete all but the newest :data:`KEEP_BACKUPS` backups."""
        folder = backup_dir(self.path)
        taken = _backup_numbers(folder) if folder.is_dir() else []
        for old in taken[:max(0, len(taken) - KEEP_BACKUPS)]:
            (folder / f"backup-{old:06d}.sqlite").unlink(missing_ok=True)

    def integrity(self) -> str:
        """The result of ``PRAGMA integrity_check`` (``"ok"`` when sound)."""
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        """Close the file."""
        self._conn.close()
