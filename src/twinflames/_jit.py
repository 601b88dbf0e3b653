"""The one place that says how model functions are compiled.

Every function of the model is written once, in plain Python on NumPy scalars, and compiled with
Numba. ``func.py_func`` is the same function uncompiled: the pure-Python reference engine.
"""

from numba import njit

kernel = njit(cache=True, nogil=True)
