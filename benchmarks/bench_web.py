"""Server-side response times of the explorer's API, against the web issue's targets.

Requests go through the real application (FastAPI's in-process test client: routing,
validation, simulation and JSON encoding; no network). Kernels are warmed first, as
``twinflames serve`` does at start-up.

Run:  .venv/bin/python benchmarks/bench_web.py
"""

from __future__ import annotations

import time
import warnings

import numpy as np

warnings.filterwarnings("ignore", message=".*httpx2")  # the test client's own notice

from fastapi.testclient import TestClient  # noqa: E402

from twinflames.web.app import create_app  # noqa: E402

ARMS = [{"changes": {"b.policy": "anxious"}}, {"changes": {"b.policy": "guided"}}]
CASES = [  # name, path, body, target seconds (None: reported only)
    ("single run, 5 years, 1 h steps", "/api/simulate",
     {"scenario": "classic", "days": 1826, "seed": 1}, 0.3),
    ("single run, 20 years, 1 h steps", "/api/simulate",
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


def main() -> None:
    t = time.perf_counter()
    with TestClient(create_app()) as client:
        start = time.perf_counter() - t
        print(f"start-up incl. warming the kernels: {start:.2f} s")
        print(f"{'request':<56} {'median s':>9} {'target s':>9} {'ratio':>7}")
        for name, path, body, target in CASES:
            s = timed(client, path, body, 5 if path == "/api/simulate" else 3)
            ratio = f"{s / target:.2f}" if target else "-"
            print(f"{name:<56} {s:>9.3f} {target or '-':>9} {ratio:>7}")
    print("ratio = measured / target (below 1 meets the target)")


if __name__ == "__main__":
    main()
