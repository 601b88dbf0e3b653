"""Reading the user's data tables and writing result tables (CSV or Parquet), safely."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..files import check_writable, write_atomically

TABLE_SUFFIXES = (".csv", ".parquet")


def read_table(path: str | Path, option: str = "DATA") -> pd.DataFrame:
    """A ``.csv`` or ``.parquet`` file as a DataFrame.

    Raises
    ------
    InputError
        If the file is missing, unreadable or of another kind.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise InputError(f"{option}: {str(path)!r}; allowed: a file ending in "
                         f"{', '.join(TABLE_SUFFIXES)}")
    if not path.is_file():
        raise InputError(f"{option}: {str(path)!r} does not exist; allowed: an existing file")
    try:
        return pd.read_csv(path) if suffix == ".csv" else pd.read_parquet(path)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise InputError(f"{option}: {str(path)!r} cannot be read as {suffix[1:]} "
                         f"({str(exc).splitlines()[0]}); allowed: a {suffix[1:]} table with a "
                         "header row") from None


def check_table_out(path: str | Path | None, option: str = "--out") -> None:
    """Refuse, before any work, an output path that is not ``.csv``/``.parquet`` or not
    writable."""
    if path is None:
        return
    if Path(path).suffix.lower() not in TABLE_SUFFIXES:
        raise InputError(f"{option}: {str(path)!r}; allowed: a file ending in "
                         f"{', '.join(TABLE_SUFFIXES)}")
    check_writable(path, option)


def write_table(table: pd.DataFrame, path: str | Path, option: str = "--out") -> Path:
    """Write ``table`` to ``.csv`` or ``.parquet`` atomically (never a half-written file)."""
    check_table_out(path, option)
    if Path(path).suffix.lower() == ".csv":
        return write_atomically(path, lambda tmp: table.to_csv(tmp, index=False), option)
    return write_atomically(path, lambda tmp: table.to_parquet(tmp, index=False), option)
