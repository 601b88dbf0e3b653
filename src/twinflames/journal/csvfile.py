"""Reading CSV files strictly: UTF-8 with or without a byte-order mark, every row complete."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..errors import InputError

T = TypeVar("T")


def read_text(path: Path) -> str:
    """The file's text (a UTF-8 byte-order mark is dropped); one plain error if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"import: cannot read {str(path)!r} ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"import: {path.name}: not UTF-8 text; allowed: a CSV or JSONL file "
                         "saved as UTF-8") from None


def at_line(name: str, line: int, build: Callable[[], T]) -> T:
    """Run ``build()``; an :class:`InputError` from it is prefixed with the file and line."""
    try:
        return build()
    except InputError as exc:
        raise InputError(f"import: {name} line {line}: {exc}") from None


def read_table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return the header (lower case, trimmed) and ``(line, fields)`` for every data row.

    Raises
    ------
    InputError
        When a row has a different number of fields than the header, or a quote is never
        closed (a malformed or truncated file).
    """
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows = []
    try:
        for fields in reader:
            if not fields or fields == [""]:
                continue
            if header is None:
                header = [f.strip().lower() for f in fields]
                continue
            if len(fields) != len(header):
                raise InputError(f"import: {path.name} line {reader.line_num}: {len(fields)} "
                                 f"fields; allowed: {len(header)} ({','.join(header)}); the file "
                                 "may be truncated or malformed")
            rows.append((reader.line_num, fields))
    except csv.Error as exc:
        raise InputError(f"import: {path.name} line {reader.line_num}: {exc}; the file may be "
                         "truncated or malformed") from None
    if header is None:
        raise InputError(f"import: {path.name}: empty; allowed: a file with a header row")
    return header, rows
