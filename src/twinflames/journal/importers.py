"""Reading a file to import: pick the format (or check the one asked for) and parse it whole."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .bearable import is_bearable, read_bearable
from .canonical import read_csv, read_jsonl
from .csvfile import read_table, read_text
from .daylio import is_daylio, read_daylio
from .kinds import FIELDS
from .mapping import Mapping
from .parsed import Parsed

FORMATS = ("auto", "jsonl", "csv", "daylio", "bearable")


def _looks_like_jsonl(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".json") or read_text(path).lstrip().startswith("{")


def read_import(path: str | Path, fmt: str = "auto", mapping: Mapping | None = None) -> Parsed:
    """Parse ``path`` completely (nothing is written); any problem raises one InputError.

    Parameters
    ----------
    path : str or Path
        The file to read.
    fmt : {"auto", "jsonl", "csv", "daylio", "bearable"}
        ``auto`` recognises each format by its header (JSONL by its extension or first ``{``).
    mapping : Mapping, optional
        Mood and activity names for Daylio and Bearable (default: Daylio's five moods).
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise InputError(f"--format: {fmt!r}; allowed: {', '.join(FORMATS)}")
    mapping = mapping or Mapping()
    if fmt == "jsonl" or (fmt == "auto" and _looks_like_jsonl(path)):
        return read_jsonl(path)
    header, rows = read_table(path)
    if fmt == "auto":
        fmt = ("csv" if header == list(FIELDS) else "daylio" if is_daylio(header)
               else "bearable" if is_bearable(header) else "")
        if not fmt:
            raise InputError(f"import: {path.name}: format not recognised (header "
                             f"{','.join(header)[:80]!r}); allowed: the journal's CSV "
                             f"({','.join(FIELDS)}) or JSONL, a Daylio or a Bearable CSV export")
    if fmt == "csv":
        if header != list(FIELDS):
            raise InputError(f"import: {path.name}: header {','.join(header)[:80]!r}; allowed: "
                             f"exactly {','.join(FIELDS)}")
        return read_csv(path.name, header, rows)
    reader = read_daylio if fmt == "daylio" else read_bearable
    return reader(path.name, header, rows, mapping)
