"""What one request may ask of the machine, and the lock that runs one simulation at a time.

The compiled ensemble kernel already uses every core, so requests queue for it instead of
fighting over the cores (and the kernel's thread pool is not made for concurrent callers).
"""

from __future__ import annotations

import threading

from ..errors import InputError
from ..model.scenario import MAX_STEPS  # the same limit as the command line's
from ..wording import counted

MAX_DAYS = 20 * 365.25  # horizon of any request (the model itself allows 50 years)
MAX_RUNS = 20_000  # dyads in an ensemble, or per choice in a comparison
MAX_ARMS = 4  # choices in one comparison
MAX_DYAD_STEPS = 40_000_000  # dyads x steps x choices of one request (about 20 s of work)
MAX_POINTS = 20_000  # trajectory rows a single run may return
MAX_CHANGES = 100  # parameter changes in one request

simulation_lock = threading.Lock()


def check_work(runs: int, arms: int, steps: int) -> None:
    """Raise :class:`InputError` when ``runs`` dyads x ``arms`` choices x steps is too much."""
    work = runs * arms * steps
    if work > MAX_DYAD_STEPS:
        raise InputError(f"runs = {runs}: {runs:,} couples × {counted(arms, 'choice')} × "
                         f"{steps:,} steps is {work:,} steps of work; allowed: at most "
                         f"{MAX_DYAD_STEPS:,} (fewer couples, a shorter horizon or a longer "
                         "step)")


def as_dict() -> dict[str, float]:
    """The limits, for the page and the API description."""
    return {"max_days": MAX_DAYS, "max_steps": MAX_STEPS, "max_runs": MAX_RUNS,
            "max_arms": MAX_ARMS, "max_dyad_steps": MAX_DYAD_STEPS, "max_points": MAX_POINTS,
            "max_changes": MAX_CHANGES}
