"""Writing output files safely: never a half-written file, and one clear error if impossible."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import InputError


def write_atomically(path: str | Path, write: Callable[[Path], None], option: str = "--out"
                     ) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path`` and rename it into place.

    If anything fails, the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise _cannot_write(path, option, exc) from None
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary
        os.replace(tmp, path)
    except OSError as exc:
        raise _cannot_write(path, option, exc) from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


def check_writable(path: str | Path | None, option: str = "--out") -> None:
    """Refuse before any work starts if ``path`` could not be written (tries a scratch file)."""
    if not path:
        return
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{option}: {str(path)!r} is a folder; allowed: a file path")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(prefix=f".{path.name}.", dir=path.parent):
            pass
    except OSError as exc:
        raise _cannot_write(path, option, exc) from None


def _cannot_write(path: Path, option: str, exc: OSError) -> InputError:
    return InputError(f"{option}: cannot write {str(path)!r} ({exc.strerror or exc})")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
