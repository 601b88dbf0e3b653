"""The one place that says how model functions are compiled.

Every function of the model is written once, in plain Python on NumPy scalars, and compiled with
Numba. ``func.py_func`` is the same function uncompiled: the pure-Python reference engine.

``kernel`` marks the pieces of one step (dynamics, hazards, roles, random numbers): Numba inlines
them into their caller, so a whole step compiles into one straight piece of machine code (about
1.6x faster than calls between separately compiled functions). ``whole_run`` marks the loops
called from Python or from a parallel loop; they stay separate functions, which keeps compile
times short. ``bare_run`` marks the time loops themselves, which create no arrays: they are
compiled without Numba's reference counting, because every array an inlined kernel receives
otherwise costs an atomic increment and decrement, and those took 44% of an ensemble's time
(docs/performance.md). A ``bare_run`` cannot create an array (Numba refuses to compile it).
"""

import hashlib
import os
from pathlib import Path

import numba
from numba import njit

# Numba's OpenMP threads otherwise spin while they wait for the next parallel loop. The particle
# filter runs thousands of short loops, and on a busy machine the spinning threads keep the cores
# from the working ones: a 30-day answer took 6-7 s at load 6 instead of 0.35 s. Set before the
# first parallel loop starts OpenMP; a value the user chose is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def _cache_dir() -> Path:
    """Where compiled machine code is kept: a folder named by a digest of the package's source.

    Numba's cache is keyed on each compiled function's own file, but ``kernel`` functions are
    inlined into their callers from other files: after an edit (or a ``git pull``) that touched
    only an inlined file, the old machine code would run. A folder per version of the source
    makes any change start from a fresh cache.
    """
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return home / "twinflames" / "numba" / digest.hexdigest()[:16]


if not os.environ.get("NUMBA_CACHE_DIR"):  # a folder the user chose is kept
    numba.config.CACHE_DIR = str(_cache_dir())

kernel = njit(cache=True, nogil=True, inline="always")
whole_run = njit(cache=True, nogil=True)
bare_run = njit(cache=True, nogil=True, _nrt=False)
