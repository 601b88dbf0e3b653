"""Getting the compiled kernels ready at start-up, in the background, so the page answers fast.

Numba compiles each kernel the first time it runs on a machine (about a minute of work for all
the page uses, on a fresh install) and keeps the machine code in its cache; later starts only
load it. ``twinflames serve`` warms both groups the page uses (``explore``: one run and
comparisons; ``journal``: the inference behind "Where am I?", its forecast and guide) at once, each
in a helper process so they compile side by side on separate cores; then this process loads
them from the cache. A request that needs a group waits for it rather than compiling it a second
time, and ``GET /api/warming`` tells the page what is happening.

Run ``python -m twinflames.web.warming GROUP`` to compile one group (what the helpers do), or
with no group to compile every group side by side: ``scripts/setup.sh`` does this once per
install, so that even the first start of ``twinflames serve`` only loads the machine code (a
few seconds) instead of compiling it (about 35 s of one core per group on this machine).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time
from typing import Any

GROUPS = ("explore", "journal")
MODULE = "twinflames.web.warming"  # run with -m, one group per helper process
# the routes that run kernels, by the group they need (the longest prefix first)
NEEDS = {"/api/journal/where": "journal", "/api/journal/forecast": "journal",
         "/api/journal/guide": "journal", "/api/simulate": "explore",
         "/api/ensemble": "explore", "/api/compare": "explore"}


def warm(group: str) -> None:
    """Run every kernel of ``group`` once on tiny inputs (compiling it, or loading it)."""
    if group == "explore":
        from .. import api

        api.simulate("classic", days=2)
        api.ensemble("classic", 4, days=2, dt_hours=24, progress=False)
        return
    from .. import inference
    from ..inference.guidance import guide
    from ..journal import make_entry

    day = dt.date(2024, 3, 1)
    entries = [make_entry("wellbeing", (day + dt.timedelta(days=d)).isoformat(), None, None,
                          3, None, None) for d in range(8)]
    entries.append(make_entry("reach_out", day.isoformat(), None, "me", None, None, None))
    result = inference.infer(entries, particles=100, seed=0)
    result.forecast(vs=["me=current", "me=guided"], days=2, runs=10)
    guide(result)


class Warming:
    """The state of the start-up warming: which groups are ready, since when it runs."""

    def __init__(self) -> None:
        self._ready = {g: threading.Event() for g in GROUPS}
        self._started = time.monotonic()
        self._helpers: list[subprocess.Popen] = []
        self._seconds: dict[str, float] = {}
        self._stopping = threading.Event()

    def start(self) -> None:
        """Warm every group in the background (returns at once)."""
        for group in GROUPS:
            threading.Thread(target=self._warm, args=(group,), daemon=True,
                             name=f"warm-{group}").start()

    def skip(self) -> None:
        """Mark every group ready without warming (the first request compiles what it needs)."""
        for event in self._ready.values():
            event.set()

    def _warm(self, group: str) -> None:
        try:
            helper = subprocess.Popen([sys.executable, "-m", MODULE, group],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self._helpers.append(helper)
            helper.wait()
            if not self._stopping.is_set():
                warm(group)  # from the helper's cache; compiles here if the helper could not
        finally:
            self._seconds[group] = round(time.monotonic() - self._started, 1)
            self._ready[group].set()

    def is_ready(self, group: str) -> bool:
        """True once ``group`` is ready."""
        return self._ready[group].is_set()

    def wait_all(self) -> None:
        """Block until every group is ready."""
        for event in self._ready.values():
            event.wait()

    def stop(self) -> None:
        """End helpers still compiling (the server is stopping)."""
        self._stopping.set()
        for helper in self._helpers:
            if helper.poll() is None:
                helper.terminate()

    def status(self) -> dict[str, Any]:
        """``ready`` per group, ``all_ready``, ``seconds`` since the start and, per ready
        group, the seconds it took (``took``)."""
        ready = {g: e.is_set() for g, e in self._ready.items()}
        return {"ready": ready, "all_ready": all(ready.values()),
                "seconds": round(time.monotonic() - self._started, 1),
                "took": dict(self._seconds)}


def needs(path: str) -> str | None:
    """The group a request to ``path`` needs, if any."""
    return next((g for prefix, g in NEEDS.items() if path.startswith(prefix)), None)


def compile_all() -> float:
    """Compile every group into the cache, each in its own process side by side; the seconds."""
    started = time.monotonic()
    helpers = [subprocess.Popen([sys.executable, "-m", MODULE, group]) for group in GROUPS]
    if any(helper.wait() for helper in helpers):
        raise RuntimeError("compiling the kernels failed (the messages above say why)")
    return time.monotonic() - started


if __name__ == "__main__":  # one group (a helper of serve), or every group (set-up)
    if len(sys.argv) > 1:
        warm(sys.argv[1])
    else:
        print(f"the compiled kernels are ready ({compile_all():.0f} s)", file=sys.stderr)
