"""Where a journal lives: ``--journal PATH``, else ``TWINFLAMES_JOURNAL``, else the data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_PATH = "TWINFLAMES_JOURNAL"
FILE_NAME = "journal.sqlite"


def default_path() -> Path:
    """The journal file in the user's data folder (e.g. ``~/.local/share/twinflames``)."""
    return Path(platformdirs.user_data_dir("twinflames", appauthor=False)) / FILE_NAME


def journal_path(path: str | os.PathLike | None = None) -> Path:
    """Resolve the journal file: ``path`` if given, else ``$TWINFLAMES_JOURNAL``, else default."""
    chosen = path or os.environ.get(ENV_PATH) or default_path()
    return Path(chosen).expanduser()


def backup_dir(path: Path) -> Path:
    """The folder beside the journal that holds its backups."""
    return path.with_name(path.name + ".backups")


def companions(path: Path) -> list[Path]:
    """SQLite's companion files of ``path`` (write-ahead log and shared memory)."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
