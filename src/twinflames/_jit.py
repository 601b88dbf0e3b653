"""The one place that says how model functions are compiled.

Every function of the model is written once, in plain Python on NumPy scalars, and compiled with
Numba. ``func.py_func`` is the same function uncompiled: the pure-Python reference engine.

``kernel`` marks the pieces of one step (dynamics, hazards, roles, random numbers): Numba inlines
them into their caller, so a whole step compiles into one straight piece of machine code (about
1.6x faster than calls between separately compiled functions). ``whole_run`` marks the loops
called from Python or from a parallel loop; they stay separate functions, which keeps compile
times short.
"""

from numba import njit

kernel = njit(cache=True, nogil=True, inline="always")
whole_run = njit(cache=True, nogil=True)
