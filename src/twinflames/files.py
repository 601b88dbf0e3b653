"""Writing output files safely: never a half-written file, and one clear error if impossible."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputError


def write_atomically(path: str | Path, write: Callable[[Path], None], option: str = "--out",
                     mode: int | None = None) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path`` and rename it into place.

    If anything fails, the temporary file is removed and ``path`` is left as it was. The file
    gets ``mode`` (e.g. ``0o600`` for private data; it is private while written too), by
    default the ordinary permissions the umask allows. The folder must exist: a mistyped one
    is refused, not created.
    """
    path = Path(path)
    _check_folder(path, option)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise _cannot_write(path, option, exc) from None
    try:
        write(Path(tmp))
        # mkstemp makes files private; outputs are ordinary unless asked otherwise
        os.chmod(tmp, 0o666 & ~_umask() if mode is None else mode)
        os.replace(tmp, path)
    except OSError as exc:
        raise _cannot_write(path, option, exc) from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


def write_table_chunks(path: str | Path, chunks: Iterable, option: str = "--out") -> Path:
    """Write a long table that arrives in pieces to ``.parquet`` (one row group a piece) or
    ``.csv``, never holding more than one piece in memory; atomically, like
    :func:`write_atomically`. The pieces (pandas DataFrames) must share their columns."""
    import pandas as pd  # here, not at the top: the journal uses this module and starts fast
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)

    def write(tmp: Path) -> None:
        if path.suffix.lower() == ".csv":
            for i, piece in enumerate(chunks):
                piece.to_csv(tmp, mode="w" if i == 0 else "a", header=i == 0, index=False)
            return
        writer = None
        try:
            for piece in chunks:
                table = pa.Table.from_pandas(piece, preserve_index=False)
                writer = writer or pq.ParquetWriter(tmp, table.schema)
                writer.write_table(table)
        finally:
            if writer is not None:
                writer.close()
        if writer is None:
            pd.DataFrame().to_parquet(tmp)

    return write_atomically(path, write, option)


def write_json_or_table(path: str | Path, as_json: Callable[[], str],
                        pieces: Callable[[], Iterable]) -> Path:
    """Write ``as_json()`` to a ``.json`` file, or the table ``pieces()`` yields (pandas
    DataFrames) to ``.csv``/``.parquet`` piece by piece; only the form the extension asks for
    is built."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv", ".parquet"):
        raise InputError(f"--out: {str(path)!r} has extension {suffix or '(none)'!r}; allowed: "
                         ".json, .csv, .parquet")
    if suffix == ".json":
        return write_atomically(path, lambda tmp: tmp.write_text(as_json() + "\n",
                                                                 encoding="utf-8"))
    return write_table_chunks(path, pieces())


PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def check_plot(path: str | None, option: str = "--plot") -> None:
    """Refuse before any work starts a figure path matplotlib cannot write or that is not
    writable."""
    if path and Path(path).suffix.lower() not in PLOT_SUFFIXES:
        raise InputError(f"{option}: {path!r}; allowed: a file ending in "
                         f"{', '.join(PLOT_SUFFIXES)}")
    check_writable(path, option)


def check_writable(path: str | Path | None, option: str = "--out") -> None:
    """Refuse before any work starts if ``path`` could not be written (tries a scratch file)."""
    if not path:
        return
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{option}: {str(path)!r} is a folder; allowed: a file path")
    _check_folder(path, option)
    try:
        with tempfile.NamedTemporaryFile(prefix=f".{path.name}.", dir=path.parent):
            pass
    except OSError as exc:
        raise _cannot_write(path, option, exc) from None


MAX_NAME = 200


def file_name(raw: str | None, field: str, default: str = "upload") -> str:
    """The last part of a file name a client sent (``default`` if none), refused when it is
    not a plain name of at most :data:`MAX_NAME` characters (``..``, NUL, too long)."""
    name = Path(raw).name if raw else default
    if (not name or name in (".", "..") or "\0" in name or len(name) > MAX_NAME
            or len(name.encode("utf-8", "surrogateescape")) > 255):
        shown = raw if len(raw or "") <= 60 else f"{raw[:60]}… ({len(raw)} characters)"
        raise InputError(f"{field}: {shown!r}; allowed: a plain file name of at most "
                         f"{MAX_NAME} characters, e.g. journal.jsonl")
    return name


def _check_folder(path: Path, option: str) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"{option}: folder {str(folder)!r} does not exist; allowed: a file in "
                         "an existing folder (make the folder first)")


def _cannot_write(path: Path, option: str, exc: OSError) -> InputError:
    return InputError(f"{option}: cannot write {str(path)!r} ({exc.strerror or exc})")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
