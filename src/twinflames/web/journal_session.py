"""The journal the explorer serves, and its unlocked key while the server runs.

An encrypted journal is unlocked once with its passphrase; the server then keeps only the
unlocked data key in memory (never the passphrase, never on disk, never in the page), until
*Lock* or the server stops. Each request opens the file, does its work and closes it again.
The last inference is kept in memory too (for the same entries and settings), and forgotten
with the key.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request

from ..errors import InputError
from ..journal import erase, init_journal, is_encrypted, journal_path, open_journal, recover
from ..journal.journal import Journal
from .journal_access import JournalRequestError

T = TypeVar("T")


class JournalSession:
    """One journal file served by the explorer.

    Parameters
    ----------
    path : str or Path, optional
        The journal (default: ``$TWINFLAMES_JOURNAL`` or the data folder, as the CLI).
    """

    def __init__(self, path: str | Path | None = None):
        self.path = journal_path(path)
        self._key = None  # the unlocked key (Journal.key), never the passphrase
        self._lock = threading.Lock()
        self._kept: tuple[Hashable, Any] | None = None  # (key, value) of remember()
        self._computing = threading.Lock()

    def status(self) -> dict:
        """Whether the journal exists, is encrypted and is unlocked."""
        exists = self.path.is_file()
        encrypted = exists and is_encrypted(self.path)
        return {"path": str(self.path), "exists": exists, "encrypted": encrypted,
                "unlocked": exists and (not encrypted or self._key_fits())}

    def unlock(self, passphrase: str) -> None:
        """Check ``passphrase`` (a wrong one raises :class:`InputError`) and keep the key."""
        with self._lock, open_journal(self.path, passphrase) as journal:
            self._key = journal.key

    def create(self, passphrase: str | None) -> str | None:
        """Create the journal (sealed if ``passphrase``) and keep it unlocked.

        Returns
        -------
        str or None
            The recovery key of a sealed journal (shown once; kept nowhere), else None.
        """
        with self._lock:
            journal, recovery = init_journal(self.path, passphrase)
            self._key, self._kept = journal.key, None
            journal.close()
        return recovery

    def change_passphrase(self, passphrase: str, new_passphrase: str) -> None:
        """Check the current ``passphrase``, then seal the journal's key under a new one."""
        with self._lock, open_journal(self.path, passphrase) as journal:
            if not journal.encrypted:
                raise InputError("passphrase: this journal is not encrypted; allowed: only a "
                                 "journal made with a passphrase has one")
            journal.change_passphrase(new_passphrase)
            self._key = journal.key

    def recover(self, recovery_key: str, new_passphrase: str) -> None:
        """Open the journal with its recovery key, set a new passphrase and keep it unlocked."""
        try:
            with self._lock, recover(self.path, recovery_key, new_passphrase) as journal:
                self._key, self._kept = journal.key, None
        except InputError as exc:  # the journal's words, named by the request's field
            text = str(exc)
            raise InputError(text.replace("recovery key: ", "recovery_key: ", 1)
                             if text.startswith("recovery key: ") else text) from None

    def erase(self, passphrase: str | None) -> int:
        """Delete the journal and its backups (a sealed one only with its passphrase); returns
        how many files went."""
        with self._lock:
            gone = erase(self.path, passphrase)  # a wrong passphrase deletes nothing
            self._key, self._kept = None, None
        return len(gone)

    def lock(self) -> None:
        """Forget the unlocked key, and what :meth:`remember` kept."""
        self._key = None
        self._kept = None

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value last computed for ``key``, else ``compute()`` (kept in place of the last).

        One computation at a time: a request asking for the same ``key`` meanwhile waits for
        it instead of doing the same work again. A computation that raises keeps nothing.
        """
        with self._computing:
            if self._kept is not None and self._kept[0] == key:
                return self._kept[1]
            value = compute()
            self._kept = (key, value)
            return value

    def kept(self) -> tuple[Hashable, Any] | None:
        """The (key, value) :meth:`remember` keeps, or None (to carry on from it)."""
        return self._kept

    @contextmanager
    def open(self) -> Iterator[Journal]:
        """The journal, open for one request (one at a time within this server)."""
        if not self.path.is_file():
            raise JournalRequestError(404, f"journal: no journal at {str(self.path)!r}; allowed: "
                                     "create one (on the Journal page, or with `twinflames "
                                     "journal init`)")
        with self._lock:
            if is_encrypted(self.path) and not self._key_fits():
                raise JournalRequestError(423, "passphrase: the journal is locked; allowed: "
                                          "unlock it with its passphrase")
            with open_journal(self.path, key=self._key) as journal:
                yield journal

    def _key_fits(self) -> bool:
        """True if the kept key opens the journal now at the path (it may have been replaced)."""
        if self._key is None:
            return False
        try:
            open_journal(self.path, key=self._key).close()
        except InputError:
            return False
        return True


def current(request: Request) -> JournalSession:
    """FastAPI dependency: the journal this server was started with."""
    return request.app.state.journal


Session = Annotated[JournalSession, Depends(current)]
