"""The one place that says how model functions are compiled.

Every function of the model is written once, in plain Python on NumPy scalars, and compiled with
Numba. ``func.py_func`` is the same function uncompiled: the pure-Python reference engine.

``kernel`` marks the pieces of one step (dynamics, hazards, roles, random numbers): Numba inlines
them into their caller, so a whole step compiles into one straight piece of machine code (about
1.6x faster than calls between separately compiled functions). ``whole_run`` marks the loops
called from Python or from a parallel loop; they stay separate functions, which keeps compile
times short.
"""

import os

from numba import njit

# Numba's OpenMP threads otherwise spin while they wait for the next parallel loop. The particle
# filter runs thousands of short loops, and on a busy machine the spinning threads keep the cores
# from the working ones: a 30-day answer took 6-7 s at load 6 instead of 0.35 s. Set before the
# first parallel loop starts OpenMP; a value the user chose is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

kernel = njit(cache=True, nogil=True, inline="always")
whole_run = njit(cache=True, nogil=True)
