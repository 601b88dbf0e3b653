"""Response times of the explorer, against the web issues' targets.

1. The first "Where am I?" after ``twinflames serve`` starts (the real command in a
   subprocess, a 30-day journal, the page's settings): on a fresh install (an empty Numba cache,
   then the set-up's compile step, ``python -m twinflames.web.warming``, timed apart), on a later
   start, and with nothing compiled at all (a bare ``pip install`` that skipped the set-up: the
   server compiles while the page waits); then a later answer (another seed, so the server's kept
   answer is not reused). Targets: 15 s and 2 s.
2. Server-side times of the explorer's API through the real application (FastAPI's in-process
   test client: routing, validation, simulation and JSON encoding; no network), once the
   start-up warming is done.

Run:  .venv/bin/python benchmarks/bench_web.py  (about three minutes on a fresh cache)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import numpy as np

warnings.filterwarnings("ignore", message=".*httpx2")  # the test client's own notice

from fastapi.testclient import TestClient  # noqa: E402

from twinflames.journal import init_journal  # noqa: E402
from twinflames.web.app import create_app  # noqa: E402

ARMS = [{"changes": {"b.policy": "anxious"}}, {"changes": {"b.policy": "guided"}}]
CASES = [  # name, path, body, target seconds (None: reported only)
    ("single run, 5 years, 1 day steps", "/api/simulate",
     {"scenario": "classic", "days": 1826, "seed": 1}, 0.3),
    ("single run, 20 years, 1 day steps", "/api/simulate",
     {"scenario": "classic", "days": 7305, "seed": 1}, None),
    ("compare 1,000 dyads x 2 choices, 3 years, 1 day steps", "/api/compare",
     {"scenario": "classic", "runs": 1000, "arms": ARMS}, 3.0),
    ("compare 1,000 dyads x 2 choices, 5 years, 1 day steps", "/api/compare",
     {"scenario": "classic", "runs": 1000, "days": 1826, "arms": ARMS}, 3.0),
    ("compare 1,000 dyads x 2 choices, 3 years, 6 h steps", "/api/compare",
     {"scenario": "classic", "runs": 1000, "dt_hours": 6, "arms": ARMS}, None),
    ("compare 1,000 dyads x 2 choices, 3 years, 1 h steps", "/api/compare",
     {"scenario": "classic", "runs": 1000, "dt_hours": 1, "arms": ARMS}, None),
]


def timed(client: TestClient, path: str, body: dict, repeat: int) -> float:
    """Median seconds of ``repeat`` requests (each must answer 200)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.post(path, json=body)
        times.append(time.perf_counter() - t)
        assert r.status_code == 200, r.text
    return float(np.median(times))


WHERE = {"particles": 2000, "seed": 0}  # the page's defaults


def _journal(path: Path) -> None:
    """30 days: a well-being rating each day, urges, two reach-outs and a reply."""
    jr, _ = init_journal(path)
    day = dt.date(2024, 3, 1)
    for d in range(30):
        date = (day + dt.timedelta(days=d)).isoformat()
        jr.add("wellbeing", date=date, value=2 + d % 3)
        if d % 4 == 0:
            jr.add("urge", date=date, value=2, detail="resisted")
    for d, who in ((3, "me"), (12, "me"), (13, "them")):
        jr.add("reach_out" if who == "me" else "reply", who=who,
               date=(day + dt.timedelta(days=d)).isoformat())
    jr.close()


def _where(url: str, body: dict) -> None:
    req = urllib.request.Request(url + "api/journal/where", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=600) as r:
        assert r.status == 200


def first_answer(journal: Path, cache: str) -> tuple[float, float]:
    """Seconds from starting ``twinflames serve`` to the first "Where am I?" answer, and of a
    later answer (another seed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "twinflames.cli", "serve", "--port",
                             str(port), "--journal", str(journal)],
                            env={**os.environ, "NUMBA_CACHE_DIR": cache},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                _where(url, WHERE)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        first = time.perf_counter() - t
        t = time.perf_counter()
        _where(url, {**WHERE, "seed": 1})
        later = time.perf_counter() - t
        while not json.load(urllib.request.urlopen(url + "api/warming"))["all_ready"]:
            time.sleep(0.5)  # the other group finishes compiling into the cache
        return first, later
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "journal.sqlite"
        _journal(journal)
        cache = str(Path(folder) / "numba-cache")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "twinflames.web.warming"], check=True,
                       env={**os.environ, "NUMBA_CACHE_DIR": cache}, stderr=subprocess.DEVNULL)
        print(f"set-up's compile step on a fresh install (once): {time.perf_counter() - t:.1f} s")
        print(f"{'first Where am I? after twinflames serve starts':<56} {'s':>9} "
              f"{'target s':>9} {'ratio':>7}")
        starts = (("fresh install (after the set-up's compile step)", cache),
                  ("later start", cache),
                  ("nothing compiled (a bare pip install)", str(Path(folder) / "empty")))
        for name, where in starts:
            first, later = first_answer(journal, where)
            print(f"{name:<56} {first:>9.1f} {15:>9} {first / 15:>7.2f}")
            if where == cache:
                print(f"{'  then a later answer (another seed)':<56} {later:>9.2f} {2:>9} "
                      f"{later / 2:>7.2f}")
    print()
    t = time.perf_counter()
    with TestClient(create_app(), base_url="http://127.0.0.1") as client:
        client.app.state.warming.wait_all()
        start = time.perf_counter() - t
        print(f"start-up incl. warming the kernels (cache filled): {start:.2f} s")
        print(f"{'request':<56} {'median s':>9} {'target s':>9} {'ratio':>7}")
        for name, path, body, target in CASES:
            s = timed(client, path, body, 5 if path == "/api/simulate" else 3)
            ratio = f"{s / target:.2f}" if target else "-"
            print(f"{name:<56} {s:>9.3f} {target or '-':>9} {ratio:>7}")
    print("ratio = measured / target (below 1 meets the target)")


if __name__ == "__main__":
    main()
